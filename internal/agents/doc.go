// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package agents implements the Conversation AI agents family (contract §3.1):
// the highlevel_agent resource and the highlevel_agent and highlevel_agents data sources.
//
// It is the pattern the other families follow: a schema file, a model with its mapper to and
// from the API client's types, plan-time validation, and CRUD that fills state from the API's
// answer. HTTP lives in internal/client; shared behaviour in internal/framework.
package agents

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewAgentResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewAgentDataSource, NewAgentsDataSource}
}
