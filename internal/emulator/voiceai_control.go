// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"net/http"
	"time"
)

// Control-plane routes of the Voice AI family (admin token required, like every /_emulator/
// route):
//
//	POST /_emulator/seed/voice-call-logs   seed call logs (the public API cannot create them)
//	GET  /_emulator/voice-ai               the strict-reading switches (VoiceVariant)
//	PUT  /_emulator/voice-ai               {"omit_optional":bool,"underscore_action_ids":bool,"response_paths_to_extract":bool}
//	                                       replaces every switch (omitted = off); not persisted.
//	                                       The page cap is the shared PUT /_emulator/variants page_size_cap.
//
// POST /_emulator/seed/voice-call-logs takes (unknown fields are 400):
//
//	{"locationId":"…","callLogs":[{"agentId" R,"contactId","fromNumber","messageId",
//	    "createdAt" (ISO; default: the emulator clock minus one minute per later item),
//	    "duration" (s, default 60),"trialCall","summary","transcript","isAgentDeleted",
//	    "executedCallActions":[{actionId,actionType,actionName,actionParameters,executedAt,triggerReceivedAt}],
//	    "extractedData":{…},"translation":{…}}],
//	 "count":n,"agentIds":["…"]}
//
// With count (bulk, deterministic), call i (0-based) belongs to agentIds[i % len] (default:
// the location's voice agents), was made i minutes before the emulator clock, lasts 30+i
// seconds, is a trial call when i % 5 == 4, and has a two-line transcript, a summary,
// extractedData {"email":"caller<i>@example.com"} and, when the agent has actions, its first
// action as executed. Agent ids are not checked, so logs of deleted agents can be seeded.
// The answer (201): {"locationId","count","callLogIds":[…]} in the order given.

type seedVoiceCallLogsBody struct {
	LocationID string             `json:"locationId"`
	CallLogs   []seedVoiceCallLog `json:"callLogs"`
	Count      int                `json:"count"`
	AgentIDs   []string           `json:"agentIds"`
}

type seedVoiceCallLog struct {
	AgentID             string            `json:"agentId"`
	ContactID           string            `json:"contactId"`
	FromNumber          string            `json:"fromNumber"`
	MessageID           string            `json:"messageId"`
	CreatedAt           string            `json:"createdAt"`
	Duration            *int64            `json:"duration"`
	TrialCall           bool              `json:"trialCall"`
	IsAgentDeleted      bool              `json:"isAgentDeleted"`
	Summary             string            `json:"summary"`
	Transcript          string            `json:"transcript"`
	ExecutedCallActions []VoiceCallAction `json:"executedCallActions"`
	ExtractedData       map[string]any    `json:"extractedData"`
	Translation         map[string]any    `json:"translation"`
}

const maxSeedCallLogs = 100000

func (e *Emulator) registerVoiceAIControl(h func(pattern string, fn http.HandlerFunc)) {
	h("POST /_emulator/seed/voice-call-logs", e.ctlSeedVoiceCallLogs)
	h("GET /_emulator/voice-ai", e.ctlVoiceVariantGet)
	h("PUT /_emulator/voice-ai", e.ctlVoiceVariantPut)
}

func (e *Emulator) ctlVoiceVariantGet(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	v := e.st.VoiceVariant
	e.mu.Unlock()
	writeControlJSON(w, http.StatusOK, v)
}

func (e *Emulator) ctlVoiceVariantPut(w http.ResponseWriter, r *http.Request) {
	var v VoiceVariant
	if !readControl(w, r, &v) {
		return
	}
	e.mu.Lock()
	e.st.VoiceVariant = v
	e.mu.Unlock()
	writeControlJSON(w, http.StatusOK, v)
}

