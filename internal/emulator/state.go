// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

// State is everything the emulator knows. It is persisted as one JSON document (see the
// -data flag), so every field must round-trip through encoding/json. Each endpoint family
// keeps its collections in its own embedded struct, defined in that family's file.
type State struct {
	CoreState         // company, locations, tokens, OAuth apps, agents, actions
	KnowledgeState    // knowledge bases, FAQs, crawler operations and pages, files
	ConversationState // conversations, messages, AI generations
	ScopeState        // [EXT] scopes and scoped credentials
	VoiceAIState      // Voice AI agents, their actions and call logs
	UserState         // location users (users.md)
}
