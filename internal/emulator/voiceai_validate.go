// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/url"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Voice AI body rules (contract voice-ai.md §4.1, §4.3, §5.2, §5.3).

var (
	voiceAgentFields = []string{
		"agentName", "businessName", "welcomeMessage", "agentPrompt", "voiceId", "language", "patienceLevel",
		"maxCallDuration", "sendUserIdleReminders", "reminderAfterIdleTimeSeconds", "inboundNumber", "numberPoolId",
		"callEndWorkflowIds", "sendPostCallNotificationTo", "agentWorkingHours", "timezone",
		"isAgentAsBackupDisabled", "translation",
	}
	voiceLanguages      = []string{"en-US", "pt-BR", "es", "fr", "de", "it", "nl-NL", "multi"}
	voicePatienceLevels = []string{"low", "medium", "high"}
	voiceTimezoneRe     = regexp.MustCompile(`^[A-Za-z_]+/[A-Za-z_]+$`)
	voiceActionTypes    = []string{
		"CALL_TRANSFER", "DATA_EXTRACTION", "IN_CALL_DATA_EXTRACTION", "WORKFLOW_TRIGGER", "SMS",
		"APPOINTMENT_BOOKING", "CUSTOM_ACTION", "KNOWLEDGE_BASE",
	}
	voiceTransferNumberRe = regexp.MustCompile(`^\+[0-9]{10,15}$`)
)

// voiceAgentInput is a validated agent body; nil members were absent.
type voiceAgentInput struct {
	agentName, businessName, welcomeMessage, agentPrompt, voiceID *string
	language, patienceLevel, timezone                             *string
	maxCallDuration, reminderAfter                                *int64
	idleReminders, backupDisabled                                 *bool
	inboundNumber, numberPoolID                                   **string // non-nil: set (inner nil = null, clear)
	callEndWorkflowIDs                                            []string
	callEndSet                                                    bool
	notify                                                        *VoicePostCallNotify
	workingHours                                                  []VoiceWorkingDay
	workingHoursSet                                               bool
	translation                                                   *VoiceTranslation
}

// validateVoiceAgent checks a create or PATCH body (PATCH has no locationId member).
func validateVoiceAgent(o *obj, create bool) *voiceAgentInput {
	allowed := voiceAgentFields
	if create {
		allowed = append(slices.Clone(allowed), "locationId")
		o.reqStr("locationId")
	}
	o.whitelist(allowed...)
	for _, f := range voiceAgentFields {
		if f != "inboundNumber" && f != "numberPoolId" && o.isNull(f) {
			o.v.add("%s should not be null", o.name(f))
		}
	}
	in := &voiceAgentInput{}
	strLen := func(field string, lo, hi int) *string {
		s, ok := o.str(field)
		if !ok {
			return nil
		}
		n := utf8.RuneCountInString(s)
		switch {
		case n < lo:
			o.v.add("%s must be longer than or equal to %d characters", o.name(field), lo)
			return nil
		case hi > 0 && n > hi:
			o.v.add("%s must be shorter than or equal to %d characters", o.name(field), hi)
			return nil
		}
		return &s
	}
	in.agentName = strLen("agentName", 1, 40)
	in.businessName = strLen("businessName", 1, 0)
	in.welcomeMessage = strLen("welcomeMessage", 1, 190)
	in.agentPrompt = strLen("agentPrompt", 0, 0)
	in.voiceID = strLen("voiceId", 1, 0)
	if s, ok := o.enum("language", voiceLanguages...); ok {
		in.language = &s
	}
	if s, ok := o.enum("patienceLevel", voicePatienceLevels...); ok {
		in.patienceLevel = &s
	}
	if n, ok := o.integer("maxCallDuration", 180, 900); ok {
		in.maxCallDuration = &n
	}
	if n, ok := o.integer("reminderAfterIdleTimeSeconds", 1, 20); ok {
		in.reminderAfter = &n
	}
	if b, ok := o.boolean("sendUserIdleReminders"); ok {
		in.idleReminders = &b
	}
	if b, ok := o.boolean("isAgentAsBackupDisabled"); ok {
		in.backupDisabled = &b
	}
	for _, f := range []struct {
		name string
		dst  ***string
	}{{"inboundNumber", &in.inboundNumber}, {"numberPoolId", &in.numberPoolID}} {
		if o.isNull(f.name) {
			var null *string
			*f.dst = &null
		} else if s := strLen(f.name, 1, 0); s != nil {
			*f.dst = &s
		}
	}
	if list, ok := o.strList("callEndWorkflowIds", 0); ok {
		if len(list) > 10 {
			o.v.add("callEndWorkflowIds must contain no more than 10 elements")
		} else {
			in.callEndWorkflowIDs, in.callEndSet = list, true
		}
	}
	if n, ok := o.object("sendPostCallNotificationTo"); ok {
		n.whitelist("admins", "allUsers", "contactAssignedUser", "specificUsers", "customEmails")
		admins, ok1 := n.reqBool("admins")
		all, ok2 := n.reqBool("allUsers")
		assigned, ok3 := n.reqBool("contactAssignedUser")
		users, ok4 := n.reqStrList("specificUsers", 0)
		emails, ok5 := n.reqStrList("customEmails", 0)
		if ok1 && ok2 && ok3 && ok4 && ok5 {
			in.notify = &VoicePostCallNotify{Admins: admins, AllUsers: all, ContactAssignedUser: assigned, SpecificUsers: users, CustomEmails: emails}
		}
	}
	if days, ok := o.objList("agentWorkingHours", 0); ok {
		good := true
		hours := make([]VoiceWorkingDay, 0, len(days))
		for _, d := range days {
			d.whitelist("dayOfTheWeek", "intervals")
			day, okDay := d.reqInt("dayOfTheWeek", 1, 7)
			ivs, okIvs := d.reqObjList("intervals", 0)
			wd := VoiceWorkingDay{DayOfTheWeek: day, Intervals: []VoiceInterval{}}
			for _, iv := range ivs {
				iv.whitelist("startHour", "startMinute", "endHour", "endMinute")
				sh, a := iv.reqInt("startHour", 0, 23)
				sm, b := iv.reqInt("startMinute", 0, 59)
				eh, c := iv.reqInt("endHour", 0, 23)
				em, d := iv.reqInt("endMinute", 0, 59)
				good = good && a && b && c && d
				wd.Intervals = append(wd.Intervals, VoiceInterval{StartHour: sh, StartMinute: sm, EndHour: eh, EndMinute: em})
			}
			good = good && okDay && okIvs
			hours = append(hours, wd)
		}
		if good {
			in.workingHours, in.workingHoursSet = hours, true
		}
	}
	if s, ok := o.str("timezone"); ok {
		if voiceTimezoneRe.MatchString(s) {
			in.timezone = &s
		} else {
			o.v.add("timezone must match /^[A-Za-z_]+\\/[A-Za-z_]+$/ regular expression")
		}
	}
	if t, ok := o.object("translation"); ok {
		t.whitelist("enabled", "language")
		enabled, okE := t.reqBool("enabled")
		lang, okL := t.str("language")
		if okE {
			in.translation = &VoiceTranslation{Enabled: enabled}
			if okL {
				in.translation.Language = &lang
			}
		}
	}
	return in
}

