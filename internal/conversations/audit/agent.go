// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"context"
	"fmt"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// The conversation APIs know nothing of AI agents: neither the conversation search nor the
// message export takes an agent id (contract §3.4). The only link from a message to an agent
// is its AI generation: GET /conversation-ai/generations?messageId=…&source=… answers the
// agentId of the agent that wrote the message (404 when no agent wrote it).
//
// AgentMatcher therefore decides whether an agent took part in a conversation by listing the
// conversation's messages and asking for the generation of its outbound messages, newest
// first, until one written by the agent turns up. Cost per conversation: ceil(messages/100)
// list calls, plus one generation call per outbound message examined; a conversation the agent
// never answered costs one generation call per outbound message. That is why callers bound the
// number of conversations they examine.

// AgentMatcher finds the messages an AI agent wrote in conversations of one location.
type AgentMatcher struct {
	Client     *client.Client
	LocationID string
	AgentID    string

	// Calls counts the API calls the matcher made (one per page of 100 messages, one per
	// generation asked for), retries not included.
	Calls int
}

// GenerationSource is the `source` to ask the generations API for, for a message: a message
// sent by a workflow (its `source` is "workflow") was generated in a workflow, every other one
// in a conversation.
func GenerationSource(m client.Message) string {
	if m.Source == client.GenerationSourceWorkflow {
		return client.GenerationSourceWorkflow
	}
	return client.GenerationSourceConversation
}

// NewestAgentMessage returns the id of the newest message of the conversation that the agent
// wrote, or "" when the agent wrote none. A message without a generation (404), or whose
// generation the credential may not read because it belongs to an agent outside the
// credential's restriction (403 on the emulator's scoped credentials), is not the agent's.
func (m *AgentMatcher) NewestAgentMessage(ctx context.Context, conversationID string) (string, error) {
	msgs, err := m.Client.ListMessages(ctx, m.LocationID, conversationID, 0)
	m.Calls += max(1, (len(msgs)+99)/100)
	if err != nil {
		return "", fmt.Errorf("listing the messages of conversation %s: %w", conversationID, err)
	}
	for _, msg := range msgs { // newest first
		if msg.Direction != "outbound" {
			continue
		}
		g, err := m.Client.GetGeneration(ctx, m.LocationID, msg.ID, GenerationSource(msg))
		m.Calls++
		switch {
		case client.IsNotFound(err), client.IsForbidden(err):
			continue
		case err != nil:
			return "", fmt.Errorf("reading the AI generation of message %s: %w", msg.ID, err)
		case g.AgentID == m.AgentID:
			return msg.ID, nil
		}
	}
	return "", nil
}

// CheckAgent fails with a clear message when the agent does not exist in the location: an
// unknown agent id would otherwise look like an agent without conversations.
func CheckAgent(ctx context.Context, c *client.Client, locationID, agentID string) error {
	_, err := c.GetAgent(ctx, locationID, agentID)
	if client.IsNotFound(err) && !client.IsRouteNotFound(err) {
		return fmt.Errorf("no AI agent with id %q exists in location %s (list the location's agents with the "+
			"highlevel_agents data source); an unknown agent would silently match no conversation", agentID, locationID)
	}
	if err != nil {
		return fmt.Errorf("checking agent %s: %w", agentID, err)
	}
	return nil
}
