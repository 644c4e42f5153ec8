// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Agents: Conversation AI "employees" (contract §3.1). Routes carry no locationId: the token's
// location is used; locationID selects that token (OAuth mode) and the limiter bucket.

// Agent is the full agent object of GET/POST/PUT. Pointer fields are nil when the API did not
// return the field, so null is never confused with "", 0 or false.
type Agent struct {
	ID           string   `json:"id"`
	LocationID   string   `json:"locationId,omitempty"`
	Name         string   `json:"name"`
	BusinessName *string  `json:"businessName,omitempty"`
	Mode         *string  `json:"mode,omitempty"`
	Channels     []string `json:"channels,omitempty"`
	IsPrimary    *bool    `json:"isPrimary,omitempty"`
	WaitTime     *int64   `json:"waitTime,omitempty"`
	WaitTimeUnit *string  `json:"waitTimeUnit,omitempty"`
	SleepEnabled *bool    `json:"sleepEnabled,omitempty"`
	// SleepTime and SleepTimeUnit are nil when absent or null; with SleepEnabled true that
	// means "sleep indefinitely" (see SleepsIndefinitely).
	SleepTime              *int64           `json:"sleepTime,omitempty"`
	SleepTimeUnit          *string          `json:"sleepTimeUnit,omitempty"`
	Personality            *string          `json:"personality,omitempty"`
	Goal                   *string          `json:"goal,omitempty"`
	Instructions           *string          `json:"instructions,omitempty"`
	AutoPilotMaxMessages   *int64           `json:"autoPilotMaxMessages,omitempty"`
	KnowledgeBaseIDs       []string         `json:"knowledgeBaseIds,omitempty"`
	RespondToImages        *bool            `json:"respondToImages,omitempty"` // nil when the API did not return it (§7.4)
	RespondToAudio         *bool            `json:"respondToAudio,omitempty"`  // nil when the API did not return it (§7.4)
	SleepOnManualMessage   *bool            `json:"sleepOnManualMessage,omitempty"`
	SleepOnWorkflowMessage *bool            `json:"sleepOnWorkflowMessage,omitempty"`
	Actions                []AgentActionRef `json:"actions,omitempty"` // server-managed
	CreatedAt              string           `json:"createdAt,omitempty"`
	UpdatedAt              string           `json:"updatedAt,omitempty"`
}

// UnmarshalJSON accepts goal as a string (EmployeeResponseDTO, contract §3.1) or as the
// object {"prompt":…,"type":…,"actionId":…} of EmployeeListItemDTO (§7.5): some readings of
// the API answer the object on GET/POST/PUT too. Goal is then the object's prompt.
func (a *Agent) UnmarshalJSON(b []byte) error {
	type plain Agent
	var aux struct {
		*plain
		Goal json.RawMessage `json:"goal"`
	}
	aux.plain = (*plain)(a)
	a.Goal = nil
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	switch {
	case isJSONNull(aux.Goal):
	case aux.Goal[0] == '"':
		var s string
		if err := json.Unmarshal(aux.Goal, &s); err != nil {
			return fmt.Errorf("agent goal: %w", err)
		}
		a.Goal = &s
	default:
		var g struct {
			Prompt *string `json:"prompt"`
		}
		if err := json.Unmarshal(aux.Goal, &g); err != nil {
			return fmt.Errorf("agent goal: %w", err)
		}
		a.Goal = g.Prompt
	}
	return nil
}

// SleepsIndefinitely reports sleep enabled with no sleep time (the API's null, §3.1).
func (a *Agent) SleepsIndefinitely() bool {
	return a.SleepEnabled != nil && *a.SleepEnabled && a.SleepTime == nil
}

// AgentActionRef is an entry of Agent.Actions.
type AgentActionRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// AgentInput is the body of POST and PUT /conversation-ai/agents (CreateEmployeeDto,
// UpdateEmployeeDto). Marshalling sends exactly what the fields say:
//
//   - a nil pointer or nil slice is omitted (the API keeps the value on PUT, §1.3: null = keep);
//   - to clear a value the provider passes a pointer to "" or a non-nil empty slice ([]), which
//     is sent as "" / [];
//   - Name is always sent.
//
// Update sends the full desired object; the API requires AutoPilotMaxMessages on PUT.
//
// Sleep (§3.1, §7.3): sleepTime and sleepTimeUnit are sent only when SleepEnabled is non-nil
// and true, and are absent otherwise (the API answers 422 when they come with sleepEnabled
// false). With sleep enabled, SleepIndefinitely sends both as JSON null ("sleep
// indefinitely"); otherwise SleepTime and SleepTimeUnit are sent when non-nil.
type AgentInput struct {
	Name                   string
	BusinessName           *string
	Mode                   *string
	Channels               []string
	IsPrimary              *bool
	WaitTime               *int64
	WaitTimeUnit           *string
	SleepEnabled           *bool
	SleepTime              *int64
	SleepTimeUnit          *string
	SleepIndefinitely      bool
	Personality            *string
	Goal                   *string
	Instructions           *string
	AutoPilotMaxMessages   *int64
	KnowledgeBaseIDs       []string
	RespondToImages        *bool
	RespondToAudio         *bool
	SleepOnManualMessage   *bool
	SleepOnWorkflowMessage *bool
}

