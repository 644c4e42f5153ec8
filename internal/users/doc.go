// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package users implements the Users family (contract users.md): the highlevel_user resource
// (a location user with their permission flags and scopes — who may touch which client's AI)
// and the highlevel_user and highlevel_users data sources.
//
// It follows internal/agents: a schema file, a model with its mapper to and from the client's
// types, plan-time validation (the password rule, the scope enum with the closest allowed
// values, type and role), and CRUD that fills state from the API's answer. Deletion is queued
// by HighLevel, so Delete waits for it with framework.Backoff.Poll.
package users

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewUserResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewUserDataSource, NewUsersDataSource}
}
