// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// The schema of highlevel_agent_action: one nested attribute per action type holding that
// type's `details`, every field of contract §3.2 in snake_case. Required fields of the contract
// are Required here (Terraform reports them missing at plan time); fields required only under
// a condition are Optional and checked in ValidateConfig. Unordered id lists (workflow ids,
// tags) are sets; example texts keep their order (lists). No length limit is added that the
// contract does not state (§7.12); required strings and list items must not be empty, as the
// API rejects "".

// actionSchema is built once; model attribute types are derived from it, so that the schema
// and the mappers cannot disagree.
var actionSchema = buildActionSchema()

func (r *actionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = actionSchema
}

func (r *actionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("agent_id", "The ID of the agent the action belongs to.", "The action's ID.")
}

func buildActionSchema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The action's ID.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"location_id": framework.LocationIDAttribute(),
		"agent_id": schema.StringAttribute{
			MarkdownDescription: "The ID of the agent (`highlevel_agent`) the action belongs to. Changing it destroys the " +
				"action and creates it on the other agent.",
			Required:      true,
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"type": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The action type: %s. Set the details in the attribute that goes with it: %s. "+
				"The API cannot change the type of an action, so changing it destroys the action and creates a new one.",
				quoted(actionTypes), combinations()),
			Required:      true,
			Validators:    []validator.String{stringvalidator.OneOf(actionTypes...)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The action's name, as the HighLevel UI shows it. Must not be empty.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"trigger_workflow":     triggerWorkflowAttribute(),
		"update_contact_field": updateContactFieldAttribute(),
		"appointment_booking":  appointmentBookingAttribute(),
		"stop_bot":             stopBotAttribute(),
		"human_handover":       humanHandoverAttribute(),
		"advanced_followup":    advancedFollowupAttribute(),
		"transfer_bot":         transferBotAttribute(),
	}
	return schema.Schema{
		MarkdownDescription: "An action of a Conversation AI agent: what the agent does when a conversation calls for it — " +
			"trigger a workflow, update a contact field, book an appointment, stop, hand over to a human, follow up, or " +
			"transfer to another agent.\n\n" +
			"Set `type` and exactly one details attribute, the one that goes with the type (" + combinations() + ").\n\n" +
			"Writes to the actions of one agent are made one at a time by the provider, and a `409 Conflict` answer is " +
			"retried, so any number of actions of one agent can be applied with the default `-parallelism`.\n\n" +
			"Follow-up settings of `advancedFollowup` actions can be set inline (`advanced_followup.followup_settings`) " +
			"or, for several actions at once, with `highlevel_agent_followup_settings` — never both for the same action.",
		Attributes: attrs,
	}
}

func detailsBlock(apiType, what string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: fmt.Sprintf("The details of the action when its type is `%s`: %s Set it when, and only when, `type = \"%s\"`.", apiType, what, apiType),
		Optional:            true,
		Attributes:          attrs,
	}
}

func requiredString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc + " Required; must not be empty.", Required: true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
}

func optionalString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true}
}

func requiredBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc + " Required.", Required: true}
}

func optionalBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Optional: true}
}

func defaultBool(desc string, def bool) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: fmt.Sprintf("%s Defaults to `%t` (the API's default).", desc, def),
		Optional: true, Computed: true, Default: booldefault.StaticBool(def)}
}

// idSet is an unordered list of ids; minItems > 0 rejects an empty set (leave it unset instead).
func idSet(desc string, required bool, minItems int) schema.SetAttribute {
	v := []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}
	if minItems > 0 {
		v = append(v, setvalidator.SizeAtLeast(minItems))
	}
	return schema.SetAttribute{MarkdownDescription: desc, ElementType: types.StringType, Required: required, Optional: !required, Validators: v}
}

