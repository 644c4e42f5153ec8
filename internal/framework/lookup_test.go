// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"testing"
)

type named struct{ id, name string }

func TestFindOne(t *testing.T) {
	items := []named{{"a", "Sales"}, {"b", "Support"}, {"c", "Support"}, {"d", "sales desk"}}
	byName := func(name string) func(named) bool { return func(n named) bool { return n.name == name } }
	id := func(n named) string { return n.id }

	got, err := FindOne(ByName("agent", "agents", "loc1", "Sales"), items, byName("Sales"), id)
	if err != nil || got.id != "a" {
		t.Fatalf("Sales: %+v, %v", got, err)
	}
	for name, want := range map[string]string{
		"Nobody":  `no agent of location loc1 is named "Nobody"`,
		"Support": `2 agents of location loc1 are named "Support" (b, c); look the agent up by id instead`,
	} {
		if _, err := FindOne(ByName("agent", "agents", "loc1", name), items, byName(name), id); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
	email := Lookup{What: "user", Whats: "users", Location: "loc1", Is: `has the email "x@y"`, Are: `have the email "x@y"`}
	if _, err := FindOne(email, nil, byName("x"), id); err == nil || err.Error() != `no user of location loc1 has the email "x@y"` {
		t.Errorf("email: %v", err)
	}
}
