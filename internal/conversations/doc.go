// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package conversations implements the Conversations family (contract §3.4): read-only data
// sources over a location's conversations, their messages and the AI generations behind
// messages — highlevel_conversations, highlevel_conversation_messages and
// highlevel_ai_generation.
//
// Data sources keep what they read in Terraform state, so every list is bounded by a
// max_results guard and says with a `truncated` flag when more exist. A full export for
// audits does not belong in state: it is cmd/highlevel-export, built on the subpackage audit,
// which also holds the agent matching that both use (the conversation APIs have no agent
// filter; see audit.AgentMatcher).
package conversations

import "github.com/hashicorp/terraform-plugin-framework/datasource"

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewConversationsDataSource, NewConversationMessagesDataSource, NewAIGenerationDataSource}
}
