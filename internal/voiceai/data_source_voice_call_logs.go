// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure      = (*callLogsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*callLogsDataSource)(nil)
)

// NewCallLogsDataSource is the highlevel_voice_call_logs data source.
func NewCallLogsDataSource() datasource.DataSource { return &callLogsDataSource{} }

type callLogsDataSource struct {
	client *client.Client
}

type callLogsDataModel struct {
	LocationID  types.String   `tfsdk:"location_id"`
	AgentID     types.String   `tfsdk:"agent_id"`
	ContactIDs  types.List     `tfsdk:"contact_ids"`
	CallType    types.String   `tfsdk:"call_type"`
	StartDate   types.String   `tfsdk:"start_date"`
	EndDate     types.String   `tfsdk:"end_date"`
	ActionTypes types.List     `tfsdk:"action_types"`
	SortBy      types.String   `tfsdk:"sort_by"`
	Sort        types.String   `tfsdk:"sort"`
	CallLogs    []callLogModel `tfsdk:"call_logs"`
}

type callLogModel struct {
	ID              types.String      `tfsdk:"id"`
	AgentID         types.String      `tfsdk:"agent_id"`
	IsAgentDeleted  types.Bool        `tfsdk:"is_agent_deleted"`
	CreatedAt       types.String      `tfsdk:"created_at"`
	Duration        types.Float64     `tfsdk:"duration"`
	TrialCall       types.Bool        `tfsdk:"trial_call"`
	Summary         types.String      `tfsdk:"summary"`
	Transcript      types.String      `tfsdk:"transcript"`
	ContactID       types.String      `tfsdk:"contact_id"`
	FromNumber      types.String      `tfsdk:"from_number"`
	MessageID       types.String      `tfsdk:"message_id"`
	ExtractedData   types.String      `tfsdk:"extracted_data"`
	Translation     types.String      `tfsdk:"translation"`
	ExecutedActions []callActionModel `tfsdk:"executed_actions"`
}

type callActionModel struct {
	ActionID          types.String `tfsdk:"action_id"`
	ActionType        types.String `tfsdk:"action_type"`
	ActionName        types.String `tfsdk:"action_name"`
	ActionParameters  types.String `tfsdk:"action_parameters"`
	ExecutedAt        types.String `tfsdk:"executed_at"`
	TriggerReceivedAt types.String `tfsdk:"trigger_received_at"`
}

// callLogAttributes are the attributes of one call log.
func callLogAttributes() map[string]schema.Attribute {
	s := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	b := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":               s("The call's ID."),
		"agent_id":         s("The voice agent that took the call (API `agentId`)."),
		"is_agent_deleted": b("Whether that agent has been deleted since (API `isAgentDeleted`)."),
		"created_at":       s("When the call started, ISO 8601 (API `createdAt`)."),
		"duration":         schema.Float64Attribute{MarkdownDescription: "How long the call lasted, in seconds (API `duration`).", Computed: true},
		"trial_call":       b("Whether it was a test call made from the HighLevel UI (API `trialCall`)."),
		"summary":          s("The AI's summary of the call (API `summary`)."),
		"transcript":       s("What was said, one `bot: …` or `human: …` line per turn (API `transcript`)."),
		"contact_id":       s("The caller's contact (API `contactId`); null when unknown."),
		"from_number":      s("The number the caller called from (API `fromNumber`); null when unknown."),
		"message_id":       s("The call's conversation message (API `messageId`); null when none."),
		"extracted_data":   s("What the agent's data-extraction actions noted from the call, as JSON (API `extractedData`); null when none."),
		"translation":      s("The call's translation as the API gives it, as JSON (API `translation`); null when none."),
		"executed_actions": schema.ListNestedAttribute{
			MarkdownDescription: "The actions the agent ran during the call, in order (API `executedCallActions`).",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"action_id":   s("The action's ID (API `actionId`)."),
				"action_type": s("The action type (API `actionType`)."),
				"action_name": s("The action's name at the time (API `actionName`)."),
				"action_parameters": schema.StringAttribute{MarkdownDescription: "The action's parameters when it ran, as JSON " +
					"(API `actionParameters`; may carry header values, hence sensitive).", Computed: true, Sensitive: true},
				"executed_at":         s("When the action ran, ISO 8601 (API `executedAt`)."),
				"trigger_received_at": s("When the caller triggered it, ISO 8601 (API `triggerReceivedAt`)."),
			}},
		},
	}
}

func rawJSON(raw json.RawMessage) types.String {
	if len(raw) == 0 || string(raw) == "null" {
		return types.StringNull()
	}
	return types.StringValue(string(raw))
}

