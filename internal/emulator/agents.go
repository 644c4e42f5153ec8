// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Agent is a Conversation AI agent ("employee", contract §3.1) as stored.
type Agent struct {
	ID                     string      `json:"id"`
	LocationID             string      `json:"locationId"`
	Name                   string      `json:"name"`
	BusinessName           *string     `json:"businessName,omitempty"` // absent until set (default unconfirmed)
	Mode                   string      `json:"mode"`
	Channels               []string    `json:"channels"`
	IsPrimary              bool        `json:"isPrimary"`
	WaitTime               int64       `json:"waitTime"`
	WaitTimeUnit           string      `json:"waitTimeUnit"`
	SleepEnabled           bool        `json:"sleepEnabled"`
	SleepTime              *int64      `json:"sleepTime"`     // nil with SleepEnabled = sleep indefinitely
	SleepTimeUnit          *string     `json:"sleepTimeUnit"` // idem
	Personality            string      `json:"personality"`
	Goal                   string      `json:"goal"`
	Instructions           string      `json:"instructions"`
	AutoPilotMaxMessages   int64       `json:"autoPilotMaxMessages"`
	KnowledgeBaseIDs       []string    `json:"knowledgeBaseIds"` // the KB family removes deleted KBs from it
	RespondToImages        bool        `json:"respondToImages"`
	RespondToAudio         bool        `json:"respondToAudio"`
	SleepOnManualMessage   bool        `json:"sleepOnManualMessage"`
	SleepOnWorkflowMessage bool        `json:"sleepOnWorkflowMessage"`
	Actions                []ActionRef `json:"actions"` // server-managed mirror of the agent's actions, creation order
	CreatedAt              time.Time   `json:"createdAt"`
	UpdatedAt              time.Time   `json:"updatedAt"`
}

// ActionRef is an entry of Agent.Actions.
type ActionRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Agent routes (§3.1). Conversation-AI routes carry no locationId: the caller's location
// is used, and a stray locationId query parameter is ignored (§1.7).
func (e *Emulator) registerAgentRoutes(mux *http.ServeMux) {
	read := routeOpts{scope: "conversation-ai.readonly"}
	write := routeOpts{scope: "conversation-ai.write"}
	create := write
	create.denyRestricted = true
	e.handle(mux, "POST /conversation-ai/agents", create, e.createAgent)
	e.handle(mux, "GET /conversation-ai/agents/search", read, e.searchAgents)
	e.handle(mux, "GET /conversation-ai/agents/{agentId}", read, e.getAgent)
	e.handle(mux, "PUT /conversation-ai/agents/{agentId}", write, e.updateAgent)
	e.handle(mux, "DELETE /conversation-ai/agents/{agentId}", write, e.deleteAgent)
}

// agentOf returns the agent id of the caller's location, or nil (another location's
// agent is "not found", §1.7).
func (c *reqCtx) agentOf(id string) *Agent {
	a := c.st.Agents[id]
	if a == nil || a.LocationID != c.locationID() {
		return nil
	}
	return a
}

const msgAgentNotFound = "Agent not found" // wording unconfirmed (§1.4)

func (e *Emulator) createAgent(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	in := validateAgent(o, c.st, c.locationID(), nil, true)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	a := &Agent{
		ID: newID(), LocationID: c.locationID(), Mode: "off", Channels: []string{}, WaitTime: 2,
		WaitTimeUnit: "seconds", AutoPilotMaxMessages: 75, KnowledgeBaseIDs: []string{}, Actions: []ActionRef{},
		CreatedAt: c.now, UpdatedAt: c.now,
	}
	// The first agent of a location is primary by default (§3.1).
	a.IsPrimary = len(c.st.agentsOf(a.LocationID)) == 0
	in.apply(a)
	if a.IsPrimary && c.clearsPrimary() {
		c.st.clearPrimary(a.LocationID, a.ID)
	}
	c.st.Agents[a.ID] = a
	c.json(http.StatusCreated, c.agentAnswer(a))
}

func (e *Emulator) getAgent(c *reqCtx) {
	a := c.agentOf(c.path("agentId"))
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	c.json(http.StatusOK, c.agentAnswer(a))
}

// PUT merges: omitted fields keep their values (§3.1, unconfirmed); autoPilotMaxMessages
// is required.
func (e *Emulator) updateAgent(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	a := c.agentOf(c.path("agentId")) // validation (422) comes before existence (404), §2.6
	in := validateAgent(o, c.st, c.locationID(), a, false)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	if c.vr().AgentPutReplaces {
		resetAgentOptionals(a) // full replace: what the body omits returns to its default
	}
	in.apply(a)
	if in.isPrimary != nil && *in.isPrimary && c.clearsPrimary() {
		c.st.clearPrimary(a.LocationID, a.ID)
	}
	a.UpdatedAt = c.now
	c.json(http.StatusOK, c.agentAnswer(a))
}

