// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// ProviderData is what the provider hands to every resource and data source in Configure.
type ProviderData struct {
	Client *client.Client
	// PrimaryAgents holds the agents that this run plans as their location's primary agent.
	PrimaryAgents *Claims
	// ParentLocks serialises writes to the children of one parent (e.g. an agent's actions).
	ParentLocks *KeyedMutex
	// Lists shares list answers per parent for children without a GET by id.
	Lists *ListCache
	// Created tracks this run's creates, so that a lost create is recovered without making a
	// duplicate or adopting another resource's object (see CreateOnce).
	Created *CreateTracker
}

// NewProviderData is the provider data of one configured provider.
func NewProviderData(c *client.Client) *ProviderData {
	return &ProviderData{Client: c, PrimaryAgents: &Claims{}, ParentLocks: &KeyedMutex{}, Lists: &ListCache{}, Created: &CreateTracker{ServerTime: c.ServerTime}}
}

// ConfigureClient extracts the API client from the provider data given to a resource's or
// data source's Configure. It returns nil without a diagnostic while the provider is not
// configured yet (Terraform calls Configure early during validation).
func ConfigureClient(providerData any, diags *diag.Diagnostics) *client.Client {
	if data := ConfigureData(providerData, diags); data != nil {
		return data.Client
	}
	return nil
}

// ConfigureData is ConfigureClient for resources that need more than the client.
func ConfigureData(providerData any, diags *diag.Diagnostics) *ProviderData {
	if providerData == nil {
		return nil
	}
	data, ok := providerData.(*ProviderData)
	if !ok || data == nil || data.Client == nil {
		diags.AddError(
			"Unexpected provider data",
			fmt.Sprintf("Expected *framework.ProviderData, got %T. This is a bug in the provider; please report it.", providerData),
		)
		return nil
	}
	return data
}