func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func callLogValue(l client.VoiceCallLog) callLogModel {
	m := callLogModel{
		ID: types.StringValue(l.ID), AgentID: types.StringValue(l.AgentID), IsAgentDeleted: types.BoolValue(l.IsAgentDeleted),
		CreatedAt: types.StringValue(l.CreatedAt), Duration: types.Float64Value(l.Duration), TrialCall: types.BoolValue(l.TrialCall),
		Summary: types.StringValue(l.Summary), Transcript: types.StringValue(l.Transcript), ContactID: optional(l.ContactID),
		FromNumber: optional(l.FromNumber), MessageID: optional(l.MessageID), ExtractedData: rawJSON(l.ExtractedData),
		Translation: rawJSON(l.Translation), ExecutedActions: []callActionModel{},
	}
	for _, a := range l.ExecutedCallActions {
		m.ExecutedActions = append(m.ExecutedActions, callActionModel{
			ActionID: optional(a.ActionID), ActionType: types.StringValue(a.ActionType), ActionName: types.StringValue(a.ActionName),
			ActionParameters: rawJSON(a.ActionParameters), ExecutedAt: optional(a.ExecutedAt), TriggerReceivedAt: optional(a.TriggerReceivedAt),
		})
	}
	return m
}

func (d *callLogsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_call_logs"
}

func (d *callLogsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	date := func(which string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: "Only calls that started at or " + which + " this instant, RFC 3339 " +
			"(e.g. `2026-01-01T00:00:00Z`; API `" + map[string]string{"after": "startDate", "before": "endDate"}[which] +
			"` in epoch milliseconds). Set both `start_date` and `end_date`, or neither.", Optional: true,
			Validators: []validator.String{framework.RFC3339()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The calls a location's Voice AI agents took, with transcripts, summaries, executed actions and " +
			"extracted data: every page of the API's list that matches the filters (newest first unless `sort_by`). The " +
			"list is complete or the read fails.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{MarkdownDescription: "The location. Defaults to the provider's `location_id`.", Optional: true, Computed: true},
			"agent_id":    schema.StringAttribute{MarkdownDescription: "Only calls of this voice agent (API `agentId`).", Optional: true},
			"contact_ids": schema.ListAttribute{MarkdownDescription: "Only calls of these contacts (API `contactId`, comma-separated).",
				ElementType: types.StringType, Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1),
					listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1), stringvalidator.NoneOf(","))}},
			"call_type": schema.StringAttribute{MarkdownDescription: "Only live calls or only test calls (API `callType`): " + quoted(callTypes) + ".",
				Optional: true, Validators: []validator.String{stringvalidator.OneOf(callTypes...)}},
			"start_date": date("after"),
			"end_date":   date("before"),
			"action_types": schema.ListAttribute{MarkdownDescription: "Only calls in which the agent ran an action of one of these " +
				"types (API `actionType`): " + quoted(actionTypes()) + ".", ElementType: types.StringType, Optional: true,
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.OneOf(actionTypes()...))}},
			"sort_by": schema.StringAttribute{MarkdownDescription: "Order by (API `sortBy`): " + quoted(sortFields) + ". Unset: newest first.",
				Optional: true, Validators: []validator.String{stringvalidator.OneOf(sortFields...)}},
			"sort": schema.StringAttribute{MarkdownDescription: "Direction of `sort_by` (API `sort`): " + quoted(sortOrders) + ". Only with `sort_by`.",
				Optional: true, Validators: []validator.String{stringvalidator.OneOf(sortOrders...), stringvalidator.AlsoRequires(path.MatchRoot("sort_by"))}},
			"call_logs": schema.ListNestedAttribute{MarkdownDescription: "The calls.", Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: callLogAttributes()}},
		},
	}
}

func (d *callLogsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig: both dates or neither, the start before the end (the API answers 400 otherwise).
func (d *callLogsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m callLogsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.StartDate.IsUnknown() || m.EndDate.IsUnknown() {
		return
	}
	if m.StartDate.IsNull() != m.EndDate.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("start_date"), "Incomplete date range", "Set both start_date and end_date, or neither.")
		return
	}
	if m.StartDate.IsNull() {
		return
	}
	start, err1 := framework.ParseRFC3339(m.StartDate.ValueString())
	end, err2 := framework.ParseRFC3339(m.EndDate.ValueString())
	if err1 == nil && err2 == nil && !start.Before(end) {
		resp.Diagnostics.AddAttributeError(path.Root("end_date"), "Empty date range", "end_date must be after start_date.")
	}
}

func (d *callLogsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg callLogsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	f := client.VoiceCallLogFilter{
		AgentID: cfg.AgentID.ValueString(), ContactIDs: framework.Strings(ctx, cfg.ContactIDs, &resp.Diagnostics),
		CallType: cfg.CallType.ValueString(), ActionTypes: framework.Strings(ctx, cfg.ActionTypes, &resp.Diagnostics),
		SortBy: cfg.SortBy.ValueString(), Sort: cfg.Sort.ValueString(),
	}
	if !cfg.StartDate.IsNull() {
		f.Start, _ = framework.ParseRFC3339(cfg.StartDate.ValueString())
		f.End, _ = framework.ParseRFC3339(cfg.EndDate.ValueString())
	}
	logs, err := d.client.ListVoiceCallLogs(ctx, location, f)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list call logs", err.Error())
		return
	}
	cfg.LocationID = types.StringValue(location)
	cfg.CallLogs = make([]callLogModel, 0, len(logs))
	for _, l := range logs {
		cfg.CallLogs = append(cfg.CallLogs, callLogValue(l))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
