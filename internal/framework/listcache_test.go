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

func TestCachedItemLooksUpTheCachedList(t *testing.T) {
	type item struct{ ID, Name string }
	var c ListCache
	var fetches atomic.Int32
	version := "v1"
	fetch := func(context.Context) ([]item, error) { //nolint:unparam // CachedList's fetcher type
		fetches.Add(1)
		return []item{{"a", version}, {"b", version}, {"a", "duplicate"}}, nil
	}
	id := func(it *item) string { return it.ID }
	ctx := context.Background()
	if got, ok, err := CachedItem(ctx, &c, "kb1", fetch, id, "a"); err != nil || !ok || got.Name != "v1" {
		t.Fatalf("a: %+v %v %v, want the first item with that id", got, ok, err)
	}
	if got, ok, err := CachedItem(ctx, &c, "kb1", fetch, id, "missing"); err != nil || ok || got != nil {
		t.Fatalf("missing: %+v %v %v", got, ok, err)
	}
	if list, err := CachedList(ctx, &c, "kb1", fetch); err != nil || len(list) != 3 || fetches.Load() != 1 {
		t.Fatalf("the list and the lookups share one fetch: %v %v, %d fetches", list, err, fetches.Load())
	}
	c.Invalidate("kb1")
	version = "v2"
	if got, ok, err := CachedItem(ctx, &c, "kb1", fetch, id, "b"); err != nil || !ok || got.Name != "v2" || fetches.Load() != 2 {
		t.Fatalf("after Invalidate: %+v %v %v, %d fetches; want the new list", got, ok, err, fetches.Load())
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
