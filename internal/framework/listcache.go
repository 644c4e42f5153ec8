// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"sync"
)

// ListCache shares, within one provider run, the list of children of a parent whose API has no
// GET by id (FAQs, crawled pages, actions): refreshing 500 FAQs of a knowledge base costs one
// paged list, not 500 (DESIGN.md "Performance targets"). Concurrent readers of the same key
// wait for the one fetch in flight. Writers call Invalidate after changing a parent's
// children, so that the next read sees the API's answer.
type ListCache struct {
	mu      sync.Mutex
	entries map[string]*listEntry
}

type listEntry struct {
	done  chan struct{}
	value any
	err   error
}

// CachedList returns the cached list for key, fetching it once if needed. A failed fetch is
// not cached.
func CachedList[T any](ctx context.Context, c *ListCache, key string, fetch func(context.Context) ([]T, error)) ([]T, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*listEntry{}
	}
	e, ok := c.entries[key]
	if !ok {
		e = &listEntry{done: make(chan struct{})}
		c.entries[key] = e
		c.mu.Unlock()
		e.value, e.err = fetch(ctx)
		if e.err != nil {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
		close(e.done)
	} else {
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	list, ok := e.value.([]T)
	if !ok {
		return nil, fmt.Errorf("list cache key %q holds %T, not %T (a bug in the provider)", key, e.value, list)
	}
	return list, nil
}

// Invalidate forgets the list of key.
func (c *ListCache) Invalidate(key string) {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
}
