// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
)

// VoiceAction is an action of a Voice AI agent (contract voice-ai.md §5) as stored. The
// custom action's authenticationValue is kept apart and never answered (§5.4).
type VoiceAction struct {
	ID                  string         `json:"id"`
	AgentID             string         `json:"agentId"`
	LocationID          string         `json:"locationId"`
	ActionType          string         `json:"actionType"`
	Name                string         `json:"name"`
	Parameters          map[string]any `json:"actionParameters"`
	AuthenticationValue *string        `json:"authenticationValue,omitempty"`
}

// answerAction is the Action of an answer, with the Voice AI switches applied.
func (c *reqCtx) answerAction(a *VoiceAction) map[string]any {
	params := voiceActionParams(a)
	if c.st.VoiceVariant.ResponsePathsToExtract {
		if paths, ok := params["selectedPaths"]; ok {
			params["responsePathsToExtract"] = paths
			delete(params, "selectedPaths")
		}
	}
	return map[string]any{"id": a.ID, "actionType": a.ActionType, "name": a.Name, "actionParameters": params}
}

// voiceActionParams is a copy of the action's parameters (answers never share maps with the
// state), without the secret, which is stored apart.
func voiceActionParams(a *VoiceAction) map[string]any {
	copied := map[string]any{}
	if a.Parameters != nil {
		b, _ := json.Marshal(a.Parameters)
		_ = json.Unmarshal(b, &copied)
	}
	return copied
}

// voiceActionBody is a validated POST or PUT body.
type voiceActionBody struct {
	agentID, actionType, name string
	params                    map[string]any
	secret                    *string
}

func validateVoiceActionBody(o *obj) *voiceActionBody {
	o.whitelist("agentId", "locationId", "actionType", "name", "actionParameters")
	b := &voiceActionBody{}
	o.reqStr("locationId")
	b.agentID, _ = o.reqStr("agentId")
	b.name, _ = o.reqStr("name")
	b.actionType, _ = o.reqEnum("actionType", voiceActionTypes...)
	p, ok := o.reqObject("actionParameters")
	if ok && b.actionType != "" {
		b.params, b.secret = validateVoiceActionParams(p, b.actionType)
	}
	return b
}

func (e *Emulator) createVoiceAction(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	b := validateVoiceActionBody(o)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	agent := c.voiceAgentOf(b.agentID)
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	a := &VoiceAction{ID: newObjectID(c.now), AgentID: agent.ID, LocationID: agent.LocationID, ActionType: b.actionType,
		Name: b.name, Parameters: b.params, AuthenticationValue: b.secret}
	c.st.VoiceActions[a.ID] = a
	agent.ActionIDs = append(agent.ActionIDs, a.ID)
	c.json(http.StatusCreated, c.answerAction(a))
}

// voiceActionOf returns the caller's location's action, or nil.
func (c *reqCtx) voiceActionOf(id string) *VoiceAction {
	a := c.st.VoiceActions[id]
	if a == nil || a.LocationID != c.locationID() {
		return nil
	}
	return a
}

func (e *Emulator) getVoiceAction(c *reqCtx) {
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	a := c.voiceActionOf(c.path("actionId"))
	if a == nil {
		c.notFound(msgVoiceActNotFound)
		return
	}
	c.json(http.StatusOK, c.answerAction(a))
}

// PUT replaces name and actionParameters whole; actionType and agentId cannot change.
func (e *Emulator) updateVoiceAction(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	b := validateVoiceActionBody(o)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	a := c.voiceActionOf(c.path("actionId"))
	if a == nil {
		c.notFound(msgVoiceActNotFound)
		return
	}
	var msgs []string
	if b.actionType != a.ActionType {
		msgs = append(msgs, "actionType cannot be changed")
	}
	if b.agentID != a.AgentID {
		msgs = append(msgs, "agentId cannot be changed")
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	a.Name, a.Parameters, a.AuthenticationValue = b.name, b.params, b.secret
	c.json(http.StatusOK, c.answerAction(a))
}

func (e *Emulator) deleteVoiceAction(c *reqCtx) {
	if !c.voiceLocation(http.StatusUnprocessableEntity) {
		return
	}
	agentID := c.query("agentId")
	if agentID == "" {
		c.invalid("agentId should not be empty", "agentId must be a string")
		return
	}
	a := c.voiceActionOf(c.path("actionId"))
	if a == nil || a.AgentID != agentID {
		c.notFound(msgVoiceActNotFound)
		return
	}
	if agent := c.st.VoiceAgents[a.AgentID]; agent != nil {
		agent.ActionIDs = slices.DeleteFunc(agent.ActionIDs, func(id string) bool { return id == a.ID })
	}
	delete(c.st.VoiceActions, a.ID)
	c.noContent()
}
