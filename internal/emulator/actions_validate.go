// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

// Action body rules (contract §3.2). The body {type,name,details} and every details
// object are whitelisted per type: unknown fields get 422 "property details.<f> should
// not exist" (§1.3). This is also how the undocumented booking fields seen in community
// code (calendarIds, calendarActionType, aiDescription, fallbackCalendar,
// fallbackCalendarId) are rejected, as the contract requires.
//
// Time amounts (sleepTime, followupTime) must be whole and ≥ 0; the contract gives only
// the upper bounds quoted below.

var (
	actionTypes = []string{
		"triggerWorkflow", "updateContactField", "appointmentBooking", "stopBot",
		"humanHandOver", "advancedFollowup", "transferBot",
	}
	actionSleepUnits    = []string{"days", "hours", "minutes"}
	followupTimeUnits   = []string{"days", "hours", "minutes"}
	followupTimeMax     = map[string]int64{"minutes": 60, "hours": 24, "days": 180}
	handoverTypes       = []string{"contactRequest", "lackOfInformation", "failedToResolveIssue", "custom"}
	followupScenarios   = []string{"contactStoppedReplying", "contactIsBusy", "contactRequested"}
	timezoneChoices     = []string{"contact", "business"}
	detailsValidatorFor = map[string]func(d *obj, sc actionScope) map[string]any{
		"triggerWorkflow":    validateTriggerWorkflow,
		"updateContactField": validateUpdateContactField,
		"appointmentBooking": validateAppointmentBooking,
		"stopBot":            validateStopBot,
		"humanHandOver":      validateHumanHandOver,
		"transferBot":        validateTransferBot,
		"advancedFollowup":   validateAdvancedFollowup,
	}
)

// actionScope is what cross-object rules need: agent references must name another agent
// of the same location.
type actionScope struct {
	st         *State
	locationID string
	agentID    string // the agent the action belongs to
}

type actionInput struct {
	typ, name string
	details   map[string]any
}

// validateAction checks {type,name,details}, all required, on POST and PUT.
func validateAction(o *obj, sc actionScope) actionInput {
	o.whitelist("type", "name", "details")
	var in actionInput
	in.typ, _ = o.reqEnum("type", actionTypes...)
	in.name, _ = o.reqStr("name")
	d, ok := o.reqObject("details")
	if ok && in.typ != "" {
		in.details = detailsValidatorFor[in.typ](d, sc)
	}
	return in
}

// dmap collects a normalised details object.
type dmap map[string]any

func (m dmap) str(d *obj, f string, required bool) {
	var s string
	var ok bool
	if required {
		s, ok = d.reqStr(f)
	} else {
		s, ok = d.str(f)
	}
	if ok {
		m[f] = s
	}
}

func (m dmap) boolean(d *obj, f string, required bool, def *bool) bool {
	var b, ok bool
	if required {
		b, ok = d.reqBool(f)
	} else {
		b, ok = d.boolean(f)
	}
	switch {
	case ok:
		m[f] = b
	case def != nil && !d.has(f):
		b = *def
		m[f] = b
	}
	return b
}

func (m dmap) list(d *obj, f string, required bool, minItems int) {
	var l []string
	var ok bool
	if required {
		l, ok = d.reqStrList(f, minItems)
	} else {
		l, ok = d.strList(f, minItems)
	}
	if ok {
		m[f] = l
	}
}

func (m dmap) enum(d *obj, f string, required bool, allowed ...string) string {
	var s string
	var ok bool
	if required {
		s, ok = d.reqEnum(f, allowed...)
	} else {
		s, ok = d.enum(f, allowed...)
	}
	if ok {
		m[f] = s
	}
	return s
}

// sleep validates sleepTime/sleepTimeUnit (days|hours|minutes), required when required.
func (m dmap) sleep(d *obj, required bool) {
	var n int64
	var ok bool
	if required {
		n, ok = d.reqInt("sleepTime", 0, maxWhole)
	} else {
		n, ok = d.integer("sleepTime", 0, maxWhole)
	}
	if ok {
		m["sleepTime"] = n
	}
	m.enum(d, "sleepTimeUnit", required, actionSleepUnits...)
}

// agentRef validates a reference to another agent of the location (unconfirmed rule).
func (m dmap) agentRef(d *obj, f string, required bool, sc actionScope) {
	var id string
	var ok bool
	if required {
		id, ok = d.reqStr(f)
	} else {
		id, ok = d.str(f)
	}
	if !ok {
		return
	}
	a := sc.st.Agents[id]
	if a == nil || a.LocationID != sc.locationID || id == sc.agentID {
		d.v.add("%s must be the id of another agent of this location", d.name(f))
		return
	}
	m[f] = id
}

var (
	vTrue  = func() *bool { b := true; return &b }()
	vFalse = func() *bool { b := false; return &b }()
)

