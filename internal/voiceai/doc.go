// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package voiceai implements the Voice AI family (contract voice-ai.md): the phone agents
// that answer a location's calls (highlevel_voice_agent), their actions
// (highlevel_voice_agent_action), and the data sources highlevel_voice_agent,
// highlevel_voice_agents, highlevel_voice_call_logs and highlevel_voice_call_log.
//
// It follows internal/agents: a schema file, a model with its mapper to and from the client's
// types, plan-time validation, and CRUD that fills state from the API's answer. Agents are
// updated with a PATCH of the changed members (a removed argument is sent as its default or as
// null, so that it is cleared remotely); actions with a full-replace PUT that resends the
// write-only authentication value. HTTP lives in internal/client; shared behaviour in
// internal/framework.
package voiceai

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewVoiceAgentResource, NewVoiceAgentActionResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewVoiceAgentDataSource, NewVoiceAgentsDataSource, NewCallLogsDataSource, NewCallLogDataSource}
}
