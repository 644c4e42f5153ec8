// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// VoiceCallLog is a call the Voice AI agent took (contract voice-ai.md §6, OAS CallLogDTO).
// Call logs are read-only in the public API; POST /_emulator/seed/voice-call-logs makes them.
type VoiceCallLog struct {
	ID                  string            `json:"id"`
	LocationID          string            `json:"locationId"`
	Seq                 int64             `json:"seq"`
	AgentID             string            `json:"agentId"`
	IsAgentDeleted      bool              `json:"isAgentDeleted"`
	CreatedAt           time.Time         `json:"createdAt"`
	Duration            int64             `json:"duration"`
	TrialCall           bool              `json:"trialCall"`
	ExecutedCallActions []VoiceCallAction `json:"executedCallActions"`
	Summary             string            `json:"summary"`
	Transcript          string            `json:"transcript"`
	ContactID           string            `json:"contactId,omitempty"`
	FromNumber          string            `json:"fromNumber,omitempty"`
	MessageID           string            `json:"messageId,omitempty"`
	Translation         map[string]any    `json:"translation,omitempty"`
	ExtractedData       map[string]any    `json:"extractedData,omitempty"`
}

// VoiceCallAction is an executedCallActions item.
type VoiceCallAction struct {
	ActionID          string         `json:"actionId,omitempty"`
	ActionType        string         `json:"actionType"`
	ActionName        string         `json:"actionName"`
	ActionParameters  map[string]any `json:"actionParameters,omitempty"`
	ExecutedAt        string         `json:"executedAt,omitempty"`
	TriggerReceivedAt string         `json:"triggerReceivedAt,omitempty"`
}

type voiceCallLogJSON struct {
	ID                  string            `json:"id"`
	AgentID             string            `json:"agentId"`
	IsAgentDeleted      bool              `json:"isAgentDeleted"`
	CreatedAt           string            `json:"createdAt"`
	Duration            int64             `json:"duration"`
	TrialCall           bool              `json:"trialCall"`
	ExecutedCallActions []VoiceCallAction `json:"executedCallActions"`
	Summary             string            `json:"summary"`
	Transcript          string            `json:"transcript"`
	ContactID           string            `json:"contactId,omitempty"`
	FromNumber          string            `json:"fromNumber,omitempty"`
	MessageID           string            `json:"messageId,omitempty"`
	Translation         map[string]any    `json:"translation,omitempty"`
	ExtractedData       map[string]any    `json:"extractedData,omitempty"`
}

func voiceCallLogView(l *VoiceCallLog) voiceCallLogJSON {
	actions := make([]VoiceCallAction, 0, len(l.ExecutedCallActions))
	for _, a := range l.ExecutedCallActions {
		// authenticationValue never leaves the emulator (§5.4).
		if details, ok := a.ActionParameters["apiDetails"].(map[string]any); ok {
			if _, secret := details["authenticationValue"]; secret {
				cp := make(map[string]any, len(details))
				for k, v := range details {
					if k != "authenticationValue" {
						cp[k] = v
					}
				}
				params := make(map[string]any, len(a.ActionParameters))
				for k, v := range a.ActionParameters {
					params[k] = v
				}
				params["apiDetails"] = cp
				a.ActionParameters = params
			}
		}
		actions = append(actions, a)
	}
	return voiceCallLogJSON{
		ID: l.ID, AgentID: l.AgentID, IsAgentDeleted: l.IsAgentDeleted, CreatedAt: isoTime(l.CreatedAt),
		Duration: l.Duration, TrialCall: l.TrialCall, ExecutedCallActions: actions, Summary: l.Summary,
		Transcript: l.Transcript, ContactID: l.ContactID, FromNumber: l.FromNumber, MessageID: l.MessageID,
		Translation: l.Translation, ExtractedData: l.ExtractedData,
	}
}

func (e *Emulator) getVoiceCallLog(c *reqCtx) {
	if !c.voiceLocation(http.StatusBadRequest) {
		return
	}
	l := c.st.VoiceCallLogs[c.path("callId")]
	if l == nil || l.LocationID != c.locationID() {
		c.notFound(msgVoiceCallNotFound)
		return
	}
	c.json(http.StatusOK, voiceCallLogView(l))
}

