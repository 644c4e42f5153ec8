// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"slices"
	"strings"
)

// Agent body rules (contract §3.1). Unknown request fields (nameLower, llm, id, actions,
// createdAt, …) are rejected with 422 "property <name> should not exist": the contract
// (§1.3, COMM) says the live API rejects them on agent writes, so the emulator whitelists
// the DTO rather than ignoring extras.

var (
	agentFields = []string{
		"name", "businessName", "mode", "channels", "isPrimary", "waitTime", "waitTimeUnit",
		"sleepEnabled", "sleepTime", "sleepTimeUnit", "personality", "goal", "instructions",
		"autoPilotMaxMessages", "knowledgeBaseIds", "respondToImages", "respondToAudio",
		"sleepOnManualMessage", "sleepOnWorkflowMessage",
	}
	agentModes     = []string{"off", "suggestive", "auto-pilot"}
	agentChannels  = []string{"IG", "FB", "SMS", "WebChat", "WhatsApp", "Live_Chat"}
	waitTimeUnits  = []string{"minutes", "seconds"}
	sleepTimeUnits = []string{"hours", "minutes", "seconds"}
	waitTimeMax    = map[string]int64{"minutes": 5, "seconds": 300}
	sleepTimeMax   = map[string]int64{"hours": 48, "minutes": 2880, "seconds": 172800}
)

// maxWhole bounds numbers that have no documented maximum (JS safe integers).
const maxWhole = 1<<53 - 1

// agentInput is a validated agent body; nil fields were absent (or null, §1.3).
type agentInput struct {
	name, businessName, personality, goal, instructions *string
	mode, waitTimeUnit                                  *string
	channels, knowledgeBaseIDs                          []string
	isPrimary, sleepEnabled                             *bool
	respondToImages, respondToAudio                     *bool
	sleepOnManualMessage, sleepOnWorkflowMessage        *bool
	waitTime, autoPilotMaxMessages                      *int64

	// sleepApply: set SleepTime/SleepTimeUnit to sleepTime/sleepTimeUnit (nil = null).
	sleepApply    bool
	sleepTime     *int64
	sleepTimeUnit *string
}

// validateAgent checks a create (cur == nil) or update body. Cross-field rules use the
// effective values: the body's, else cur's (PUT merges), else the defaults. On PUT of an
// unknown agent (cur nil) the defaults stand in; the handler answers 404 afterwards.
func validateAgent(o *obj, st *State, locationID string, cur *Agent, create bool) *agentInput {
	o.whitelist(agentFields...)
	in := &agentInput{}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"name", &in.name}, {"personality", &in.personality}, {"goal", &in.goal}, {"instructions", &in.instructions}} {
		var s string
		var ok bool
		if create {
			s, ok = o.reqStr(f.name)
		} else {
			s, ok = o.nonEmptyStr(f.name)
		}
		if ok {
			*f.dst = &s
		}
	}
	if s, ok := o.str("businessName"); ok {
		in.businessName = &s // "" clears (§1.3)
	}
	if s, ok := o.enum("mode", agentModes...); ok {
		in.mode = &s
	}
	if list, ok := o.strList("channels", 0); ok {
		valid := true
		for _, ch := range list {
			if !slices.Contains(agentChannels, ch) {
				valid = false
			}
		}
		if valid {
			in.channels = dedupe(list)
		} else {
			o.v.add("each value in channels must be one of the following values: %s", strings.Join(agentChannels, ", "))
		}
	}
	for _, f := range []struct {
		name string
		dst  **bool
	}{
		{"isPrimary", &in.isPrimary}, {"sleepEnabled", &in.sleepEnabled},
		{"respondToImages", &in.respondToImages}, {"respondToAudio", &in.respondToAudio},
		{"sleepOnManualMessage", &in.sleepOnManualMessage}, {"sleepOnWorkflowMessage", &in.sleepOnWorkflowMessage},
	} {
		if b, ok := o.boolean(f.name); ok {
			*f.dst = &b
		}
	}
	if list, ok := o.strList("knowledgeBaseIds", 0); ok {
		list = dedupe(list)
		valid := true
		for _, id := range list {
			if !st.hasKnowledgeBase(locationID, id) {
				o.v.add("knowledgeBaseIds contains unknown knowledge base %s", id)
				valid = false
			}
		}
		if valid {
			in.knowledgeBaseIDs = list
		}
	}
	// autoPilotMaxMessages: 1-100, required on PUT [OAS].
	var n int64
	var ok bool
	if create {
		n, ok = o.integer("autoPilotMaxMessages", 1, 100)
	} else {
		n, ok = o.reqInt("autoPilotMaxMessages", 1, 100)
	}
	if ok {
		in.autoPilotMaxMessages = &n
	}
	validateWaitTime(o, in, cur)
	validateSleep(o, in, cur)
	return in
}