// DELETE also deletes the agent's actions (§3.1) and tells the scopes family.
func (e *Emulator) deleteAgent(c *reqCtx) {
	a := c.agentOf(c.path("agentId"))
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	for _, ref := range a.Actions {
		delete(c.st.Actions, ref.ID)
	}
	delete(c.st.Agents, a.ID)
	c.st.onAgentDeleted(a.LocationID, a.ID)
	c.json(http.StatusOK, map[string]any{"success": true, "id": a.ID})
}

// GET /conversation-ai/agents/search: limit (default 20, 1-100), startAfter (an agent id),
// query (substring of the lowercased name, case-sensitive). Order createdAt desc then id
// desc (unconfirmed). totalCount counts all agents of the location (for a restricted
// credential: the allowed ones), count the page.
func (e *Emulator) searchAgents(c *reqCtx) {
	q := c.r.URL.Query()
	limit, msgs := queryInt(q, "limit", 20, 1, 100)
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	var all []*Agent
	for _, a := range c.st.agentsOf(c.locationID()) {
		if c.agentAllowed(a.ID) {
			all = append(all, a)
		}
	}
	slices.SortFunc(all, func(a, b *Agent) int {
		if d := b.CreatedAt.Compare(a.CreatedAt); d != 0 {
			return d
		}
		return strings.Compare(b.ID, a.ID)
	})
	all = reversedIf(c.vr().ReverseListOrder, all)
	query := q.Get("query")
	var matched []*Agent
	for _, a := range all {
		if strings.Contains(strings.ToLower(a.Name), query) {
			matched = append(matched, a)
		}
	}
	start := 0
	if after := q.Get("startAfter"); after != "" {
		i := slices.IndexFunc(matched, func(a *Agent) bool { return a.ID == after })
		if i < 0 {
			// Emulator choice: an unknown cursor is an error rather than a silent empty page.
			c.invalid("startAfter must be the id of an agent of this location")
			return
		}
		start = i + 1
	}
	page := matched[start:min(start+int(limit), len(matched))]
	items := make([]any, 0, len(page))
	for _, a := range page {
		items = append(items, c.agentListAnswer(a))
	}
	c.json(http.StatusOK, map[string]any{"agents": items, "totalCount": len(all), "count": len(items)})
}

// agentsOf returns the agents of a location (unordered).
func (st *State) agentsOf(locationID string) []*Agent {
	var out []*Agent
	for _, a := range st.Agents {
		if a.LocationID == locationID {
			out = append(out, a)
		}
	}
	return out
}

// clearPrimary makes keepID the only primary agent of the location (unconfirmed exclusivity).
func (st *State) clearPrimary(locationID, keepID string) {
	for _, a := range st.agentsOf(locationID) {
		if a.ID != keepID {
			a.IsPrimary = false
		}
	}
}

// agentJSON is the Agent object of POST, GET and PUT (OAS EmployeeResponseDTO plus
// respondTo*, locationId, createdAt, updatedAt, which the emulator returns).
type agentJSON struct {
	ID                     string          `json:"id"`
	LocationID             string          `json:"locationId"`
	Name                   string          `json:"name"`
	BusinessName           *string         `json:"businessName,omitempty"`
	Mode                   string          `json:"mode"`
	Channels               []string        `json:"channels"`
	IsPrimary              bool            `json:"isPrimary"`
	WaitTime               int64           `json:"waitTime"`
	WaitTimeUnit           string          `json:"waitTimeUnit"`
	SleepEnabled           bool            `json:"sleepEnabled"`
	SleepTime              json.RawMessage `json:"sleepTime,omitempty"`     // absent when sleep is off, null = indefinite
	SleepTimeUnit          json.RawMessage `json:"sleepTimeUnit,omitempty"` // idem
	Personality            string          `json:"personality"`
	Goal                   string          `json:"goal"`
	Instructions           string          `json:"instructions"`
	AutoPilotMaxMessages   int64           `json:"autoPilotMaxMessages"`
	KnowledgeBaseIDs       []string        `json:"knowledgeBaseIds"`
	RespondToImages        bool            `json:"respondToImages"`
	RespondToAudio         bool            `json:"respondToAudio"`
	SleepOnManualMessage   bool            `json:"sleepOnManualMessage"`
	SleepOnWorkflowMessage bool            `json:"sleepOnWorkflowMessage"`
	Actions                []ActionRef     `json:"actions"`
	CreatedAt              string          `json:"createdAt"`
	UpdatedAt              string          `json:"updatedAt"`
}

