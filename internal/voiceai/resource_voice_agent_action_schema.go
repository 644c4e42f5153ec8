// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// The schema of highlevel_voice_agent_action: one nested attribute per actionType (§5.2), of
// which exactly one is set; it decides the actionType, which the API cannot change, so
// switching to another nested attribute replaces the action.

// e164Re is the transfer number rule of CALL_TRANSFER (§5.2).
var e164Re = regexp.MustCompile(`^\+[0-9]{10,15}$`)

var voiceActionSchema = buildVoiceActionSchema()

func (r *voiceActionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = voiceActionSchema
}

func (r *voiceActionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("agent_id", "The ID of the voice agent the action belongs to.", "The action's ID.")
}

func (r *voiceActionResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	roots := make([]path.Expression, len(actionKinds))
	for i, k := range actionKinds {
		roots[i] = path.MatchRoot(k.attr)
	}
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(roots...)}
}

// typeChangeReplaces replaces the action when this nested attribute is set or unset, i.e.
// when the actionType changes (the API refuses that on PUT, §5.1).
var typeChangeReplaces = objectplanmodifier.RequiresReplaceIf(
	func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = req.StateValue.IsNull() != req.PlanValue.IsNull()
	},
	"Changing the action type replaces the action.", "Changing the action type replaces the action.")

func kindAttribute(apiType, what string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: fmt.Sprintf("A `%s` action: %s Set exactly one action attribute; switching to another one "+
			"replaces the action (the API cannot change an action's type).", apiType, what),
		Optional:      true,
		Attributes:    attrs,
		PlanModifiers: []planmodifier.Object{typeChangeReplaces},
	}
}

func reqText(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc + " Required; must not be empty.", Required: true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
}

func triggerPrompt() schema.StringAttribute {
	return reqText("When the agent runs the action, in plain words, e.g. \"the caller asks for a manager\" (API `triggerPrompt`).")
}

func triggerMessage() schema.StringAttribute {
	return reqText("What the agent says to the caller while it runs the action (API `triggerMessage`).")
}

func count(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc + " A whole number, 0 or more. Required.", Required: true,
		Validators: []validator.Int64{int64validator.AtLeast(0)}}
}

func extractionAttrs() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"contact_field_id": reqText("The contact field the caller's answer is written to (API `contactFieldId`)."),
		"description":      reqText("What to listen for in the call, so the agent knows what to extract (API `description`)."),
		"examples": schema.ListAttribute{
			MarkdownDescription: "Example values, in order (API `examples`): 1 to 5. Required.",
			ElementType:         types.StringType,
			Required:            true,
			Validators: []validator.List{listvalidator.SizeBetween(1, 5),
				listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
		"overwrite_existing_value": schema.BoolAttribute{
			MarkdownDescription: "Whether a value the contact already has is replaced (API `overwriteExistingValue`). Defaults to `false`.",
			Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
		},
	}
}

func buildVoiceActionSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An action of a Voice AI agent: something the agent does during or after a call — transfer " +
			"the caller, note what the caller says in a contact field, start a workflow, text the caller, book an " +
			"appointment, call an external API, or answer from a knowledge base.\n\n" +
			"Set exactly one of " + quoted(attrNames()) + ". Writes to the actions of one agent are made one at a time.\n\n" +
			"A custom action's authentication value is write-only (`custom_action.authentication_value_wo`, Terraform and " +
			"OpenTofu 1.11 or later): it is sent on every write and never stored in state or plan; change " +
			"`authentication_value_wo_version` to send a new value.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The action's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"agent_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the voice agent (`highlevel_voice_agent`) the action belongs to (API `agentId`). " +
					"Changing it replaces the action (the API cannot move an action).",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": reqText("The action's name, as the HighLevel UI and call logs show it (API `name`)."),
			"call_transfer": kindAttribute("CALL_TRANSFER", "transfer the caller to a phone number.", map[string]schema.Attribute{
				"trigger_prompt":  triggerPrompt(),
				"trigger_message": triggerMessage(),
				"transfer_to_number": schema.StringAttribute{
					MarkdownDescription: "The number the call is transferred to, in E.164 form: `+`, country code and 10 to 15 " +
						"digits in all, e.g. `+15550001234` (API `transferToValue`; `transferToType` is always `number`). Required.",
					Required:   true,
					Validators: []validator.String{stringvalidator.RegexMatches(e164Re, "must be an E.164 number: + and 10 to 15 digits, e.g. +15550001234")},
				},
				"hear_whisper_message": schema.BoolAttribute{
					MarkdownDescription: "Whether the person who takes the transferred call first hears a short summary (a " +
						"whisper) the caller does not hear (API `hearWhisperMessage`). Left unset, the API's default applies.",
					Optional: true,
				},
			}),
			"data_extraction": kindAttribute("DATA_EXTRACTION", "after the call, write what the caller said into a contact field.",
				extractionAttrs()),
			"in_call_data_extraction": kindAttribute("IN_CALL_DATA_EXTRACTION", "during the call, write what the caller says "+
				"into a contact field.", extractionAttrs()),
			"workflow_trigger": kindAttribute("WORKFLOW_TRIGGER", "start a workflow during the call.", map[string]schema.Attribute{
				"trigger_prompt":  triggerPrompt(),
				"trigger_message": triggerMessage(),
				"workflow_id":     reqText("The workflow to start (API `workflowId`)."),
			}),
			"sms": kindAttribute("SMS", "text the caller during the call.", map[string]schema.Attribute{
				"trigger_prompt":  triggerPrompt(),
				"trigger_message": triggerMessage(),
				"message_body":    reqText("The text message the caller receives (API `messageBody`)."),
			}),
			"appointment_booking": kindAttribute("APPOINTMENT_BOOKING", "offer the caller appointment slots and book one.", map[string]schema.Attribute{
				"calendar_id":            reqText("The calendar the appointment is booked in (API `calendarId`)."),
				"days_of_offering_dates": count("How many days ahead the agent offers dates to the caller (API `daysOfOfferingDates`)."),
				"slots_per_day":          count("How many slots per day the agent offers (API `slotsPerDay`)."),
				"hours_between_slots":    count("How many hours apart the offered slots are (API `hoursBetweenSlots`)."),
			}),
			"custom_action": kindAttribute("CUSTOM_ACTION", "call an external API during the call and use its answer.", map[string]schema.Attribute{
				"trigger_prompt":  triggerPrompt(),
				"trigger_message": triggerMessage(),
				"url":             reqText("The absolute `http` or `https` URL the agent calls (API `apiDetails.url`)."),
				"method": schema.StringAttribute{
					MarkdownDescription: "The HTTP method (API `apiDetails.method`): " + quoted(httpMethods) + ". With `GET` set " +
						"`selected_paths`; with `POST` leave it unset. Required.",
					Required:   true,
					Validators: []validator.String{stringvalidator.OneOf(httpMethods...)},
				},
				"authentication_required": schema.BoolAttribute{
					MarkdownDescription: "Whether the API needs the authentication value (API `apiDetails.authenticationRequired`). " +
						"When `true`, set `authentication_value_wo`.",
					Optional: true,
				},
				"authentication_value_wo": schema.StringAttribute{
					MarkdownDescription: "The token or API key sent to the external API (API `apiDetails.authenticationValue`). " +
						"Write-only: never stored in plan or state and never read back (the API does not return it). Needs " +
						"Terraform or OpenTofu 1.11 or later. It is resent on every write of the action; change " +
						"`authentication_value_wo_version` to roll a new value.",
					Optional:   true,
					Sensitive:  true,
					WriteOnly:  true,
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"authentication_value_wo_version": schema.Int64Attribute{
					MarkdownDescription: "Any number; change it to send a new `authentication_value_wo` (a write-only value " +
						"is not compared, so changing only the value plans nothing). After an import it is unknown to the " +
						"provider, so the first plan updates the action once and sends the configured value.",
					Optional: true,
				},
				"headers": schema.ListNestedAttribute{
					MarkdownDescription: "HTTP headers sent with the call, in order (API `apiDetails.headers`); at least one when set.",
					Optional:            true,
					Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"key": reqText("The header name (API `key`)."),
						"value": schema.StringAttribute{
							MarkdownDescription: "The header value (API `value`). Sensitive, as it may carry a credential; the API " +
								"returns it, so a change in the HighLevel UI shows as drift.",
							Required: true, Sensitive: true,
						},
					}},
				},
				"parameters": schema.ListNestedAttribute{
					MarkdownDescription: "Values the agent collects from the caller and sends to the API, in order (API " +
						"`apiDetails.parameters`); at least one when set.",
					Optional:   true,
					Validators: []validator.List{listvalidator.SizeAtLeast(1)},
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"name":        reqText("The parameter's name (API `name`)."),
						"description": schema.StringAttribute{MarkdownDescription: "What the value is, so the agent can ask the caller for it (API `description`).", Optional: true},
						"type":        schema.StringAttribute{MarkdownDescription: "The value's type, e.g. `string` (API `type`; other values are undocumented).", Optional: true},
						"example":     schema.StringAttribute{MarkdownDescription: "An example value (API `example`).", Optional: true},
					}},
				},
				"selected_paths": schema.ListAttribute{
					MarkdownDescription: "Paths in the API's answer the agent uses to reply to the caller, e.g. `$.status` (API " +
						"`selectedPaths`). At least one with `method = \"GET\"`; unset with `POST`.",
					ElementType: types.StringType,
					Optional:    true,
					Validators: []validator.List{listvalidator.SizeAtLeast(1),
						listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				},
			}),
			"knowledge_base": kindAttribute("KNOWLEDGE_BASE", "answer the caller's questions from a knowledge base.", map[string]schema.Attribute{
				"trigger_prompt":    triggerPrompt(),
				"knowledge_base_id": reqText("The knowledge base the agent answers from (API `knowledgeBaseId`), e.g. a `highlevel_knowledge_base` id."),
			}),
		},
	}
}

func attrNames() []string {
	out := make([]string, len(actionKinds))
	for i, k := range actionKinds {
		out[i] = k.attr
	}
	return out
}
