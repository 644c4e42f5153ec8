// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*voiceAgentsDataSource)(nil)

// NewVoiceAgentsDataSource is the highlevel_voice_agents data source.
func NewVoiceAgentsDataSource() datasource.DataSource { return &voiceAgentsDataSource{} }

type voiceAgentsDataSource struct {
	client *client.Client
}

type voiceAgentsDataModel struct {
	LocationID types.String          `tfsdk:"location_id"`
	Query      types.String          `tfsdk:"query"`
	Agents     []voiceAgentDataModel `tfsdk:"agents"`
}

func (d *voiceAgentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_agents"
}

func (d *voiceAgentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every Voice AI agent of a location (all pages of the API's list, in creation order), each in the " +
			"shape of `highlevel_voice_agent`. The list is complete or the read fails: a page the API cuts short is an error.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{MarkdownDescription: "The location to list. Defaults to the provider's `location_id`.",
				Optional: true, Computed: true},
			"query": schema.StringAttribute{MarkdownDescription: "Only agents whose name contains this text (API `query`; the " +
				"emulator matches case-insensitively).", Optional: true},
			"agents": schema.ListNestedAttribute{
				MarkdownDescription: "The agents.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: agentDataAttributes()},
			},
		},
	}
}

func (d *voiceAgentsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *voiceAgentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg voiceAgentsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	items, err := d.client.ListVoiceAgents(ctx, location, cfg.Query.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list voice agents", err.Error())
		return
	}
	cfg.LocationID = types.StringValue(location)
	cfg.Agents = make([]voiceAgentDataModel, 0, len(items))
	for i := range items {
		cfg.Agents = append(cfg.Agents, voiceAgentData(&items[i], location))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
