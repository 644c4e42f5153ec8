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

	indexOnce sync.Once
	index     map[string]int // CachedItem: id → position in value, built once per fetch
}

// CachedList returns the cached list for key, fetching it once if needed. A failed fetch is
// not cached.
func CachedList[T any](ctx context.Context, c *ListCache, key string, fetch func(context.Context) ([]T, error)) ([]T, error) {
	_, list, err := cachedEntry(ctx, c, key, fetch)
	return list, err
}

// CachedItem returns the item of key's cached list (CachedList) whose id is id, and whether
// there is one, through an index built once per fetched list: reading each of N children of
// one parent costs N lookups, not N scans of N items. idOf gives an item's id; of two items
// with one id, the first is found.
func CachedItem[T any](ctx context.Context, c *ListCache, key string, fetch func(context.Context) ([]T, error),
	idOf func(*T) string, id string,
) (*T, bool, error) {
	e, list, err := cachedEntry(ctx, c, key, fetch)
	if err != nil {
		return nil, false, err
	}
	e.indexOnce.Do(func() {
		e.index = make(map[string]int, len(list))
		for i := range list {
			if _, dup := e.index[idOf(&list[i])]; !dup {
				e.index[idOf(&list[i])] = i
			}
		}
	})
	i, ok := e.index[id]
	if !ok {
		return nil, false, nil
	}
	return &list[i], true, nil
}

func cachedEntry[T any](ctx context.Context, c *ListCache, key string, fetch func(context.Context) ([]T, error)) (*listEntry, []T, error) {
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
			return nil, nil, ctx.Err()
		}
	}
	if e.err != nil {
		return nil, nil, e.err
	}
	list, ok := e.value.([]T)
	if !ok {
		return nil, nil, fmt.Errorf("list cache key %q holds %T, not %T (a bug in the provider)", key, e.value, list)
	}
	return e, list, nil
}

// Invalidate forgets the list of key.
func (c *ListCache) Invalidate(key string) {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
}
