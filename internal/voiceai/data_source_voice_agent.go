// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"

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
	_ datasource.DataSourceWithConfigure        = (*voiceAgentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*voiceAgentDataSource)(nil)
)

// NewVoiceAgentDataSource is the highlevel_voice_agent data source.
func NewVoiceAgentDataSource() datasource.DataSource { return &voiceAgentDataSource{} }

type voiceAgentDataSource struct {
	client *client.Client
}

// voiceAgentDataModel is an agent as the data sources show it: the resource's attributes
// plus its server-managed actions.
type voiceAgentDataModel struct {
	voiceAgentModel
	Actions types.List `tfsdk:"actions"`
}

var agentActionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "action_type": types.StringType, "name": types.StringType,
}}

func actionsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The agent's actions, as the API keeps them on the agent (server-managed; manage them with " +
			"`highlevel_voice_agent_action`).",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{MarkdownDescription: "The action's ID.", Computed: true},
			"action_type": schema.StringAttribute{MarkdownDescription: "The action type (API `actionType`): " + quoted(actionTypes()) + ".", Computed: true},
			"name":        schema.StringAttribute{MarkdownDescription: "The action's name.", Computed: true},
		}},
	}
}

// agentDataAttributes are the attributes of one agent in the data sources.
func agentDataAttributes() map[string]schema.Attribute {
	attrs := framework.ComputedDataSourceAttributes(voiceAgentSchema.Attributes)
	attrs["actions"] = actionsAttribute()
	return attrs
}

func voiceAgentData(a *client.VoiceAgent, location string) voiceAgentDataModel {
	elems := make([]attr.Value, 0, len(a.Actions))
	for _, act := range a.Actions {
		elems = append(elems, types.ObjectValueMust(agentActionType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(act.ID), "action_type": types.StringValue(act.ActionType), "name": types.StringValue(act.Name),
		}))
	}
	return voiceAgentDataModel{voiceAgentModel: voiceAgentFromAPI(a, location), Actions: types.ListValueMust(agentActionType, elems)}
}

func (d *voiceAgentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_agent"
}

func (d *voiceAgentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := agentDataAttributes()
	attrs["id"] = schema.StringAttribute{MarkdownDescription: "The voice agent's ID. Set exactly one of `id` and `name`.", Optional: true, Computed: true}
	attrs["name"] = schema.StringAttribute{MarkdownDescription: "The agent's exact name (API `agentName`, case-sensitive). Set exactly " +
		"one of `id` and `name`.", Optional: true, Computed: true}
	attrs["location_id"] = schema.StringAttribute{MarkdownDescription: "The location to look in. Defaults to the provider's `location_id`.",
		Optional: true, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One Voice AI agent of a location — the AI that answers the location's phone calls — found by `id` " +
			"or by its exact `name`, with its actions. Looking up by name fails when no agent or more than one agent of the " +
			"location has that name.",
		Attributes: attrs,
	}
}

func (d *voiceAgentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *voiceAgentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *voiceAgentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg voiceAgentDataModel
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
		name := cfg.Name.ValueString()
		// The list's query is a substring filter; the exact match is checked here.
		items, err := d.client.ListVoiceAgents(ctx, location, name)
		if err != nil {
			resp.Diagnostics.AddError("Cannot list voice agents", err.Error())
			return
		}
		found, err := framework.FindOne(framework.ByName("voice agent", "voice agents", location, name), items,
			func(a client.VoiceAgent) bool { return a.AgentName == name }, func(a client.VoiceAgent) string { return a.ID })
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Cannot find the voice agent", err.Error())
			return
		}
		id = found.ID
	}
	// The agent is read by id, as import and refresh do (contract §2).
	a, err := d.client.GetVoiceAgent(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the voice agent", err.Error())
		return
	}
	m := voiceAgentData(a, location)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
