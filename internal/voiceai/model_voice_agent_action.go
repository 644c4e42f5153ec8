// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// voiceActionModel is the state of highlevel_voice_agent_action. Each action kind is an object
// so that null (another kind) and unknown can be told apart; its content is read into the
// typed models below.
type voiceActionModel struct {
	ID                   types.String `tfsdk:"id"`
	LocationID           types.String `tfsdk:"location_id"`
	AgentID              types.String `tfsdk:"agent_id"`
	Name                 types.String `tfsdk:"name"`
	CallTransfer         types.Object `tfsdk:"call_transfer"`
	DataExtraction       types.Object `tfsdk:"data_extraction"`
	InCallDataExtraction types.Object `tfsdk:"in_call_data_extraction"`
	WorkflowTrigger      types.Object `tfsdk:"workflow_trigger"`
	SMS                  types.Object `tfsdk:"sms"`
	AppointmentBooking   types.Object `tfsdk:"appointment_booking"`
	CustomAction         types.Object `tfsdk:"custom_action"`
	KnowledgeBase        types.Object `tfsdk:"knowledge_base"`
}

func (m *voiceActionModel) kind(attr string) *types.Object {
	switch attr {
	case "call_transfer":
		return &m.CallTransfer
	case "data_extraction":
		return &m.DataExtraction
	case "in_call_data_extraction":
		return &m.InCallDataExtraction
	case "workflow_trigger":
		return &m.WorkflowTrigger
	case "sms":
		return &m.SMS
	case "appointment_booking":
		return &m.AppointmentBooking
	case "custom_action":
		return &m.CustomAction
	case "knowledge_base":
		return &m.KnowledgeBase
	}
	panic("voiceai: unknown action attribute " + attr)
}

type callTransferModel struct {
	TriggerPrompt      types.String `tfsdk:"trigger_prompt"`
	TriggerMessage     types.String `tfsdk:"trigger_message"`
	TransferToNumber   types.String `tfsdk:"transfer_to_number"`
	HearWhisperMessage types.Bool   `tfsdk:"hear_whisper_message"`
}

type extractionModel struct {
	ContactFieldID types.String `tfsdk:"contact_field_id"`
	Description    types.String `tfsdk:"description"`
	Examples       types.List   `tfsdk:"examples"`
	Overwrite      types.Bool   `tfsdk:"overwrite_existing_value"`
}

type workflowTriggerModel struct {
	TriggerPrompt  types.String `tfsdk:"trigger_prompt"`
	TriggerMessage types.String `tfsdk:"trigger_message"`
	WorkflowID     types.String `tfsdk:"workflow_id"`
}

type smsModel struct {
	TriggerPrompt  types.String `tfsdk:"trigger_prompt"`
	TriggerMessage types.String `tfsdk:"trigger_message"`
	MessageBody    types.String `tfsdk:"message_body"`
}

type bookingModel struct {
	CalendarID        types.String `tfsdk:"calendar_id"`
	DaysOfOffering    types.Int64  `tfsdk:"days_of_offering_dates"`
	SlotsPerDay       types.Int64  `tfsdk:"slots_per_day"`
	HoursBetweenSlots types.Int64  `tfsdk:"hours_between_slots"`
}

type customActionModel struct {
	TriggerPrompt          types.String `tfsdk:"trigger_prompt"`
	TriggerMessage         types.String `tfsdk:"trigger_message"`
	URL                    types.String `tfsdk:"url"`
	Method                 types.String `tfsdk:"method"`
	AuthenticationRequired types.Bool   `tfsdk:"authentication_required"`
	AuthenticationValueWO  types.String `tfsdk:"authentication_value_wo"`
	AuthenticationVersion  types.Int64  `tfsdk:"authentication_value_wo_version"`
	Headers                types.List   `tfsdk:"headers"`
	Parameters             types.List   `tfsdk:"parameters"`
	SelectedPaths          types.List   `tfsdk:"selected_paths"`
}

type headerModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

type parameterModel struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Type        types.String `tfsdk:"type"`
	Example     types.String `tfsdk:"example"`
}

type knowledgeBaseModel struct {
	TriggerPrompt   types.String `tfsdk:"trigger_prompt"`
	KnowledgeBaseID types.String `tfsdk:"knowledge_base_id"`
}

// kindType is the object type of a kind attribute, from the schema.
func kindType(attrName string) types.ObjectType {
	t, ok := voiceActionSchema.Attributes[attrName].GetType().(types.ObjectType)
	if !ok {
		panic("voiceai: " + attrName + " is not an object attribute")
	}
	return t
}

