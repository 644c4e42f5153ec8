// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// actionModel is the state of highlevel_agent_action. Each details attribute is an object so
// that a block that is null or unknown (known only at apply) can be told apart; its content is
// read into the typed models below.
type actionModel struct {
	ID                 types.String `tfsdk:"id"`
	LocationID         types.String `tfsdk:"location_id"`
	AgentID            types.String `tfsdk:"agent_id"`
	Type               types.String `tfsdk:"type"`
	Name               types.String `tfsdk:"name"`
	TriggerWorkflow    types.Object `tfsdk:"trigger_workflow"`
	UpdateContactField types.Object `tfsdk:"update_contact_field"`
	AppointmentBooking types.Object `tfsdk:"appointment_booking"`
	StopBot            types.Object `tfsdk:"stop_bot"`
	HumanHandover      types.Object `tfsdk:"human_handover"`
	AdvancedFollowup   types.Object `tfsdk:"advanced_followup"`
	TransferBot        types.Object `tfsdk:"transfer_bot"`
}

// block returns the details attribute named attr.
func (m *actionModel) block(attr string) *types.Object {
	switch attr {
	case "trigger_workflow":
		return &m.TriggerWorkflow
	case "update_contact_field":
		return &m.UpdateContactField
	case "appointment_booking":
		return &m.AppointmentBooking
	case "stop_bot":
		return &m.StopBot
	case "human_handover":
		return &m.HumanHandover
	case "advanced_followup":
		return &m.AdvancedFollowup
	case "transfer_bot":
		return &m.TransferBot
	}
	panic("actions: unknown details attribute " + attr)
}

type triggerWorkflowModel struct {
	WorkflowIDs      types.Set    `tfsdk:"workflow_ids"`
	TriggerCondition types.String `tfsdk:"trigger_condition"`
	TriggerMessage   types.String `tfsdk:"trigger_message"`
}

type updateContactFieldModel struct {
	ContactFieldID        types.String `tfsdk:"contact_field_id"`
	Description           types.String `tfsdk:"description"`
	ContactUpdateExamples types.List   `tfsdk:"contact_update_examples"`
}

type appointmentBookingModel struct {
	CalendarID        types.String `tfsdk:"calendar_id"`
	OnlySendLink      types.Bool   `tfsdk:"only_send_link"`
	TriggerWorkflow   types.Bool   `tfsdk:"trigger_workflow"`
	SleepAfterBooking types.Bool   `tfsdk:"sleep_after_booking"`
	TransferBot       types.Bool   `tfsdk:"transfer_bot"`
	RescheduleEnabled types.Bool   `tfsdk:"reschedule_enabled"`
	CancelEnabled     types.Bool   `tfsdk:"cancel_enabled"`
	WorkflowIDs       types.Set    `tfsdk:"workflow_ids"`
	SleepTime         types.Int64  `tfsdk:"sleep_time"`
	SleepTimeUnit     types.String `tfsdk:"sleep_time_unit"`
	TransferAgent     types.String `tfsdk:"transfer_agent"`
}

type stopBotModel struct {
	Enabled                 types.Bool   `tfsdk:"enabled"`
	StopBotDetectionType    types.String `tfsdk:"stop_bot_detection_type"`
	StopBotTriggerCondition types.String `tfsdk:"stop_bot_trigger_condition"`
	StopBotExamples         types.List   `tfsdk:"stop_bot_examples"`
	FinalMessage            types.String `tfsdk:"final_message"`
	ReactivateEnabled       types.Bool   `tfsdk:"reactivate_enabled"`
	SleepTime               types.Int64  `tfsdk:"sleep_time"`
	SleepTimeUnit           types.String `tfsdk:"sleep_time_unit"`
	Tags                    types.Set    `tfsdk:"tags"`
}