// triggerWorkflow: workflowIds R, triggerCondition R, triggerMessage.
func validateTriggerWorkflow(d *obj, _ actionScope) map[string]any {
	d.whitelist("workflowIds", "triggerCondition", "triggerMessage")
	m := dmap{}
	m.list(d, "workflowIds", true, 1)
	m.str(d, "triggerCondition", true)
	m.str(d, "triggerMessage", false)
	return m
}

// updateContactField: contactFieldId R, description R, contactUpdateExamples (default []).
func validateUpdateContactField(d *obj, _ actionScope) map[string]any {
	d.whitelist("contactFieldId", "description", "contactUpdateExamples")
	m := dmap{}
	m.str(d, "contactFieldId", true)
	m.str(d, "description", true)
	m["contactUpdateExamples"] = []string{}
	m.list(d, "contactUpdateExamples", false, 0)
	return m
}

// appointmentBooking: calendarId, onlySendLink, triggerWorkflow, sleepAfterBooking,
// transferBot R; rescheduleEnabled/cancelEnabled default false ("R (default false)" in the
// contract: a default makes them optional). workflowIds R when triggerWorkflow;
// sleepTime+sleepTimeUnit R when sleepAfterBooking; transferAgent R when transferBot.
// onlySendLink=true requires the five switches false. actionId is an optional reference.
func validateAppointmentBooking(d *obj, sc actionScope) map[string]any {
	d.whitelist("calendarId", "onlySendLink", "triggerWorkflow", "sleepAfterBooking", "transferBot",
		"rescheduleEnabled", "cancelEnabled", "workflowIds", "sleepTime", "sleepTimeUnit", "transferAgent", "actionId")
	m := dmap{}
	m.str(d, "calendarId", true)
	onlyLink := m.boolean(d, "onlySendLink", true, nil)
	trigger := m.boolean(d, "triggerWorkflow", true, nil)
	sleepAfter := m.boolean(d, "sleepAfterBooking", true, nil)
	transfer := m.boolean(d, "transferBot", true, nil)
	reschedule := m.boolean(d, "rescheduleEnabled", false, vFalse)
	cancel := m.boolean(d, "cancelEnabled", false, vFalse)
	m.list(d, "workflowIds", trigger, 1)
	m.sleep(d, sleepAfter)
	m.agentRef(d, "transferAgent", transfer, sc)
	m.str(d, "actionId", false)
	if onlyLink {
		for _, f := range []struct {
			name string
			on   bool
		}{{"triggerWorkflow", trigger}, {"sleepAfterBooking", sleepAfter}, {"transferBot", transfer}, {"rescheduleEnabled", reschedule}, {"cancelEnabled", cancel}} {
			if f.on {
				d.v.add("%s must be false when onlySendLink is true", d.name(f.name))
			}
		}
	}
	return m
}

// stopBot: enabled, stopBotDetectionType (Goodbye|Custom), stopBotTriggerCondition,
// stopBotExamples (≥2), finalMessage, reactivateEnabled R; sleep* R when reactivating; tags.
func validateStopBot(d *obj, _ actionScope) map[string]any {
	d.whitelist("enabled", "stopBotDetectionType", "stopBotTriggerCondition", "stopBotExamples",
		"finalMessage", "reactivateEnabled", "sleepTime", "sleepTimeUnit", "tags")
	m := dmap{}
	m.boolean(d, "enabled", true, nil)
	m.enum(d, "stopBotDetectionType", true, "Goodbye", "Custom")
	m.str(d, "stopBotTriggerCondition", true)
	m.list(d, "stopBotExamples", true, 2)
	m.str(d, "finalMessage", true)
	m.sleep(d, m.boolean(d, "reactivateEnabled", true, nil))
	m.list(d, "tags", false, 0)
	return m
}

// humanHandOver: enabled, handoverType, triggerCondition, finalMessage, reactivateEnabled
// R; examples R for custom and contactRequest; sleep* R when reactivating;
// assignToUserId, skipAssignToUser, createTask, tags optional.
func validateHumanHandOver(d *obj, _ actionScope) map[string]any {
	d.whitelist("enabled", "handoverType", "triggerCondition", "examples", "finalMessage", "reactivateEnabled",
		"sleepTime", "sleepTimeUnit", "assignToUserId", "skipAssignToUser", "createTask", "tags")
	m := dmap{}
	m.boolean(d, "enabled", true, nil)
	ht := m.enum(d, "handoverType", true, handoverTypes...)
	m.str(d, "triggerCondition", true)
	m.list(d, "examples", ht == "custom" || ht == "contactRequest", 1)
	m.str(d, "finalMessage", true)
	m.sleep(d, m.boolean(d, "reactivateEnabled", true, nil))
	m.str(d, "assignToUserId", false)
	m.boolean(d, "skipAssignToUser", false, nil)
	m.boolean(d, "createTask", false, nil)
	m.list(d, "tags", false, 0)
	return m
}