// Element types of a custom action's headers and parameters.
var (
	headerType    = types.ObjectType{AttrTypes: map[string]attr.Type{"key": types.StringType, "value": types.StringType}}
	parameterType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "description": types.StringType, "type": types.StringType, "example": types.StringType,
	}}
)

// setKind returns the kind attribute that is set, or "" when none is known.
func (m *voiceActionModel) setKind() (attrName, apiType string) {
	for _, k := range actionKinds {
		if o := m.kind(k.attr); !o.IsNull() && !o.IsUnknown() {
			return k.attr, k.apiType
		}
	}
	return "", ""
}

func str(v types.String) *string { return framework.StringPointer(v) }

// toInput builds the full PUT/POST body. secret is the write-only authentication value,
// read from the configuration (it is never in plan or state).
func (m voiceActionModel) toInput(ctx context.Context, secret types.String, diags *diag.Diagnostics) client.VoiceActionInput {
	attrName, apiType := m.setKind()
	in := client.VoiceActionInput{AgentID: m.AgentID.ValueString(), ActionType: apiType, Name: m.Name.ValueString()}
	p := &in.ActionParameters
	obj := m.kind(attrName)
	switch attrName {
	case "call_transfer":
		var k callTransferModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		number := "number"
		p.TriggerPrompt, p.TriggerMessage, p.TransferToType, p.TransferToValue = str(k.TriggerPrompt), str(k.TriggerMessage), &number, str(k.TransferToNumber)
		p.HearWhisperMessage = framework.BoolPointer(k.HearWhisperMessage)
	case "data_extraction", "in_call_data_extraction":
		var k extractionModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.ContactFieldID, p.Description = str(k.ContactFieldID), str(k.Description)
		p.Examples = framework.Strings(ctx, k.Examples, diags)
		p.OverwriteExistingValue = framework.BoolPointer(k.Overwrite)
	case "workflow_trigger":
		var k workflowTriggerModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.TriggerPrompt, p.TriggerMessage, p.WorkflowID = str(k.TriggerPrompt), str(k.TriggerMessage), str(k.WorkflowID)
	case "sms":
		var k smsModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.TriggerPrompt, p.TriggerMessage, p.MessageBody = str(k.TriggerPrompt), str(k.TriggerMessage), str(k.MessageBody)
	case "appointment_booking":
		var k bookingModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.CalendarID = str(k.CalendarID)
		p.DaysOfOfferingDates = framework.Int64Pointer(k.DaysOfOffering)
		p.SlotsPerDay = framework.Int64Pointer(k.SlotsPerDay)
		p.HoursBetweenSlots = framework.Int64Pointer(k.HoursBetweenSlots)
	case "custom_action":
		var k customActionModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.TriggerPrompt, p.TriggerMessage = str(k.TriggerPrompt), str(k.TriggerMessage)
		d := &client.VoiceAPIDetails{URL: k.URL.ValueString(), Method: k.Method.ValueString(),
			AuthenticationRequired: framework.BoolPointer(k.AuthenticationRequired), AuthenticationValue: str(secret)}
		if !k.Headers.IsNull() && !k.Headers.IsUnknown() {
			var hs []headerModel
			diags.Append(k.Headers.ElementsAs(ctx, &hs, false)...)
			for _, h := range hs {
				d.Headers = append(d.Headers, client.VoiceHeader{Key: h.Key.ValueString(), Value: h.Value.ValueString()})
			}
		}
		if !k.Parameters.IsNull() && !k.Parameters.IsUnknown() {
			var ps []parameterModel
			diags.Append(k.Parameters.ElementsAs(ctx, &ps, false)...)
			for _, q := range ps {
				d.Parameters = append(d.Parameters, client.VoiceAPIParameter{Name: q.Name.ValueString(),
					Description: str(q.Description), Type: str(q.Type), Example: str(q.Example)})
			}
		}
		p.APIDetails = d
		p.SelectedPaths = framework.Strings(ctx, k.SelectedPaths, diags)
	case "knowledge_base":
		var k knowledgeBaseModel
		diags.Append(obj.As(ctx, &k, asObject)...)
		p.TriggerPrompt, p.KnowledgeBaseID = str(k.TriggerPrompt), str(k.KnowledgeBaseID)
	default:
		diags.AddError("No action kind", "Set exactly one of "+quoted(attrNames())+".")
	}
	return in
}

func sv(s *string) types.String { return framework.StringValue(s) }

