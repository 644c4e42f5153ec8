// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Long-running server work (a website crawl, a file being processed) is started by one call
// and then watched until it finishes (DESIGN.md rule 9). Backoff.Poll does the watching: it
// checks with growing pauses, logs each new stage of progress at INFO so that `TF_LOG=INFO`
// shows how far the work got, and, when the resource's timeout ends first, says what it last
// saw.

// Backoff is how Poll paces its checks: it waits Initial before the first check, then
// multiplies the pause by Factor after each check, up to Max. Each pause varies by ±10% so
// that resources started together do not poll in lockstep.
type Backoff struct {
	Initial, Max time.Duration
	Factor       float64
}

// DefaultPollBackoff checks after a quarter of a second at first and every 10 seconds at most:
// quick for short work, cheap (against the API's rate limit) for a crawl of many minutes.
var DefaultPollBackoff = Backoff{Initial: 250 * time.Millisecond, Max: 10 * time.Second, Factor: 1.5}

// PollCheck looks at the work once. It reports whether the work is finished, and a short
// description of the progress seen ("12 pages found, 5 of 12 trained") for logs and for the
// timeout error. An error stops the polling (a failed crawl, an API error after the client's
// own retries).
type PollCheck func(ctx context.Context) (done bool, progress string, err error)

// PollTimeoutError is the error of Poll when its context ends before the work finishes: what
// was awaited, for how long, and the last progress seen.
type PollTimeoutError struct {
	What         string
	Waited       time.Duration
	LastProgress string
	Err          error // the context's error
}

func (e *PollTimeoutError) Error() string {
	msg := fmt.Sprintf("timed out after %s waiting for %s", e.Waited.Round(time.Millisecond), e.What)
	if e.LastProgress == "" {
		return msg + " (no progress was seen yet)"
	}
	return msg + "; last progress seen: " + e.LastProgress
}

func (e *PollTimeoutError) Unwrap() error { return e.Err }

// Poll calls check until it reports done or returns an error, pausing between calls as b
// says. what names the work in logs and errors ("the crawl of https://example.com"). Each
// progress text that differs from the previous one is logged at INFO, a repeated one at
// DEBUG. When ctx ends first (the `timeouts` of the resource), Poll returns a
// *PollTimeoutError with the last progress; an error of check that comes from the ending
// context counts as that timeout too.
func (b Backoff) Poll(ctx context.Context, what string, check PollCheck) error {
	start := time.Now()
	pause := b.Initial
	if pause <= 0 {
		pause = DefaultPollBackoff.Initial
	}
	last := ""
	timeout := func(err error) error {
		return &PollTimeoutError{What: what, Waited: time.Since(start), LastProgress: last, Err: err}
	}
	for checks := 1; ; checks++ {
		timer := time.NewTimer(jitter(pause))
		select {
		case <-ctx.Done():
			timer.Stop()
			return timeout(ctx.Err())
		case <-timer.C:
		}
		done, progress, err := check(ctx)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return timeout(ctxErr)
			}
			return err
		}
		fields := map[string]any{"what": what, "progress": progress, "checks": checks, "elapsed_ms": time.Since(start).Milliseconds()}
		if progress != last {
			tflog.Info(ctx, "waiting for "+what+": "+progress, fields)
			last = progress
		} else {
			tflog.Debug(ctx, "waiting for "+what+": no change", fields)
		}
		if done {
			return nil
		}
		pause = b.next(pause)
	}
}

// IsPollTimeout reports whether err is (or wraps) a *PollTimeoutError.
func IsPollTimeout(err error) bool {
	var t *PollTimeoutError
	return errors.As(err, &t)
}

func (b Backoff) next(pause time.Duration) time.Duration {
	factor := b.Factor
	if factor < 1 {
		factor = 1
	}
	next := time.Duration(float64(pause) * factor)
	if b.Max > 0 && next > b.Max {
		next = b.Max
	}
	return next
}

// jitter returns d ± 10%.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	spread := int64(d) / 5
	if spread <= 0 {
		return d
	}
	return d - time.Duration(spread/2) + time.Duration(rand.Int64N(spread+1))
}
