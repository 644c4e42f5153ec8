// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// modelOf is the configuration of an action: agent "agent1", the given type and details.
func modelOf(t *testing.T, typ string, d client.ActionDetails) actionModel {
	t.Helper()
	var diags diag.Diagnostics
	m := actionFromAPI(context.Background(), &client.Action{ID: "x", Name: "n", Type: typ, Details: d}, "loc", "agent1", &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return m
}

// withField returns the details object with one attribute replaced.
func withField(t *testing.T, obj types.Object, name string, v attr.Value) types.Object {
	t.Helper()
	attrs := obj.Attributes()
	attrs[name] = v
	out, diags := types.ObjectValue(obj.AttributeTypes(context.Background()), attrs)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return out
}

func TestValidateAction(t *testing.T) {
	ctx := context.Background()
	booking := func(mut func(*client.ActionDetails)) actionModel {
		d := client.ActionDetails{CalendarID: p("c"), OnlySendLink: p(false), TriggerWorkflow: p(false), SleepAfterBooking: p(false), TransferBot: p(false)}
		mut(&d)
		return modelOf(t, client.ActionTypeAppointmentBooking, d)
	}
	step := func(s client.FollowupStep) actionModel {
		return modelOf(t, client.ActionTypeAdvancedFollowup, client.ActionDetails{Enabled: p(true), ScenarioID: p("contactIsBusy"),
			FollowupSequence: []client.FollowupStep{{ID: 1, FollowupTimeUnit: "hours", FollowupTime: 1}, s}})
	}
	settings := func(days ...client.WorkingDay) actionModel {
		return modelOf(t, client.ActionTypeAdvancedFollowup, client.ActionDetails{Enabled: p(true), ScenarioID: p("contactIsBusy"),
			FollowupSequence: []client.FollowupStep{{ID: 1, FollowupTimeUnit: "hours", FollowupTime: 1}},
			FollowupSettings: &client.FollowupSettings{WorkingHours: days}})
	}
	valid := map[string]actionModel{}
	for _, a := range fullActions {
		valid[a.Type] = modelOf(t, a.Type, a.Details)
	}

	cases := []struct {
		name string
		m    actionModel
		want []string // "<path>: <text in the detail>"; none for a valid configuration
	}{
		{"every full action is valid", valid[client.ActionTypeAppointmentBooking], nil},
		{"two details", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.TriggerWorkflow = valid[client.ActionTypeTriggerWorkflow].TriggerWorkflow
			return m
		}(), []string{`stop_bot: this configuration sets 2: trigger_workflow, stop_bot. For type = "stopBot" keep stop_bot only`}},
		{"details of another type", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.StopBot, m.TransferBot = types.ObjectNull(objectType("stop_bot").AttrTypes), valid[client.ActionTypeTransferBot].TransferBot
			return m
		}(), []string{`transfer_bot: type = "stopBot" goes with stop_bot, but transfer_bot is set`}},
		{"no details", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.StopBot = types.ObjectNull(objectType("stop_bot").AttrTypes)
			return m
		}(), []string{`stop_bot: type = "stopBot" needs its details in stop_bot`}},
		{"unknown type is left to the OneOf validator", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.Type = types.StringValue("sendEmail")
			return m
		}(), nil},
		{"type known only at apply", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.Type = types.StringUnknown()
			return m
		}(), nil},
		{"details known only at apply", func() actionModel {
			m := valid[client.ActionTypeStopBot]
			m.StopBot = types.ObjectUnknown(objectType("stop_bot").AttrTypes)
			return m
		}(), nil},
		{"booking: workflow ids", booking(func(d *client.ActionDetails) { d.TriggerWorkflow = p(true) }),
			[]string{`appointment_booking.workflow_ids: workflow_ids (at least one workflow ID) is required when trigger_workflow = true`}},
		{"booking: sleep", booking(func(d *client.ActionDetails) { d.SleepAfterBooking, d.SleepTimeUnit = p(true), p("days") }),
			[]string{`appointment_booking.sleep_time: are required when sleep_after_booking = true`}},
		{"booking: sleep unit", booking(func(d *client.ActionDetails) { d.SleepAfterBooking, d.SleepTime = p(true), p(int64(1)) }),
			[]string{`appointment_booking.sleep_time_unit: are required when sleep_after_booking = true`}},
		{"booking: transfer agent", booking(func(d *client.ActionDetails) { d.TransferBot = p(true) }),
			[]string{`appointment_booking.transfer_agent: is required when transfer_bot = true`}},
		{"booking: transfer to itself", booking(func(d *client.ActionDetails) { d.TransferBot, d.TransferAgent = p(true), p("agent1") }),
			[]string{`appointment_booking.transfer_agent: cannot transfer a conversation to its own agent`}},
		{"booking: only_send_link", booking(func(d *client.ActionDetails) {
			d.OnlySendLink, d.TriggerWorkflow, d.WorkflowIDs, d.CancelEnabled = p(true), p(true), []string{"w"}, p(true)
		}), []string{
			`appointment_booking.trigger_workflow: trigger_workflow must be false when only_send_link = true`,
			`appointment_booking.cancel_enabled: cancel_enabled must be false when only_send_link = true`,
		}},
		{"booking: only_send_link alone is valid", booking(func(d *client.ActionDetails) { d.OnlySendLink = p(true) }), nil},
		{"stop bot: reactivate without sleep", modelOf(t, client.ActionTypeStopBot, client.ActionDetails{ReactivateEnabled: p(true)}),
			[]string{`stop_bot.sleep_time: reactivate_enabled = true`, `stop_bot.sleep_time_unit: reactivate_enabled = true`}},
		{"stop bot: no reactivation needs no sleep", modelOf(t, client.ActionTypeStopBot, client.ActionDetails{ReactivateEnabled: p(false)}), nil},
		{"handover: custom needs examples", modelOf(t, client.ActionTypeHumanHandOver, client.ActionDetails{HandoverType: p("custom"), ReactivateEnabled: p(false)}),
			[]string{`human_handover.examples: is required when handover_type is "custom"`}},
		{"handover: contactRequest needs examples", modelOf(t, client.ActionTypeHumanHandOver, client.ActionDetails{HandoverType: p("contactRequest")}),
			[]string{`human_handover.examples: is required when handover_type is "contactRequest"`}},
		{"handover: lackOfInformation needs none", modelOf(t, client.ActionTypeHumanHandOver, client.ActionDetails{HandoverType: p("lackOfInformation")}), nil},
		{"handover: reactivate without sleep", modelOf(t, client.ActionTypeHumanHandOver, client.ActionDetails{HandoverType: p("failedToResolveIssue"), ReactivateEnabled: p(true), SleepTime: p(int64(1))}),
			[]string{`human_handover.sleep_time_unit: reactivate_enabled = true`}},
		{"transfer: custom needs condition and examples", modelOf(t, client.ActionTypeTransferBot, client.ActionDetails{TransferBotType: p("Custom"), TransferToBot: p("agent2")}),
			[]string{`transfer_bot.transfer_bot_trigger_condition: is required when transfer_bot_type = "Custom"`, `transfer_bot.transfer_bot_examples: is required when transfer_bot_type = "Custom"`}},
		{"transfer: default needs neither", modelOf(t, client.ActionTypeTransferBot, client.ActionDetails{TransferBotType: p("Default"), TransferToBot: p("agent2")}), nil},
		{"transfer: to itself", modelOf(t, client.ActionTypeTransferBot, client.ActionDetails{TransferBotType: p("Default"), TransferToBot: p("agent1")}),
			[]string{`transfer_bot.transfer_to_bot: cannot transfer a conversation to its own agent`}},
		{"transfer: agent known only at apply", func() actionModel {
			m := modelOf(t, client.ActionTypeTransferBot, client.ActionDetails{TransferBotType: p("Default"), TransferToBot: p("agent1")})
			m.AgentID = types.StringUnknown()
			return m
		}(), nil},
		{"followup: 60 minutes is the bound", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "minutes", FollowupTime: 60}), nil},
		{"followup: 61 minutes", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "minutes", FollowupTime: 61}),
			[]string{`advanced_followup.followup_sequence[1].followup_time: must be between 0 and 60 when followup_time_unit is "minutes"`}},
		{"followup: 25 hours", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "hours", FollowupTime: 25}),
			[]string{`followup_sequence[1].followup_time: must be between 0 and 24 when followup_time_unit is "hours"`}},
		{"followup: 181 days", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "days", FollowupTime: 181}),
			[]string{`followup_sequence[1].followup_time: must be between 0 and 180 when followup_time_unit is "days"`}},
		{"followup: no AI message without custom message", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "days", FollowupTime: 1, AIEnabledMessage: p(false)}),
			[]string{`followup_sequence[1].custom_message: custom_message is required when ai_enabled_message = false`}},
		{"followup: workflow without id", step(client.FollowupStep{ID: 2, FollowupTimeUnit: "days", FollowupTime: 1, TriggerWorkflow: p(true)}),
			[]string{`followup_sequence[1].workflow_id: workflow_id is required when trigger_workflow = true`}},
		{"settings: interval backwards", settings(client.WorkingDay{DayOfTheWeek: 2, Intervals: []client.Interval{{StartHour: 17, EndHour: 9}}}),
			[]string{`advanced_followup.followup_settings.working_hours: The interval 17:00–09:00 of day 2 must end after it starts`}},
		{"settings: empty interval", settings(client.WorkingDay{DayOfTheWeek: 2, Intervals: []client.Interval{{StartHour: 9, StartMinute: 5, EndHour: 9, EndMinute: 5}}}),
			[]string{`advanced_followup.followup_settings.working_hours: must end after it starts`}},
		{"settings: day twice", settings(client.WorkingDay{DayOfTheWeek: 4}, client.WorkingDay{DayOfTheWeek: 4, Intervals: []client.Interval{{StartHour: 1, EndHour: 2}}}),
			[]string{`working_hours: day_of_the_week 4 appears more than once`}},
		{"settings: a full week", settings(
			client.WorkingDay{DayOfTheWeek: 0}, client.WorkingDay{DayOfTheWeek: 1, Intervals: []client.Interval{{StartHour: 0, EndHour: 23, EndMinute: 59}}},
			client.WorkingDay{DayOfTheWeek: 6, Intervals: []client.Interval{{StartHour: 8, EndHour: 12}, {StartHour: 13, EndHour: 18}}}), nil},
		{"unknown step is not judged", func() actionModel {
			m := step(client.FollowupStep{ID: 2, FollowupTimeUnit: "minutes", FollowupTime: 61})
			seq := m.AdvancedFollowup.Attributes()["followup_sequence"].(types.List)
			elems := seq.Elements()
			elems[1] = types.ObjectUnknown(followupStepType.AttrTypes)
			m.AdvancedFollowup = withField(t, m.AdvancedFollowup, "followup_sequence", types.ListValueMust(followupStepType, elems))
			return m
		}(), nil},
	}
	for _, tc := range cases {
		var diags diag.Diagnostics
		got := validateAction(ctx, tc.m, &diags)
		if diags.HasError() {
			t.Errorf("%s: %v", tc.name, diags)
			continue
		}
		var rendered []string
		for _, p := range got {
			rendered = append(rendered, p.path.String()+": "+p.detail)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d problems, want %d:\n%s", tc.name, len(got), len(tc.want), strings.Join(rendered, "\n"))
			continue
		}
		for i, w := range tc.want {
			wantPath, wantText, _ := strings.Cut(w, ": ")
			if !strings.HasPrefix(got[i].path.String(), wantPath) && !strings.HasSuffix(got[i].path.String(), wantPath) {
				t.Errorf("%s: problem %d at %s, want %s", tc.name, i, got[i].path, wantPath)
			}
			if !strings.Contains(got[i].detail, wantText) {
				t.Errorf("%s: problem %d says %q, want it to contain %q", tc.name, i, got[i].detail, wantText)
			}
		}
	}
	for typ, m := range valid {
		var diags diag.Diagnostics
		if got := validateAction(ctx, m, &diags); len(got) != 0 {
			t.Errorf("full %s action: %v", typ, got)
		}
	}
}

