// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ValidateConfig checks, at plan time and without calling the API, the rules of contract §3.2
// that span several attributes: exactly one details attribute, the one of `type`, and the
// conditional requirements of each type. Single-attribute rules (enums, required fields, list
// sizes, bounds) are schema validators.
func (r *actionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m actionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, p := range validateAction(ctx, m, &resp.Diagnostics) {
		resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
	}
}

type problem struct {
	path            path.Path
	summary, detail string
}

// known reports a value known at plan time (null included).
func known(v interface{ IsUnknown() bool }) bool { return !v.IsUnknown() }

// isTrue reports a known true.
func isTrue(v types.Bool) bool { return !v.IsUnknown() && !v.IsNull() && v.ValueBool() }

// missing reports a value that is known to be unset.
func missing(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return v.IsNull() && !v.IsUnknown()
}

// validateAction returns the cross-attribute problems of an action's configuration. Values
// known only at apply are not judged.
func validateAction(ctx context.Context, m actionModel, diags *diag.Diagnostics) []problem {
	var problems []problem
	var set []string
	anyUnknown := false
	for _, b := range blocks {
		obj := *m.block(b.attr)
		switch {
		case obj.IsUnknown():
			anyUnknown = true
		case !obj.IsNull():
			set = append(set, b.attr)
		}
	}
	allowed := "Allowed combinations of type and details attribute: " + combinations() + "."
	typ := m.Type.ValueString()
	want := blockOf(typ)
	typeKnown := known(m.Type) && want != ""
	switch {
	case len(set) > 1:
		detail := fmt.Sprintf("Set exactly one details attribute, the one that goes with type; this configuration sets %d: %s.",
			len(set), strings.Join(set, ", "))
		if typeKnown {
			detail += fmt.Sprintf(" For type = %q keep %s only.", typ, want)
		}
		problems = append(problems, problem{path.Root(set[1]), "Conflicting action details", detail + " " + allowed})
	case len(set) == 0 && !anyUnknown && typeKnown:
		problems = append(problems, problem{path.Root(want), "Missing action details",
			fmt.Sprintf("type = %q needs its details in %s = { … }. %s", typ, want, allowed)})
	case len(set) == 1 && typeKnown && set[0] != want:
		problems = append(problems, problem{path.Root(set[0]), "Action details do not match type",
			fmt.Sprintf("type = %q goes with %s, but %s is set. Either set type to the type of %s, or move the details to %s. %s",
				typ, want, set[0], set[0], want, allowed)})
	}

	for _, attr := range set {
		obj := *m.block(attr)
		base := path.Root(attr)
		switch attr {
		case "appointment_booking":
			var b appointmentBookingModel
			diags.Append(obj.As(ctx, &b, asObject)...)
			problems = append(problems, validateBooking(b, m.AgentID, base)...)
		case "stop_bot":
			var b stopBotModel
			diags.Append(obj.As(ctx, &b, asObject)...)
			problems = append(problems, validateSleep(b.ReactivateEnabled, b.SleepTime, b.SleepTimeUnit, "reactivate_enabled", base)...)
		case "human_handover":
			var b humanHandoverModel
			diags.Append(obj.As(ctx, &b, asObject)...)
			if known(b.HandoverType) && slices.Contains(handoverTypesNeedingExamples, b.HandoverType.ValueString()) && missing(b.Examples) {
				problems = append(problems, problem{base.AtName("examples"), "Missing handover examples",
					fmt.Sprintf("examples (at least one example message) is required when handover_type is %q (required for %s; "+
						"optional for `lackOfInformation` and `failedToResolveIssue`).", b.HandoverType.ValueString(), quoted(handoverTypesNeedingExamples))})
			}
			problems = append(problems, validateSleep(b.ReactivateEnabled, b.SleepTime, b.SleepTimeUnit, "reactivate_enabled", base)...)
		case "transfer_bot":
			var b transferBotModel
			diags.Append(obj.As(ctx, &b, asObject)...)
			if known(b.TransferBotType) && b.TransferBotType.ValueString() == "Custom" {
				if missing(b.TransferBotTriggerCondition) {
					problems = append(problems, problem{base.AtName("transfer_bot_trigger_condition"), "Missing transfer condition",
						"transfer_bot_trigger_condition is required when transfer_bot_type = \"Custom\" (with \"Default\" it is optional)."})
				}
				if missing(b.TransferBotExamples) {
					problems = append(problems, problem{base.AtName("transfer_bot_examples"), "Missing transfer examples",
						"transfer_bot_examples (at least 2 example messages) is required when transfer_bot_type = \"Custom\"."})
				}
			}
			problems = append(problems, validateOtherAgent(b.TransferToBot, m.AgentID, base.AtName("transfer_to_bot"))...)
		case "advanced_followup":
			var b advancedFollowupModel
			diags.Append(obj.As(ctx, &b, asObject)...)
			problems = append(problems, validateFollowup(ctx, b, base, diags)...)
		}
	}
	return problems
}

