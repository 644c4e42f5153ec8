// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestListCacheSharesOneFetch(t *testing.T) {
	var c ListCache
	var fetches atomic.Int32
	fetch := func(context.Context) ([]string, error) { //nolint:unparam // CachedList's fetcher type
		fetches.Add(1)
		time.Sleep(20 * time.Millisecond) // readers pile up behind the fetch in flight
		return []string{"a", "b"}, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := CachedList(context.Background(), &c, "kb1", fetch)
			if err != nil || len(got) != 2 {
				t.Errorf("got %v %v", got, err)
			}
		}()
	}
	wg.Wait()
	if n := fetches.Load(); n != 1 {
		t.Fatalf("%d fetches for 20 readers, want 1", n)
	}
	c.Invalidate("kb1")
	if _, err := CachedList(context.Background(), &c, "kb1", fetch); err != nil || fetches.Load() != 2 {
		t.Fatalf("after Invalidate: err %v, fetches %d, want a new fetch", err, fetches.Load())
	}
}

func TestListCacheDoesNotKeepErrors(t *testing.T) {
	var c ListCache
	fail := true
	fetch := func(context.Context) ([]int, error) {
		if fail {
			return nil, errors.New("boom")
		}
		return []int{1}, nil
	}
	if _, err := CachedList(context.Background(), &c, "k", fetch); err == nil {
		t.Fatal("want the fetch error")
	}
	fail = false
	if got, err := CachedList(context.Background(), &c, "k", fetch); err != nil || len(got) != 1 {
		t.Fatalf("got %v %v after a failed fetch, want a retry", got, err)
	}
}

func TestKeyedMutexSerialisesPerKey(t *testing.T) {
	var k KeyedMutex
	var inside, maxInside atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := k.Lock("agent1")
			defer unlock()
			n := inside.Add(1)
			if n > maxInside.Load() {
				maxInside.Store(n)
			}
			time.Sleep(time.Millisecond)
			inside.Add(-1)
		}()
	}
	wg.Wait()
	if maxInside.Load() != 1 {
		t.Fatalf("%d writers inside at once, want 1", maxInside.Load())
	}
	// Another key does not wait for a held one.
	unlock := k.Lock("agent1")
	done := make(chan struct{})
	go func() { k.Lock("agent2")(); close(done) }()
	select {
	case <-done:
	case <-time.After(hangTimeout):
		t.Fatal("agent2 waited for agent1")
	}
	unlock()
	if len(k.locks) != 0 {
		t.Fatalf("%d locks left behind", len(k.locks))
	}
}