// apply writes the present members onto a.
func (in *voiceAgentInput) apply(a *VoiceAgent) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.AgentName, in.agentName)
	set(&a.BusinessName, in.businessName)
	set(&a.WelcomeMessage, in.welcomeMessage)
	set(&a.AgentPrompt, in.agentPrompt)
	set(&a.VoiceID, in.voiceID)
	set(&a.Language, in.language)
	set(&a.PatienceLevel, in.patienceLevel)
	set(&a.Timezone, in.timezone)
	if in.maxCallDuration != nil {
		a.MaxCallDuration = *in.maxCallDuration
	}
	if in.reminderAfter != nil {
		a.ReminderAfterIdleTimeSeconds = *in.reminderAfter
	}
	if in.idleReminders != nil {
		a.SendUserIdleReminders = *in.idleReminders
	}
	if in.backupDisabled != nil {
		a.IsAgentAsBackupDisabled = *in.backupDisabled
	}
	if in.inboundNumber != nil {
		a.InboundNumber = *in.inboundNumber
	}
	if in.numberPoolID != nil {
		a.NumberPoolID = *in.numberPoolID
	}
	if in.callEndSet {
		a.CallEndWorkflowIDs = in.callEndWorkflowIDs
	}
	if in.notify != nil {
		a.PostCallNotification = *in.notify
	}
	if in.workingHoursSet {
		a.WorkingHours = in.workingHours
	}
	if in.translation != nil {
		a.Translation = *in.translation
	}
}

// voiceTranslationProblem checks the translation rules of §4.3 against the agent as it stands
// after a write; "" when they hold.
func voiceTranslationProblem(a *VoiceAgent) string {
	t := a.Translation
	if !t.Enabled {
		return ""
	}
	switch {
	case a.Language == "en-US":
		return "translation can only be enabled when the agent's language is not en-US"
	case t.Language == nil || *t.Language == "":
		return "translation.language is required when translation is enabled"
	case *t.Language != a.Language && *t.Language != "en-US":
		return "translation.language must be the agent's language or en-US"
	}
	return ""
}