type humanHandoverModel struct {
	Enabled           types.Bool   `tfsdk:"enabled"`
	HandoverType      types.String `tfsdk:"handover_type"`
	TriggerCondition  types.String `tfsdk:"trigger_condition"`
	Examples          types.List   `tfsdk:"examples"`
	FinalMessage      types.String `tfsdk:"final_message"`
	ReactivateEnabled types.Bool   `tfsdk:"reactivate_enabled"`
	SleepTime         types.Int64  `tfsdk:"sleep_time"`
	SleepTimeUnit     types.String `tfsdk:"sleep_time_unit"`
	AssignToUserID    types.String `tfsdk:"assign_to_user_id"`
	SkipAssignToUser  types.Bool   `tfsdk:"skip_assign_to_user"`
	CreateTask        types.Bool   `tfsdk:"create_task"`
	Tags              types.Set    `tfsdk:"tags"`
}

type transferBotModel struct {
	Enabled                     types.Bool   `tfsdk:"enabled"`
	TransferBotType             types.String `tfsdk:"transfer_bot_type"`
	TransferToBot               types.String `tfsdk:"transfer_to_bot"`
	TransferBotTriggerCondition types.String `tfsdk:"transfer_bot_trigger_condition"`
	TransferBotExamples         types.List   `tfsdk:"transfer_bot_examples"`
}

type advancedFollowupModel struct {
	Enabled          types.Bool   `tfsdk:"enabled"`
	ScenarioID       types.String `tfsdk:"scenario_id"`
	FollowupSequence types.List   `tfsdk:"followup_sequence"`
	FollowupSettings types.Object `tfsdk:"followup_settings"`
}

type followupStepModel struct {
	ID               types.Int64  `tfsdk:"id"`
	FollowupTimeUnit types.String `tfsdk:"followup_time_unit"`
	FollowupTime     types.Int64  `tfsdk:"followup_time"`
	AIEnabledMessage types.Bool   `tfsdk:"ai_enabled_message"`
	CustomMessage    types.String `tfsdk:"custom_message"`
	TriggerWorkflow  types.Bool   `tfsdk:"trigger_workflow"`
	WorkflowID       types.String `tfsdk:"workflow_id"`
	ContactRequested types.Bool   `tfsdk:"contact_requested"`
}

// followupSettingsModel is FollowupSettings (contract §3.3), inline in advanced_followup and
// the arguments of highlevel_agent_followup_settings.
type followupSettingsModel struct {
	DynamicChannelSwitching types.Bool   `tfsdk:"dynamic_channel_switching"`
	FollowUpHours           types.Bool   `tfsdk:"follow_up_hours"`
	WorkingHours            types.Set    `tfsdk:"working_hours"`
	TimezoneToUse           types.String `tfsdk:"timezone_to_use"`
}

type workingDayModel struct {
	DayOfTheWeek types.Int64 `tfsdk:"day_of_the_week"`
	Intervals    types.List  `tfsdk:"intervals"`
}

type intervalModel struct {
	StartHour   types.Int64 `tfsdk:"start_hour"`
	StartMinute types.Int64 `tfsdk:"start_minute"`
	EndHour     types.Int64 `tfsdk:"end_hour"`
	EndMinute   types.Int64 `tfsdk:"end_minute"`
}

// Object types, derived from the schema.
//
//nolint:forcetypeassert // the schema's own types: a wrong assertion panics at init, in every test
var (
	workingDayType       = schema.NestedAttributeObject{Attributes: workingDayAttributes()}.Type().(types.ObjectType)
	intervalType         = workingDayType.AttrTypes["intervals"].(types.ListType).ElemType.(types.ObjectType)
	followupStepType     = objectType("advanced_followup").AttrTypes["followup_sequence"].(types.ListType).ElemType.(types.ObjectType)
	followupSettingsType = objectType("advanced_followup").AttrTypes["followup_settings"].(types.ObjectType)
)

func objectType(attr string) types.ObjectType {
	return actionSchema.Attributes[attr].GetType().(types.ObjectType) //nolint:forcetypeassert // the schema's own type
}

var asObject = basetypes.ObjectAsOptions{}

