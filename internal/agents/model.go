// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// agentModel is the state of highlevel_agent.
type agentModel struct {
	ID                     types.String `tfsdk:"id"`
	LocationID             types.String `tfsdk:"location_id"`
	Name                   types.String `tfsdk:"name"`
	BusinessName           types.String `tfsdk:"business_name"`
	Mode                   types.String `tfsdk:"mode"`
	Channels               types.Set    `tfsdk:"channels"`
	IsPrimary              types.Bool   `tfsdk:"is_primary"`
	WaitTime               types.Int64  `tfsdk:"wait_time"`
	WaitTimeUnit           types.String `tfsdk:"wait_time_unit"`
	SleepEnabled           types.Bool   `tfsdk:"sleep_enabled"`
	SleepTime              types.Int64  `tfsdk:"sleep_time"`
	SleepTimeUnit          types.String `tfsdk:"sleep_time_unit"`
	SleepIndefinitely      types.Bool   `tfsdk:"sleep_indefinitely"`
	Personality            types.String `tfsdk:"personality"`
	Goal                   types.String `tfsdk:"goal"`
	Instructions           types.String `tfsdk:"instructions"`
	AutoPilotMaxMessages   types.Int64  `tfsdk:"auto_pilot_max_messages"`
	KnowledgeBaseIDs       types.Set    `tfsdk:"knowledge_base_ids"`
	RespondToImages        types.Bool   `tfsdk:"respond_to_images"`
	RespondToAudio         types.Bool   `tfsdk:"respond_to_audio"`
	SleepOnManualMessage   types.Bool   `tfsdk:"sleep_on_manual_message"`
	SleepOnWorkflowMessage types.Bool   `tfsdk:"sleep_on_workflow_message"`
}

// toInput builds the request body from the plan. forUpdate sends the full desired object,
// with "" and [] for cleared values, because the API keeps a field that a PUT leaves out
// (contract §3.1, DESIGN.md rule 5).
func (m agentModel) toInput(ctx context.Context, forUpdate bool, diags *diag.Diagnostics) client.AgentInput {
	in := client.AgentInput{
		Name:                   m.Name.ValueString(),
		BusinessName:           framework.StringPointer(m.BusinessName),
		Mode:                   framework.StringPointer(m.Mode),
		Channels:               framework.Strings(ctx, m.Channels, diags),
		IsPrimary:              framework.BoolPointer(m.IsPrimary),
		WaitTime:               framework.Int64Pointer(m.WaitTime),
		WaitTimeUnit:           framework.StringPointer(m.WaitTimeUnit),
		SleepEnabled:           framework.BoolPointer(m.SleepEnabled),
		Personality:            framework.StringPointer(m.Personality),
		Goal:                   framework.StringPointer(m.Goal),
		Instructions:           framework.StringPointer(m.Instructions),
		AutoPilotMaxMessages:   framework.Int64Pointer(m.AutoPilotMaxMessages),
		KnowledgeBaseIDs:       framework.Strings(ctx, m.KnowledgeBaseIDs, diags),
		RespondToImages:        framework.BoolPointer(m.RespondToImages),
		RespondToAudio:         framework.BoolPointer(m.RespondToAudio),
		SleepOnManualMessage:   framework.BoolPointer(m.SleepOnManualMessage),
		SleepOnWorkflowMessage: framework.BoolPointer(m.SleepOnWorkflowMessage),
	}
	// sleepTime and sleepTimeUnit must be absent unless sleep is enabled; null means indefinitely.
	if m.SleepEnabled.ValueBool() {
		if m.SleepIndefinitely.ValueBool() {
			in.SleepIndefinitely = true
		} else {
			in.SleepTime = framework.Int64Pointer(m.SleepTime)
			in.SleepTimeUnit = framework.StringPointer(m.SleepTimeUnit)
		}
	}
	if forUpdate && in.BusinessName == nil {
		empty := ""
		in.BusinessName = &empty
	}
	return in
}

// agentFromAPI maps the API's agent to state. prior is the state or plan the answer replaces;
// it decides how values the API cannot distinguish are shown ("" vs null, unechoed flags).
func agentFromAPI(a *client.Agent, locationID string, prior agentModel) agentModel {
	m := agentModel{
		ID:                     types.StringValue(a.ID),
		LocationID:             types.StringValue(locationID),
		Name:                   types.StringValue(a.Name),
		BusinessName:           framework.ClearableStringValue(a.BusinessName, prior.BusinessName),
		Mode:                   stringOr(a.Mode, defaultMode),
		Channels:               framework.StringSetValue(a.Channels),
		IsPrimary:              types.BoolValue(a.IsPrimary != nil && *a.IsPrimary),
		WaitTime:               int64Or(a.WaitTime, defaultWaitTime),
		WaitTimeUnit:           stringOr(a.WaitTimeUnit, defaultWaitTimeUnit),
		SleepEnabled:           types.BoolValue(a.SleepEnabled != nil && *a.SleepEnabled),
		SleepTime:              types.Int64Null(),
		SleepTimeUnit:          types.StringNull(),
		SleepIndefinitely:      keepFalse(prior.SleepIndefinitely),
		Personality:            framework.StringValue(a.Personality),
		Goal:                   framework.StringValue(a.Goal),
		Instructions:           framework.StringValue(a.Instructions),
		AutoPilotMaxMessages:   int64Or(a.AutoPilotMaxMessages, defaultAutoPilotMaxMessages),
		KnowledgeBaseIDs:       framework.StringSetValue(a.KnowledgeBaseIDs),
		RespondToImages:        framework.BoolKeepPrior(a.RespondToImages, boolOr(prior.RespondToImages, false)),
		RespondToAudio:         framework.BoolKeepPrior(a.RespondToAudio, boolOr(prior.RespondToAudio, false)),
		SleepOnManualMessage:   types.BoolValue(a.SleepOnManualMessage != nil && *a.SleepOnManualMessage),
		SleepOnWorkflowMessage: types.BoolValue(a.SleepOnWorkflowMessage != nil && *a.SleepOnWorkflowMessage),
	}
	if m.SleepEnabled.ValueBool() {
		if a.SleepTime == nil {
			m.SleepIndefinitely = types.BoolValue(true)
		} else {
			m.SleepTime = types.Int64Value(*a.SleepTime)
			m.SleepTimeUnit = framework.StringValue(a.SleepTimeUnit)
		}
	}
	return m
}

func stringOr(v *string, def string) types.String {
	if v == nil {
		return types.StringValue(def)
	}
	return types.StringValue(*v)
}

func int64Or(v *int64, def int64) types.Int64 {
	if v == nil {
		return types.Int64Value(def)
	}
	return types.Int64Value(*v)
}

func boolOr(v types.Bool, def bool) types.Bool {
	if v.IsNull() || v.IsUnknown() {
		return types.BoolValue(def)
	}
	return v
}

// keepFalse keeps an explicit false the user wrote; anything else means "not set".
func keepFalse(prior types.Bool) types.Bool {
	if !prior.IsNull() && !prior.IsUnknown() && !prior.ValueBool() {
		return prior
	}
	return types.BoolNull()
}
