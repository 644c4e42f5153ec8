// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Voice AI family (contract voice-ai.md): phone agents, their actions and call logs. Every
// route names its location (query or body, §3.3); responses are flat (no envelope); deletes
// answer 204 with an empty body; lists are paged by page/pageSize (§3.4).

// VoiceAIState is the Voice AI part of State.
type VoiceAIState struct {
	VoiceAgents   map[string]*VoiceAgent   `json:"voiceAgents"`
	VoiceActions  map[string]*VoiceAction  `json:"voiceActions"`
	VoiceCallLogs map[string]*VoiceCallLog `json:"voiceCallLogs"`
	// VoiceSeq orders agents and call logs by creation (ids are random).
	VoiceSeq int64 `json:"voiceSeq"`
	// VoiceVariant holds the Voice AI switches of PUT /_emulator/voice-ai. Like the shared
	// Variants (variants.go) they are process configuration, not persisted.
	VoiceVariant VoiceVariant `json:"-"`
}

// VoiceVariant makes the emulator answer as strictly as the official spec allows where it
// leaves room (DESIGN.md "The emulator"), for the Voice AI ambiguities. The page cap is the
// shared Variants.PageSizeCap (the answer's pageSize then says the size used, as the OAS
// requires it).
type VoiceVariant struct {
	// OmitOptional leaves out the agent members the OAS marks optional in answers when they are
	// null or empty (inboundNumber, numberPoolId, callEndWorkflowIds, agentWorkingHours) and
	// translation.language when translation is off.
	OmitOptional bool `json:"omit_optional"`
	// UnderscoreActionIDs keys the agent's actions as "_id" (the OAS example) instead of "id".
	UnderscoreActionIDs bool `json:"underscore_action_ids"`
	// ResponsePathsToExtract answers a custom action's selectedPaths as responsePathsToExtract
	// (the OAS examples' name, §5.5) in action answers and the agent's actions.
	ResponsePathsToExtract bool `json:"response_paths_to_extract"`
}

// VoiceAgent is a Voice AI agent as stored (contract §4.1).
type VoiceAgent struct {
	ID                           string              `json:"id"`
	LocationID                   string              `json:"locationId"`
	Seq                          int64               `json:"seq"`
	AgentName                    string              `json:"agentName"`
	BusinessName                 string              `json:"businessName"`
	WelcomeMessage               string              `json:"welcomeMessage"`
	AgentPrompt                  string              `json:"agentPrompt"`
	VoiceID                      string              `json:"voiceId"`
	Language                     string              `json:"language"`
	PatienceLevel                string              `json:"patienceLevel"`
	MaxCallDuration              int64               `json:"maxCallDuration"`
	SendUserIdleReminders        bool                `json:"sendUserIdleReminders"`
	ReminderAfterIdleTimeSeconds int64               `json:"reminderAfterIdleTimeSeconds"`
	InboundNumber                *string             `json:"inboundNumber"`
	NumberPoolID                 *string             `json:"numberPoolId"`
	CallEndWorkflowIDs           []string            `json:"callEndWorkflowIds"`
	PostCallNotification         VoicePostCallNotify `json:"sendPostCallNotificationTo"`
	WorkingHours                 []VoiceWorkingDay   `json:"agentWorkingHours"`
	Timezone                     string              `json:"timezone"`
	IsAgentAsBackupDisabled      bool                `json:"isAgentAsBackupDisabled"`
	Translation                  VoiceTranslation    `json:"translation"`
	ActionIDs                    []string            `json:"actionIds"` // the agent's actions, creation order
	CreatedAt                    time.Time           `json:"createdAt"` // kept for ordering; not returned (§4.1)
}

// VoicePostCallNotify is sendPostCallNotificationTo.
type VoicePostCallNotify struct {
	Admins              bool     `json:"admins"`
	AllUsers            bool     `json:"allUsers"`
	ContactAssignedUser bool     `json:"contactAssignedUser"`
	SpecificUsers       []string `json:"specificUsers"`
	CustomEmails        []string `json:"customEmails"`
}

// VoiceWorkingDay is an agentWorkingHours item: dayOfTheWeek 1 = Monday … 7 = Sunday (§4.3).
type VoiceWorkingDay struct {
	DayOfTheWeek int64           `json:"dayOfTheWeek"`
	Intervals    []VoiceInterval `json:"intervals"`
}

// VoiceInterval is a working-hours interval, 24-hour clock.
type VoiceInterval struct {
	StartHour   int64 `json:"startHour"`
	StartMinute int64 `json:"startMinute"`
	EndHour     int64 `json:"endHour"`
	EndMinute   int64 `json:"endMinute"`
}

