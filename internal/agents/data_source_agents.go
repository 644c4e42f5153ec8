// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*agentsDataSource)(nil)

// NewAgentsDataSource is the highlevel_agents data source.
func NewAgentsDataSource() datasource.DataSource { return &agentsDataSource{} }

type agentsDataSource struct {
	client *client.Client
}

type agentsDataModel struct {
	LocationID   types.String `tfsdk:"location_id"`
	NameContains types.String `tfsdk:"name_contains"`
	Mode         types.String `tfsdk:"mode"`
	Channel      types.String `tfsdk:"channel"`
	IDs          types.List   `tfsdk:"ids"`
	Agents       types.List   `tfsdk:"agents"`
}

var agentSummaryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":         types.StringType,
	"name":       types.StringType,
	"mode":       types.StringType,
	"channels":   types.SetType{ElemType: types.StringType},
	"is_primary": types.BoolType,
	"goal":       types.StringType,
	"created_at": types.StringType,
	"updated_at": types.StringType,
}}

func (d *agentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agents"
}

func (d *agentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "All Conversation AI agents of a location (every page of the API's search), optionally " +
			"filtered. Use it to import agents built in the HighLevel UI with `import` blocks and `for_each`.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to list. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"name_contains": schema.StringAttribute{
				MarkdownDescription: "Only agents whose name contains this text, ignoring case.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"mode": schema.StringAttribute{
				MarkdownDescription: "Only agents in this mode: " + quoted(modes) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(modes...)},
			},
			"channel": schema.StringAttribute{
				MarkdownDescription: "Only agents that answer on this channel: " + quoted(channels) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(channels...)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching agents, newest first (the API's order).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"agents": schema.ListNestedAttribute{
				MarkdownDescription: "The matching agents, newest first. The search API returns a summary; read one " +
					"agent's prompts with the `highlevel_agent` data source.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         str("The agent's ID."),
					"name":       str("The agent's name."),
					"mode":       str("The agent's mode."),
					"channels":   schema.SetAttribute{MarkdownDescription: "The agent's channels.", Computed: true, ElementType: types.StringType},
					"is_primary": schema.BoolAttribute{MarkdownDescription: "Whether the agent is primary.", Computed: true},
					"goal":       str("The agent's goal prompt."),
					"created_at": str("When the agent was created."),
					"updated_at": str("When the agent was last updated."),
				}},
			},
		},
	}
}

func (d *agentsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *agentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	items, err := d.client.ListAgents(ctx, location, strings.ToLower(m.NameContains.ValueString()))
	if err != nil {
		resp.Diagnostics.AddError("Cannot list agents", err.Error())
		return
	}
	ids := []attr.Value{}
	agents := []attr.Value{}
	for _, it := range items {
		if !m.Mode.IsNull() && it.Mode != m.Mode.ValueString() {
			continue
		}
		if !m.Channel.IsNull() && !slices.Contains(it.Channels, m.Channel.ValueString()) {
			continue
		}
		ids = append(ids, types.StringValue(it.ID))
		agents = append(agents, types.ObjectValueMust(agentSummaryType.AttrTypes, map[string]attr.Value{
			"id":         types.StringValue(it.ID),
			"name":       types.StringValue(it.Name),
			"mode":       types.StringValue(it.Mode),
			"channels":   framework.StringSetValue(it.Channels),
			"is_primary": types.BoolValue(it.IsPrimary),
			"goal":       types.StringValue(it.Goal),
			"created_at": types.StringValue(it.CreatedAt),
			"updated_at": types.StringValue(it.UpdatedAt),
		}))
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Agents = types.ListValueMust(agentSummaryType, agents)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
