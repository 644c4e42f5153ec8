// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func TestConflictRetry(t *testing.T) {
	conflict := &client.APIError{StatusCode: 409, Messages: []string{"Conflict"}, Method: "POST", Path: "/x"}
	other := &client.APIError{StatusCode: 422, Messages: []string{"bad"}, Method: "POST", Path: "/x"}
	p := ConflictRetry{Min: time.Millisecond, Max: 2 * time.Millisecond, Attempts: 5}
	ctx := context.Background()

	cases := []struct {
		name      string
		answers   []error
		wantCalls int
		wantErr   string
	}{
		{"success at once", []error{nil}, 1, ""},
		{"conflicts then success", []error{conflict, conflict, nil}, 3, ""},
		{"other error is not retried", []error{other}, 1, "422"},
		{"conflict then other error", []error{conflict, other}, 2, "422"},
		{"attempts spent", []error{conflict, conflict, conflict, conflict, conflict, nil}, 5, "after 5 attempts"},
	}
	for _, tc := range cases {
		calls := 0
		err := p.Do(ctx, "create action", func() error {
			calls++
			return tc.answers[calls-1]
		})
		if calls != tc.wantCalls {
			t.Errorf("%s: %d calls, want %d", tc.name, calls, tc.wantCalls)
		}
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: err %v", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: err %v, want it to contain %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestConflictRetryStopsWithContext(t *testing.T) {
	conflict := &client.APIError{StatusCode: 409, Method: "PUT", Path: "/x"}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	p := ConflictRetry{Min: 10 * time.Millisecond, Max: 10 * time.Millisecond, Attempts: 1000}
	start := time.Now()
	err := p.Do(ctx, "update action", func() error { return conflict })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "409") {
		t.Fatalf("err = %v, want the deadline and the last conflict", err)
	}
	if time.Since(start) > time.Second {
		t.Fatalf("took %s after the context ended", time.Since(start))
	}
}