// VoiceTranslation is the agent's translation setting.
type VoiceTranslation struct {
	Enabled  bool    `json:"enabled"`
	Language *string `json:"language,omitempty"`
}

// Generated defaults (§4.1; emulator choices, deterministic).
const (
	voiceDefaultVoiceID  = "65f1a2b3c4d5e6f708192a3b"
	voiceDefaultPrompt   = "You are a friendly receptionist. Answer the caller's questions about the business, take a message when you cannot help, and keep answers short."
	voiceDefaultTimezone = "America/New_York"
	msgVoiceCallNotFound = "Call log not found"
	msgVoiceActNotFound  = "Action not found"
)

func (e *Emulator) registerVoiceAIRoutes(mux *http.ServeMux) {
	// Maps of a state loaded from an older file may be nil.
	if e.st.VoiceAgents == nil {
		e.st.VoiceAgents = map[string]*VoiceAgent{}
	}
	if e.st.VoiceActions == nil {
		e.st.VoiceActions = map[string]*VoiceAction{}
	}
	if e.st.VoiceCallLogs == nil {
		e.st.VoiceCallLogs = map[string]*VoiceCallLog{}
	}
	agentsRead := routeOpts{scope: "voice-ai-agents.readonly", location: locQuery}
	agentsWrite := routeOpts{scope: "voice-ai-agents.write", location: locQuery}
	agentsCreate := routeOpts{scope: "voice-ai-agents.write", location: locBody}
	goalsRead := routeOpts{scope: "voice-ai-agent-goals.readonly", location: locQuery}
	goalsWrite := routeOpts{scope: "voice-ai-agent-goals.write", location: locBody}
	goalsDelete := routeOpts{scope: "voice-ai-agent-goals.write", location: locQuery}
	dashboard := routeOpts{scope: "voice-ai-dashboard.readonly", location: locQuery}

	e.handle(mux, "POST /voice-ai/agents", agentsCreate, e.createVoiceAgent)
	e.handle(mux, "GET /voice-ai/agents", agentsRead, e.listVoiceAgents)
	e.handle(mux, "GET /voice-ai/agents/{agentId}", agentsRead, e.getVoiceAgent)
	e.handle(mux, "PATCH /voice-ai/agents/{agentId}", agentsWrite, e.patchVoiceAgent)
	e.handle(mux, "DELETE /voice-ai/agents/{agentId}", agentsWrite, e.deleteVoiceAgent)
	e.handle(mux, "POST /voice-ai/actions", goalsWrite, e.createVoiceAction)
	e.handle(mux, "GET /voice-ai/actions/{actionId}", goalsRead, e.getVoiceAction)
	e.handle(mux, "PUT /voice-ai/actions/{actionId}", goalsWrite, e.updateVoiceAction)
	e.handle(mux, "DELETE /voice-ai/actions/{actionId}", goalsDelete, e.deleteVoiceAction)
	e.handle(mux, "GET /voice-ai/dashboard/call-logs", dashboard, e.listVoiceCallLogs)
	e.handle(mux, "GET /voice-ai/dashboard/call-logs/{callId}", dashboard, e.getVoiceCallLog)
}

// voiceLocation checks the required locationId query parameter (the route's location option
// has already refused another location with 403); a missing one is 422 (400 on call logs).
func (c *reqCtx) voiceLocation(status int) bool {
	if c.query("locationId") != "" {
		return true
	}
	if status == http.StatusBadRequest {
		c.badRequest("locationId should not be empty")
	} else {
		c.invalid("locationId should not be empty", "locationId must be a string")
	}
	return false
}

// voiceAgentOf returns the caller's location's agent, or nil.
func (c *reqCtx) voiceAgentOf(id string) *VoiceAgent {
	a := c.st.VoiceAgents[id]
	if a == nil || a.LocationID != c.locationID() {
		return nil
	}
	return a
}

// noContent answers 204 with an empty body.
func (c *reqCtx) noContent() { c.status, c.out = http.StatusNoContent, nil }

func (st *State) nextVoiceSeq() int64 { st.VoiceSeq++; return st.VoiceSeq }

