// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func p[T any](v T) *T { return &v }

// fullActions has one action per type with every detail field set, as the API returns them.
// Sets (workflow ids, tags) are sorted, as the mapper sends them.
var fullActions = []client.Action{
	{ID: "a1", Name: "wf", Type: client.ActionTypeTriggerWorkflow, Details: client.ActionDetails{
		WorkflowIDs: []string{"w1", "w2"}, TriggerCondition: p("quote"), TriggerMessage: p("sending"),
	}},
	{ID: "a2", Name: "field", Type: client.ActionTypeUpdateContactField, Details: client.ActionDetails{
		ContactFieldID: p("budget"), Description: p("the budget"), ContactUpdateExamples: []string{"b", "a"},
	}},
	{ID: "a3", Name: "book", Type: client.ActionTypeAppointmentBooking, Details: client.ActionDetails{
		CalendarID: p("cal"), OnlySendLink: p(false), TriggerWorkflow: p(true), SleepAfterBooking: p(true), TransferBot: p(true),
		RescheduleEnabled: p(true), CancelEnabled: p(false), WorkflowIDs: []string{"w1"}, SleepTime: p(int64(0)),
		SleepTimeUnit: p("days"), TransferAgent: p("agent2"),
	}},
	{ID: "a4", Name: "stop", Type: client.ActionTypeStopBot, Details: client.ActionDetails{
		Enabled: p(true), StopBotDetectionType: p("Custom"), StopBotTriggerCondition: p("bye"), StopBotExamples: []string{"z", "a"},
		FinalMessage: p("ciao"), ReactivateEnabled: p(true), SleepTime: p(int64(2)), SleepTimeUnit: p("hours"), Tags: []string{},
	}},
	{ID: "a5", Name: "human", Type: client.ActionTypeHumanHandOver, Details: client.ActionDetails{
		Enabled: p(false), HandoverType: p("custom"), TriggerCondition: p("angry"), Examples: []string{"human!"}, FinalMessage: p("wait"),
		ReactivateEnabled: p(false), AssignToUserID: p("u1"), SkipAssignToUser: p(false), CreateTask: p(true), Tags: []string{"a", "b"},
	}},
	{ID: "a6", Name: "follow", Type: client.ActionTypeAdvancedFollowup, Details: client.ActionDetails{
		Enabled: p(true), ScenarioID: p("contactIsBusy"),
		FollowupSequence: []client.FollowupStep{
			{ID: 1, FollowupTimeUnit: "minutes", FollowupTime: 60, AIEnabledMessage: p(true), TriggerWorkflow: p(false)},
			{ID: 2, FollowupTimeUnit: "days", FollowupTime: 180, AIEnabledMessage: p(false), CustomMessage: p("hi"),
				TriggerWorkflow: p(true), WorkflowID: p("w9"), ContactRequested: p(false)},
		},
		FollowupSettings: &client.FollowupSettings{
			DynamicChannelSwitching: p(false), FollowUpHours: p(true), TimezoneToUse: p("business"),
			WorkingHours: []client.WorkingDay{
				{DayOfTheWeek: 0, Intervals: []client.Interval{}},
				{DayOfTheWeek: 5, Intervals: []client.Interval{{StartHour: 9, StartMinute: 15, EndHour: 17, EndMinute: 45}, {StartHour: 18, EndHour: 19}}},
			},
		},
	}},
	{ID: "a7", Name: "transfer", Type: client.ActionTypeTransferBot, Details: client.ActionDetails{
		Enabled: p(true), TransferBotType: p("Custom"), TransferToBot: p("agent2"), TransferBotTriggerCondition: p("billing"),
		TransferBotExamples: []string{"invoice", "refund"},
	}},
}

// TestActionRoundTrip maps every type from the API to state and back: the request body equals
// what the API returned, field for field (nothing lost, nothing of another type sent).
func TestActionRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, a := range fullActions {
		var diags diag.Diagnostics
		m := actionFromAPI(ctx, &a, "loc", "agent1", &diags)
		in := m.toInput(ctx, &diags)
		if diags.HasError() {
			t.Fatalf("%s: %v", a.Type, diags)
		}
		if in.Type != a.Type || in.Name != a.Name {
			t.Errorf("%s: type/name %q %q", a.Type, in.Type, in.Name)
		}
		if !reflect.DeepEqual(in.Details, a.Details) {
			t.Errorf("%s: round trip changed the details\n got %+v\nwant %+v", a.Type, in.Details, a.Details)
		}
		for _, b := range blocks {
			if set := !m.block(b.attr).IsNull(); set != (b.apiType == a.Type) {
				t.Errorf("%s: %s set = %v", a.Type, b.attr, set)
			}
		}
		if m.AgentID.ValueString() != "agent1" || m.LocationID.ValueString() != "loc" || m.ID.ValueString() != a.ID {
			t.Errorf("%s: ids %v %v %v", a.Type, m.AgentID, m.LocationID, m.ID)
		}
	}
}

