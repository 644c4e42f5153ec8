// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

func (r *agentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptySet := types.SetValueMust(types.StringType, nil)
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Conversation AI agent (HighLevel calls it an *employee*) of one location: its prompt " +
			"(personality, goal, instructions), mode, channels, response timing and knowledge bases.\n\n" +
			"The agent's actions are managed with `highlevel_agent_action`; the list of actions the API keeps on the " +
			"agent is server-managed and is not an argument here.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The agent's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "The agent's name. Must not be empty.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"business_name": schema.StringAttribute{
				MarkdownDescription: "The business name the agent speaks for. Removing the argument clears it remotely.",
				Optional:            true,
			},
			"mode": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How the agent answers: %s. Defaults to `%s` (the API's default).", quoted(modes), defaultMode),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultMode),
				Validators:          []validator.String{stringvalidator.OneOf(modes...)},
			},
			"channels": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("The channels the agent answers on, any of %s. Defaults to none.", quoted(channels)),
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(emptySet),
				Validators:          []validator.Set{setvalidator.ValueStringsAre(framework.ElementOneOf(channels...))},
			},
			"is_primary": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the location's primary agent. The API makes the first agent of a " +
					"location primary, and setting `true` here takes primary away from the location's other agents; so set " +
					"it on at most one agent per location. Left unset, the API's value is kept.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"wait_time": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the agent waits before answering, in `wait_time_unit`: at most "+
					"%d minutes or %d seconds. Defaults to `%d`.", maxWaitTime["minutes"], maxWaitTime["seconds"], defaultWaitTime),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultWaitTime),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"wait_time_unit": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Unit of `wait_time`: %s. Defaults to `%s`.", quoted(waitTimeUnits), defaultWaitTimeUnit),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultWaitTimeUnit),
				Validators:          []validator.String{stringvalidator.OneOf(waitTimeUnits...)},
			},
			"sleep_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the agent goes to sleep in a conversation after a human replies (the API marks " +
					"this field deprecated, but it still drives sleeping). When `true`, set `sleep_time` and " +
					"`sleep_time_unit`, or `sleep_indefinitely = true`. Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"sleep_time": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the agent sleeps, in `sleep_time_unit`; at most 48 hours "+
					"(%d minutes, %d seconds). Only with `sleep_enabled = true`.", maxSleepTime["minutes"], maxSleepTime["seconds"]),
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"sleep_time_unit": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Unit of `sleep_time`: %s. Only with `sleep_enabled = true`.", quoted(sleepTimeUnits)),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(sleepTimeUnits...)},
			},
			"sleep_indefinitely": schema.BoolAttribute{
				MarkdownDescription: "With `sleep_enabled = true`, sleep until a human wakes the agent instead of for " +
					"`sleep_time` (the API's `sleepTime: null`).",
				Optional: true,
			},
			"personality": schema.StringAttribute{
				MarkdownDescription: "The agent's personality prompt. Required by the API; no length limit is documented.",
				Required:            true,
			},
			"goal": schema.StringAttribute{
				MarkdownDescription: "The agent's goal prompt. Required by the API; no length limit is documented.",
				Required:            true,
			},
			"instructions": schema.StringAttribute{
				MarkdownDescription: "The agent's additional instructions. Required by the API; no length limit is documented.",
				Required:            true,
			},
			"auto_pilot_max_messages": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many messages the agent sends in auto-pilot before handing over, "+
					"1 to 100. Defaults to `%d` (the API's default).", defaultAutoPilotMaxMessages),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultAutoPilotMaxMessages),
				Validators: []validator.Int64{int64validator.Between(1, 100)},
			},
			"knowledge_base_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the location's knowledge bases the agent answers from. Defaults to none. " +
					"Deleting a knowledge base removes it from its agents remotely.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(emptySet),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"respond_to_images": boolWriteOnlyLooking("Whether the agent answers images."),
			"respond_to_audio":  boolWriteOnlyLooking("Whether the agent answers voice messages."),
			"sleep_on_manual_message": schema.BoolAttribute{
				MarkdownDescription: "Whether the agent sleeps after a user sends a manual message. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"sleep_on_workflow_message": schema.BoolAttribute{
				MarkdownDescription: "Whether the agent sleeps after a workflow sends a message. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
		},
	}
}

// boolWriteOnlyLooking is a flag the real API accepts but leaves out of its answers (contract §7.4).
func boolWriteOnlyLooking(what string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: what + " Defaults to `false`. The real HighLevel API does not return this field, so " +
			"a change made in the HighLevel UI cannot be detected as drift there (the emulator returns it).",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(false),
	}
}

func (r *agentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.LocationIdentitySchema("The agent's ID.")
}