func (e *Emulator) ctlSeedVoiceCallLogs(w http.ResponseWriter, r *http.Request) {
	var body seedVoiceCallLogsBody
	r.Body = http.MaxBytesReader(w, r.Body, seedBodyLimit)
	if !readControl(w, r, &body) {
		return
	}
	if body.Count < 0 || body.Count > maxSeedCallLogs || (body.Count > 0) == (len(body.CallLogs) > 0) {
		writeNestError(w, http.StatusBadRequest, fmt.Sprintf("give either callLogs or a count between 1 and %d", maxSeedCallLogs))
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	st, now := e.st, e.now()
	if st.Locations[body.LocationID] == nil {
		writeNestError(w, http.StatusBadRequest, "unknown locationId "+body.LocationID)
		return
	}
	logs := body.CallLogs
	if body.Count > 0 {
		agents := body.AgentIDs
		if len(agents) == 0 {
			for _, a := range st.VoiceAgents {
				if a.LocationID == body.LocationID {
					agents = append(agents, a.ID)
				}
			}
		}
		if len(agents) == 0 {
			writeNestError(w, http.StatusBadRequest, "the location has no voice agent: create one or give agentIds")
			return
		}
		logs = make([]seedVoiceCallLog, body.Count)
		for i := range logs {
			logs[i] = bulkVoiceCallLog(st, agents[i%len(agents)], i, now)
		}
	}
	ids := make([]string, 0, len(logs))
	for i, s := range logs {
		if s.AgentID == "" {
			writeNestError(w, http.StatusBadRequest, fmt.Sprintf("callLogs[%d].agentId is required", i))
			return
		}
		if s.CreatedAt != "" {
			if _, err := time.Parse(time.RFC3339Nano, s.CreatedAt); err != nil {
				writeNestError(w, http.StatusBadRequest, fmt.Sprintf("callLogs[%d].createdAt is not ISO-8601", i))
				return
			}
		}
	}
	for i, s := range logs {
		created := now.Add(-time.Duration(len(logs)-1-i) * time.Minute)
		if s.CreatedAt != "" {
			created, _ = time.Parse(time.RFC3339Nano, s.CreatedAt)
		}
		duration := int64(60)
		if s.Duration != nil {
			duration = *s.Duration
		}
		actions := s.ExecutedCallActions
		if actions == nil {
			actions = []VoiceCallAction{}
		}
		deleted := s.IsAgentDeleted
		if a := st.VoiceAgents[s.AgentID]; a == nil {
			deleted = true
		}
		l := &VoiceCallLog{
			ID: newObjectID(now), LocationID: body.LocationID, Seq: st.nextVoiceSeq(), AgentID: s.AgentID,
			IsAgentDeleted: deleted, CreatedAt: created.UTC(), Duration: duration, TrialCall: s.TrialCall,
			ExecutedCallActions: actions, Summary: s.Summary, Transcript: s.Transcript, ContactID: s.ContactID,
			FromNumber: s.FromNumber, MessageID: s.MessageID, Translation: s.Translation, ExtractedData: s.ExtractedData,
		}
		st.VoiceCallLogs[l.ID] = l
		ids = append(ids, l.ID)
	}
	if err := e.persistLocked(); err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusCreated, map[string]any{"locationId": body.LocationID, "count": len(ids), "callLogIds": ids})
}

// bulkVoiceCallLog is bulk call i (see the comment at the top of this file).
func bulkVoiceCallLog(st *State, agentID string, i int, now time.Time) seedVoiceCallLog {
	at := now.Add(-time.Duration(i) * time.Minute)
	d := int64(30 + i)
	s := seedVoiceCallLog{
		AgentID: agentID, ContactID: fmt.Sprintf("contact%04d", i), FromNumber: fmt.Sprintf("+1555020%04d", i%10000),
		CreatedAt: isoTime(at), Duration: &d, TrialCall: i%5 == 4,
		Summary:       fmt.Sprintf("Caller %d asked about opening hours and left an email address.", i),
		Transcript:    fmt.Sprintf("bot: Hello, thank you for calling. How can I help you today?\nhuman: Hi, this is caller %d. When are you open?", i),
		ExtractedData: map[string]any{"email": fmt.Sprintf("caller%d@example.com", i)},
	}
	if a := st.VoiceAgents[agentID]; a != nil && len(a.ActionIDs) > 0 {
		if act := st.VoiceActions[a.ActionIDs[0]]; act != nil {
			s.ExecutedCallActions = []VoiceCallAction{{
				ActionID: act.ID, ActionType: act.ActionType, ActionName: act.Name, ActionParameters: voiceActionParams(act),
				TriggerReceivedAt: isoTime(at.Add(20 * time.Second)), ExecutedAt: isoTime(at.Add(21 * time.Second)),
			}}
		}
	}
	return s
}
