// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// checkObjectID runs v on value and returns the first error's detail ("" when none).
func checkObjectID(v validator.String, value types.String) string {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: value}, &resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestObjectID(t *testing.T) {
	v := ObjectID("agent id")
	for _, ok := range []types.String{types.StringValue("tDtDnQdgm2LXpyiqYvZ6"), types.StringNull(), types.StringUnknown()} {
		if msg := checkObjectID(v, ok); msg != "" {
			t.Errorf("%v: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "emp_123", "tDtDnQdgm2LXpyiqYvZ", "tDtDnQdgm2LXpyiqYvZ67", "tDtDnQdgm2LXpyiq-vZ6", "tDtDnQdgm2LXpyiqYvZ\n"} {
		msg := checkObjectID(v, types.StringValue(bad))
		if !strings.Contains(msg, "exactly 20 letters and digits") {
			t.Errorf("%q: %q", bad, msg)
		}
	}
}

func TestSameInstantAndKeepingForm(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"2030-01-01T00:00:00Z", "2030-01-01T00:00:00.000Z", true},
		{"2030-01-01T01:00:00+01:00", "2030-01-01T00:00:00.000Z", true},
		{"2030-01-01T00:00:00.1234Z", "2030-01-01T00:00:00.123Z", true}, // the API keeps milliseconds
		{"2030-01-01T00:00:01Z", "2030-01-01T00:00:00.000Z", false},
		{"junk", "junk", false},
	}
	for _, tc := range cases {
		if got := SameInstant(tc.a, tc.b); got != tc.same {
			t.Errorf("SameInstant(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
	api := "2030-01-01T00:00:00.000Z"
	if got := TimeValueKeepingForm(&api, types.StringValue("2030-01-01T00:00:00Z")); got.ValueString() != "2030-01-01T00:00:00Z" {
		t.Errorf("same instant must keep the prior form, got %v", got)
	}
	if got := TimeValueKeepingForm(&api, types.StringValue("2031-01-01T00:00:00Z")); got.ValueString() != api {
		t.Errorf("another instant must take the API's value, got %v", got)
	}
	if got := TimeValueKeepingForm(&api, types.StringNull()); got.ValueString() != api {
		t.Errorf("no prior: got %v", got)
	}
	if got := TimeValueKeepingForm(nil, types.StringValue("2030-01-01T00:00:00Z")); !got.IsNull() {
		t.Errorf("absent must be null, got %v", got)
	}
}

func TestFutureTimeProblem(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if p := FutureTimeProblem("expires_at", "2026-01-01T00:00:01Z", now); p != "" {
		t.Errorf("future: %s", p)
	}
	if p := FutureTimeProblem("expires_at", "2026-01-01T00:00:00Z", now); !strings.Contains(p, "must be in the future") {
		t.Errorf("now is not the future: %q", p)
	}
	if p := FutureTimeProblem("expires_at", "2025-12-31T23:00:00Z", now); !strings.Contains(p, "1h0m0s ago") {
		t.Errorf("past: %q", p)
	}
	if p := FutureTimeProblem("expires_at", "junk", now); p != "" {
		t.Errorf("malformed is the validator's: %q", p)
	}
}