func validateBooking(b appointmentBookingModel, agentID types.String, base path.Path) []problem {
	var problems []problem
	if isTrue(b.TriggerWorkflow) && missing(b.WorkflowIDs) {
		problems = append(problems, problem{base.AtName("workflow_ids"), "Missing workflow IDs",
			"workflow_ids (at least one workflow ID) is required when trigger_workflow = true."})
	}
	problems = append(problems, validateSleep(b.SleepAfterBooking, b.SleepTime, b.SleepTimeUnit, "sleep_after_booking", base)...)
	if isTrue(b.TransferBot) && missing(b.TransferAgent) {
		problems = append(problems, problem{base.AtName("transfer_agent"), "Missing transfer agent",
			"transfer_agent (the ID of another agent of the location) is required when transfer_bot = true."})
	}
	problems = append(problems, validateOtherAgent(b.TransferAgent, agentID, base.AtName("transfer_agent"))...)
	if isTrue(b.OnlySendLink) {
		for _, f := range []struct {
			name string
			v    types.Bool
		}{
			{"trigger_workflow", b.TriggerWorkflow}, {"sleep_after_booking", b.SleepAfterBooking}, {"transfer_bot", b.TransferBot},
			{"reschedule_enabled", b.RescheduleEnabled}, {"cancel_enabled", b.CancelEnabled},
		} {
			if isTrue(f.v) {
				problems = append(problems, problem{base.AtName(f.name), "Conflicts with only_send_link",
					f.name + " must be false when only_send_link = true: the agent then only sends the booking link, so " +
						"trigger_workflow, sleep_after_booking, transfer_bot, reschedule_enabled and cancel_enabled must all be false."})
			}
		}
	}
	return problems
}

// validateSleep: sleep_time and sleep_time_unit are required when the switch is on.
func validateSleep(on types.Bool, t types.Int64, unit types.String, switchName string, base path.Path) []problem {
	if !isTrue(on) {
		return nil
	}
	var problems []problem
	if missing(t) {
		problems = append(problems, problem{base.AtName("sleep_time"), "Missing sleep time",
			"sleep_time (a whole number, 0 or more) and sleep_time_unit (" + quoted(actionSleepUnits) + ") are required when " + switchName + " = true."})
	}
	if missing(unit) {
		problems = append(problems, problem{base.AtName("sleep_time_unit"), "Missing sleep time unit",
			"sleep_time_unit (" + quoted(actionSleepUnits) + ") and sleep_time are required when " + switchName + " = true."})
	}
	return problems
}

// validateOtherAgent: an agent reference must name another agent than the action's own.
func validateOtherAgent(ref, agentID types.String, p path.Path) []problem {
	if ref.IsNull() || ref.IsUnknown() || agentID.IsNull() || agentID.IsUnknown() || ref.ValueString() != agentID.ValueString() {
		return nil
	}
	return []problem{{p, "Transfer to the same agent",
		"An action cannot transfer a conversation to its own agent: set the ID of another agent of the location."}}
}

func validateFollowup(ctx context.Context, b advancedFollowupModel, base path.Path, diags *diag.Diagnostics) []problem {
	var problems []problem
	if known(b.FollowupSequence) && !b.FollowupSequence.IsNull() {
		for i, e := range b.FollowupSequence.Elements() {
			var s followupStepModel
			if knownObject(ctx, e, &s, diags) {
				problems = append(problems, validateStep(s, base.AtName("followup_sequence").AtListIndex(i))...)
			}
		}
	}
	if known(b.FollowupSettings) && !b.FollowupSettings.IsNull() {
		var s followupSettingsModel
		diags.Append(b.FollowupSettings.As(ctx, &s, asObject)...)
		problems = append(problems, validateSettings(ctx, s, base.AtName("followup_settings"), diags)...)
	}
	return problems
}