func (e *Emulator) createVoiceAgent(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	loc := c.st.Locations[c.locationID()]
	in := validateVoiceAgent(o, true)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	a := &VoiceAgent{
		ID: newObjectID(c.now), LocationID: c.locationID(), Seq: c.st.nextVoiceSeq(), CreatedAt: c.now,
		AgentName: fmt.Sprintf("My Agent %03d", 100+randInt(900)), VoiceID: voiceDefaultVoiceID,
		AgentPrompt: voiceDefaultPrompt, Language: "en-US", PatienceLevel: "high", MaxCallDuration: 300,
		SendUserIdleReminders: true, ReminderAfterIdleTimeSeconds: 8, CallEndWorkflowIDs: []string{},
		PostCallNotification: VoicePostCallNotify{Admins: true, SpecificUsers: []string{}, CustomEmails: []string{}},
		WorkingHours:         []VoiceWorkingDay{}, Timezone: voiceDefaultTimezone, ActionIDs: []string{},
	}
	if loc != nil {
		a.BusinessName = loc.Name
		if loc.Timezone != "" {
			a.Timezone = loc.Timezone
		}
	}
	in.apply(a)
	if in.welcomeMessage == nil {
		a.WelcomeMessage = truncateRunes("Hello, thank you for calling "+a.BusinessName+". How can I help you today?", 190)
	}
	if msg := voiceTranslationProblem(a); msg != "" {
		c.invalid(msg)
		return
	}
	c.st.VoiceAgents[a.ID] = a
	c.json(http.StatusCreated, c.voiceAgentView(a, false))
}

func (e *Emulator) getVoiceAgent(c *reqCtx) {
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	a := c.voiceAgentOf(c.path("agentId"))
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	c.json(http.StatusOK, c.voiceAgentView(a, true))
}

// PATCH: members present replace the stored value, objects and arrays whole; null only
// clears inboundNumber and numberPoolId (§4.2).
func (e *Emulator) patchVoiceAgent(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	in := validateVoiceAgent(o, false)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	a := c.voiceAgentOf(c.path("agentId"))
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	next := *a
	next.CallEndWorkflowIDs = slices.Clone(a.CallEndWorkflowIDs)
	in.apply(&next)
	if msg := voiceTranslationProblem(&next); msg != "" {
		c.invalid(msg)
		return
	}
	*a = next
	c.json(http.StatusOK, c.voiceAgentView(a, false))
}

// DELETE removes the agent with its actions; its call logs stay, marked isAgentDeleted.
func (e *Emulator) deleteVoiceAgent(c *reqCtx) {
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	a := c.voiceAgentOf(c.path("agentId"))
	if a == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	for _, id := range a.ActionIDs {
		delete(c.st.VoiceActions, id)
	}
	for _, l := range c.st.VoiceCallLogs {
		if l.AgentID == a.ID {
			l.IsAgentDeleted = true
		}
	}
	delete(c.st.VoiceAgents, a.ID)
	c.noContent()
}

// GET /voice-ai/agents: page 1-5000 (default 1), pageSize 1-50 (default 10), query = a
// case-insensitive substring of agentName; creation order, oldest first.
func (e *Emulator) listVoiceAgents(c *reqCtx) {
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	q := c.r.URL.Query()
	page, m1 := queryInt(q, "page", 1, 1, 5000)
	size, m2 := queryInt(q, "pageSize", 10, 1, 50)
	if msgs := slices.Concat(m1, m2); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	needle := strings.ToLower(q.Get("query"))
	var all []*VoiceAgent
	for _, a := range c.st.VoiceAgents {
		if a.LocationID == c.locationID() && strings.Contains(strings.ToLower(a.AgentName), needle) {
			all = append(all, a)
		}
	}
	slices.SortFunc(all, func(x, y *VoiceAgent) int { return cmp.Compare(x.Seq, y.Seq) })
	size = c.vr().capLimit(size)
	items := make([]voiceAgentJSON, 0, size)
	for _, a := range pageOf(all, page, size) {
		items = append(items, c.voiceAgentView(a, true))
	}
	c.json(http.StatusOK, map[string]any{"total": len(all), "page": page, "pageSize": size, "agents": items})
}

// pageOf returns page (1-based) of size of all; past the end it is empty.
func pageOf[T any](all []T, page, size int64) []T {
	start := (page - 1) * size
	if start >= int64(len(all)) {
		return nil
	}
	return all[start:min(start+size, int64(len(all)))]
}

