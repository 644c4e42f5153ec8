// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// voiceAgentModel is the state of highlevel_voice_agent (and the agent part of the
// highlevel_voice_agent data source).
type voiceAgentModel struct {
	ID                   types.String `tfsdk:"id"`
	LocationID           types.String `tfsdk:"location_id"`
	Name                 types.String `tfsdk:"name"`
	BusinessName         types.String `tfsdk:"business_name"`
	WelcomeMessage       types.String `tfsdk:"welcome_message"`
	Prompt               types.String `tfsdk:"prompt"`
	VoiceID              types.String `tfsdk:"voice_id"`
	Language             types.String `tfsdk:"language"`
	PatienceLevel        types.String `tfsdk:"patience_level"`
	MaxCallDuration      types.Int64  `tfsdk:"max_call_duration"`
	IdleReminders        types.Bool   `tfsdk:"send_idle_reminders"`
	IdleReminderAfter    types.Int64  `tfsdk:"idle_reminder_after_seconds"`
	InboundNumber        types.String `tfsdk:"inbound_number"`
	NumberPoolID         types.String `tfsdk:"number_pool_id"`
	CallEndWorkflowIDs   types.Set    `tfsdk:"call_end_workflow_ids"`
	PostCallNotification types.Object `tfsdk:"post_call_notification"`
	WorkingHours         types.List   `tfsdk:"working_hours"`
	Timezone             types.String `tfsdk:"timezone"`
	BackupDisabled       types.Bool   `tfsdk:"disable_as_backup_agent"`
	Translation          types.Object `tfsdk:"translation"`
}

type notificationModel struct {
	Admins              types.Bool `tfsdk:"admins"`
	AllUsers            types.Bool `tfsdk:"all_users"`
	ContactAssignedUser types.Bool `tfsdk:"contact_assigned_user"`
	SpecificUserIDs     types.Set  `tfsdk:"specific_user_ids"`
	CustomEmails        types.Set  `tfsdk:"custom_emails"`
}

type workingDayModel struct {
	Day       types.String `tfsdk:"day"`
	Intervals types.List   `tfsdk:"intervals"`
}

type intervalModel struct {
	StartHour   types.Int64 `tfsdk:"start_hour"`
	StartMinute types.Int64 `tfsdk:"start_minute"`
	EndHour     types.Int64 `tfsdk:"end_hour"`
	EndMinute   types.Int64 `tfsdk:"end_minute"`
}

type translationModel struct {
	Enabled  types.Bool   `tfsdk:"enabled"`
	Language types.String `tfsdk:"language"`
}

var asObject = basetypes.ObjectAsOptions{}

// toInput is the desired agent of a plan or state. Unknown values (filled by the API on
// create) are left out; a null number or pool is nil, which a PATCH sends as null (clear).
func (m voiceAgentModel) toInput(ctx context.Context, diags *diag.Diagnostics) client.VoiceAgentInput {
	in := client.VoiceAgentInput{
		AgentName:                    framework.StringPointer(m.Name),
		BusinessName:                 framework.StringPointer(m.BusinessName),
		WelcomeMessage:               framework.StringPointer(m.WelcomeMessage),
		AgentPrompt:                  framework.StringPointer(m.Prompt),
		VoiceID:                      framework.StringPointer(m.VoiceID),
		Language:                     framework.StringPointer(m.Language),
		PatienceLevel:                framework.StringPointer(m.PatienceLevel),
		MaxCallDuration:              framework.Int64Pointer(m.MaxCallDuration),
		SendUserIdleReminders:        framework.BoolPointer(m.IdleReminders),
		ReminderAfterIdleTimeSeconds: framework.Int64Pointer(m.IdleReminderAfter),
		InboundNumber:                framework.StringPointer(m.InboundNumber),
		NumberPoolID:                 framework.StringPointer(m.NumberPoolID),
		CallEndWorkflowIDs:           sortedStrings(ctx, m.CallEndWorkflowIDs, diags),
		Timezone:                     framework.StringPointer(m.Timezone),
		IsAgentAsBackupDisabled:      framework.BoolPointer(m.BackupDisabled),
	}
	if !m.PostCallNotification.IsNull() && !m.PostCallNotification.IsUnknown() {
		var n notificationModel
		diags.Append(m.PostCallNotification.As(ctx, &n, asObject)...)
		in.SendPostCallNotificationTo = &client.VoicePostCallNotification{
			Admins: n.Admins.ValueBool(), AllUsers: n.AllUsers.ValueBool(), ContactAssignedUser: n.ContactAssignedUser.ValueBool(),
			SpecificUsers: orEmpty(sortedStrings(ctx, n.SpecificUserIDs, diags)), CustomEmails: orEmpty(sortedStrings(ctx, n.CustomEmails, diags)),
		}
	}
	if !m.WorkingHours.IsNull() && !m.WorkingHours.IsUnknown() {
		var daysIn []workingDayModel
		diags.Append(m.WorkingHours.ElementsAs(ctx, &daysIn, false)...)
		in.AgentWorkingHours = []client.VoiceWorkingDay{}
		for _, d := range daysIn {
			var ivs []intervalModel
			diags.Append(d.Intervals.ElementsAs(ctx, &ivs, false)...)
			wd := client.VoiceWorkingDay{DayOfTheWeek: int64(slices.Index(days, d.Day.ValueString()) + 1), Intervals: []client.VoiceInterval{}}
			for _, iv := range ivs {
				wd.Intervals = append(wd.Intervals, client.VoiceInterval{StartHour: iv.StartHour.ValueInt64(),
					StartMinute: iv.StartMinute.ValueInt64(), EndHour: iv.EndHour.ValueInt64(), EndMinute: iv.EndMinute.ValueInt64()})
			}
			in.AgentWorkingHours = append(in.AgentWorkingHours, wd)
		}
	}
	if !m.Translation.IsNull() && !m.Translation.IsUnknown() {
		var t translationModel
		diags.Append(m.Translation.As(ctx, &t, asObject)...)
		in.Translation = &client.VoiceTranslation{Enabled: t.Enabled.ValueBool(), Language: framework.StringPointer(t.Language)}
	}
	return in
}

