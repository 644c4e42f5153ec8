// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// versioned is a fake list whose content is the number of writes made so far.
type versioned struct {
	writes  atomic.Int64
	fetches atomic.Int64
}

func (v *versioned) fetch(context.Context) ([]int64, error) {
	v.fetches.Add(1)
	time.Sleep(time.Millisecond)
	return []int64{v.writes.Load()}, nil
}

// hangTimeout only tells a hang from a pass (nothing waits for it in a passing run): long
// enough for the slowest loaded machine.
const hangTimeout = time.Minute

// queued waits until n callers have joined the round of key that has not started yet: the
// event the tests need before they release a running fetch or cancel a queued caller.
func queued(f *FreshLists, key string, n int) {
	for {
		f.mu.Lock()
		r := f.latest[key]
		ok := r != nil && !r.started && r.waiters >= n
		f.mu.Unlock()
		if ok {
			return
		}
		runtime.Gosched()
	}
}

func TestFetchFreshSequentialCallsFetchEachTime(t *testing.T) {
	var f FreshLists
	var v versioned
	for i := 1; i <= 3; i++ {
		v.writes.Add(1)
		got, err := FetchFresh(context.Background(), &f, "kb", v.fetch)
		if err != nil || got[0] != int64(i) {
			t.Fatalf("call %d: %v %v", i, got, err)
		}
	}
	if v.fetches.Load() != 3 || len(f.latest) != 0 {
		t.Fatalf("%d fetches, %d rounds left; want 3 and 0", v.fetches.Load(), len(f.latest))
	}
}

// Callers that arrive while a fetch runs never take its (possibly stale) answer: they share
// the one fetch that starts after it.
func TestFetchFreshCallersDuringAFetchShareTheNext(t *testing.T) {
	var f FreshLists
	release := make(chan struct{})
	var fetches atomic.Int64
	fetch := func(context.Context) ([]int64, error) { //nolint:unparam // FetchFresh's fetcher type
		n := fetches.Add(1)
		if n == 1 {
			<-release
		}
		return []int64{n}, nil
	}
	first := make(chan int64)
	go func() {
		got, _ := FetchFresh(context.Background(), &f, "kb", fetch)
		first <- got[0]
	}()
	for fetches.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	var wg sync.WaitGroup
	results := make([]int64, 5)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := FetchFresh(context.Background(), &f, "kb", fetch)
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = got[0]
		}()
	}
	queued(&f, "kb", len(results)) // all of them behind the running fetch
	close(release)
	wg.Wait()
	if got := <-first; got != 1 {
		t.Fatalf("first caller got fetch %d", got)
	}
	for i, r := range results {
		if r != 2 {
			t.Errorf("caller %d got fetch %d, want the shared second fetch", i, r)
		}
	}
	if fetches.Load() != 2 {
		t.Fatalf("%d fetches, want 2", fetches.Load())
	}
}

// Every caller sees every write made before its call, and concurrent writers share fetches.
func TestFetchFreshSeesEveryEarlierWrite(t *testing.T) {
	var f FreshLists
	var v versioned
	const writers = 200
	var wg sync.WaitGroup
	sem := make(chan struct{}, 10) // Terraform's default parallelism
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			written := v.writes.Add(1)
			got, err := FetchFresh(context.Background(), &f, "kb", v.fetch)
			if err != nil {
				t.Error(err)
				return
			}
			if got[0] < written {
				t.Errorf("a caller that wrote version %d read version %d", written, got[0])
			}
		}()
	}
	wg.Wait()
	if n := v.fetches.Load(); n >= writers/2 {
		t.Errorf("%d fetches for %d concurrent writers: not shared", n, writers)
	} else {
		t.Logf("%d writers, %d fetches", writers, n)
	}
}

func TestFetchFreshDoesNotKeepErrors(t *testing.T) {
	var f FreshLists
	boom := errors.New("boom")
	if _, err := FetchFresh(context.Background(), &f, "kb", func(context.Context) ([]int, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, err := FetchFresh(context.Background(), &f, "kb", func(context.Context) ([]int, error) { return []int{1}, nil })
	if err != nil || len(got) != 1 {
		t.Fatalf("after an error: %v %v", got, err)
	}
}

// A caller that gives up while queued does not leave the queue stuck.
func TestFetchFreshAbandonedRoundDoesNotBlock(t *testing.T) {
	var f FreshLists
	release := make(chan struct{})
	started := make(chan struct{})
	go func() {
		_, _ = FetchFresh(context.Background(), &f, "kb", func(context.Context) ([]int, error) {
			close(started)
			<-release
			return []int{1}, nil
		})
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error)
	go func() {
		_, err := FetchFresh(ctx, &f, "kb", func(context.Context) ([]int, error) { return []int{2}, nil })
		gaveUp <- err
	}()
	queued(&f, "kb", 1)
	cancel()
	if err := <-gaveUp; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	close(release)
	done := make(chan []int)
	go func() {
		got, _ := FetchFresh(context.Background(), &f, "kb", func(context.Context) ([]int, error) { return []int{3}, nil })
		done <- got
	}()
	select {
	case got := <-done:
		if len(got) != 1 || got[0] != 3 {
			t.Fatalf("got %v", got)
		}
	case <-time.After(hangTimeout):
		t.Fatal("a later caller is stuck behind the abandoned round")
	}
}

func TestFetchFreshKeysAreIndependent(t *testing.T) {
	var f FreshLists
	release, started := make(chan struct{}), make(chan struct{})
	go func() {
		_, _ = FetchFresh(context.Background(), &f, "a", func(context.Context) ([]int, error) { close(started); <-release; return nil, nil })
	}()
	<-started
	done := make(chan struct{})
	go func() {
		_, _ = FetchFresh(context.Background(), &f, "b", func(context.Context) ([]int, error) { return nil, nil })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(hangTimeout):
		t.Fatal("key b waited for key a")
	}
	close(release)
}
