// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"strconv"
	"time"
)

// rateLimiter implements contract §1.6: per (app, resource) a fixed burst window opened
// by the first request, and a daily count that resets at 00:00 UTC (unconfirmed; the
// emulator's choice). Requests refused with 429 are not counted. Guarded by e.mu; not
// persisted (a restart forgets the windows).
type rateLimiter struct {
	burst    int
	window   time.Duration
	daily    int
	disabled bool
	buckets  map[rlKey]*rlBucket
}

type rlKey struct{ app, resource string }

type rlBucket struct {
	windowStart time.Time
	count       int
	day         int // days since the epoch (UTC) of dailyCount
	dailyCount  int
}

func newRateLimiter(burst int, window time.Duration, daily int) rateLimiter {
	rl := rateLimiter{burst: burst, window: window, daily: daily, buckets: map[rlKey]*rlBucket{}}
	if burst == 0 {
		rl.burst = defaultBurst
	}
	if burst < 0 {
		rl.disabled = true
		rl.burst = defaultBurst
	}
	return rl
}

// configure changes the limits (control plane). Existing windows are kept.
func (rl *rateLimiter) configure(burst int, window time.Duration, daily int, disabled bool) {
	if burst > 0 {
		rl.burst = burst
	}
	if window > 0 {
		rl.window = window
	}
	if daily > 0 {
		rl.daily = daily
	}
	rl.disabled = disabled
}

// allow counts one request and sets the §1.6 headers on h; it returns false (and sets
// Retry-After) when the request must be refused with 429. With limits off no headers are
// sent.
func (rl *rateLimiter) allow(now time.Time, app, resource string, h http.Header) bool {
	if rl.disabled {
		return true
	}
	k := rlKey{app, resource}
	b := rl.buckets[k]
	if b == nil {
		b = &rlBucket{}
		rl.buckets[k] = b
	}
	if b.count == 0 || !now.Before(b.windowStart.Add(rl.window)) {
		b.windowStart, b.count = now, 0
	}
	if day := int(now.Unix() / 86400); day != b.day {
		b.day, b.dailyCount = day, 0
	}

	limited, retry := true, time.Duration(0)
	switch {
	case b.dailyCount >= rl.daily:
		retry = time.Unix(int64(b.day+1)*86400, 0).Sub(now)
	case b.count >= rl.burst:
		retry = b.windowStart.Add(rl.window).Sub(now)
	default:
		limited = false
		b.count++
		b.dailyCount++
	}
	h.Set("X-RateLimit-Limit-Daily", strconv.Itoa(rl.daily))
	h.Set("X-RateLimit-Daily-Remaining", strconv.Itoa(max(rl.daily-b.dailyCount, 0)))
	h.Set("X-RateLimit-Interval-Milliseconds", strconv.FormatInt(rl.window.Milliseconds(), 10))
	h.Set("X-RateLimit-Max", strconv.Itoa(rl.burst))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(rl.burst-b.count, 0)))
	if !limited {
		return true
	}
	secs := int64((retry + time.Second - 1) / time.Second) // round up, at least 1
	h.Set("Retry-After", strconv.FormatInt(max(secs, 1), 10))
	return false
}
