// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"slices"
)

// PATCH /conversation-ai/agents/{agentId}/followup-settings (contract §3.3). There is no
// GET and no DELETE: clients read details.followupSettings of an action back.
func (e *Emulator) registerFollowupRoutes(mux *http.ServeMux) {
	e.handle(mux, "PATCH /conversation-ai/agents/{agentId}/followup-settings",
		routeOpts{scope: "conversation-ai.write"}, e.patchFollowupSettings)
}

// The body is {actionIds R, followupSettings R}. Each listed action must be an
// advancedFollowup action of the agent, else 422 (unconfirmed). The settings object
// replaces details.followupSettings whole (unconfirmed). The answer carries the first
// listed action (unconfirmed).
func (e *Emulator) patchFollowupSettings(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("actionIds", "followupSettings")
	ids, _ := o.reqStrList("actionIds", 1)
	var settings map[string]any
	if fs, ok := o.reqObject("followupSettings"); ok {
		settings = validateFollowupSettings(fs)
	}
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	agent := c.agentOf(c.path("agentId"))
	if agent == nil {
		c.notFound(msgAgentNotFound)
		return
	}
	ids = dedupe(ids)
	var msgs []string
	for _, id := range ids {
		a := c.actionOf(agent, id)
		if a == nil || a.Type != "advancedFollowup" {
			msgs = append(msgs, "actionIds contains "+id+", which is not an advancedFollowup action of this agent")
		}
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	for _, id := range ids {
		a := c.st.Actions[id]
		d := make(map[string]any, len(a.Details)+1)
		for k, v := range a.Details {
			d[k] = v
		}
		d["followupSettings"] = cloneSettings(settings)
		a.Details, a.UpdatedAt = d, c.now
	}
	c.json(http.StatusOK, envelope{Success: true, Data: actionView(c.st.Actions[ids[0]])})
}

// cloneSettings copies the top level and the workingHours slice so actions do not share
// mutable values.
func cloneSettings(s map[string]any) map[string]any {
	out := make(map[string]any, len(s))
	for k, v := range s {
		if wh, ok := v.([]map[string]any); ok {
			v = slices.Clone(wh)
		}
		out[k] = v
	}
	return out
}
