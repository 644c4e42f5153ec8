// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"maps"
	"testing"
)

// validDetails returns a minimal valid details object per action type; other is an agent
// id usable as a transfer target.
func validDetails(typ, other string) map[string]any {
	switch typ {
	case "triggerWorkflow":
		return map[string]any{"workflowIds": []string{"wf1"}, "triggerCondition": "when asked"}
	case "updateContactField":
		return map[string]any{"contactFieldId": "email", "description": "the email"}
	case "appointmentBooking":
		return map[string]any{"calendarId": "cal1", "onlySendLink": false, "triggerWorkflow": false, "sleepAfterBooking": false, "transferBot": false}
	case "stopBot":
		return map[string]any{"enabled": true, "stopBotDetectionType": "Goodbye", "stopBotTriggerCondition": "bye",
			"stopBotExamples": []string{"bye", "ciao"}, "finalMessage": "Bye!", "reactivateEnabled": false}
	case "humanHandOver":
		return map[string]any{"enabled": true, "handoverType": "lackOfInformation", "triggerCondition": "unsure",
			"finalMessage": "A human will help", "reactivateEnabled": false}
	case "transferBot":
		return map[string]any{"enabled": true, "transferBotType": "Default", "transferToBot": other}
	case "advancedFollowup":
		return map[string]any{"enabled": true, "scenarioId": "contactStoppedReplying",
			"followupSequence": []any{map[string]any{"id": 1, "followupTimeUnit": "hours", "followupTime": 2}}}
	}
	panic(typ)
}

func action(typ, name string, details map[string]any) map[string]any {
	return map[string]any{"type": typ, "name": name, "details": details}
}

func TestActionCRUDEveryType(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	agent := e.createAgent(tok, "Main")
	other := e.createAgent(tok, "Other")
	base := "/conversation-ai/agents/" + agent + "/actions"
	var created []string
	for _, typ := range actionTypes {
		r := e.expect(e.do("POST", base, tok, action(typ, "my "+typ, validDetails(typ, other))), 201)
		d := r.data()
		if r.body["success"] != true || d["type"] != typ || d["agentId"] != agent || d["name"] != "my "+typ {
			t.Fatalf("%s: %s", typ, r.raw)
		}
		created = append(created, d["id"].(string))
		g := e.expect(e.do("GET", base+"/"+d["id"].(string), tok, nil), 200)
		if fmt.Sprint(g.data()) != fmt.Sprint(d) {
			t.Errorf("%s GET %v != POST %v", typ, g.data(), d)
		}
	}
	// Defaults filled by the server.
	l := e.expect(e.do("GET", base+"/list", tok, nil), 200)
	list := l.body["data"].([]any)
	if len(list) != len(actionTypes) {
		t.Fatalf("list has %d actions", len(list))
	}
	byType := map[string]map[string]any{}
	for i, a := range list {
		m := a.(map[string]any)
		if m["id"] != created[i] {
			t.Fatalf("list order: %v", list)
		}
		byType[m["type"].(string)] = m["details"].(map[string]any)
	}
	if fmt.Sprint(byType["updateContactField"]["contactUpdateExamples"]) != "[]" {
		t.Errorf("contactUpdateExamples default: %v", byType["updateContactField"])
	}
	if byType["appointmentBooking"]["rescheduleEnabled"] != false || byType["appointmentBooking"]["cancelEnabled"] != false {
		t.Errorf("booking defaults: %v", byType["appointmentBooking"])
	}
	step := byType["advancedFollowup"]["followupSequence"].([]any)[0].(map[string]any)
	if step["aiEnabledMessage"] != true || step["triggerWorkflow"] != false {
		t.Errorf("step defaults: %v", step)
	}
	// The agent mirrors its actions.
	ag := e.expect(e.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200)
	refs := ag.body["actions"].([]any)
	if len(refs) != len(actionTypes) || refs[0].(map[string]any)["type"] != actionTypes[0] || refs[0].(map[string]any)["id"] != created[0] {
		t.Fatalf("agent actions %v", refs)
	}

	// PUT is a full replace.
	det := validDetails("triggerWorkflow", "")
	det["triggerMessage"] = "hi"
	p := e.expect(e.do("PUT", base+"/"+created[0], tok, action("triggerWorkflow", "renamed", det)), 200)
	if p.data()["name"] != "renamed" || p.data()["details"].(map[string]any)["triggerMessage"] != "hi" {
		t.Errorf("PUT %s", p.raw)
	}
	p = e.expect(e.do("PUT", base+"/"+created[0], tok, action("triggerWorkflow", "renamed", validDetails("triggerWorkflow", ""))), 200)
	if _, ok := p.data()["details"].(map[string]any)["triggerMessage"]; ok {
		t.Errorf("full replace kept triggerMessage: %s", p.raw)
	}
	x := e.expect(e.do("PUT", base+"/"+created[0], tok, action("stopBot", "x", validDetails("stopBot", ""))), 422)
	if !x.hasMessage("type cannot be changed") {
		t.Errorf("%s", x.raw)
	}

	dl := e.expect(e.do("DELETE", base+"/"+created[0], tok, nil), 200)
	if dl.body["success"] != true || dl.data()["id"] != created[0] {
		t.Errorf("DELETE %s", dl.raw)
	}
	e.expect(e.do("GET", base+"/"+created[0], tok, nil), 404)
	e.expect(e.do("DELETE", base+"/"+created[0], tok, nil), 404)
	ag = e.expect(e.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200)
	if len(ag.body["actions"].([]any)) != len(actionTypes)-1 {
		t.Errorf("agent actions after delete: %v", ag.body["actions"])
	}

	// An action addressed under another agent is not found; deleting the agent deletes its actions.
	e.expect(e.do("GET", "/conversation-ai/agents/"+other+"/actions/"+created[1], tok, nil), 404)
	e.expect(e.do("DELETE", "/conversation-ai/agents/"+agent, tok, nil), 200)
	e.emu.mu.Lock()
	n := len(e.emu.st.Actions)
	e.emu.mu.Unlock()
	if n != 0 {
		t.Errorf("%d actions survive their agent", n)
	}
	e.expect(e.do("GET", base+"/list", tok, nil), 404)
	e.expect(e.do("GET", "/conversation-ai/agents/"+agent+"/actions", tok, nil), 404) // not a route (§1.1)
}

func TestActionValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	tok1, _ := e.loc(1)
	agent := e.createAgent(tok, "Main")
	other := e.createAgent(tok, "Other")
	foreign := e.createAgent(tok1, "Foreign")
	set := func(typ string, kv ...any) map[string]any {
		d := validDetails(typ, other)
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(d, kv[i].(string))
			} else {
				d[kv[i].(string)] = kv[i+1]
			}
		}
		return action(typ, "n", d)
	}
	step := func(kv ...any) []any {
		s := map[string]any{"id": 1, "followupTimeUnit": "minutes", "followupTime": 10}
		for i := 0; i < len(kv); i += 2 {
			s[kv[i].(string)] = kv[i+1]
		}
		return []any{s}
	}
	cases := []struct {
		name string
		body map[string]any
		msg  string
	}{
		{"no type", map[string]any{"name": "n", "details": map[string]any{}}, "type should not be empty"},
		{"bad type", map[string]any{"type": "sendEmail", "name": "n", "details": map[string]any{}}, "type must be one of the following values"},
		{"no name", map[string]any{"type": "stopBot", "details": validDetails("stopBot", "")}, "name should not be empty"},
		{"no details", map[string]any{"type": "stopBot", "name": "n"}, "details must be an object"},
		{"extra top", map[string]any{"type": "stopBot", "name": "n", "details": validDetails("stopBot", ""), "agentId": "x"}, "property agentId should not exist"},
		{"extra detail", set("triggerWorkflow", "foo", 1), "property details.foo should not exist"},
		{"workflowIds", set("triggerWorkflow", "workflowIds", nil), "details.workflowIds must be an array"},
		{"workflowIds empty", set("triggerWorkflow", "workflowIds", []string{}), "details.workflowIds must contain at least 1 elements"},
		{"triggerCondition", set("triggerWorkflow", "triggerCondition", ""), "details.triggerCondition should not be empty"},
		{"contactFieldId", set("updateContactField", "contactFieldId", nil), "details.contactFieldId should not be empty"},
		{"description", set("updateContactField", "description", nil), "details.description should not be empty"},
		{"examples type", set("updateContactField", "contactUpdateExamples", []any{1}), "each value in details.contactUpdateExamples must be a string"},
		{"calendarId", set("appointmentBooking", "calendarId", nil), "details.calendarId should not be empty"},
		{"onlySendLink", set("appointmentBooking", "onlySendLink", nil), "details.onlySendLink must be a boolean value"},
		{"booking workflow", set("appointmentBooking", "triggerWorkflow", true), "details.workflowIds must be an array"},
		{"booking sleep", set("appointmentBooking", "sleepAfterBooking", true), "details.sleepTime should not be empty"},
		{"booking sleep unit", set("appointmentBooking", "sleepAfterBooking", true, "sleepTime", 1, "sleepTimeUnit", "seconds"), "details.sleepTimeUnit must be one of the following values: days, hours, minutes"},
		{"booking transfer", set("appointmentBooking", "transferBot", true), "details.transferAgent should not be empty"},
		{"booking transfer self", set("appointmentBooking", "transferBot", true, "transferAgent", agent), "details.transferAgent must be the id of another agent of this location"},
		{"booking transfer foreign", set("appointmentBooking", "transferBot", true, "transferAgent", foreign), "details.transferAgent must be the id of another agent"},
		{"only link", set("appointmentBooking", "onlySendLink", true, "cancelEnabled", true), "details.cancelEnabled must be false when onlySendLink is true"},
		{"only link wf", set("appointmentBooking", "onlySendLink", true, "triggerWorkflow", true, "workflowIds", []string{"w"}), "details.triggerWorkflow must be false when onlySendLink is true"},
		{"booking calendarIds", set("appointmentBooking", "calendarIds", []any{}), "property details.calendarIds should not exist"},
		{"booking calendarActionType", set("appointmentBooking", "calendarActionType", "x"), "property details.calendarActionType should not exist"},
		{"booking aiDescription", set("appointmentBooking", "aiDescription", "x"), "property details.aiDescription should not exist"},
		{"booking fallbackCalendar", set("appointmentBooking", "fallbackCalendar", true), "property details.fallbackCalendar should not exist"},
		{"booking fallbackCalendarId", set("appointmentBooking", "fallbackCalendarId", "c"), "property details.fallbackCalendarId should not exist"},
		{"stop type", set("stopBot", "stopBotDetectionType", "Hello"), "details.stopBotDetectionType must be one of the following values: Goodbye, Custom"},
		{"stop examples", set("stopBot", "stopBotExamples", []string{"bye"}), "details.stopBotExamples must contain at least 2 elements"},
		{"stop final", set("stopBot", "finalMessage", nil), "details.finalMessage should not be empty"},
		{"stop enabled", set("stopBot", "enabled", "yes"), "details.enabled must be a boolean value"},
		{"stop reactivate", set("stopBot", "reactivateEnabled", true), "details.sleepTime should not be empty"},
		{"stop reactivate unit", set("stopBot", "reactivateEnabled", true, "sleepTime", 2), "details.sleepTimeUnit should not be empty"},
		{"stop sleep fraction", set("stopBot", "reactivateEnabled", true, "sleepTime", 2.5, "sleepTimeUnit", "days"), "details.sleepTime must be an integer number"},
		{"handover type", set("humanHandOver", "handoverType", "x"), "details.handoverType must be one of the following values"},
		{"handover custom", set("humanHandOver", "handoverType", "custom"), "details.examples must be an array"},
		{"handover contactRequest", set("humanHandOver", "handoverType", "contactRequest"), "details.examples must be an array"},
		{"handover reactivate", set("humanHandOver", "reactivateEnabled", true), "details.sleepTime should not be empty"},
		{"handover skip", set("humanHandOver", "skipAssignToUser", "no"), "details.skipAssignToUser must be a boolean value"},
		{"transfer self", set("transferBot", "transferToBot", agent), "details.transferToBot must be the id of another agent of this location"},
		{"transfer unknown", set("transferBot", "transferToBot", "nope"), "details.transferToBot must be the id of another agent"},
		{"transfer missing", set("transferBot", "transferToBot", nil), "details.transferToBot should not be empty"},
		{"transfer custom", set("transferBot", "transferBotType", "Custom"), "details.transferBotTriggerCondition should not be empty"},
		{"transfer custom examples", set("transferBot", "transferBotType", "Custom", "transferBotTriggerCondition", "c", "transferBotExamples", []string{"a"}), "details.transferBotExamples must contain at least 2 elements"},
		{"followup scenario", set("advancedFollowup", "scenarioId", "x"), "details.scenarioId must be one of the following values"},
		{"followup sequence", set("advancedFollowup", "followupSequence", nil), "details.followupSequence must be an array"},
		{"followup sequence empty", set("advancedFollowup", "followupSequence", []any{}), "details.followupSequence must contain at least 1 elements"},
		{"followup minutes", set("advancedFollowup", "followupSequence", step("followupTime", 61)), "details.followupSequence.0.followupTime must not be greater than 60 when followupTimeUnit is minutes"},
		{"followup hours", set("advancedFollowup", "followupSequence", step("followupTimeUnit", "hours", "followupTime", 25)), "must not be greater than 24 when followupTimeUnit is hours"},
		{"followup days", set("advancedFollowup", "followupSequence", step("followupTimeUnit", "days", "followupTime", 181)), "must not be greater than 180 when followupTimeUnit is days"},
		{"followup custom", set("advancedFollowup", "followupSequence", step("aiEnabledMessage", false)), "details.followupSequence.0.customMessage should not be empty"},
		{"followup workflow", set("advancedFollowup", "followupSequence", step("triggerWorkflow", true)), "details.followupSequence.0.workflowId should not be empty"},
		{"followup step extra", set("advancedFollowup", "followupSequence", step("foo", 1)), "property details.followupSequence.0.foo should not exist"},
		{"followup step id", set("advancedFollowup", "followupSequence", []any{map[string]any{"followupTimeUnit": "days", "followupTime": 1}}), "details.followupSequence.0.id should not be empty"},
		{"followup settings", set("advancedFollowup", "followupSettings", map[string]any{"timezoneToUse": "utc"}), "details.followupSettings.timezoneToUse must be one of the following values: contact, business"},
	}
	base := "/conversation-ai/agents/" + agent + "/actions"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.expect(e.do("POST", base, tok, tc.body), 422)
			if !r.hasMessage(tc.msg) {
				t.Errorf("messages %q lack %q", r.messages(), tc.msg)
			}
		})
	}
	// Valid conditional combinations.
	for name, body := range map[string]map[string]any{
		"booking all": set("appointmentBooking", "triggerWorkflow", true, "workflowIds", []string{"w"}, "sleepAfterBooking", true,
			"sleepTime", 2, "sleepTimeUnit", "days", "transferBot", true, "transferAgent", other, "rescheduleEnabled", true, "cancelEnabled", true, "actionId", "a1"),
		"booking link": set("appointmentBooking", "onlySendLink", true),
		"stop reactivate": set("stopBot", "reactivateEnabled", true, "sleepTime", 3, "sleepTimeUnit", "hours", "tags", []string{"t"},
			"stopBotDetectionType", "Custom"),
		"handover custom": set("humanHandOver", "handoverType", "custom", "examples", []string{"x"}, "assignToUserId", "u1",
			"skipAssignToUser", true, "createTask", true, "tags", []string{"vip"}),
		"transfer custom": set("transferBot", "transferBotType", "Custom", "transferBotTriggerCondition", "c", "transferBotExamples", []string{"a", "b"}),
		"followup full": set("advancedFollowup", "followupSequence", step("aiEnabledMessage", false, "customMessage", "hey",
			"triggerWorkflow", true, "workflowId", "w", "contactRequested", true), "followupSettings", map[string]any{"workingHours": []any{}}),
	} {
		if r := e.do("POST", base, tok, body); r.status != 201 {
			t.Errorf("%s: %d %s", name, r.status, r.raw)
		}
	}
	// Existence after validation: a valid body on an unknown agent is 404.
	e.expect(e.do("POST", "/conversation-ai/agents/nope/actions", tok, set("stopBot")), 404)
	e.expect(e.do("POST", "/conversation-ai/agents/nope/actions", tok, map[string]any{}), 422)
	e.expect(e.do("POST", base, tok, `{"type":`), 400)
	e.expect(e.do("PUT", base+"/nope", tok, set("stopBot")), 404)
	e.expect(e.do("GET", base+"/nope", tok, nil), 404)
}

func TestFollowupSettingsPatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	agent := e.createAgent(tok, "Main")
	base := "/conversation-ai/agents/" + agent
	f1 := e.expect(e.do("POST", base+"/actions", tok, action("advancedFollowup", "f1", validDetails("advancedFollowup", ""))), 201).data()["id"].(string)
	f2 := e.expect(e.do("POST", base+"/actions", tok, action("advancedFollowup", "f2", validDetails("advancedFollowup", ""))), 201).data()["id"].(string)
	stop := e.expect(e.do("POST", base+"/actions", tok, action("stopBot", "s", validDetails("stopBot", ""))), 201).data()["id"].(string)

	settings := map[string]any{
		"dynamicChannelSwitching": false, "followUpHours": true, "timezoneToUse": "business",
		"workingHours": []any{map[string]any{"dayOfTheWeek": 1, "intervals": []any{
			map[string]any{"startHour": 9, "startMinute": 0, "endHour": 17, "endMinute": 30},
		}}},
	}
	r := e.expect(e.do("PATCH", base+"/followup-settings", tok, map[string]any{"actionIds": []string{f2, f1}, "followupSettings": settings}), 200)
	if r.body["success"] != true || r.data()["id"] != f2 {
		t.Fatalf("PATCH answers the first listed action: %s", r.raw)
	}
	for _, id := range []string{f1, f2} {
		g := e.expect(e.do("GET", base+"/actions/"+id, tok, nil), 200)
		fs := g.data()["details"].(map[string]any)["followupSettings"].(map[string]any)
		if fs["dynamicChannelSwitching"] != false || fs["timezoneToUse"] != "business" || len(fs["workingHours"].([]any)) != 1 {
			t.Errorf("%s settings %v", id, fs)
		}
	}
	// A PUT of the action without followupSettings keeps them (managed by the PATCH).
	p := e.expect(e.do("PUT", base+"/actions/"+f1, tok, action("advancedFollowup", "f1", validDetails("advancedFollowup", ""))), 200)
	if _, ok := p.data()["details"].(map[string]any)["followupSettings"]; !ok {
		t.Errorf("PUT dropped followupSettings: %s", p.raw)
	}
	// Reset, as the provider does on destroy: replaced whole.
	reset := map[string]any{"dynamicChannelSwitching": true, "followUpHours": false, "workingHours": []any{}}
	r = e.expect(e.do("PATCH", base+"/followup-settings", tok, map[string]any{"actionIds": []string{f1}, "followupSettings": reset}), 200)
	fs := r.data()["details"].(map[string]any)["followupSettings"].(map[string]any)
	delete(fs, "traceId")
	if _, ok := fs["timezoneToUse"]; ok || !maps.EqualFunc(fs, map[string]any{"dynamicChannelSwitching": true, "followUpHours": false, "workingHours": []any{}},
		func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Errorf("reset settings %v", fs)
	}

	bad := []struct {
		body map[string]any
		code int
		msg  string
	}{
		{map[string]any{"followupSettings": reset}, 422, "actionIds must be an array"},
		{map[string]any{"actionIds": []string{f1}}, 422, "followupSettings must be an object"},
		{map[string]any{"actionIds": []string{}, "followupSettings": reset}, 422, "actionIds must contain at least 1 elements"},
		{map[string]any{"actionIds": []string{stop}, "followupSettings": reset}, 422, "not an advancedFollowup action"},
		{map[string]any{"actionIds": []string{"nope"}, "followupSettings": reset}, 422, "not an advancedFollowup action"},
		{map[string]any{"actionIds": []string{f1}, "followupSettings": reset, "x": 1}, 422, "property x should not exist"},
		{map[string]any{"actionIds": []string{f1}, "followupSettings": map[string]any{"dynamicChannelSwitching": "yes"}}, 422, "followupSettings.dynamicChannelSwitching must be a boolean value"},
		{map[string]any{"actionIds": []string{f1}, "followupSettings": map[string]any{"workingHours": []any{map[string]any{"dayOfTheWeek": 7, "intervals": []any{}}}}}, 422, "followupSettings.workingHours.0.dayOfTheWeek must not be greater than 6"},
		{map[string]any{"actionIds": []string{f1}, "followupSettings": map[string]any{"workingHours": []any{map[string]any{"dayOfTheWeek": 0, "intervals": []any{
			map[string]any{"startHour": 10, "startMinute": 0, "endHour": 9, "endMinute": 0}}}}}}, 422, "followupSettings.workingHours.0.intervals.0 must end after it starts"},
		{map[string]any{"actionIds": []string{f1}, "followupSettings": map[string]any{"workingHours": []any{map[string]any{"dayOfTheWeek": 0, "intervals": []any{
			map[string]any{"startHour": 24, "startMinute": 0, "endHour": 9, "endMinute": 0}}}}}}, 422, "startHour must not be greater than 23"},
	}
	for _, b := range bad {
		r := e.expect(e.do("PATCH", base+"/followup-settings", tok, b.body), b.code)
		if !r.hasMessage(b.msg) {
			t.Errorf("messages %q lack %q", r.messages(), b.msg)
		}
	}
	e.expect(e.do("PATCH", "/conversation-ai/agents/nope/followup-settings", tok, map[string]any{"actionIds": []string{f1}, "followupSettings": reset}), 404)
	e.expect(e.do("GET", base+"/followup-settings", tok, nil), 404) // no GET route
}
