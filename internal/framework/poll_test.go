// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestPollUntilDone(t *testing.T) {
	b := Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond, Factor: 2}
	calls := 0
	err := b.Poll(context.Background(), "the work", func(context.Context) (bool, string, error) {
		calls++
		return calls == 5, fmt.Sprintf("step %d", calls), nil
	})
	if err != nil || calls != 5 {
		t.Fatalf("err %v after %d calls, want nil after 5", err, calls)
	}
}

func TestPollStopsOnCheckError(t *testing.T) {
	b := Backoff{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	boom := errors.New("crawl failed")
	calls := 0
	err := b.Poll(context.Background(), "the work", func(context.Context) (bool, string, error) {
		calls++
		if calls == 2 {
			return false, "", boom
		}
		return false, "working", nil
	})
	if !errors.Is(err, boom) || IsPollTimeout(err) || calls != 2 {
		t.Fatalf("err %v after %d calls, want the check's error after 2", err, calls)
	}
}

func TestPollTimeoutReportsLastProgress(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	b := Backoff{Initial: time.Millisecond, Max: 5 * time.Millisecond, Factor: 2}
	calls := 0
	start := time.Now()
	err := b.Poll(ctx, "the crawl of https://example.com", func(context.Context) (bool, string, error) {
		calls++
		return false, fmt.Sprintf("%d pages found", min(calls, 3)), nil
	})
	var te *PollTimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a *PollTimeoutError wrapping the deadline", err)
	}
	for _, want := range []string{"timed out after", "the crawl of https://example.com", "last progress seen: 3 pages found"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if time.Since(start) > time.Second {
		t.Fatalf("Poll returned %s after the deadline", time.Since(start))
	}
}

func TestPollTimeoutBeforeAnyProgress(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := DefaultPollBackoff.Poll(ctx, "the file", func(context.Context) (bool, string, error) {
		t.Fatal("check called after the context ended")
		return false, "", nil
	})
	if !IsPollTimeout(err) || !strings.Contains(err.Error(), "no progress was seen yet") {
		t.Fatalf("err = %v", err)
	}
}

// A check whose API call fails because the deadline passed is a timeout, not an API error.
func TestPollCheckErrorFromEndingContextIsTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	b := Backoff{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	err := b.Poll(ctx, "the work", func(ctx context.Context) (bool, string, error) {
		<-ctx.Done()
		return false, "", fmt.Errorf("GET /status: %w", ctx.Err())
	})
	if !IsPollTimeout(err) {
		t.Fatalf("err = %v, want a timeout", err)
	}
}

func TestBackoffGrowsToMax(t *testing.T) {
	b := Backoff{Initial: time.Second, Max: 3 * time.Second, Factor: 2}
	got := []time.Duration{b.Initial}
	for range 3 {
		got = append(got, b.next(got[len(got)-1]))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pauses %v, want %v", got, want)
		}
	}
	for range 100 {
		if j := jitter(time.Second); j < 900*time.Millisecond || j > 1100*time.Millisecond {
			t.Fatalf("jitter(1s) = %s, want within 10%%", j)
		}
	}
}
