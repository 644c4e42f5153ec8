// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"slices"
	"time"
)

// Action is an agent action (contract §3.2) as stored. Details holds the validated,
// normalised details object of its type (defaults filled).
type Action struct {
	ID         string         `json:"id"`
	AgentID    string         `json:"agentId"`
	LocationID string         `json:"locationId"`
	Name       string         `json:"name"`
	Type       string         `json:"type"`
	Details    map[string]any `json:"details"`
	CreatedAt  time.Time      `json:"createdAt"`
	UpdatedAt  time.Time      `json:"updatedAt"`
}

// actionJSON is the Action object of every response [OAS ActionDataDTO].
type actionJSON struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Type    string         `json:"type"`
	AgentID string         `json:"agentId"`
	Details map[string]any `json:"details"`
}

func actionView(a *Action) actionJSON {
	return actionJSON{ID: a.ID, Name: a.Name, Type: a.Type, AgentID: a.AgentID, Details: a.Details}
}

// envelope is the {success,data} wrapper of the actions family.
type envelope struct {
	Success bool `json:"success"`
	Data    any  `json:"data"`
}

func (e *Emulator) registerActionRoutes(mux *http.ServeMux) {
	read := routeOpts{scope: "conversation-ai.readonly"}
	write := routeOpts{scope: "conversation-ai.write"}
	e.handle(mux, "POST /conversation-ai/agents/{agentId}/actions", write, e.createAction)
	e.handle(mux, "GET /conversation-ai/agents/{agentId}/actions/list", read, e.listActions)
	e.handle(mux, "GET /conversation-ai/agents/{agentId}/actions/{actionId}", read, e.getAction)
	e.handle(mux, "PUT /conversation-ai/agents/{agentId}/actions/{actionId}", write, e.updateAction)
	e.handle(mux, "DELETE /conversation-ai/agents/{agentId}/actions/{actionId}", write, e.deleteAction)
}

const msgActionNotFound = "Action not found" // wording unconfirmed

// actionOf returns the action of the path's agent, or nil (an action under another agent
// is not found, §3.2).
func (c *reqCtx) actionOf(agent *Agent, actionID string) *Action {
	a := c.st.Actions[actionID]
	if a == nil || agent == nil || a.AgentID != agent.ID {
		return nil
	}
	return a
}

func (e *Emulator) createAction(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	agentID := c.path("agentId")
	in := validateAction(o, actionScope{st: c.st, locationID: c.locationID(), agentID: agentID})
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	agent := c.agentOf(agentID)
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	a := &Action{
		ID: newID(), AgentID: agent.ID, LocationID: agent.LocationID, Name: in.name, Type: in.typ,
		Details: in.details, CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.Actions[a.ID] = a
	agent.Actions = append(agent.Actions, ActionRef{ID: a.ID, Type: a.Type})
	c.json(http.StatusCreated, envelope{Success: true, Data: actionView(a)})
}

// GET …/actions/list: all actions, creation order (unconfirmed), no paging.
func (e *Emulator) listActions(c *reqCtx) {
	agent := c.agentOf(c.path("agentId"))
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	out := make([]actionJSON, 0, len(agent.Actions))
	for _, ref := range agent.Actions {
		if a := c.st.Actions[ref.ID]; a != nil {
			out = append(out, actionView(a))
		}
	}
	c.json(http.StatusOK, envelope{Success: true, Data: c.groupActions(out)})
}

func (e *Emulator) getAction(c *reqCtx) {
	agent := c.agentOf(c.path("agentId"))
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	a := c.actionOf(agent, c.path("actionId"))
	if a == nil {
		c.notFound(msgActionNotFound)
		return
	}
	c.json(http.StatusOK, envelope{Success: true, Data: actionView(a)})
}

// PUT is a full replace of {type,name,details}; type cannot change (unconfirmed, the
// emulator's choice: 422 so that the provider forces replacement). Exception: an omitted
// details.followupSettings of an advancedFollowup action is kept, because the follow-up
// settings PATCH (§3.3) manages it separately (emulator choice).
func (e *Emulator) updateAction(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	agentID := c.path("agentId")
	in := validateAction(o, actionScope{st: c.st, locationID: c.locationID(), agentID: agentID})
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	agent := c.agentOf(agentID)
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	a := c.actionOf(agent, c.path("actionId"))
	if a == nil {
		c.notFound(msgActionNotFound)
		return
	}
	if in.typ != a.Type {
		c.invalid("type cannot be changed")
		return
	}
	if fs, ok := a.Details["followupSettings"]; ok && in.typ == "advancedFollowup" {
		if _, given := in.details["followupSettings"]; !given {
			in.details["followupSettings"] = fs
		}
	}
	a.Name, a.Details, a.UpdatedAt = in.name, in.details, c.now
	c.json(http.StatusOK, envelope{Success: true, Data: actionView(a)})
}

func (e *Emulator) deleteAction(c *reqCtx) {
	agent := c.agentOf(c.path("agentId"))
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	a := c.actionOf(agent, c.path("actionId"))
	if a == nil {
		c.notFound(msgActionNotFound)
		return
	}
	delete(c.st.Actions, a.ID)
	agent.Actions = slices.DeleteFunc(agent.Actions, func(r ActionRef) bool { return r.ID == a.ID })
	c.json(http.StatusOK, envelope{Success: true, Data: map[string]string{"id": a.ID}})
}
