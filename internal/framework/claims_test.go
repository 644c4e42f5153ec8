// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"strings"
	"testing"
)

func TestClaims(t *testing.T) {
	var c Claims
	if _, conflict := c.Claim("loc1", "A"); conflict {
		t.Fatal("first claim conflicts")
	}
	if _, conflict := c.Claim("loc1", "A"); conflict {
		t.Fatal("the same claimant twice conflicts")
	}
	if _, conflict := c.Claim("loc2", "B"); conflict {
		t.Fatal("another key conflicts")
	}
	if other, conflict := c.Claim("loc1", "B"); !conflict || other != "A" {
		t.Fatalf("second claimant: other=%q conflict=%v, want A, true", other, conflict)
	}
}

func TestParseImportID(t *testing.T) {
	cases := []struct {
		id             string
		optional       bool
		parent, child  string
		wantErrContain string
	}{
		{"loc/agent", true, "loc", "agent", ""},
		{"agent", true, "", "agent", ""},
		{"agent", false, "", "", `must be "<location_id>/<agent_id>"`},
		{"a/b/c", true, "", "", `must be "<agent_id>" or "<location_id>/<agent_id>"`},
		{"/agent", true, "", "", "must be"},
		{"", true, "", "", "must be"},
	}
	for _, tc := range cases {
		parent, child, err := ParseImportID(tc.id, tc.optional, "location_id", "agent_id")
		if tc.wantErrContain != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErrContain) {
				t.Errorf("%q: err = %v, want it to contain %q", tc.id, err, tc.wantErrContain)
			}
			continue
		}
		if err != nil || parent != tc.parent || child != tc.child {
			t.Errorf("%q: got %q %q %v, want %q %q", tc.id, parent, child, err, tc.parent, tc.child)
		}
	}
}
