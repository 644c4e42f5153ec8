// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// floorProvider delegates Metadata and Schema to the real provider and configures nothing.
type floorProvider struct {
	real provider.Provider
}

func newFloor(wrapped func() provider.Provider) func() provider.Provider {
	return func() provider.Provider { return &floorProvider{real: wrapped()} }
}

func (p *floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var all []func() resource.Resource
	for _, f := range p.real.Resources(ctx) {
		all = append(all, func() resource.Resource { return wrapResource(f()) })
	}
	return all
}

func (p *floorProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	var all []func() datasource.DataSource
	for _, f := range p.real.DataSources(ctx) {
		all = append(all, func() datasource.DataSource { return &floorDataSource{real: f()} })
	}
	return all
}
