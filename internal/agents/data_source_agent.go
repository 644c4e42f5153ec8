// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = (*agentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*agentDataSource)(nil)
)

// NewAgentDataSource is the highlevel_agent data source.
func NewAgentDataSource() datasource.DataSource { return &agentDataSource{} }

type agentDataSource struct {
	client *client.Client
}

type agentDataModel struct {
	agentModel
	Actions   types.List   `tfsdk:"actions"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

var actionRefType = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.StringType, "type": types.StringType}}

func (d *agentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func (d *agentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	set := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One Conversation AI agent of a location, found by `id` or by its exact `name`. " +
			"Looking up by name fails when no agent or more than one agent of the location has that name.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The agent's ID. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The agent's exact name (case-sensitive). Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to look in. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"business_name":             str("The business name the agent speaks for."),
			"mode":                      str(fmt.Sprintf("How the agent answers: %s.", quoted(modes))),
			"channels":                  set("The channels the agent answers on."),
			"is_primary":                boolean("Whether this is the location's primary agent."),
			"wait_time":                 num("How long the agent waits before answering, in `wait_time_unit`."),
			"wait_time_unit":            str("Unit of `wait_time`."),
			"sleep_enabled":             boolean("Whether the agent sleeps after a human replies."),
			"sleep_time":                num("How long the agent sleeps, in `sleep_time_unit`."),
			"sleep_time_unit":           str("Unit of `sleep_time`."),
			"sleep_indefinitely":        boolean("Whether the agent sleeps until woken, instead of for `sleep_time`."),
			"personality":               str("The personality prompt."),
			"goal":                      str("The goal prompt."),
			"instructions":              str("The additional instructions."),
			"auto_pilot_max_messages":   num("Messages sent in auto-pilot before handing over."),
			"knowledge_base_ids":        set("IDs of the knowledge bases the agent answers from."),
			"respond_to_images":         boolean("Whether the agent answers images (null when the API does not return it)."),
			"respond_to_audio":          boolean("Whether the agent answers voice messages (null when the API does not return it)."),
			"sleep_on_manual_message":   boolean("Whether the agent sleeps after a manual message."),
			"sleep_on_workflow_message": boolean("Whether the agent sleeps after a workflow message."),
			"actions": schema.ListNestedAttribute{
				MarkdownDescription: "The agent's actions as the API lists them (`id` and `type`).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   str("The action's ID."),
					"type": str("The action's type."),
				}},
			},
			"created_at": str("When the agent was created (ISO 8601)."),
			"updated_at": str("When the agent was last updated (ISO 8601)."),
		},
	}
}

func (d *agentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *agentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *agentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg agentDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	id := cfg.ID.ValueString()
	if id == "" {
		id, err = d.findByName(ctx, location, cfg.Name.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Cannot find the agent", err.Error())
			return
		}
	}
	agent, err := d.client.GetAgent(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the agent", err.Error())
		return
	}
	out := agentDataModel{agentModel: agentFromAPI(agent, location, agentModel{})}
	out.RespondToImages = framework.BoolValue(agent.RespondToImages)
	out.RespondToAudio = framework.BoolValue(agent.RespondToAudio)
	refs := make([]attr.Value, 0, len(agent.Actions))
	for _, a := range agent.Actions {
		refs = append(refs, types.ObjectValueMust(actionRefType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(a.ID), "type": types.StringValue(a.Type),
		}))
	}
	out.Actions = types.ListValueMust(actionRefType, refs)
	out.CreatedAt = types.StringValue(agent.CreatedAt)
	out.UpdatedAt = types.StringValue(agent.UpdatedAt)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// findByName returns the ID of the one agent of the location named exactly name. The search
// endpoint wants a lowercase query and matches substrings, so the exact match is done here.
func (d *agentDataSource) findByName(ctx context.Context, location, name string) (string, error) {
	items, err := d.client.ListAgents(ctx, location, strings.ToLower(name))
	if err != nil {
		return "", err
	}
	agent, err := framework.FindOne(framework.ByName("agent", "agents", location, name), items,
		func(a client.AgentListItem) bool { return a.Name == name }, func(a client.AgentListItem) string { return a.ID })
	return agent.ID, err
}