// TestSchemaDescriptions: every attribute of every schema of the family has a description.
func TestSchemaDescriptions(t *testing.T) {
	ctx := context.Background()
	var walk func(prefix string, attrs map[string]rschema.Attribute)
	walk = func(prefix string, attrs map[string]rschema.Attribute) {
		for name, a := range attrs {
			if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
				t.Errorf("%s%s has no MarkdownDescription", prefix, name)
			}
			switch a := a.(type) {
			case rschema.SingleNestedAttribute:
				walk(prefix+name+".", a.Attributes)
			case rschema.ListNestedAttribute:
				walk(prefix+name+".", a.NestedObject.Attributes)
			case rschema.SetNestedAttribute:
				walk(prefix+name+".", a.NestedObject.Attributes)
			}
		}
	}
	walk("highlevel_agent_action.", actionSchema.Attributes)
	var fs resource.SchemaResponse
	NewFollowupSettingsResource().Schema(ctx, resource.SchemaRequest{}, &fs)
	walk("highlevel_agent_followup_settings.", fs.Schema.Attributes)

	// The data source's nested attributes are generated from the resource's, descriptions
	// included (framework.ComputedDataSourceAttributes); its own attributes are checked here.
	var ds datasource.SchemaResponse
	NewActionsDataSource().Schema(ctx, datasource.SchemaRequest{}, &ds)
	for name, a := range ds.Schema.Attributes {
		if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
			t.Errorf("highlevel_agent_actions.%s has no MarkdownDescription", name)
		}
	}
	if diags := ds.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Errorf("data source schema: %v", diags)
	}
	if diags := actionSchema.ValidateImplementation(ctx); diags.HasError() {
		t.Errorf("action schema: %v", diags)
	}
	if diags := fs.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Errorf("follow-up settings schema: %v", diags)
	}
}
