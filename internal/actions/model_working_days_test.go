// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// An answer that repeats a working day (the same day and intervals, or the same day with
// intervals null and []) must map to a set with the day once: the framework rejects a set with
// duplicate elements, which failed the read of the action ("Duplicate Set Element"). Found by
// FuzzActionFromAPI and FuzzFollowupSettings.
func TestFollowupSettingsRepeatedWorkingDays(t *testing.T) {
	ctx := context.Background()
	nine := []client.Interval{{StartHour: 9, EndHour: 12}}
	s := &client.FollowupSettings{WorkingHours: []client.WorkingDay{
		{DayOfTheWeek: 1, Intervals: nine},
		{DayOfTheWeek: 1, Intervals: []client.Interval{{StartHour: 9, EndHour: 12}}},
		{DayOfTheWeek: 1, Intervals: []client.Interval{{StartHour: 13, EndHour: 17}}},
		{DayOfTheWeek: 0},
		{DayOfTheWeek: 0, Intervals: []client.Interval{}},
	}}
	var diags diag.Diagnostics
	m := followupSettingsFromAPI(ctx, s, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if n := len(m.WorkingHours.Elements()); n != 3 {
		t.Fatalf("%d working days, want 3 (1 9–12, 1 13–17, 0): %v", n, m.WorkingHours)
	}
	a := client.Action{ID: "a", Name: "f", Type: client.ActionTypeAdvancedFollowup, Details: client.ActionDetails{
		FollowupSequence: []client.FollowupStep{{ID: 1, FollowupTimeUnit: "days", FollowupTime: 1}}, FollowupSettings: s,
	}}
	am := actionFromAPI(ctx, &a, "loc", "agent", &diags)
	if diags.HasError() {
		t.Fatalf("actionFromAPI: %v", diags)
	}
	if am.toInput(ctx, &diags); diags.HasError() {
		t.Fatal(diags)
	}
}
