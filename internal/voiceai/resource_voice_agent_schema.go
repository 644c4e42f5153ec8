// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// timezoneRe is the API's timezone pattern (§4.1): it rejects UTC, three-part names and names
// with '-', '+' or digits.
var timezoneRe = regexp.MustCompile(`^[A-Za-z_]+/[A-Za-z_]+$`)

// Attribute types of the nested attributes, shared by the schema, the model and the data source.
var (
	intervalType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"start_hour": types.Int64Type, "start_minute": types.Int64Type, "end_hour": types.Int64Type, "end_minute": types.Int64Type,
	}}
	workingDayType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"day": types.StringType, "intervals": types.ListType{ElemType: intervalType},
	}}
	notificationType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"admins": types.BoolType, "all_users": types.BoolType, "contact_assigned_user": types.BoolType,
		"specific_user_ids": types.SetType{ElemType: types.StringType}, "custom_emails": types.SetType{ElemType: types.StringType},
	}}
	translationType = types.ObjectType{AttrTypes: map[string]attr.Type{"enabled": types.BoolType, "language": types.StringType}}
)

var voiceAgentSchema = buildVoiceAgentSchema()

func (r *voiceAgentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = voiceAgentSchema
}

func (r *voiceAgentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.LocationIdentitySchema("The voice agent's ID.")
}

// serverFilled is an argument the API fills when it is left out (a generated or
// location-derived value): Optional+Computed, kept from state, and not cleared when removed.
func serverFilled(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " Left unset, the API fills it and the provider keeps what the API chose; removing " +
			"the argument later keeps the last value remotely (the API cannot clear it).",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		Validators:    validators,
	}
}

