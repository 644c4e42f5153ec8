// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// serverWindow and serverWindowMax are the API's burst limit: 100 requests per 10 s per app
// and resource (contract §1.6).
const (
	serverWindow    = 10 * time.Second
	serverWindowMax = 100
)

// limiterSet is a client-side token bucket per resource (location id, or "company:<id>" for
// agency calls), so that one busy location never slows another and no location exceeds the
// server's window.
//
// With refill rate r per window and burst b, any window of serverWindow holds at most b + r
// requests. The set picks b = min(r, 100 - r) (at least 1) and lowers r when needed so that
// b + r <= 100: with the default r = 95, b = 5, so no 10 s window, however it is aligned with
// the server's, holds more than 100 requests, and the sustained rate is 95 per 10 s. A negative
// perWindow turns the limiter off (for the emulator with its limits off).
type limiterSet struct {
	mu    sync.Mutex
	m     map[string]*rate.Limiter
	limit rate.Limit
	burst int
}

func newLimiterSet(perWindow int) *limiterSet {
	if perWindow < 0 {
		return &limiterSet{m: map[string]*rate.Limiter{}, limit: rate.Inf, burst: 1}
	}
	if perWindow > serverWindowMax {
		perWindow = serverWindowMax
	}
	burst := min(perWindow, serverWindowMax-perWindow)
	if burst < 1 {
		burst = 1
	}
	if perWindow+burst > serverWindowMax {
		perWindow = serverWindowMax - burst
	}
	return &limiterSet{
		m:     map[string]*rate.Limiter{},
		limit: rate.Limit(float64(perWindow) / serverWindow.Seconds()),
		burst: burst,
	}
}

func (s *limiterSet) get(key string) *rate.Limiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.m[key]
	if !ok {
		l = rate.NewLimiter(s.limit, s.burst)
		s.m[key] = l
	}
	return l
}

// errLimiter is returned when the client-side limiter cannot grant a request before the
// context ends. It is never retried.
type errLimiter struct {
	key string
	err error
}

func (e *errLimiter) Error() string {
	return fmt.Sprintf("client-side rate limit for %s: %v", e.key, e.err)
}

func (e *errLimiter) Unwrap() error { return e.err }

// wait blocks until the bucket of key grants one request, or ctx ends (it fails at once when
// the wait would pass ctx's deadline).
func (s *limiterSet) wait(ctx context.Context, key string) (time.Duration, error) {
	start := time.Now()
	if err := s.get(key).Wait(ctx); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return time.Since(start), &errLimiter{key: key, err: err}
	}
	return time.Since(start), nil
}