// toInput builds the POST/PUT body from a plan: the type, the name and the full details of the
// type's attribute (PUT is a full replace, DESIGN.md rule 5). Only the fields of the action's
// type are sent: the API rejects the others.
func (m actionModel) toInput(ctx context.Context, diags *diag.Diagnostics) client.ActionInput {
	in := client.ActionInput{Type: m.Type.ValueString(), Name: m.Name.ValueString()}
	blockName := blockOf(in.Type)
	if blockName == "" {
		diags.AddError("Unknown action type", "type must be one of "+quoted(actionTypes)+".")
		return in
	}
	obj := *m.block(blockName)
	if obj.IsNull() || obj.IsUnknown() {
		diags.AddError("Missing action details", "type = \""+in.Type+"\" needs its details in "+blockName+".")
		return in
	}
	d := &in.Details
	switch in.Type {
	case client.ActionTypeTriggerWorkflow:
		var b triggerWorkflowModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.WorkflowIDs = sortedStrings(ctx, b.WorkflowIDs, diags)
		d.TriggerCondition = framework.StringPointer(b.TriggerCondition)
		d.TriggerMessage = framework.StringPointer(b.TriggerMessage)
	case client.ActionTypeUpdateContactField:
		var b updateContactFieldModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.ContactFieldID = framework.StringPointer(b.ContactFieldID)
		d.Description = framework.StringPointer(b.Description)
		d.ContactUpdateExamples = framework.Strings(ctx, b.ContactUpdateExamples, diags)
	case client.ActionTypeAppointmentBooking:
		var b appointmentBookingModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.CalendarID = framework.StringPointer(b.CalendarID)
		d.OnlySendLink = framework.BoolPointer(b.OnlySendLink)
		d.TriggerWorkflow = framework.BoolPointer(b.TriggerWorkflow)
		d.SleepAfterBooking = framework.BoolPointer(b.SleepAfterBooking)
		d.TransferBot = framework.BoolPointer(b.TransferBot)
		d.RescheduleEnabled = framework.BoolPointer(b.RescheduleEnabled)
		d.CancelEnabled = framework.BoolPointer(b.CancelEnabled)
		d.WorkflowIDs = sortedStrings(ctx, b.WorkflowIDs, diags)
		d.SleepTime = framework.Int64Pointer(b.SleepTime)
		d.SleepTimeUnit = framework.StringPointer(b.SleepTimeUnit)
		d.TransferAgent = framework.StringPointer(b.TransferAgent)
	case client.ActionTypeStopBot:
		var b stopBotModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.Enabled = framework.BoolPointer(b.Enabled)
		d.StopBotDetectionType = framework.StringPointer(b.StopBotDetectionType)
		d.StopBotTriggerCondition = framework.StringPointer(b.StopBotTriggerCondition)
		d.StopBotExamples = framework.Strings(ctx, b.StopBotExamples, diags)
		d.FinalMessage = framework.StringPointer(b.FinalMessage)
		d.ReactivateEnabled = framework.BoolPointer(b.ReactivateEnabled)
		d.SleepTime = framework.Int64Pointer(b.SleepTime)
		d.SleepTimeUnit = framework.StringPointer(b.SleepTimeUnit)
		d.Tags = sortedStrings(ctx, b.Tags, diags)
	case client.ActionTypeHumanHandOver:
		var b humanHandoverModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.Enabled = framework.BoolPointer(b.Enabled)
		d.HandoverType = framework.StringPointer(b.HandoverType)
		d.TriggerCondition = framework.StringPointer(b.TriggerCondition)
		d.Examples = framework.Strings(ctx, b.Examples, diags)
		d.FinalMessage = framework.StringPointer(b.FinalMessage)
		d.ReactivateEnabled = framework.BoolPointer(b.ReactivateEnabled)
		d.SleepTime = framework.Int64Pointer(b.SleepTime)
		d.SleepTimeUnit = framework.StringPointer(b.SleepTimeUnit)
		d.AssignToUserID = framework.StringPointer(b.AssignToUserID)
		d.SkipAssignToUser = framework.BoolPointer(b.SkipAssignToUser)
		d.CreateTask = framework.BoolPointer(b.CreateTask)
		d.Tags = sortedStrings(ctx, b.Tags, diags)
	case client.ActionTypeTransferBot:
		var b transferBotModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.Enabled = framework.BoolPointer(b.Enabled)
		d.TransferBotType = framework.StringPointer(b.TransferBotType)
		d.TransferToBot = framework.StringPointer(b.TransferToBot)
		d.TransferBotTriggerCondition = framework.StringPointer(b.TransferBotTriggerCondition)
		d.TransferBotExamples = framework.Strings(ctx, b.TransferBotExamples, diags)
	case client.ActionTypeAdvancedFollowup:
		var b advancedFollowupModel
		diags.Append(obj.As(ctx, &b, asObject)...)
		d.Enabled = framework.BoolPointer(b.Enabled)
		d.ScenarioID = framework.StringPointer(b.ScenarioID)
		var steps []followupStepModel
		diags.Append(b.FollowupSequence.ElementsAs(ctx, &steps, false)...)
		d.FollowupSequence = make([]client.FollowupStep, 0, len(steps))
		for _, s := range steps {
			d.FollowupSequence = append(d.FollowupSequence, s.toAPI())
		}
		// Unset (null in configuration, or the state's copy of what the API holds): the
		// settings the API holds are sent back, so that a full-replace PUT keeps them.
		if !b.FollowupSettings.IsNull() && !b.FollowupSettings.IsUnknown() {
			var s followupSettingsModel
			diags.Append(b.FollowupSettings.As(ctx, &s, asObject)...)
			api := s.toAPI(ctx, diags)
			d.FollowupSettings = &api
		}
	}
	return in
}