// validateVoiceActionParams checks actionParameters against the schema of actionType and
// returns the stored form (defaults filled) and the custom action's secret.
func validateVoiceActionParams(p *obj, actionType string) (params map[string]any, secret *string) {
	out := map[string]any{}
	reqStr := func(field string) {
		if s, ok := p.reqStr(field); ok {
			out[field] = s
		}
	}
	triggers := func() { reqStr("triggerPrompt"); reqStr("triggerMessage") }
	examples := func() {
		if list, ok := p.reqStrList("examples", 1); ok {
			if len(list) > 5 {
				p.v.add("%s must contain no more than 5 elements", p.name("examples"))
			} else {
				out["examples"] = list
			}
		}
	}
	switch actionType {
	case "CALL_TRANSFER":
		p.whitelist("triggerPrompt", "triggerMessage", "transferToType", "transferToValue", "hearWhisperMessage")
		triggers()
		if s, ok := p.reqEnum("transferToType", "number"); ok {
			out["transferToType"] = s
		}
		if s, ok := p.reqStr("transferToValue"); ok {
			if voiceTransferNumberRe.MatchString(s) {
				out["transferToValue"] = s
			} else {
				p.v.add("%s must match /^\\+[0-9]{10,15}$/ regular expression", p.name("transferToValue"))
			}
		}
		if b, ok := p.boolean("hearWhisperMessage"); ok {
			out["hearWhisperMessage"] = b
		}
	case "DATA_EXTRACTION", "IN_CALL_DATA_EXTRACTION":
		p.whitelist("contactFieldId", "description", "examples", "overwriteExistingValue")
		reqStr("contactFieldId")
		reqStr("description")
		examples()
		b, _ := p.boolean("overwriteExistingValue")
		out["overwriteExistingValue"] = b
	case "WORKFLOW_TRIGGER":
		p.whitelist("triggerPrompt", "triggerMessage", "workflowId")
		triggers()
		reqStr("workflowId")
	case "SMS":
		p.whitelist("triggerPrompt", "triggerMessage", "messageBody")
		triggers()
		reqStr("messageBody")
	case "APPOINTMENT_BOOKING":
		p.whitelist("calendarId", "daysOfOfferingDates", "slotsPerDay", "hoursBetweenSlots")
		reqStr("calendarId")
		for _, f := range []string{"daysOfOfferingDates", "slotsPerDay", "hoursBetweenSlots"} {
			if n, ok := p.reqInt(f, 0, maxWhole); ok {
				out[f] = n
			}
		}
	case "CUSTOM_ACTION":
		p.whitelist("triggerPrompt", "triggerMessage", "apiDetails", "selectedPaths")
		triggers()
		method := ""
		if d, ok := p.reqObject("apiDetails"); ok {
			d.whitelist("url", "method", "authenticationRequired", "authenticationValue", "headers", "parameters")
			api := map[string]any{}
			if s, ok := d.reqStr("url"); ok {
				if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					d.v.add("%s must be a URL address", d.name("url"))
				} else {
					api["url"] = s
				}
			}
			if s, ok := d.reqEnum("method", "POST", "GET"); ok {
				api["method"] = s
				method = s
			}
			authRequired, hasAuth := d.boolean("authenticationRequired")
			if hasAuth {
				api["authenticationRequired"] = authRequired
			}
			if s, ok := d.str("authenticationValue"); ok {
				secret = &s
			}
			if authRequired && (secret == nil || *secret == "") {
				d.v.add("%s should not be empty", d.name("authenticationValue"))
			}
			if hs, ok := d.objList("headers", 0); ok {
				headers := []map[string]any{}
				for _, h := range hs {
					h.whitelist("key", "value")
					k, ok1 := h.reqStr("key")
					v, ok2 := h.reqStr("value")
					if ok1 && ok2 {
						headers = append(headers, map[string]any{"key": k, "value": v})
					}
				}
				api["headers"] = headers
			}
			if ps, ok := d.objList("parameters", 0); ok {
				params := []map[string]any{}
				for _, q := range ps {
					q.whitelist("name", "description", "type", "example")
					item := map[string]any{}
					if s, ok := q.reqStr("name"); ok {
						item["name"] = s
					}
					for _, f := range []string{"description", "type", "example"} {
						if s, ok := q.str(f); ok {
							item[f] = s
						}
					}
					params = append(params, item)
				}
				api["parameters"] = params
			}
			out["apiDetails"] = api
		}
		paths, hasPaths := p.strList("selectedPaths", 0)
		switch {
		case method == "GET" && len(paths) == 0:
			p.v.add("%s must contain at least 1 elements when apiDetails.method is GET", p.name("selectedPaths"))
		case method == "POST" && len(paths) > 0:
			p.v.add("%s must be empty when apiDetails.method is POST", p.name("selectedPaths"))
		case hasPaths:
			out["selectedPaths"] = paths
		}
	case "KNOWLEDGE_BASE":
		p.whitelist("triggerPrompt", "knowledgeBaseId")
		reqStr("triggerPrompt")
		reqStr("knowledgeBaseId")
	}
	return out, secret
}