// MarshalJSON implements the rules of AgentInput. Keys come out in a fixed order.
func (in AgentInput) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	put := func(key string, v any) error {
		enc, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("agent %s: %w", key, err)
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(strconv.Quote(key))
		b.WriteByte(':')
		b.Write(enc)
		return nil
	}
	type field struct {
		key string
		v   any // nil: omitted
	}
	opt := func(key string, present bool, v any) field {
		if !present {
			return field{key: key}
		}
		return field{key: key, v: v}
	}
	sleepOn := in.SleepEnabled != nil && *in.SleepEnabled
	fields := []field{
		{"name", in.Name},
		opt("businessName", in.BusinessName != nil, in.BusinessName),
		opt("mode", in.Mode != nil, in.Mode),
		opt("channels", in.Channels != nil, in.Channels),
		opt("isPrimary", in.IsPrimary != nil, in.IsPrimary),
		opt("waitTime", in.WaitTime != nil, in.WaitTime),
		opt("waitTimeUnit", in.WaitTimeUnit != nil, in.WaitTimeUnit),
		opt("sleepEnabled", in.SleepEnabled != nil, in.SleepEnabled),
	}
	switch {
	case sleepOn && in.SleepIndefinitely:
		fields = append(fields, field{"sleepTime", json.RawMessage("null")}, field{"sleepTimeUnit", json.RawMessage("null")})
	case sleepOn:
		fields = append(fields,
			opt("sleepTime", in.SleepTime != nil, in.SleepTime),
			opt("sleepTimeUnit", in.SleepTimeUnit != nil, in.SleepTimeUnit))
	}
	fields = append(fields,
		opt("personality", in.Personality != nil, in.Personality),
		opt("goal", in.Goal != nil, in.Goal),
		opt("instructions", in.Instructions != nil, in.Instructions),
		opt("autoPilotMaxMessages", in.AutoPilotMaxMessages != nil, in.AutoPilotMaxMessages),
		opt("knowledgeBaseIds", in.KnowledgeBaseIDs != nil, in.KnowledgeBaseIDs),
		opt("respondToImages", in.RespondToImages != nil, in.RespondToImages),
		opt("respondToAudio", in.RespondToAudio != nil, in.RespondToAudio),
		opt("sleepOnManualMessage", in.SleepOnManualMessage != nil, in.SleepOnManualMessage),
		opt("sleepOnWorkflowMessage", in.SleepOnWorkflowMessage != nil, in.SleepOnWorkflowMessage),
	)
	for _, f := range fields {
		if f.v == nil {
			continue
		}
		if err := put(f.key, f.v); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// CreateAgent creates an agent (POST /conversation-ai/agents; the API requires name,
// personality, goal and instructions). It is never retried once it may have reached the server.
func (c *Client) CreateAgent(ctx context.Context, locationID string, in AgentInput) (*Agent, error) {
	var out Agent
	err := c.do(ctx, req{method: http.MethodPost, path: "/conversation-ai/agents", family: familyConversationAI,
		locationID: locationID, body: in}, &out)
	if err != nil {
		return nil, err
	}
	if err := c.checkAgentLocation(locationID, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetAgent reads an agent (GET /conversation-ai/agents/{id}); IsNotFound(err) when it is gone.
func (c *Client) GetAgent(ctx context.Context, locationID, id string) (*Agent, error) {
	if err := requireID("agent", id); err != nil {
		return nil, err
	}
	var out Agent
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/agents/%s", id),
		family: familyConversationAI, locationID: locationID}, &out)
	if err != nil {
		return nil, err
	}
	if err := c.checkAgentLocation(locationID, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateAgent replaces an agent with the full desired object (PUT /conversation-ai/agents/{id}).
// in.AutoPilotMaxMessages is required by the API on PUT.
func (c *Client) UpdateAgent(ctx context.Context, locationID, id string, in AgentInput) (*Agent, error) {
	if err := requireID("agent", id); err != nil {
		return nil, err
	}
	if in.AutoPilotMaxMessages == nil {
		return nil, errors.New("updating agent " + id + ": autoPilotMaxMessages is required by the API on update")
	}
	var out Agent
	err := c.do(ctx, req{method: http.MethodPut, path: pathf("/conversation-ai/agents/%s", id),
		family: familyConversationAI, locationID: locationID, body: in}, &out)
	if err != nil {
		return nil, err
	}
	if err := c.checkAgentLocation(locationID, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteAgent deletes an agent and its actions (DELETE /conversation-ai/agents/{id}). A 404 is
// returned as an error (IsNotFound) — the caller decides whether that means success.
func (c *Client) DeleteAgent(ctx context.Context, locationID, id string) error {
	if err := requireID("agent", id); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/conversation-ai/agents/%s", id),
		family: familyConversationAI, locationID: locationID}, nil)
}

// AgentListItem is an agent as GET /conversation-ai/agents/search lists it (EmployeeListItemDTO):
// a different shape from Agent — goal is an object (its prompt is in Goal), and there are no
// personality, instructions or respondTo* fields. Import and refresh must use GetAgent.
type AgentListItem struct {
	ID                   string   `json:"id"`
	Name                 string   `json:"name"`
	BusinessName         string   `json:"businessName,omitempty"`
	Mode                 string   `json:"mode,omitempty"`
	Channels             []string `json:"channels,omitempty"`
	IsPrimary            bool     `json:"isPrimary,omitempty"`
	Goal                 string   `json:"-"` // goal.prompt (or goal, when the API sends a string)
	GoalType             string   `json:"-"` // goal.type, e.g. "custom"
	WaitTime             *int64   `json:"waitTime,omitempty"`
	WaitTimeUnit         string   `json:"waitTimeUnit,omitempty"`
	AutoPilotMaxMessages *int64   `json:"autoPilotMaxMessages,omitempty"`
	KnowledgeBaseIDs     []string `json:"knowledgeBaseIds,omitempty"`
	LocationID           string   `json:"locationId,omitempty"`
	CreatedAt            string   `json:"createdAt,omitempty"`
	UpdatedAt            string   `json:"updatedAt,omitempty"`
}

// UnmarshalJSON accepts goal as {"prompt":…,"type":…} or as a string.
func (a *AgentListItem) UnmarshalJSON(b []byte) error {
	type plain AgentListItem
	var aux struct {
		*plain
		Goal json.RawMessage `json:"goal"`
	}
	aux.plain = (*plain)(a)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.Goal, a.GoalType = "", ""
	if s, ok := stringOrNil(aux.Goal); ok {
		a.Goal = s
	} else if len(aux.Goal) > 0 && !isJSONNull(aux.Goal) {
		var g struct {
			Prompt string `json:"prompt"`
			Type   string `json:"type"`
		}
		if err := json.Unmarshal(aux.Goal, &g); err != nil {
			return fmt.Errorf("agent goal: %w", err)
		}
		a.Goal, a.GoalType = g.Prompt, g.Type
	}
	return nil
}

// ListAgents lists the location's agents (GET /conversation-ai/agents/search), following
// startAfter = the last agent's id until the list is complete (see listProgress; totalCount is
// the cross-check when no query filters the list, as it counts every agent of the location).
// query filters by name substring; the API wants it lowercase, so it is lowercased here.
func (c *Client) ListAgents(ctx context.Context, locationID string, query string) ([]AgentListItem, error) {
	var all []AgentListItem
	guard := cursorGuard{}
	progress := listProgress{what: "agents"}
	startAfter := ""
	for {
		q := url.Values{"limit": {strconv.Itoa(listPageSize)}}
		if query != "" {
			q.Set("query", strings.ToLower(query))
		}
		if startAfter != "" {
			q.Set("startAfter", startAfter)
		}
		var page struct {
			Agents     []AgentListItem `json:"agents"`
			TotalCount *int            `json:"totalCount"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/conversation-ai/agents/search",
			family: familyConversationAI, locationID: locationID, query: q}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, err
		}
		all = append(all, page.Agents...)
		total := page.TotalCount
		if query != "" {
			total = nil
		}
		more, err := progress.page(len(page.Agents), nil, total)
		if err != nil || !more {
			return all, err
		}
		if err := guard.advance("agents", "startAfter", page.Agents[len(page.Agents)-1].ID); err != nil {
			return nil, err
		}
		startAfter = page.Agents[len(page.Agents)-1].ID
	}
}

// checkAgentLocation fails when an agent answer names another location than the one asked for:
// the Conversation AI routes act in the token's location (contract §1.7), and a state that
// recorded the wrong location would re-create the agent on the next apply.
func (c *Client) checkAgentLocation(locationID string, a *Agent) error {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil //nolint:nilerr // no known location to compare the answer with: nothing to check
	}
	return checkAnsweredLocation("agent "+a.ID, loc, a.LocationID)
}
