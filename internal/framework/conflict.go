// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// ConflictRetry is how RetryOnConflict waits: exponential backoff from Min to Max (with
// jitter), at most Attempts calls in all. The context of the operation bounds it as well.
type ConflictRetry struct {
	Min, Max time.Duration
	Attempts int
}

// DefaultConflictRetry retries a conflict for about a minute and a half at most.
var DefaultConflictRetry = ConflictRetry{Min: 200 * time.Millisecond, Max: 5 * time.Second, Attempts: 25}

// RetryOnConflict calls fn until it returns something other than a conflict (409: the API is
// busy with another write on the same parent), the attempts are spent, or ctx ends. The client
// already retries 429 and 5xx; a 409 is the caller's to retry because only the caller knows
// that repeating the write is safe (the API refused it, so nothing was written). what names
// the operation in logs and in the final error.
func RetryOnConflict(ctx context.Context, what string, fn func() error) error {
	return DefaultConflictRetry.Do(ctx, what, fn)
}

// Do is RetryOnConflict with this policy.
func (p ConflictRetry) Do(ctx context.Context, what string, fn func() error) error {
	wait := p.Min
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !client.IsConflict(err) {
			return err
		}
		if attempt >= p.Attempts {
			return fmt.Errorf("%s: the API still answered 409 Conflict after %d attempts: %w", what, attempt, err)
		}
		d := wait/2 + rand.N(wait/2+1) // equal jitter
		tflog.Debug(ctx, "conflict answer; retrying", map[string]any{"operation": what, "attempt": attempt, "retry_in_ms": d.Milliseconds()})
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: gave up retrying a 409 Conflict: %w (last answer: %v)", what, ctx.Err(), err)
		case <-time.After(d):
		}
		if wait *= 2; wait > p.Max {
			wait = p.Max
		}
	}
}