// voiceActionFromAPI maps the API's action to state. prior is the plan or state it replaces:
// the custom action's authentication_value_wo_version comes from it (the API knows nothing of it).
func voiceActionFromAPI(ctx context.Context, a *client.VoiceAction, location, agentID string, prior voiceActionModel, diags *diag.Diagnostics) voiceActionModel {
	m := voiceActionModel{ID: types.StringValue(a.ID), LocationID: types.StringValue(location), AgentID: types.StringValue(agentID),
		Name: types.StringValue(a.Name)}
	attrName := ""
	for _, k := range actionKinds {
		*m.kind(k.attr) = types.ObjectNull(kindType(k.attr).AttrTypes)
		if k.apiType == a.ActionType {
			attrName = k.attr
		}
	}
	if attrName == "" {
		diags.AddError("Unknown action type", fmt.Sprintf("The API answered action type %q, which this provider does not know (known: %s).",
			a.ActionType, quoted(actionTypes())))
		return m
	}
	p := a.ActionParameters
	var v any
	switch attrName {
	case "call_transfer":
		v = callTransferModel{TriggerPrompt: sv(p.TriggerPrompt), TriggerMessage: sv(p.TriggerMessage),
			TransferToNumber: sv(p.TransferToValue), HearWhisperMessage: framework.BoolValue(p.HearWhisperMessage)}
	case "data_extraction", "in_call_data_extraction":
		v = extractionModel{ContactFieldID: sv(p.ContactFieldID), Description: sv(p.Description),
			Examples: framework.StringListValue(p.Examples), Overwrite: types.BoolValue(p.OverwriteExistingValue != nil && *p.OverwriteExistingValue)}
	case "workflow_trigger":
		v = workflowTriggerModel{TriggerPrompt: sv(p.TriggerPrompt), TriggerMessage: sv(p.TriggerMessage), WorkflowID: sv(p.WorkflowID)}
	case "sms":
		v = smsModel{TriggerPrompt: sv(p.TriggerPrompt), TriggerMessage: sv(p.TriggerMessage), MessageBody: sv(p.MessageBody)}
	case "appointment_booking":
		v = bookingModel{CalendarID: sv(p.CalendarID), DaysOfOffering: framework.Int64Value(p.DaysOfOfferingDates),
			SlotsPerDay: framework.Int64Value(p.SlotsPerDay), HoursBetweenSlots: framework.Int64Value(p.HoursBetweenSlots)}
	case "custom_action":
		k := customActionModel{TriggerPrompt: sv(p.TriggerPrompt), TriggerMessage: sv(p.TriggerMessage),
			URL: types.StringNull(), Method: types.StringNull(), AuthenticationRequired: types.BoolNull(),
			AuthenticationValueWO: types.StringNull(), AuthenticationVersion: types.Int64Null(),
			Headers:       types.ListNull(headerType),
			Parameters:    types.ListNull(parameterType),
			SelectedPaths: framework.StringListOrNull(p.SelectedPaths)}
		if len(p.SelectedPaths) == 0 {
			k.SelectedPaths = types.ListNull(types.StringType)
		}
		if d := p.APIDetails; d != nil {
			k.URL, k.Method = types.StringValue(d.URL), types.StringValue(d.Method)
			k.AuthenticationRequired = framework.BoolValue(d.AuthenticationRequired)
			if len(d.Headers) > 0 {
				hs := make([]headerModel, 0, len(d.Headers))
				for _, h := range d.Headers {
					hs = append(hs, headerModel{Key: types.StringValue(h.Key), Value: types.StringValue(h.Value)})
				}
				list, dd := types.ListValueFrom(ctx, k.Headers.ElementType(ctx), hs)
				diags.Append(dd...)
				k.Headers = list
			}
			if len(d.Parameters) > 0 {
				ps := make([]parameterModel, 0, len(d.Parameters))
				for _, q := range d.Parameters {
					ps = append(ps, parameterModel{Name: types.StringValue(q.Name), Description: sv(q.Description), Type: sv(q.Type), Example: sv(q.Example)})
				}
				list, dd := types.ListValueFrom(ctx, k.Parameters.ElementType(ctx), ps)
				diags.Append(dd...)
				k.Parameters = list
			}
		}
		if !prior.CustomAction.IsNull() && !prior.CustomAction.IsUnknown() {
			var pk customActionModel
			diags.Append(prior.CustomAction.As(ctx, &pk, asObject)...)
			k.AuthenticationVersion = pk.AuthenticationVersion
		}
		v = k
	case "knowledge_base":
		v = knowledgeBaseModel{TriggerPrompt: sv(p.TriggerPrompt), KnowledgeBaseID: sv(p.KnowledgeBaseID)}
	}
	obj, d := types.ObjectValueFrom(ctx, kindType(attrName).AttrTypes, v)
	diags.Append(d...)
	*m.kind(attrName) = obj
	return m
}