func validateStep(s followupStepModel, p path.Path) []problem {
	var problems []problem
	if known(s.FollowupTime) && known(s.FollowupTimeUnit) && !s.FollowupTime.IsNull() {
		unit := s.FollowupTimeUnit.ValueString()
		if limit, ok := maxFollowupTime[unit]; ok && s.FollowupTime.ValueInt64() > limit {
			problems = append(problems, problem{p.AtName("followup_time"), "followup_time out of range",
				fmt.Sprintf("followup_time must be between 0 and %d when followup_time_unit is %q (at most 60 minutes, 24 hours or 180 days), got %d.",
					limit, unit, s.FollowupTime.ValueInt64())})
		}
	}
	// ai_enabled_message defaults to true: only an explicit false needs a custom message.
	if known(s.AIEnabledMessage) && !s.AIEnabledMessage.IsNull() && !s.AIEnabledMessage.ValueBool() && missing(s.CustomMessage) {
		problems = append(problems, problem{p.AtName("custom_message"), "Missing custom message",
			"custom_message is required when ai_enabled_message = false (the step then sends this text instead of an AI message)."})
	}
	if isTrue(s.TriggerWorkflow) && missing(s.WorkflowID) {
		problems = append(problems, problem{p.AtName("workflow_id"), "Missing workflow ID",
			"workflow_id is required when trigger_workflow = true."})
	}
	return problems
}

// validateSettings checks working hours: each day at most once, and intervals that end after
// they start (24-hour clock; the bounds of each number are schema validators).
func validateSettings(ctx context.Context, s followupSettingsModel, base path.Path, diags *diag.Diagnostics) []problem {
	if !known(s.WorkingHours) || s.WorkingHours.IsNull() {
		return nil
	}
	var problems []problem
	p := base.AtName("working_hours")
	seen := map[int64]bool{}
	for _, e := range s.WorkingHours.Elements() {
		var day workingDayModel
		if !knownObject(ctx, e, &day, diags) {
			continue
		}
		if known(day.DayOfTheWeek) && !day.DayOfTheWeek.IsNull() {
			n := day.DayOfTheWeek.ValueInt64()
			if seen[n] {
				problems = append(problems, problem{p, "Day listed twice",
					fmt.Sprintf("day_of_the_week %d appears more than once in working_hours: list each day (0 = Sunday … 6 = Saturday) "+
						"once, with all its intervals in its intervals list.", n)})
			}
			seen[n] = true
		}
		if !known(day.Intervals) || day.Intervals.IsNull() {
			continue
		}
		for _, e := range day.Intervals.Elements() {
			var iv intervalModel
			if !knownObject(ctx, e, &iv, diags) {
				continue
			}
			vals := []types.Int64{iv.StartHour, iv.StartMinute, iv.EndHour, iv.EndMinute}
			if slices.ContainsFunc(vals, func(v types.Int64) bool { return v.IsUnknown() || v.IsNull() }) {
				continue
			}
			start := iv.StartHour.ValueInt64()*60 + iv.StartMinute.ValueInt64()
			end := iv.EndHour.ValueInt64()*60 + iv.EndMinute.ValueInt64()
			if end <= start {
				problems = append(problems, problem{p, "Interval ends before it starts",
					fmt.Sprintf("The interval %02d:%02d–%02d:%02d of day %d must end after it starts (24-hour clock, from 00:00 to 23:59).",
						iv.StartHour.ValueInt64(), iv.StartMinute.ValueInt64(), iv.EndHour.ValueInt64(), iv.EndMinute.ValueInt64(),
						day.DayOfTheWeek.ValueInt64())})
			}
		}
	}
	return problems
}

// knownObject reads a list or set element that is a known object into target.
func knownObject(ctx context.Context, v attr.Value, target any, diags *diag.Diagnostics) bool {
	obj, ok := v.(types.Object)
	if !ok || obj.IsNull() || obj.IsUnknown() {
		return false
	}
	diags.Append(obj.As(ctx, target, asObject)...)
	return true
}