// validateWaitTime: waitTime ≥ 0, ≤ 5 in minutes, ≤ 300 in seconds (default 2 seconds).
func validateWaitTime(o *obj, in *agentInput, cur *Agent) {
	unit, wait := "seconds", int64(2)
	if cur != nil {
		unit, wait = cur.WaitTimeUnit, cur.WaitTime
	}
	unitOK := true
	if o.has("waitTimeUnit") {
		if u, ok := o.enum("waitTimeUnit", waitTimeUnits...); ok {
			unit, in.waitTimeUnit = u, &u
		} else {
			unitOK = false
		}
	}
	if w, ok := o.integer("waitTime", 0, maxWhole); ok {
		wait, in.waitTime = w, &w
	} else if o.has("waitTime") {
		return
	}
	if unitOK && (in.waitTime != nil || in.waitTimeUnit != nil) && wait > waitTimeMax[unit] {
		o.v.add("waitTime must not be greater than %d when waitTimeUnit is %s", waitTimeMax[unit], unit)
	}
}

// validateSleep: sleepTime/sleepTimeUnit must be absent (even null) when sleepEnabled is
// false [COMM]; when a body turns sleep on, sleepTime must be given (null = sleep
// indefinitely); a numeric sleepTime needs a unit and is bounded (≤48 h, ≤2880 min,
// ≤172800 s). Turning sleep off clears both.
func validateSleep(o *obj, in *agentInput, cur *Agent) {
	enabled := cur != nil && cur.SleepEnabled
	if in.sleepEnabled != nil {
		enabled = *in.sleepEnabled
	} else if o.has("sleepEnabled") {
		return // not a boolean: already reported
	}
	hasTime, hasUnit := o.present("sleepTime"), o.present("sleepTimeUnit")
	if !enabled {
		if hasTime {
			o.v.add("sleepTime should not be provided when sleepEnabled is false")
		}
		if hasUnit {
			o.v.add("sleepTimeUnit should not be provided when sleepEnabled is false")
		}
		in.sleepApply = true // clear
		return
	}
	turnsOn := in.sleepEnabled != nil && *in.sleepEnabled
	if turnsOn && !hasTime {
		o.v.add("sleepTime must be provided when sleepEnabled is true (null sleeps indefinitely)")
		return
	}
	if !hasTime && !hasUnit {
		return // PUT without sleep fields keeps them
	}
	var t *int64
	var u *string
	if cur != nil && cur.SleepEnabled {
		t, u = cur.SleepTime, cur.SleepTimeUnit
	}
	valid := true
	if hasTime {
		t = nil
		if o.has("sleepTime") {
			if n, ok := o.integer("sleepTime", 0, maxWhole); ok {
				t = &n
			} else {
				valid = false
			}
		}
	}
	if hasUnit {
		u = nil
		if o.has("sleepTimeUnit") {
			if s, ok := o.enum("sleepTimeUnit", sleepTimeUnits...); ok {
				u = &s
			} else {
				valid = false
			}
		}
	}
	if !valid {
		return
	}
	if t != nil && u == nil {
		o.v.add("sleepTimeUnit must be provided when sleepTime is set")
		return
	}
	if t != nil && *t > sleepTimeMax[*u] {
		o.v.add("sleepTime must not be greater than %d when sleepTimeUnit is %s", sleepTimeMax[*u], *u)
		return
	}
	in.sleepApply, in.sleepTime, in.sleepTimeUnit = true, t, u
}

// apply writes the validated fields onto a.
func (in *agentInput) apply(a *Agent) {
	setStr := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setBool := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	setStr(&a.Name, in.name)
	setStr(&a.Personality, in.personality)
	setStr(&a.Goal, in.goal)
	setStr(&a.Instructions, in.instructions)
	setStr(&a.Mode, in.mode)
	setStr(&a.WaitTimeUnit, in.waitTimeUnit)
	if in.businessName != nil {
		s := *in.businessName
		a.BusinessName = &s
	}
	if in.channels != nil {
		a.Channels = in.channels
	}
	if in.knowledgeBaseIDs != nil {
		a.KnowledgeBaseIDs = in.knowledgeBaseIDs
	}
	setBool(&a.IsPrimary, in.isPrimary)
	setBool(&a.SleepEnabled, in.sleepEnabled)
	setBool(&a.RespondToImages, in.respondToImages)
	setBool(&a.RespondToAudio, in.respondToAudio)
	setBool(&a.SleepOnManualMessage, in.sleepOnManualMessage)
	setBool(&a.SleepOnWorkflowMessage, in.sleepOnWorkflowMessage)
	if in.waitTime != nil {
		a.WaitTime = *in.waitTime
	}
	if in.autoPilotMaxMessages != nil {
		a.AutoPilotMaxMessages = *in.autoPilotMaxMessages
	}
	if in.sleepApply {
		a.SleepTime, a.SleepTimeUnit = in.sleepTime, in.sleepTimeUnit
	}
}
