// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"net/http"
)

// AI generations (contract §3.4): GET /conversation-ai/generations?messageId&source
// returns what an agent produced for a message. Generations are seeded with their message
// (seed.go). A restricted [EXT] credential may only read generations of its agents (403,
// §5.3); the route carries no locationId (conversation-ai, §1.7) and a message of another
// location is "not found".

// Generation is a stored AI generation, keyed by its message.
type Generation struct {
	MessageID       string            `json:"messageId"`
	LocationID      string            `json:"locationId"`
	AgentID         string            `json:"agentId"`
	Source          string            `json:"source"` // conversation or workflow
	Prompt          string            `json:"prompt"`
	Intent          string            `json:"intent,omitempty"`
	ResponseMessage string            `json:"responseMessage"`
	Input           *string           `json:"input,omitempty"` // nil: the last inbound message before it
	Mode            string            `json:"mode"`
	FAQs            []json.RawMessage `json:"faqs,omitempty"`
	Website         []json.RawMessage `json:"website,omitempty"`
	ActionLogs      []json.RawMessage `json:"actionLogs,omitempty"`
	History         []GenerationTurn  `json:"history,omitempty"` // nil: derived from the conversation
}

// GenerationTurn is an entry of a generation's history.
type GenerationTurn struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// historyTurns is how many earlier messages a derived history holds.
const historyTurns = 10

const msgGenerationNotFound = "Generation not found" // 404 when a message has none (unconfirmed)

func rawOrEmpty(l []json.RawMessage) []json.RawMessage {
	if l == nil {
		return []json.RawMessage{}
	}
	return l
}

// generationView is the flat answer {prompt, intent?, responseMessage, faqs, website,
// agentId, input, actionLogs, history, mode}. Without seeded values, input is the last
// inbound message before the generated one and history the conversation's previous
// messages (inbound = user, outbound = assistant), oldest first.
func (st *State) generationView(g *Generation) map[string]any {
	history, input := g.History, ""
	if g.Input != nil {
		input = *g.Input
	}
	if m := st.Messages[g.MessageID]; m != nil && (g.History == nil || g.Input == nil) {
		var before []*Message
		if cv := st.Conversations[m.ConversationID]; cv != nil {
			for _, msg := range st.messagesOf(cv) { // newest first
				if msg.DateAdded.Before(m.DateAdded) || (msg.DateAdded.Equal(m.DateAdded) && msg.Seq < m.Seq) {
					before = append(before, msg)
				}
			}
		}
		if g.Input == nil {
			for _, msg := range before {
				if msg.Direction == "inbound" {
					input = msg.Body
					break
				}
			}
		}
		if g.History == nil {
			history = []GenerationTurn{}
			n := min(len(before), historyTurns)
			for i := n - 1; i >= 0; i-- {
				role := "user"
				if before[i].Direction == "outbound" {
					role = "assistant"
				}
				history = append(history, GenerationTurn{Role: role, Content: before[i].Body})
			}
		}
	}
	if history == nil {
		history = []GenerationTurn{}
	}
	out := map[string]any{
		"prompt": g.Prompt, "responseMessage": g.ResponseMessage, "faqs": rawOrEmpty(g.FAQs),
		"website": rawOrEmpty(g.Website), "agentId": g.AgentID, "input": input,
		"actionLogs": rawOrEmpty(g.ActionLogs), "history": history, "mode": g.Mode,
	}
	if g.Intent != "" {
		out["intent"] = g.Intent
	}
	return out
}

// GET /conversation-ai/generations: messageId R, source R (conversation|workflow).
func (e *Emulator) getGeneration(c *reqCtx) {
	var msgs []string
	id := c.query("messageId")
	if id == "" {
		msgs = append(msgs, "messageId should not be empty")
	}
	source, m := queryEnum(c, "source", "", "conversation", "workflow")
	msgs = append(msgs, m...)
	if source == "" && len(m) == 0 {
		msgs = append(msgs, "source should not be empty", "source must be one of the following values: conversation, workflow")
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	msg := c.messageOf(id)
	if msg == nil {
		c.notFound(msgMessageNotFound)
		return
	}
	g := c.st.Generations[id]
	if g == nil || g.Source != source {
		c.notFound(msgGenerationNotFound)
		return
	}
	if !c.agentAllowed(g.AgentID) {
		c.forbidden("Credential is restricted to agents " + agentList(c.caller.agentIDs) + "; agent " + g.AgentID + " is not allowed")
		return
	}
	c.json(http.StatusOK, c.st.generationView(g))
}
