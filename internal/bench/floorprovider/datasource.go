// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// floorDataSource has the real data source's type name and schema and returns its
// configuration with the computed values filled.
type floorDataSource struct {
	real datasource.DataSource
}

func (d *floorDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.real.Metadata(ctx, req, resp)
}

func (d *floorDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.real.Schema(ctx, req, resp)
}

func (d *floorDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.State.Raw = fillUnknowns(req.Config.Raw)
}