func (s followupStepModel) toAPI() client.FollowupStep {
	return client.FollowupStep{
		ID:               s.ID.ValueInt64(),
		FollowupTimeUnit: s.FollowupTimeUnit.ValueString(),
		FollowupTime:     s.FollowupTime.ValueInt64(),
		AIEnabledMessage: framework.BoolPointer(s.AIEnabledMessage),
		CustomMessage:    framework.StringPointer(s.CustomMessage),
		TriggerWorkflow:  framework.BoolPointer(s.TriggerWorkflow),
		WorkflowID:       framework.StringPointer(s.WorkflowID),
		ContactRequested: framework.BoolPointer(s.ContactRequested),
	}
}

// toAPI maps follow-up settings to the API; working days are sent in day order.
func (s followupSettingsModel) toAPI(ctx context.Context, diags *diag.Diagnostics) client.FollowupSettings {
	out := client.FollowupSettings{
		DynamicChannelSwitching: framework.BoolPointer(s.DynamicChannelSwitching),
		FollowUpHours:           framework.BoolPointer(s.FollowUpHours),
		TimezoneToUse:           framework.StringPointer(s.TimezoneToUse),
	}
	if s.WorkingHours.IsNull() || s.WorkingHours.IsUnknown() {
		return out
	}
	var days []workingDayModel
	diags.Append(s.WorkingHours.ElementsAs(ctx, &days, false)...)
	out.WorkingHours = make([]client.WorkingDay, 0, len(days))
	for _, day := range days {
		var ivs []intervalModel
		diags.Append(day.Intervals.ElementsAs(ctx, &ivs, false)...)
		wd := client.WorkingDay{DayOfTheWeek: day.DayOfTheWeek.ValueInt64(), Intervals: make([]client.Interval, 0, len(ivs))}
		for _, iv := range ivs {
			wd.Intervals = append(wd.Intervals, client.Interval{
				StartHour: iv.StartHour.ValueInt64(), StartMinute: iv.StartMinute.ValueInt64(),
				EndHour: iv.EndHour.ValueInt64(), EndMinute: iv.EndMinute.ValueInt64(),
			})
		}
		out.WorkingHours = append(out.WorkingHours, wd)
	}
	slices.SortStableFunc(out.WorkingHours, func(a, b client.WorkingDay) int { return int(a.DayOfTheWeek - b.DayOfTheWeek) })
	return out
}

// sortedStrings reads a set of strings in a stable order (the API keeps the order it is sent).
func sortedStrings(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	out := framework.Strings(ctx, set, diags)
	slices.Sort(out)
	return out
}