// textList is an ordered list of texts (examples); minItems > 0 rejects shorter lists.
func textList(desc string, required bool, minItems int) schema.ListAttribute {
	v := []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}
	if minItems > 0 {
		v = append(v, listvalidator.SizeAtLeast(minItems))
	}
	return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Required: required, Optional: !required, Validators: v}
}

func sleepTime(when string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: "How long the agent sleeps, in `sleep_time_unit` (a whole number, 0 or more). Required when " + when + ".",
		Optional:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(0)},
	}
}

func sleepTimeUnit(when string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Unit of `sleep_time`: " + quoted(actionSleepUnits) + ". Required when " + when + ".",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(actionSleepUnits...)},
	}
}

func triggerWorkflowAttribute() schema.SingleNestedAttribute {
	return detailsBlock("triggerWorkflow", "start workflows when the trigger condition is met.", map[string]schema.Attribute{
		"workflow_ids":      idSet("IDs of the workflows to trigger (at least one). Required.", true, 1),
		"trigger_condition": requiredString("When the agent triggers the workflows, in plain words."),
		"trigger_message":   optionalString("The message the agent sends when it triggers the workflows."),
	})
}

func updateContactFieldAttribute() schema.SingleNestedAttribute {
	return detailsBlock("updateContactField", "write what the contact says into a contact field.", map[string]schema.Attribute{
		"contact_field_id": requiredString("ID of the contact field to update (a standard or custom field)."),
		"description":      requiredString("What the field holds, so that the agent knows what to write."),
		"contact_update_examples": schema.ListAttribute{
			MarkdownDescription: "Example values, in order. Not needed for standard, monetary or date fields. Defaults to " +
				"none (`[]`, the API's default).",
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Default:     listdefault.StaticValue(types.ListValueMust(types.StringType, nil)),
			Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
	})
}

func appointmentBookingAttribute() schema.SingleNestedAttribute {
	return detailsBlock("appointmentBooking", "book appointments in a calendar.", map[string]schema.Attribute{
		"calendar_id": requiredString("ID of the calendar to book in."),
		"only_send_link": requiredBool("Whether the agent only sends the booking link instead of booking itself. When `true`, " +
			"`trigger_workflow`, `sleep_after_booking`, `transfer_bot`, `reschedule_enabled` and `cancel_enabled` must all be `false`."),
		"trigger_workflow":    requiredBool("Whether booking triggers the workflows of `workflow_ids`."),
		"sleep_after_booking": requiredBool("Whether the agent sleeps after booking, for `sleep_time` `sleep_time_unit`."),
		"transfer_bot":        requiredBool("Whether the conversation is transferred to the agent `transfer_agent` after booking."),
		"reschedule_enabled":  defaultBool("Whether the agent may reschedule appointments.", false),
		"cancel_enabled":      defaultBool("Whether the agent may cancel appointments.", false),
		"workflow_ids": idSet("IDs of the workflows triggered after booking (at least one when set). Required when "+
			"`trigger_workflow = true`.", false, 1),
		"sleep_time":      sleepTime("`sleep_after_booking = true`"),
		"sleep_time_unit": sleepTimeUnit("`sleep_after_booking = true`"),
		"transfer_agent": optionalString("ID of another agent of the location to transfer the conversation to after " +
			"booking (the API calls it `transferAgent`; not this action's own agent). Required when `transfer_bot = true`."),
	})
}

func stopBotAttribute() schema.SingleNestedAttribute {
	return detailsBlock("stopBot", "stop the agent in a conversation, e.g. when the contact says goodbye.", map[string]schema.Attribute{
		"enabled": requiredBool("Whether the action is active."),
		"stop_bot_detection_type": schema.StringAttribute{
			MarkdownDescription: "How the end of a conversation is detected: " + quoted(stopBotDetections) + ". Required.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(stopBotDetections...)},
		},
		"stop_bot_trigger_condition": requiredString("When the agent stops, in plain words."),
		"stop_bot_examples":          textList("Example messages that stop the agent, in order; at least 2. Required.", true, 2),
		"final_message":              requiredString("The last message the agent sends before it stops."),
		"reactivate_enabled":         requiredBool("Whether the agent wakes up again after `sleep_time` `sleep_time_unit`."),
		"sleep_time":                 sleepTime("`reactivate_enabled = true`"),
		"sleep_time_unit":            sleepTimeUnit("`reactivate_enabled = true`"),
		"tags":                       idSet("Tags added to the contact when the agent stops (unordered).", false, 0),
	})
}

func humanHandoverAttribute() schema.SingleNestedAttribute {
	return detailsBlock("humanHandOver", "hand the conversation over to a person of the team.", map[string]schema.Attribute{
		"enabled": requiredBool("Whether the action is active."),
		"handover_type": schema.StringAttribute{
			MarkdownDescription: "Why the agent hands over: " + quoted(handoverTypes) + ". Required.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(handoverTypes...)},
		},
		"trigger_condition": requiredString("When the agent hands over, in plain words."),
		"examples": textList("Example messages that lead to a handover, in order (at least one when set). Required when "+
			"`handover_type` is `custom` or `contactRequest`.", false, 1),
		"final_message":       requiredString("The message the agent sends when it hands over."),
		"reactivate_enabled":  requiredBool("Whether the agent wakes up again after `sleep_time` `sleep_time_unit`."),
		"sleep_time":          sleepTime("`reactivate_enabled = true`"),
		"sleep_time_unit":     sleepTimeUnit("`reactivate_enabled = true`"),
		"assign_to_user_id":   optionalString("ID of the user the conversation is assigned to."),
		"skip_assign_to_user": optionalBool("Whether the conversation is left unassigned."),
		"create_task":         optionalBool("Whether a task is created for the team."),
		"tags":                idSet("Tags added to the contact on handover (unordered).", false, 0),
	})
}

func transferBotAttribute() schema.SingleNestedAttribute {
	return detailsBlock("transferBot", "transfer the conversation to another agent.", map[string]schema.Attribute{
		"enabled": requiredBool("Whether the action is active."),
		"transfer_bot_type": schema.StringAttribute{
			MarkdownDescription: "When to transfer: " + quoted(transferBotTypes) + ". `Custom` needs " +
				"`transfer_bot_trigger_condition` and `transfer_bot_examples`. Required.",
			Required:   true,
			Validators: []validator.String{stringvalidator.OneOf(transferBotTypes...)},
		},
		"transfer_to_bot": requiredString("ID of another agent of the location to transfer to (not this action's own agent)."),
		"transfer_bot_trigger_condition": optionalString("When the agent transfers, in plain words. Required when " +
			"`transfer_bot_type = \"Custom\"`."),
		"transfer_bot_examples": textList("Example messages that lead to a transfer, in order; at least 2. Required when "+
			"`transfer_bot_type = \"Custom\"`.", false, 2),
	})
}

func advancedFollowupAttribute() schema.SingleNestedAttribute {
	return detailsBlock("advancedFollowup", "follow up with a contact in a sequence of steps.", map[string]schema.Attribute{
		"enabled": requiredBool("Whether the action is active."),
		"scenario_id": schema.StringAttribute{
			MarkdownDescription: "The situation the follow-up is for: " + quoted(followupScenarios) + ". Required.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(followupScenarios...)},
		},
		"followup_sequence": schema.ListNestedAttribute{
			MarkdownDescription: "The follow-up steps, in order (at least one). Required.",
			Required:            true,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
			NestedObject:        schema.NestedAttributeObject{Attributes: followupStepAttributes()},
		},
		"followup_settings": schema.SingleNestedAttribute{
			MarkdownDescription: "When and how follow-ups are sent. Optional: when left unset, the " +
				"action keeps whatever settings the API holds — set by the HighLevel UI or by a " +
				"`highlevel_agent_followup_settings` resource — and shows them here without planning a change. " +
				"Never set this for an action that a `highlevel_agent_followup_settings` also lists: both would write the " +
				"same settings (the provider reports it as an error when it sees both in one run). Removing the " +
				"attribute stops managing the settings; it does not reset them.",
			Optional:      true,
			Computed:      true,
			Attributes:    followupSettingsAttributes(),
			PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		},
	})
}

func followupStepAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.Int64Attribute{
			MarkdownDescription: "The step number (the API calls it `id`; a whole number, 0 or more). Required.",
			Required:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		},
		"followup_time_unit": schema.StringAttribute{
			MarkdownDescription: "Unit of `followup_time`: " + quoted(followupTimeUnits) + ". Required.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(followupTimeUnits...)},
		},
		"followup_time": schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("How long after the previous message the step is sent, in `followup_time_unit`: "+
				"0 to %d minutes, %d hours or %d days. Required.", maxFollowupTime["minutes"], maxFollowupTime["hours"], maxFollowupTime["days"]),
			Required:   true,
			Validators: []validator.Int64{int64validator.AtLeast(0)},
		},
		"ai_enabled_message": defaultBool("Whether the AI writes the follow-up message. When `false`, set `custom_message`.", defaultAIEnabledMessage),
		"custom_message":     optionalString("The follow-up message to send as is. Required when `ai_enabled_message = false`."),
		"trigger_workflow":   defaultBool("Whether the step triggers the workflow `workflow_id`.", defaultStepTriggerWorkflow),
		"workflow_id":        optionalString("ID of the workflow the step triggers. Required when `trigger_workflow = true`."),
		"contact_requested":  optionalBool("Whether the contact asked to be followed up."),
	}
}

