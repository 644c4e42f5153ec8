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

var _ datasource.DataSourceWithConfigure = (*callLogDataSource)(nil)

// NewCallLogDataSource is the highlevel_voice_call_log data source.
func NewCallLogDataSource() datasource.DataSource { return &callLogDataSource{} }

type callLogDataSource struct {
	client *client.Client
}

type callLogDataModel struct {
	callLogModel
	LocationID types.String `tfsdk:"location_id"`
}

func (d *callLogDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_call_log"
}

func (d *callLogDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := callLogAttributes()
	attrs["id"] = schema.StringAttribute{MarkdownDescription: "The call's ID.", Required: true}
	attrs["location_id"] = schema.StringAttribute{MarkdownDescription: "The location. Defaults to the provider's `location_id`.",
		Optional: true, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One call a Voice AI agent took: transcript, summary, executed actions and extracted data.",
		Attributes:          attrs,
	}
}

func (d *callLogDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *callLogDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg callLogDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	l, err := d.client.GetVoiceCallLog(ctx, location, cfg.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the call log", err.Error())
		return
	}
	m := callLogDataModel{callLogModel: callLogValue(*l), LocationID: types.StringValue(location)}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
