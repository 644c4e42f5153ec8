// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"strings"
	"testing"
)

func TestParseChildImportID(t *testing.T) {
	cases := []struct {
		id                      string
		location, parent, child string
		wantErr                 bool
	}{
		{"agent/action", "", "agent", "action", false},
		{"loc/agent/action", "loc", "agent", "action", false},
		{"action", "", "", "", true},
		{"a/b/c/d", "", "", "", true},
		{"/agent/action", "", "", "", true},
		{"agent/", "", "", "", true},
		{"loc//action", "", "", "", true},
		{"", "", "", "", true},
	}
	for _, tc := range cases {
		loc, parent, child, err := ParseChildImportID(tc.id, "agent_id", "action_id")
		if tc.wantErr {
			want := `must be "<agent_id>/<action_id>" or "<location_id>/<agent_id>/<action_id>"`
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%q: err = %v, want it to contain %s", tc.id, err, want)
			}
			continue
		}
		if err != nil || loc != tc.location || parent != tc.parent || child != tc.child {
			t.Errorf("%q: got %q %q %q %v, want %q %q %q", tc.id, loc, parent, child, err, tc.location, tc.parent, tc.child)
		}
	}
}