// sortedStrings reads a set in a stable order, so that an unchanged set is never a PATCH member.
func sortedStrings(ctx context.Context, v types.Set, diags *diag.Diagnostics) []string {
	s := framework.Strings(ctx, v, diags)
	slices.Sort(s)
	return s
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// voiceAgentFromAPI maps the API's agent to state. Members the API left out take the server
// default (the OAS marks them optional in answers), so that a stricter server is not drift.
func voiceAgentFromAPI(a *client.VoiceAgent, locationID string) voiceAgentModel {
	m := voiceAgentModel{
		ID:                 types.StringValue(a.ID),
		LocationID:         types.StringValue(locationID),
		Name:               types.StringValue(a.AgentName),
		BusinessName:       types.StringValue(a.BusinessName),
		WelcomeMessage:     types.StringValue(a.WelcomeMessage),
		Prompt:             types.StringValue(a.AgentPrompt),
		VoiceID:            types.StringValue(a.VoiceID),
		Language:           stringOr(a.Language, defaultLanguage),
		PatienceLevel:      stringOr(a.PatienceLevel, defaultPatienceLevel),
		MaxCallDuration:    int64Or(a.MaxCallDuration, defaultMaxCallDuration),
		IdleReminders:      boolOr(a.SendUserIdleReminders, defaultIdleReminders),
		IdleReminderAfter:  int64Or(a.ReminderAfterIdleTimeSeconds, defaultIdleReminderAfter),
		InboundNumber:      framework.StringValue(a.InboundNumber),
		NumberPoolID:       framework.StringValue(a.NumberPoolID),
		CallEndWorkflowIDs: framework.StringSetValue(a.CallEndWorkflowIDs),
		Timezone:           types.StringValue(a.Timezone),
		BackupDisabled:     boolOr(a.IsAgentAsBackupDisabled, false),
	}
	n := client.VoicePostCallNotification{Admins: true}
	if a.SendPostCallNotificationTo != nil {
		n = *a.SendPostCallNotificationTo
	}
	m.PostCallNotification = types.ObjectValueMust(notificationType.AttrTypes, map[string]attr.Value{
		"admins": types.BoolValue(n.Admins), "all_users": types.BoolValue(n.AllUsers),
		"contact_assigned_user": types.BoolValue(n.ContactAssignedUser),
		"specific_user_ids":     framework.StringSetValue(n.SpecificUsers), "custom_emails": framework.StringSetValue(n.CustomEmails),
	})
	m.WorkingHours = workingHoursValue(a.AgentWorkingHours)
	t := client.VoiceTranslation{}
	if a.Translation != nil {
		t = *a.Translation
	}
	lang := types.StringNull()
	if t.Language != nil && *t.Language != "" {
		lang = types.StringValue(*t.Language)
	}
	m.Translation = types.ObjectValueMust(translationType.AttrTypes, map[string]attr.Value{"enabled": types.BoolValue(t.Enabled), "language": lang})
	return m
}

// workingHoursValue maps agentWorkingHours; a day number outside 1-7 is shown as its number.
func workingHoursValue(hours []client.VoiceWorkingDay) types.List {
	elems := make([]attr.Value, 0, len(hours))
	for _, d := range hours {
		day := "unknown"
		if d.DayOfTheWeek >= 1 && d.DayOfTheWeek <= 7 {
			day = days[d.DayOfTheWeek-1]
		}
		ivs := make([]attr.Value, 0, len(d.Intervals))
		for _, iv := range d.Intervals {
			ivs = append(ivs, types.ObjectValueMust(intervalType.AttrTypes, map[string]attr.Value{
				"start_hour": types.Int64Value(iv.StartHour), "start_minute": types.Int64Value(iv.StartMinute),
				"end_hour": types.Int64Value(iv.EndHour), "end_minute": types.Int64Value(iv.EndMinute),
			}))
		}
		elems = append(elems, types.ObjectValueMust(workingDayType.AttrTypes, map[string]attr.Value{
			"day": types.StringValue(day), "intervals": types.ListValueMust(intervalType, ivs),
		}))
	}
	return types.ListValueMust(workingDayType, elems)
}

func stringOr(v, def string) types.String {
	if v == "" {
		return types.StringValue(def)
	}
	return types.StringValue(v)
}

func int64Or(v *int64, def int64) types.Int64 {
	if v == nil {
		return types.Int64Value(def)
	}
	return types.Int64Value(*v)
}

func boolOr(v *bool, def bool) types.Bool {
	if v == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*v)
}