func buildVoiceAgentSchema() schema.Schema {
	emptySet := types.SetValueMust(types.StringType, nil)
	defaultNotification := types.ObjectValueMust(notificationType.AttrTypes, map[string]attr.Value{
		"admins": types.BoolValue(true), "all_users": types.BoolValue(false), "contact_assigned_user": types.BoolValue(false),
		"specific_user_ids": emptySet, "custom_emails": emptySet,
	})
	defaultTranslation := types.ObjectValueMust(translationType.AttrTypes, map[string]attr.Value{
		"enabled": types.BoolValue(false), "language": types.StringNull(),
	})
	return schema.Schema{
		MarkdownDescription: "A Voice AI agent of one location: the AI that answers the location's phone calls — what it " +
			"says first, how it behaves, the voice and language it speaks, how long it waits for a silent caller, when it " +
			"takes calls, and who hears about each call afterwards.\n\n" +
			"Its actions (transfers, texts, bookings, …) are managed with `highlevel_voice_agent_action`; the list of " +
			"actions the API keeps on the agent is server-managed and is neither an argument nor drift here.\n\n" +
			"Updates send only the changed members (`PATCH`); removing an argument restores the API's default or clears " +
			"the value remotely, except where the attribute says the API cannot clear it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The voice agent's ID (a 24-character hexadecimal id).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "The agent's name, as the HighLevel UI and call logs show it; callers never hear it " +
					"(API `agentName`). 1 to 40 characters.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 40)},
			},
			"business_name": serverFilled("The business the agent speaks for; the agent uses it when it talks about the "+
				"business to callers (API `businessName`). At least 1 character; the API's default is the location's name.",
				stringvalidator.LengthAtLeast(1)),
			"welcome_message": serverFilled("What the agent says first when it picks up a call (API `welcomeMessage`). "+
				"1 to 190 characters; the API's default is a generated greeting.", stringvalidator.LengthBetween(1, 190)),
			"prompt": serverFilled("The instructions that define how the agent behaves and talks with callers (API "+
				"`agentPrompt`). No length limit is documented; the API's default is a basic generated prompt.",
				stringvalidator.LengthAtLeast(1)),
			"voice_id": serverFilled("The synthetic voice callers hear (API `voiceId`, an opaque id from the HighLevel UI; "+
				"the API has no route that lists voices). The API's default is a generated voice.", stringvalidator.LengthAtLeast(1)),
			"language": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The language the agent speaks and understands on calls (API `language`): %s "+
					"(`multi` switches to the caller's language). Defaults to `%s` (the API's default).", quoted(languages), defaultLanguage),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultLanguage),
				Validators: []validator.String{stringvalidator.OneOf(languages...)},
			},
			"patience_level": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long the agent lets a caller pause before it answers (API "+
					"`patienceLevel`): %s; `high` waits longest, so slow speakers are not interrupted. Defaults to `%s`.",
					quoted(patienceLevels), defaultPatienceLevel),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultPatienceLevel),
				Validators: []validator.String{stringvalidator.OneOf(patienceLevels...)},
			},
			"max_call_duration": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("The longest a call may last, in seconds, before the agent ends it (API "+
					"`maxCallDuration`): 180 to 900 (3 to 15 minutes). Defaults to `%d`.", defaultMaxCallDuration),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultMaxCallDuration),
				Validators: []validator.Int64{int64validator.Between(180, 900)},
			},
			"send_idle_reminders": schema.BoolAttribute{
				MarkdownDescription: "Whether the agent checks in (\"Are you still there?\") when the caller goes silent " +
					"(API `sendUserIdleReminders`). Defaults to `true`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(defaultIdleReminders),
			},
			"idle_reminder_after_seconds": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many seconds of caller silence before the agent checks in (API "+
					"`reminderAfterIdleTimeSeconds`): 1 to 20. Defaults to `%d`.", defaultIdleReminderAfter),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultIdleReminderAfter),
				Validators: []validator.Int64{int64validator.Between(1, 20)},
			},
			"inbound_number": schema.StringAttribute{
				MarkdownDescription: "The phone number whose incoming calls the agent answers (API `inboundNumber`), as the " +
					"location's phone system has it, e.g. `+15550001234`. Removing the argument detaches the number remotely.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"number_pool_id": schema.StringAttribute{
				MarkdownDescription: "The number pool whose incoming calls the agent answers (API `numberPoolId`). Removing " +
					"the argument detaches the pool remotely.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"call_end_workflow_ids": schema.SetAttribute{
				MarkdownDescription: "Workflows started when a call with the agent ends, e.g. to follow up with the caller " +
					"(API `callEndWorkflowIds`). At most 10. Defaults to none.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(emptySet),
				Validators: []validator.Set{setvalidator.SizeAtMost(10),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"post_call_notification": schema.SingleNestedAttribute{
				MarkdownDescription: "Who is notified (with the summary and transcript) after each call (API " +
					"`sendPostCallNotificationTo`). Defaults to the location's admins only; removing the argument restores that.",
				Optional: true,
				Computed: true,
				Default:  objectdefault.StaticValue(defaultNotification),
				Attributes: map[string]schema.Attribute{
					"admins": schema.BoolAttribute{MarkdownDescription: "Notify the location's admins (API `admins`). Defaults to `true`.",
						Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
					"all_users": schema.BoolAttribute{MarkdownDescription: "Notify every user of the location (API `allUsers`). Defaults to `false`.",
						Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"contact_assigned_user": schema.BoolAttribute{MarkdownDescription: "Notify the user the caller's contact is " +
						"assigned to (API `contactAssignedUser`). Defaults to `false`.",
						Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"specific_user_ids": schema.SetAttribute{MarkdownDescription: "IDs of further users to notify (API `specificUsers`). Defaults to none.",
						ElementType: types.StringType, Optional: true, Computed: true, Default: setdefault.StaticValue(emptySet),
						Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
					"custom_emails": schema.SetAttribute{MarkdownDescription: "Further email addresses to notify (API `customEmails`). Defaults to none.",
						ElementType: types.StringType, Optional: true, Computed: true, Default: setdefault.StaticValue(emptySet),
						Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(
							regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`), "must be an email address"))}},
				},
			},
			"working_hours": schema.ListNestedAttribute{
				MarkdownDescription: "When the agent takes calls, per day (API `agentWorkingHours`), in `timezone`. An empty " +
					"list (the default) means around the clock; removing the argument restores that. Days are named here; the " +
					"API numbers them 1 = Monday … 7 = Sunday (not the 0 = Sunday numbering of Conversation AI follow-ups). " +
					"Order is kept as written.",
				Optional: true,
				Computed: true,
				Default:  listdefault.StaticValue(types.ListValueMust(workingDayType, nil)),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"day": schema.StringAttribute{
						MarkdownDescription: "The day: " + quoted(days) + " (API `dayOfTheWeek` 1 to 7).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(days...)},
					},
					"intervals": schema.ListNestedAttribute{
						MarkdownDescription: "The periods of the day when the agent answers, on the 24-hour clock (end of day is 23:59).",
						Required:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"start_hour":   hourOrMinute("Hour the period starts (API `startHour`), 0 to 23.", 23),
							"start_minute": hourOrMinute("Minute the period starts (API `startMinute`), 0 to 59.", 59),
							"end_hour":     hourOrMinute("Hour the period ends (API `endHour`), 0 to 23.", 23),
							"end_minute":   hourOrMinute("Minute the period ends (API `endMinute`), 0 to 59.", 59),
						}},
					},
				}},
			},
			"timezone": serverFilled("The time zone of `working_hours` (API `timezone`), as `Area/City`, e.g. "+
				"`America/Chicago`. The API accepts only two-part names of letters and underscores (no `UTC`, no "+
				"`America/Argentina/Buenos_Aires`). The API's default is the location's time zone.",
				stringvalidator.RegexMatches(timezoneRe, "must be an Area/City time zone of letters and underscores, e.g. America/Chicago")),
			"disable_as_backup_agent": schema.BoolAttribute{
				MarkdownDescription: "Whether the agent may *not* be used as a backup that picks up calls other agents or " +
					"users miss (API `isAgentAsBackupDisabled`). Defaults to `false` (usable as a backup).",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"translation": schema.SingleNestedAttribute{
				MarkdownDescription: "Translation of the call for the team (API `translation`): with `enabled = true` the " +
					"transcript is also given in `language`. Only for agents whose `language` is not `en-US`; `language` must " +
					"then be the agent's language or `en-US`. Defaults to disabled; removing the argument disables it.",
				Optional: true,
				Computed: true,
				Default:  objectdefault.StaticValue(defaultTranslation),
				Attributes: map[string]schema.Attribute{
					"enabled": schema.BoolAttribute{MarkdownDescription: "Whether translation is on (API `enabled`).", Required: true},
					"language": schema.StringAttribute{MarkdownDescription: "The translation's language (API `language`): the " +
						"agent's `language` or `en-US`. Required with `enabled = true`, and only then.", Optional: true,
						Validators: []validator.String{stringvalidator.OneOf(languages...)}},
				},
			},
		},
	}
}

func hourOrMinute(desc string, highest int64) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc, Required: true, Validators: []validator.Int64{int64validator.Between(0, highest)}}
}
