// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package actions implements the Conversation AI actions family (contract §3.2, §3.3): the
// highlevel_agent_action and highlevel_agent_followup_settings resources and the
// highlevel_agent_actions data source.
//
// It follows the pattern of internal/agents: a schema file, models with their mappers to and
// from the API client's types, plan-time validation, and CRUD that fills state from the API's
// answer. Writes to one agent's actions are serialised per agent (framework.ProviderData
// ParentLocks) and 409 answers are retried (framework.RetryOnConflict).
package actions

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewActionResource, NewFollowupSettingsResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewActionsDataSource}
}