// actionFromAPI maps the API's action to state (DESIGN.md rule 1): the attribute of its type is
// filled from `details`, the others are null. Fields the API leaves out are null, except those
// with a server default, which get the default.
func actionFromAPI(ctx context.Context, a *client.Action, locationID, agentID string, diags *diag.Diagnostics) actionModel {
	m := actionModel{
		ID:         types.StringValue(a.ID),
		LocationID: types.StringValue(locationID),
		AgentID:    types.StringValue(agentID),
		Type:       types.StringValue(a.Type),
		Name:       types.StringValue(a.Name),
	}
	if a.AgentID != "" {
		m.AgentID = types.StringValue(a.AgentID)
	}
	for _, b := range blocks {
		*m.block(b.attr) = types.ObjectNull(objectType(b.attr).AttrTypes)
	}
	blockName := blockOf(a.Type)
	if blockName == "" {
		diags.AddError("Unknown action type", "The API returned action "+a.ID+" with type \""+a.Type+
			"\", which this provider does not know (it knows "+quoted(actionTypes)+"). Please report it.")
		return m
	}
	var block any
	d := a.Details
	switch a.Type {
	case client.ActionTypeTriggerWorkflow:
		block = triggerWorkflowModel{
			WorkflowIDs:      framework.StringSetOrNull(d.WorkflowIDs),
			TriggerCondition: framework.StringValue(d.TriggerCondition),
			TriggerMessage:   framework.StringValue(d.TriggerMessage),
		}
	case client.ActionTypeUpdateContactField:
		block = updateContactFieldModel{
			ContactFieldID:        framework.StringValue(d.ContactFieldID),
			Description:           framework.StringValue(d.Description),
			ContactUpdateExamples: framework.StringListValue(d.ContactUpdateExamples),
		}
	case client.ActionTypeAppointmentBooking:
		block = appointmentBookingModel{
			CalendarID:        framework.StringValue(d.CalendarID),
			OnlySendLink:      framework.BoolValue(d.OnlySendLink),
			TriggerWorkflow:   framework.BoolValue(d.TriggerWorkflow),
			SleepAfterBooking: framework.BoolValue(d.SleepAfterBooking),
			TransferBot:       framework.BoolValue(d.TransferBot),
			RescheduleEnabled: boolOr(d.RescheduleEnabled, false),
			CancelEnabled:     boolOr(d.CancelEnabled, false),
			WorkflowIDs:       framework.StringSetOrNull(d.WorkflowIDs),
			SleepTime:         framework.Int64Value(d.SleepTime),
			SleepTimeUnit:     framework.StringValue(d.SleepTimeUnit),
			TransferAgent:     framework.StringValue(d.TransferAgent),
		}
	case client.ActionTypeStopBot:
		block = stopBotModel{
			Enabled:                 framework.BoolValue(d.Enabled),
			StopBotDetectionType:    framework.StringValue(d.StopBotDetectionType),
			StopBotTriggerCondition: framework.StringValue(d.StopBotTriggerCondition),
			StopBotExamples:         framework.StringListOrNull(d.StopBotExamples),
			FinalMessage:            framework.StringValue(d.FinalMessage),
			ReactivateEnabled:       framework.BoolValue(d.ReactivateEnabled),
			SleepTime:               framework.Int64Value(d.SleepTime),
			SleepTimeUnit:           framework.StringValue(d.SleepTimeUnit),
			Tags:                    framework.StringSetOrNull(d.Tags),
		}
	case client.ActionTypeHumanHandOver:
		block = humanHandoverModel{
			Enabled:           framework.BoolValue(d.Enabled),
			HandoverType:      framework.StringValue(d.HandoverType),
			TriggerCondition:  framework.StringValue(d.TriggerCondition),
			Examples:          framework.StringListOrNull(d.Examples),
			FinalMessage:      framework.StringValue(d.FinalMessage),
			ReactivateEnabled: framework.BoolValue(d.ReactivateEnabled),
			SleepTime:         framework.Int64Value(d.SleepTime),
			SleepTimeUnit:     framework.StringValue(d.SleepTimeUnit),
			AssignToUserID:    framework.StringValue(d.AssignToUserID),
			SkipAssignToUser:  framework.BoolValue(d.SkipAssignToUser),
			CreateTask:        framework.BoolValue(d.CreateTask),
			Tags:              framework.StringSetOrNull(d.Tags),
		}
	case client.ActionTypeTransferBot:
		block = transferBotModel{
			Enabled:                     framework.BoolValue(d.Enabled),
			TransferBotType:             framework.StringValue(d.TransferBotType),
			TransferToBot:               framework.StringValue(d.TransferToBot),
			TransferBotTriggerCondition: framework.StringValue(d.TransferBotTriggerCondition),
			TransferBotExamples:         framework.StringListOrNull(d.TransferBotExamples),
		}
	case client.ActionTypeAdvancedFollowup:
		steps := make([]attr.Value, 0, len(d.FollowupSequence))
		for _, s := range d.FollowupSequence {
			steps = append(steps, objectValue(ctx, followupStepType, followupStepFromAPI(s), diags))
		}
		settings := types.ObjectNull(followupSettingsType.AttrTypes)
		if d.FollowupSettings != nil {
			settings = objectValue(ctx, followupSettingsType, followupSettingsFromAPI(ctx, d.FollowupSettings, diags), diags)
		}
		block = advancedFollowupModel{
			Enabled:          framework.BoolValue(d.Enabled),
			ScenarioID:       framework.StringValue(d.ScenarioID),
			FollowupSequence: types.ListValueMust(followupStepType, steps),
			FollowupSettings: settings,
		}
	}
	*m.block(blockName) = objectValue(ctx, objectType(blockName), block, diags)
	return m
}