func agentView(a *Agent) agentJSON {
	v := agentJSON{
		ID: a.ID, LocationID: a.LocationID, Name: a.Name, BusinessName: a.BusinessName, Mode: a.Mode,
		Channels: orEmpty(a.Channels), IsPrimary: a.IsPrimary, WaitTime: a.WaitTime, WaitTimeUnit: a.WaitTimeUnit,
		SleepEnabled: a.SleepEnabled, Personality: a.Personality, Goal: a.Goal, Instructions: a.Instructions,
		AutoPilotMaxMessages: a.AutoPilotMaxMessages, KnowledgeBaseIDs: orEmpty(a.KnowledgeBaseIDs),
		RespondToImages: a.RespondToImages, RespondToAudio: a.RespondToAudio,
		SleepOnManualMessage: a.SleepOnManualMessage, SleepOnWorkflowMessage: a.SleepOnWorkflowMessage,
		Actions: a.Actions, CreatedAt: isoTime(a.CreatedAt), UpdatedAt: isoTime(a.UpdatedAt),
	}
	if v.Actions == nil {
		v.Actions = []ActionRef{}
	}
	v.SleepTime, v.SleepTimeUnit = sleepJSON(a)
	return v
}

func sleepJSON(a *Agent) (t, u json.RawMessage) {
	if !a.SleepEnabled {
		return nil, nil
	}
	t, u = json.RawMessage("null"), json.RawMessage("null")
	if a.SleepTime != nil {
		t = json.RawMessage(strconv.FormatInt(*a.SleepTime, 10))
	}
	if a.SleepTimeUnit != nil {
		u, _ = json.Marshal(*a.SleepTimeUnit)
	}
	return t, u
}

// agentListItem is the search shape (OAS EmployeeListItemDTO): goal is an object, no
// personality, instructions or respondTo*.
type agentListItem struct {
	ID                     string          `json:"id"`
	LocationID             string          `json:"locationId"`
	Name                   string          `json:"name"`
	BusinessName           *string         `json:"businessName,omitempty"`
	Mode                   string          `json:"mode"`
	Channels               []string        `json:"channels"`
	IsPrimary              bool            `json:"isPrimary"`
	WaitTime               int64           `json:"waitTime"`
	WaitTimeUnit           string          `json:"waitTimeUnit"`
	SleepEnabled           bool            `json:"sleepEnabled"`
	SleepTime              json.RawMessage `json:"sleepTime,omitempty"`
	SleepTimeUnit          json.RawMessage `json:"sleepTimeUnit,omitempty"`
	Goal                   listGoal        `json:"goal"`
	AutoPilotMaxMessages   int64           `json:"autoPilotMaxMessages"`
	KnowledgeBaseIDs       []string        `json:"knowledgeBaseIds"`
	SleepOnManualMessage   bool            `json:"sleepOnManualMessage"`
	SleepOnWorkflowMessage bool            `json:"sleepOnWorkflowMessage"`
	Actions                []ActionRef     `json:"actions"`
	CreatedAt              string          `json:"createdAt"`
	UpdatedAt              string          `json:"updatedAt"`
}

type listGoal struct {
	Prompt   string  `json:"prompt"`
	Type     string  `json:"type"`
	ActionID *string `json:"actionId"`
}

func agentListView(a *Agent) agentListItem {
	v := agentView(a)
	return agentListItem{
		ID: v.ID, LocationID: v.LocationID, Name: v.Name, BusinessName: v.BusinessName, Mode: v.Mode,
		Channels: v.Channels, IsPrimary: v.IsPrimary, WaitTime: v.WaitTime, WaitTimeUnit: v.WaitTimeUnit,
		SleepEnabled: v.SleepEnabled, SleepTime: v.SleepTime, SleepTimeUnit: v.SleepTimeUnit,
		Goal:                 listGoal{Prompt: a.Goal, Type: "custom"},
		AutoPilotMaxMessages: v.AutoPilotMaxMessages, KnowledgeBaseIDs: v.KnowledgeBaseIDs,
		SleepOnManualMessage: v.SleepOnManualMessage, SleepOnWorkflowMessage: v.SleepOnWorkflowMessage,
		Actions: v.Actions, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