// transferBot: enabled, transferBotType (Default|Custom), transferToBot (another agent)
// R; for Custom transferBotTriggerCondition and transferBotExamples (≥2) R.
func validateTransferBot(d *obj, sc actionScope) map[string]any {
	d.whitelist("enabled", "transferBotType", "transferToBot", "transferBotTriggerCondition", "transferBotExamples")
	m := dmap{}
	m.boolean(d, "enabled", true, nil)
	custom := m.enum(d, "transferBotType", true, "Default", "Custom") == "Custom"
	m.agentRef(d, "transferToBot", true, sc)
	m.str(d, "transferBotTriggerCondition", custom)
	m.list(d, "transferBotExamples", custom, 2)
	return m
}

// advancedFollowup: enabled, scenarioId, followupSequence (≥1 step) R; followupSettings.
func validateAdvancedFollowup(d *obj, _ actionScope) map[string]any {
	d.whitelist("enabled", "scenarioId", "followupSequence", "followupSettings")
	m := dmap{}
	m.boolean(d, "enabled", true, nil)
	m.enum(d, "scenarioId", true, followupScenarios...)
	if steps, ok := d.reqObjList("followupSequence", 1); ok {
		seq := make([]map[string]any, 0, len(steps))
		for _, s := range steps {
			seq = append(seq, validateFollowupStep(s))
		}
		m["followupSequence"] = seq
	}
	if fs, ok := d.object("followupSettings"); ok {
		m["followupSettings"] = validateFollowupSettings(fs)
	}
	return m
}

// followupSequence item: id (step number) R; followupTimeUnit R; followupTime R (≤60 min,
// ≤24 h, ≤180 days); aiEnabledMessage (default true); customMessage (R when
// aiEnabledMessage is false, emulator rule); triggerWorkflow (default false); workflowId
// (R when triggerWorkflow); contactRequested.
func validateFollowupStep(s *obj) map[string]any {
	s.whitelist("id", "followupTimeUnit", "followupTime", "aiEnabledMessage", "customMessage",
		"triggerWorkflow", "workflowId", "contactRequested")
	m := dmap{}
	if n, ok := s.reqInt("id", 0, maxWhole); ok {
		m["id"] = n
	}
	unit := m.enum(s, "followupTimeUnit", true, followupTimeUnits...)
	if n, ok := s.reqInt("followupTime", 0, maxWhole); ok {
		if limit, known := followupTimeMax[unit]; known && n > limit {
			s.v.add("%s must not be greater than %d when followupTimeUnit is %s", s.name("followupTime"), limit, unit)
		} else {
			m["followupTime"] = n
		}
	}
	ai := m.boolean(s, "aiEnabledMessage", false, vTrue)
	m.str(s, "customMessage", !ai)
	trigger := m.boolean(s, "triggerWorkflow", false, vFalse)
	m.str(s, "workflowId", trigger)
	m.boolean(s, "contactRequested", false, nil)
	return m
}

// validateFollowupSettings checks FollowupSettings (§3.3): dynamicChannelSwitching
// (default true), followUpHours (default false), workingHours (default []: days 0-6,
// optional intervals on a 24 h clock that end after they start), timezoneToUse
// contact|business.
func validateFollowupSettings(f *obj) map[string]any {
	f.whitelist("dynamicChannelSwitching", "followUpHours", "workingHours", "timezoneToUse")
	m := dmap{}
	m.boolean(f, "dynamicChannelSwitching", false, vTrue)
	m.boolean(f, "followUpHours", false, vFalse)
	m.enum(f, "timezoneToUse", false, timezoneChoices...)
	m["workingHours"] = []map[string]any{}
	days, ok := f.objList("workingHours", 0)
	if !ok {
		return m
	}
	wh := make([]map[string]any, 0, len(days))
	for _, day := range days {
		day.whitelist("dayOfTheWeek", "intervals")
		dm := map[string]any{}
		if n, ok := day.reqInt("dayOfTheWeek", 0, 6); ok {
			dm["dayOfTheWeek"] = n
		}
		// intervals is optional (OAS WorkingHours and SDK 3.1.0 require only dayOfTheWeek);
		// a day sent without it is stored and answered without it.
		ivs, hasIntervals := day.objList("intervals", 0)
		list := make([]map[string]any, 0, len(ivs))
		for _, iv := range ivs {
			iv.whitelist("startHour", "startMinute", "endHour", "endMinute")
			sh, ok1 := iv.reqInt("startHour", 0, 23)
			sm, ok2 := iv.reqInt("startMinute", 0, 59)
			eh, ok3 := iv.reqInt("endHour", 0, 23)
			em, ok4 := iv.reqInt("endMinute", 0, 59)
			if ok1 && ok2 && ok3 && ok4 && eh*60+em <= sh*60+sm {
				iv.v.add("%s must end after it starts", iv.path[:len(iv.path)-1])
			}
			list = append(list, map[string]any{"startHour": sh, "startMinute": sm, "endHour": eh, "endMinute": em})
		}
		if hasIntervals {
			dm["intervals"] = list
		}
		wh = append(wh, dm)
	}
	m["workingHours"] = wh
	return m
}