// TestActionFromAPIDefaultsAndNulls: fields the API leaves out are null, except those with a
// server default; [] stays apart from null.
func TestActionFromAPIDefaultsAndNulls(t *testing.T) {
	ctx := context.Background()
	get := func(a client.Action, block, field string) attr.Value {
		var diags diag.Diagnostics
		m := actionFromAPI(ctx, &a, "loc", "agent1", &diags)
		if diags.HasError() {
			t.Fatal(diags)
		}
		return m.block(block).Attributes()[field]
	}
	emptyList := types.ListValueMust(types.StringType, []attr.Value{})
	cases := []struct {
		name  string
		got   attr.Value
		want  attr.Value
		block string
	}{
		{"contact_update_examples absent → [] (server default)",
			get(client.Action{Type: client.ActionTypeUpdateContactField}, "update_contact_field", "contact_update_examples"), emptyList, ""},
		{"reschedule_enabled absent → false",
			get(client.Action{Type: client.ActionTypeAppointmentBooking}, "appointment_booking", "reschedule_enabled"), types.BoolValue(false), ""},
		{"cancel_enabled absent → false",
			get(client.Action{Type: client.ActionTypeAppointmentBooking}, "appointment_booking", "cancel_enabled"), types.BoolValue(false), ""},
		{"tags absent → null",
			get(client.Action{Type: client.ActionTypeStopBot}, "stop_bot", "tags"), types.SetNull(types.StringType), ""},
		{"tags [] → empty set",
			get(client.Action{Type: client.ActionTypeStopBot, Details: client.ActionDetails{Tags: []string{}}}, "stop_bot", "tags"),
			types.SetValueMust(types.StringType, []attr.Value{}), ""},
		{"examples absent → null",
			get(client.Action{Type: client.ActionTypeHumanHandOver}, "human_handover", "examples"), types.ListNull(types.StringType), ""},
		{"optional string absent → null",
			get(client.Action{Type: client.ActionTypeTriggerWorkflow}, "trigger_workflow", "trigger_message"), types.StringNull(), ""},
		{"optional string empty → \"\"",
			get(client.Action{Type: client.ActionTypeTriggerWorkflow, Details: client.ActionDetails{TriggerMessage: p("")}}, "trigger_workflow", "trigger_message"),
			types.StringValue(""), ""},
		{"optional bool absent → null",
			get(client.Action{Type: client.ActionTypeHumanHandOver}, "human_handover", "create_task"), types.BoolNull(), ""},
		{"follow-up settings absent → null",
			get(client.Action{Type: client.ActionTypeAdvancedFollowup}, "advanced_followup", "followup_settings"), types.ObjectNull(followupSettingsType.AttrTypes), ""},
	}
	for _, tc := range cases {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}

	// Step and settings defaults.
	var diags diag.Diagnostics
	steps := []client.FollowupStep{{ID: 1, FollowupTimeUnit: "hours", FollowupTime: 1}}
	m := actionFromAPI(ctx, &client.Action{Type: client.ActionTypeAdvancedFollowup, Details: client.ActionDetails{
		FollowupSequence: steps, FollowupSettings: &client.FollowupSettings{},
	}}, "loc", "agent1", &diags)
	var b advancedFollowupModel
	diags.Append(m.AdvancedFollowup.As(ctx, &b, asObject)...)
	var got []followupStepModel
	diags.Append(b.FollowupSequence.ElementsAs(ctx, &got, false)...)
	var s followupSettingsModel
	diags.Append(b.FollowupSettings.As(ctx, &s, asObject)...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !got[0].AIEnabledMessage.ValueBool() || got[0].TriggerWorkflow.ValueBool() || !got[0].ContactRequested.IsNull() || !got[0].CustomMessage.IsNull() {
		t.Errorf("step defaults: %+v", got[0])
	}
	if !s.DynamicChannelSwitching.ValueBool() || s.FollowUpHours.ValueBool() || len(s.WorkingHours.Elements()) != 0 || s.WorkingHours.IsNull() || !s.TimezoneToUse.IsNull() {
		t.Errorf("settings defaults: %+v", s)
	}
}

// TestToInputSendsNoOtherType: a plan that (wrongly) carries two details attributes sends only
// the type's.
func TestToInputSendsOnlyTheTypesDetails(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	stop := actionFromAPI(ctx, &fullActions[3], "loc", "agent1", &diags)
	wf := actionFromAPI(ctx, &fullActions[0], "loc", "agent1", &diags)
	stop.TriggerWorkflow = wf.TriggerWorkflow
	in := stop.toInput(ctx, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if in.Details.WorkflowIDs != nil || in.Details.TriggerCondition != nil {
		t.Errorf("trigger_workflow fields sent with a stopBot action: %+v", in.Details)
	}
	stop.StopBot = types.ObjectNull(objectType("stop_bot").AttrTypes)
	stop.toInput(ctx, &diags)
	if !diags.HasError() {
		t.Error("no error for a plan without the type's details")
	}
}

func TestFollowupSettingsToAPISortsDays(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	s := followupSettingsFromAPI(ctx, &client.FollowupSettings{WorkingHours: []client.WorkingDay{
		{DayOfTheWeek: 6}, {DayOfTheWeek: 2}, {DayOfTheWeek: 4},
	}}, &diags)
	out := s.toAPI(ctx, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var days []int64
	for _, d := range out.WorkingHours {
		days = append(days, d.DayOfTheWeek)
		if d.Intervals == nil {
			t.Error("intervals sent as null, want []")
		}
	}
	if !reflect.DeepEqual(days, []int64{2, 4, 6}) {
		t.Errorf("days sent in order %v", days)
	}
	if *out.DynamicChannelSwitching != true || *out.FollowUpHours != false || out.TimezoneToUse != nil {
		t.Errorf("defaults not sent: %+v", out)
	}
}