// followupSettingsAttributes are the FollowupSettings fields (contract §3.3), shared by the
// inline advanced_followup.followup_settings and by highlevel_agent_followup_settings.
func followupSettingsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"dynamic_channel_switching": defaultBool("Whether follow-ups may switch to the channel the contact last used.", defaultDynamicChannelSwitching),
		"follow_up_hours":           defaultBool("Whether follow-ups are only sent within `working_hours`.", defaultFollowUpHours),
		"working_hours": schema.SetNestedAttribute{
			MarkdownDescription: "The hours in which follow-ups are sent, per day of the week (each day at most once; " +
				"unordered). Defaults to none (`[]`, the API's default).",
			Optional:     true,
			Computed:     true,
			Default:      setdefault.StaticValue(types.SetValueMust(workingDayType, nil)),
			NestedObject: schema.NestedAttributeObject{Attributes: workingDayAttributes()},
		},
		"timezone_to_use": schema.StringAttribute{
			MarkdownDescription: "Whose time zone `working_hours` are in: " + quoted(timezoneChoices) + ".",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf(timezoneChoices...)},
		},
	}
}

func workingDayAttributes() map[string]schema.Attribute {
	clock := func(desc string, highest int64) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: fmt.Sprintf("%s (0 to %d). Required.", desc, highest), Required: true,
			Validators: []validator.Int64{int64validator.Between(0, highest)}}
	}
	return map[string]schema.Attribute{
		"day_of_the_week": schema.Int64Attribute{
			MarkdownDescription: "The day: 0 = Sunday, 1 = Monday, … 6 = Saturday. Required.",
			Required:            true,
			Validators:          []validator.Int64{int64validator.Between(0, 6)},
		},
		"intervals": schema.ListNestedAttribute{
			MarkdownDescription: "The day's intervals on the 24-hour clock, in order; each ends after it starts. Required " +
				"(may be empty).",
			Required: true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"start_hour":   clock("Start hour on the 24-hour clock", 23),
				"start_minute": clock("Start minute", 59),
				"end_hour":     clock("End hour on the 24-hour clock", 23),
				"end_minute":   clock("End minute", 59),
			}},
		},
	}
}
