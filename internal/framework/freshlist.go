// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"sync"
)

// FreshLists shares the re-reads that follow writes to children without a GET by id (an FAQ
// update answers {success:true} only, so the provider lists the knowledge base's FAQs to read
// it back, DESIGN.md rule 1).
//
// A re-read must come from a list fetched after the caller's write; ListCache cannot give
// that to many writers at once without one fetch per write (each write invalidates the fetch
// in flight). FreshLists runs at most one fetch per key at a time: a caller that arrives while
// a fetch runs joins the next one, which starts when the running one ends. So writers that
// finish together share a fetch, and updating N children costs about one list per wave of
// concurrent writes instead of one per write.
type FreshLists struct {
	mu     sync.Mutex
	latest map[string]*freshRound
}

// freshRound is one fetch of a key's list. It starts after prev has ended.
type freshRound struct {
	prev    *freshRound
	waiters int // callers that joined and have not given up
	started bool
	done    chan struct{}
	value   any
	err     error
}

// FetchFresh returns the list of key from a fetch that started after this call, sharing it
// with every other caller that needs the same. The fetch runs with the context of one of the
// callers that share it.
func FetchFresh[T any](ctx context.Context, f *FreshLists, key string, fetch func(context.Context) ([]T, error)) ([]T, error) {
	f.mu.Lock()
	if f.latest == nil {
		f.latest = map[string]*freshRound{}
	}
	r := f.latest[key]
	if r == nil || r.started {
		// The latest fetch (if any) may have started before the caller's write: queue a new one.
		r = &freshRound{prev: r, done: make(chan struct{})}
		f.latest[key] = r
	}
	r.waiters++
	prev := r.prev
	f.mu.Unlock()

	if prev != nil {
		select {
		case <-prev.done:
		case <-ctx.Done():
			f.abandon(key, r)
			return nil, ctx.Err()
		}
	}
	f.mu.Lock()
	run := !r.started
	r.started = true
	r.prev = nil // let the finished round be collected
	f.mu.Unlock()

	if run {
		value, err := fetch(ctx)
		f.mu.Lock()
		r.value, r.err = value, err
		if f.latest[key] == r {
			delete(f.latest, key)
		}
		f.mu.Unlock()
		close(r.done)
	} else {
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	list, ok := r.value.([]T)
	if !ok {
		return nil, fmt.Errorf("fresh list key %q holds %T, not %T (a bug in the provider)", key, r.value, list)
	}
	return list, nil
}

// abandon is called by a caller that gives up before its round started. When nobody is left
// to run the round, it is closed unrun so that the rounds queued after it can go.
func (f *FreshLists) abandon(key string, r *freshRound) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r.waiters--
	if r.waiters > 0 || r.started {
		return
	}
	r.started, r.prev, r.err = true, nil, context.Canceled
	if f.latest[key] == r {
		delete(f.latest, key)
	}
	close(r.done)
}