// voiceAgentJSON is the agent of every answer; actions only on GET and list (§4.1).
type voiceAgentJSON struct {
	ID                           string              `json:"id"`
	LocationID                   string              `json:"locationId"`
	AgentName                    string              `json:"agentName"`
	BusinessName                 string              `json:"businessName"`
	WelcomeMessage               string              `json:"welcomeMessage"`
	AgentPrompt                  string              `json:"agentPrompt"`
	VoiceID                      string              `json:"voiceId"`
	Language                     string              `json:"language"`
	PatienceLevel                string              `json:"patienceLevel"`
	MaxCallDuration              int64               `json:"maxCallDuration"`
	SendUserIdleReminders        bool                `json:"sendUserIdleReminders"`
	ReminderAfterIdleTimeSeconds int64               `json:"reminderAfterIdleTimeSeconds"`
	InboundNumber                optionalJSON        `json:"inboundNumber,omitzero"`
	NumberPoolID                 optionalJSON        `json:"numberPoolId,omitzero"`
	CallEndWorkflowIDs           []string            `json:"callEndWorkflowIds,omitempty"`
	PostCallNotification         VoicePostCallNotify `json:"sendPostCallNotificationTo"`
	WorkingHours                 []VoiceWorkingDay   `json:"agentWorkingHours,omitempty"`
	Timezone                     string              `json:"timezone"`
	IsAgentAsBackupDisabled      bool                `json:"isAgentAsBackupDisabled"`
	Translation                  VoiceTranslation    `json:"translation"`
	Actions                      *[]map[string]any   `json:"actions,omitempty"` // nil on create and PATCH
	strict                       bool
}

// optionalJSON is a member that is null, a string, or (zero value) absent.
type optionalJSON struct {
	set bool
	s   *string
}

func (v optionalJSON) IsZero() bool { return !v.set }

func (v optionalJSON) MarshalJSON() ([]byte, error) {
	if v.s == nil {
		return []byte("null"), nil
	}
	return marshalJSON(*v.s, "")
}

func (c *reqCtx) voiceAgentView(a *VoiceAgent, withActions bool) voiceAgentJSON {
	strict := c.st.VoiceVariant.OmitOptional
	v := voiceAgentJSON{
		ID: a.ID, LocationID: a.LocationID, AgentName: a.AgentName, BusinessName: a.BusinessName,
		WelcomeMessage: a.WelcomeMessage, AgentPrompt: a.AgentPrompt, VoiceID: a.VoiceID, Language: a.Language,
		PatienceLevel: a.PatienceLevel, MaxCallDuration: a.MaxCallDuration, SendUserIdleReminders: a.SendUserIdleReminders,
		ReminderAfterIdleTimeSeconds: a.ReminderAfterIdleTimeSeconds,
		InboundNumber:                optionalJSON{set: !strict || a.InboundNumber != nil, s: a.InboundNumber},
		NumberPoolID:                 optionalJSON{set: !strict || a.NumberPoolID != nil, s: a.NumberPoolID},
		CallEndWorkflowIDs:           orEmpty(a.CallEndWorkflowIDs),
		PostCallNotification:         a.PostCallNotification,
		WorkingHours:                 a.WorkingHours,
		Timezone:                     a.Timezone, IsAgentAsBackupDisabled: a.IsAgentAsBackupDisabled, Translation: a.Translation,
		strict: strict,
	}
	v.PostCallNotification.SpecificUsers = orEmpty(v.PostCallNotification.SpecificUsers)
	v.PostCallNotification.CustomEmails = orEmpty(v.PostCallNotification.CustomEmails)
	if strict && !v.Translation.Enabled {
		v.Translation.Language = nil
	}
	if withActions {
		actions := []map[string]any{}
		key := "id"
		if c.st.VoiceVariant.UnderscoreActionIDs {
			key = "_id"
		}
		for _, id := range a.ActionIDs {
			if act := c.st.VoiceActions[id]; act != nil {
				item := c.answerAction(act)
				item[key] = item["id"]
				if key != "id" {
					delete(item, "id")
				}
				actions = append(actions, item)
			}
		}
		v.Actions = &actions
	}
	return v
}

// MarshalJSON keeps callEndWorkflowIds and agentWorkingHours as [] when empty, except under
// the omit-optional variant (the omitempty tags serve only that variant).
func (v voiceAgentJSON) MarshalJSON() ([]byte, error) {
	type plain voiceAgentJSON
	if v.strict {
		return marshalJSON(plain(v), "")
	}
	type full struct {
		plain
		CallEndWorkflowIDs []string          `json:"callEndWorkflowIds"`
		WorkingHours       []VoiceWorkingDay `json:"agentWorkingHours"`
	}
	f := full{plain: plain(v), CallEndWorkflowIDs: orEmpty(v.CallEndWorkflowIDs), WorkingHours: v.WorkingHours}
	if f.WorkingHours == nil {
		f.WorkingHours = []VoiceWorkingDay{}
	}
	return marshalJSON(f, "")
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

func randInt(n int) int {
	var b [2]byte
	randBytes(b[:])
	return (int(b[0])<<8 | int(b[1])) % n
}
