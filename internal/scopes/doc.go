// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package scopes implements the permission-and-scope family: the highlevel_scope and
// highlevel_scope_credential resources, the highlevel_scope_credential ephemeral resource, and
// the highlevel_scope, highlevel_scopes and highlevel_scope_permissions data sources.
//
// The family manages the emulator-only extension of contract §5 ([EXT]): HighLevel's public API
// has no scope or credential endpoints (§4). Against the real API every operation fails with the
// client's ErrScopesUnsupported message; nothing is ever reported as done, and nothing is removed
// from state because of it. The family is kept apart so that it can follow HighLevel if they ship
// such endpoints.
//
// Secrets: a credential's token is returned once, by the create call. The resource keeps it in a
// Sensitive attribute (it is then in state, as documented); the ephemeral resource mints a
// short-lived credential whose token never reaches plan or state and revokes it when Terraform
// closes it.
package scopes

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewScopeResource, NewCredentialResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewScopeDataSource, NewScopesDataSource, NewPermissionsDataSource}
}

// EphemeralResources returns the ephemeral resources of the family.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewCredentialEphemeralResource}
}
