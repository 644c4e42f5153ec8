// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package provider defines the highlevel provider: its configuration, authentication and
// the registration of every resource family. The families live in their own packages.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/actions"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/agents"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/conversations"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/knowledgebases"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/scopes"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/users"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/voiceai"
)

// New returns a constructor of the provider for providerserver.Serve and test factories.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &highlevelProvider{version: version}
	}
}

type highlevelProvider struct {
	version string
}

var (
	_ provider.Provider                       = (*highlevelProvider)(nil)
	_ provider.ProviderWithValidateConfig     = (*highlevelProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*highlevelProvider)(nil)
)

func (p *highlevelProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "highlevel"
	resp.Version = p.version
}

func (p *highlevelProvider) Resources(context.Context) []func() resource.Resource {
	var all []func() resource.Resource
	all = append(all, agents.Resources()...)
	all = append(all, actions.Resources()...)
	all = append(all, scopes.Resources()...)
	all = append(all, knowledgebases.Resources()...)
	all = append(all, users.Resources()...)
	all = append(all, voiceai.Resources()...)
	return all
}

func (p *highlevelProvider) DataSources(context.Context) []func() datasource.DataSource {
	var all []func() datasource.DataSource
	all = append(all, agents.DataSources()...)
	all = append(all, actions.DataSources()...)
	all = append(all, conversations.DataSources()...)
	all = append(all, scopes.DataSources()...)
	all = append(all, knowledgebases.DataSources()...)
	all = append(all, users.DataSources()...)
	all = append(all, voiceai.DataSources()...)
	return all
}

// EphemeralResources registers the families' ephemeral resources (Terraform 1.10+, OpenTofu 1.11+).
func (p *highlevelProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	var all []func() ephemeral.EphemeralResource
	all = append(all, scopes.EphemeralResources()...)
	return all
}