func followupStepFromAPI(s client.FollowupStep) followupStepModel {
	return followupStepModel{
		ID:               types.Int64Value(s.ID),
		FollowupTimeUnit: types.StringValue(s.FollowupTimeUnit),
		FollowupTime:     types.Int64Value(s.FollowupTime),
		AIEnabledMessage: boolOr(s.AIEnabledMessage, defaultAIEnabledMessage),
		CustomMessage:    framework.StringValue(s.CustomMessage),
		TriggerWorkflow:  boolOr(s.TriggerWorkflow, defaultStepTriggerWorkflow),
		WorkflowID:       framework.StringValue(s.WorkflowID),
		ContactRequested: framework.BoolValue(s.ContactRequested),
	}
}

// followupSettingsFromAPI maps follow-up settings; fields the API leaves out get the defaults.
func followupSettingsFromAPI(ctx context.Context, s *client.FollowupSettings, diags *diag.Diagnostics) followupSettingsModel {
	days := make([]attr.Value, 0, len(s.WorkingHours))
	for _, wd := range s.WorkingHours {
		ivs := make([]attr.Value, 0, len(wd.Intervals))
		for _, iv := range wd.Intervals {
			ivs = append(ivs, objectValue(ctx, intervalType, intervalModel{
				StartHour: types.Int64Value(iv.StartHour), StartMinute: types.Int64Value(iv.StartMinute),
				EndHour: types.Int64Value(iv.EndHour), EndMinute: types.Int64Value(iv.EndMinute),
			}, diags))
		}
		day := objectValue(ctx, workingDayType, workingDayModel{
			DayOfTheWeek: types.Int64Value(wd.DayOfTheWeek),
			Intervals:    types.ListValueMust(intervalType, ivs),
		}, diags)
		// A day the API repeats is kept once: the framework rejects a set with duplicates.
		if !slices.ContainsFunc(days, day.Equal) {
			days = append(days, day)
		}
	}
	set, d := types.SetValue(workingDayType, days)
	diags.Append(d...)
	return followupSettingsModel{
		DynamicChannelSwitching: boolOr(s.DynamicChannelSwitching, defaultDynamicChannelSwitching),
		FollowUpHours:           boolOr(s.FollowUpHours, defaultFollowUpHours),
		WorkingHours:            set,
		TimezoneToUse:           framework.StringValue(s.TimezoneToUse),
	}
}

func objectValue(ctx context.Context, t types.ObjectType, v any, diags *diag.Diagnostics) types.Object {
	obj, d := types.ObjectValueFrom(ctx, t.AttrTypes, v)
	diags.Append(d...)
	return obj
}

func boolOr(v *bool, def bool) types.Bool {
	if v == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*v)
}