// GET /voice-ai/dashboard/call-logs with the filters of §6; errors are 400.
func (e *Emulator) listVoiceCallLogs(c *reqCtx) {
	if !c.voiceLocation(http.StatusBadRequest) {
		return
	}
	q := c.r.URL.Query()
	page, m1 := queryInt(q, "page", 1, 1, 5000)
	size, m2 := queryInt(q, "pageSize", 10, 1, 50)
	var msgs []string
	msgs = append(msgs, m1...)
	msgs = append(msgs, m2...)
	callType := q.Get("callType")
	if callType != "" && callType != "LIVE" && callType != "TRIAL" {
		msgs = append(msgs, "callType must be one of the following values: LIVE, TRIAL")
	}
	var start, end int64
	startS, endS := q.Get("startDate"), q.Get("endDate")
	switch {
	case (startS == "") != (endS == ""):
		msgs = append(msgs, "startDate and endDate must be given together")
	case startS != "":
		var err1, err2 error
		start, err1 = strconv.ParseInt(startS, 10, 64)
		end, err2 = strconv.ParseInt(endS, 10, 64)
		if err1 != nil || err2 != nil {
			msgs = append(msgs, "startDate and endDate must be epoch milliseconds")
		} else if start >= end {
			msgs = append(msgs, "startDate must be before endDate")
		}
	}
	var types []string
	if s := q.Get("actionType"); s != "" {
		for _, t := range strings.Split(s, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(voiceActionTypes, t) {
				msgs = append(msgs, "actionType must be one of the following values: "+strings.Join(voiceActionTypes, ", "))
				break
			}
			types = append(types, t)
		}
	}
	sortBy, sortDir := q.Get("sortBy"), q.Get("sort")
	if sortBy != "" && sortBy != "duration" && sortBy != "createdAt" {
		msgs = append(msgs, "sortBy must be one of the following values: duration, createdAt")
	}
	switch {
	case sortDir != "" && sortDir != "ascend" && sortDir != "descend":
		msgs = append(msgs, "sort must be one of the following values: ascend, descend")
	case sortDir != "" && sortBy == "":
		msgs = append(msgs, "sort needs sortBy")
	}
	if len(msgs) > 0 {
		c.badRequest(strings.Join(msgs, "; "))
		return
	}
	var contacts []string
	if s := q.Get("contactId"); s != "" {
		for _, id := range strings.Split(s, ",") {
			contacts = append(contacts, strings.TrimSpace(id))
		}
	}
	agentID := q.Get("agentId")
	var all []*VoiceCallLog
	for _, l := range c.st.VoiceCallLogs {
		switch {
		case l.LocationID != c.locationID():
		case agentID != "" && l.AgentID != agentID:
		case contacts != nil && !slices.Contains(contacts, l.ContactID):
		case callType == "TRIAL" && !l.TrialCall, callType == "LIVE" && l.TrialCall:
		case startS != "" && (l.CreatedAt.UnixMilli() < start || l.CreatedAt.UnixMilli() > end):
		case types != nil && !slices.ContainsFunc(l.ExecutedCallActions, func(a VoiceCallAction) bool { return slices.Contains(types, a.ActionType) }):
		default:
			all = append(all, l)
		}
	}
	desc := sortDir != "ascend"
	slices.SortFunc(all, func(a, b *VoiceCallLog) int {
		var d int
		if sortBy == "duration" {
			d = cmp.Compare(a.Duration, b.Duration)
		} else {
			d = a.CreatedAt.Compare(b.CreatedAt)
		}
		if d == 0 {
			d = cmp.Compare(a.Seq, b.Seq)
		}
		if desc {
			return -d
		}
		return d
	})
	size = c.vr().capLimit(size)
	items := make([]voiceCallLogJSON, 0, size)
	for _, l := range pageOf(all, page, size) {
		items = append(items, voiceCallLogView(l))
	}
	c.json(http.StatusOK, map[string]any{"total": len(all), "page": page, "pageSize": size, "callLogs": items})
}
