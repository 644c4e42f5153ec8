// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestActionInputMarshal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   ActionInput
		want string
	}{
		{
			name: "empty details is an empty object",
			in:   ActionInput{Type: ActionTypeTriggerWorkflow, Name: "wf"},
			want: `{"type":"triggerWorkflow","name":"wf","details":{}}`,
		},
		{
			name: "triggerWorkflow",
			in: ActionInput{Type: ActionTypeTriggerWorkflow, Name: "wf", Details: ActionDetails{
				WorkflowIDs: []string{"w1", "w2"}, TriggerCondition: ptr("asks for a quote"), TriggerMessage: ptr(""),
			}},
			want: `{"type":"triggerWorkflow","name":"wf","details":{"workflowIds":["w1","w2"],"triggerCondition":"asks for a quote","triggerMessage":""}}`,
		},
		{
			name: "updateContactField: an empty non-nil list is sent as []",
			in: ActionInput{Type: ActionTypeUpdateContactField, Name: "f", Details: ActionDetails{
				ContactFieldID: ptr("email"), Description: ptr("the email"), ContactUpdateExamples: []string{},
			}},
			want: `{"type":"updateContactField","name":"f","details":{"contactFieldId":"email","description":"the email","contactUpdateExamples":[]}}`,
		},
		{
			name: "appointmentBooking: false flags are sent",
			in: ActionInput{Type: ActionTypeAppointmentBooking, Name: "book", Details: ActionDetails{
				CalendarID: ptr("cal1"), OnlySendLink: ptr(false), TriggerWorkflow: ptr(true), WorkflowIDs: []string{"w"},
				SleepAfterBooking: ptr(true), SleepTime: ptr(int64(0)), SleepTimeUnit: ptr("hours"), TransferBot: ptr(true),
				TransferAgent: ptr("agent2"), RescheduleEnabled: ptr(false), CancelEnabled: ptr(true),
			}},
			want: `{"type":"appointmentBooking","name":"book","details":{"workflowIds":["w"],"calendarId":"cal1","onlySendLink":false,` +
				`"triggerWorkflow":true,"sleepAfterBooking":true,"transferBot":true,"rescheduleEnabled":false,"cancelEnabled":true,` +
				`"sleepTime":0,"sleepTimeUnit":"hours","transferAgent":"agent2"}}`,
		},
		{
			name: "stopBot",
			in: ActionInput{Type: ActionTypeStopBot, Name: "stop", Details: ActionDetails{
				Enabled: ptr(true), StopBotDetectionType: ptr("Custom"), StopBotTriggerCondition: ptr("c"),
				StopBotExamples: []string{"bye", "stop"}, FinalMessage: ptr("ok"), ReactivateEnabled: ptr(false), Tags: []string{"t"},
			}},
			want: `{"type":"stopBot","name":"stop","details":{"enabled":true,"stopBotDetectionType":"Custom","stopBotTriggerCondition":"c",` +
				`"stopBotExamples":["bye","stop"],"finalMessage":"ok","reactivateEnabled":false,"tags":["t"]}}`,
		},
		{
			name: "humanHandOver",
			in: ActionInput{Type: ActionTypeHumanHandOver, Name: "h", Details: ActionDetails{
				Enabled: ptr(true), HandoverType: ptr("custom"), TriggerCondition: ptr("tc"), Examples: []string{"a"},
				FinalMessage: ptr("f"), ReactivateEnabled: ptr(true), SleepTime: ptr(int64(2)), SleepTimeUnit: ptr("days"),
				AssignToUserID: ptr("u1"), SkipAssignToUser: ptr(false), CreateTask: ptr(true),
			}},
			want: `{"type":"humanHandOver","name":"h","details":{"triggerCondition":"tc","sleepTime":2,"sleepTimeUnit":"days",` +
				`"enabled":true,"finalMessage":"f","reactivateEnabled":true,"handoverType":"custom","examples":["a"],` +
				`"assignToUserId":"u1","skipAssignToUser":false,"createTask":true}}`,
		},
		{
			name: "transferBot",
			in: ActionInput{Type: ActionTypeTransferBot, Name: "t", Details: ActionDetails{
				Enabled: ptr(true), TransferBotType: ptr("Custom"), TransferToBot: ptr("a2"),
				TransferBotTriggerCondition: ptr("c"), TransferBotExamples: []string{"x", "y"},
			}},
			want: `{"type":"transferBot","name":"t","details":{"enabled":true,"transferBotType":"Custom","transferToBot":"a2",` +
				`"transferBotTriggerCondition":"c","transferBotExamples":["x","y"]}}`,
		},
		{
			name: "advancedFollowup",
			in: ActionInput{Type: ActionTypeAdvancedFollowup, Name: "fu", Details: ActionDetails{
				Enabled: ptr(true), ScenarioID: ptr("contactIsBusy"),
				FollowupSequence: []FollowupStep{
					{ID: 1, FollowupTimeUnit: "hours", FollowupTime: 2},
					{ID: 2, FollowupTimeUnit: "days", FollowupTime: 1, AIEnabledMessage: ptr(false), CustomMessage: ptr("hi"),
						TriggerWorkflow: ptr(true), WorkflowID: ptr("w"), ContactRequested: ptr(false)},
				},
				FollowupSettings: &FollowupSettings{DynamicChannelSwitching: ptr(false), FollowUpHours: ptr(true),
					WorkingHours:  []WorkingDay{{DayOfTheWeek: 1, Intervals: []Interval{{StartHour: 9, StartMinute: 0, EndHour: 17, EndMinute: 30}}}, {DayOfTheWeek: 0}},
					TimezoneToUse: ptr("business")},
			}},
			want: `{"type":"advancedFollowup","name":"fu","details":{"enabled":true,"scenarioId":"contactIsBusy","followupSequence":[` +
				`{"id":1,"followupTimeUnit":"hours","followupTime":2},` +
				`{"id":2,"followupTimeUnit":"days","followupTime":1,"aiEnabledMessage":false,"customMessage":"hi","triggerWorkflow":true,"workflowId":"w","contactRequested":false}],` +
				`"followupSettings":{"dynamicChannelSwitching":false,"followUpHours":true,"workingHours":[` +
				`{"dayOfTheWeek":1,"intervals":[{"startHour":9,"startMinute":0,"endHour":17,"endMinute":30}]},{"dayOfTheWeek":0,"intervals":[]}],` +
				`"timezoneToUse":"business"}}}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Fatalf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	if got, _ := json.Marshal(DefaultFollowupSettings()); string(got) != `{"dynamicChannelSwitching":true,"followUpHours":false,"workingHours":[]}` {
		t.Errorf("DefaultFollowupSettings %s", got)
	}
	if len(ActionTypes()) != 7 {
		t.Errorf("ActionTypes %v", ActionTypes())
	}
}

func TestActionDecodeKeepsAbsentDistinctFromZero(t *testing.T) {
	t.Parallel()
	body := `{"id":"ac1","name":"fu","type":"advancedFollowup","agentId":"a1","details":{"enabled":false,"scenarioId":"contactIsBusy",
		"tags":[],"followupSequence":[{"id":1,"followupTimeUnit":"minutes","followupTime":30,"aiEnabledMessage":true}],
		"followupSettings":{"dynamicChannelSwitching":true,"followUpHours":false,"workingHours":[]},"unknown":1,"actionId":null}}`
	var a Action
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	d := a.Details
	switch {
	case a.ID != "ac1" || a.AgentID != "a1" || a.Type != ActionTypeAdvancedFollowup:
		t.Errorf("action %+v", a)
	case d.Enabled == nil || *d.Enabled:
		t.Error("enabled false lost")
	case d.Tags == nil || len(d.Tags) != 0:
		t.Error("tags [] lost")
	case d.Examples != nil || d.FinalMessage != nil || d.SleepTime != nil:
		t.Error("absent fields must stay nil")
	case len(d.FollowupSequence) != 1 || d.FollowupSequence[0].FollowupTime != 30 || d.FollowupSequence[0].CustomMessage != nil ||
		d.FollowupSequence[0].AIEnabledMessage == nil || !*d.FollowupSequence[0].AIEnabledMessage:
		t.Errorf("sequence %+v", d.FollowupSequence)
	case d.FollowupSettings == nil || d.FollowupSettings.WorkingHours == nil || len(d.FollowupSettings.WorkingHours) != 0 ||
		d.FollowupSettings.TimezoneToUse != nil || *d.FollowupSettings.FollowUpHours:
		t.Errorf("settings %+v", d.FollowupSettings)
	}
	// re-encoding sends exactly what was read (round trip), unknown fields dropped
	out, _ := json.Marshal(ActionInput{Type: a.Type, Name: a.Name, Details: a.Details})
	want := `{"type":"advancedFollowup","name":"fu","details":{"enabled":false,"tags":[],"scenarioId":"contactIsBusy",` +
		`"followupSequence":[{"id":1,"followupTimeUnit":"minutes","followupTime":30,"aiEnabledMessage":true}],` +
		`"followupSettings":{"dynamicChannelSwitching":true,"followUpHours":false,"workingHours":[]}}}`
	if string(out) != want {
		t.Errorf("round trip\n got %s\nwant %s", out, want)
	}
}

func TestActionCRUD(t *testing.T) {
	t.Parallel()
	action := map[string]any{"id": "ac1", "name": "stop", "type": "stopBot", "agentId": "a1",
		"details": map[string]any{"enabled": true, "stopBotExamples": []string{"bye", "ciao"}}}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /conversation-ai/agents/a1/actions":        reply(201, map[string]any{"success": true, "data": action}),
		"GET /conversation-ai/agents/a1/actions/ac1":     reply(200, map[string]any{"success": true, "data": action, "traceId": "t"}),
		"GET /conversation-ai/agents/a1/actions/flat":    reply(200, action),
		"GET /conversation-ai/agents/a1/actions/list":    reply(200, map[string]any{"success": true, "data": []any{action, action}}),
		"GET /conversation-ai/agents/a2/actions/list":    reply(200, map[string]any{"success": true, "data": []any{}}),
		"PUT /conversation-ai/agents/a1/actions/ac1":     reply(200, map[string]any{"success": true, "data": action}),
		"DELETE /conversation-ai/agents/a1/actions/ac1":  reply(200, map[string]any{"success": true, "data": map[string]any{"id": "ac1"}}),
		"GET /conversation-ai/agents/a1/actions/gone":    notFound("Action"),
		"DELETE /conversation-ai/agents/a1/actions/gone": notFound("Action"),
		"PUT /conversation-ai/agents/a1/actions/bad":     unprocessable("type cannot be changed", "details.stopBotExamples must contain at least 2 elements"),
	})
	ctx := context.Background()
	in := ActionInput{Type: ActionTypeStopBot, Name: "stop", Details: ActionDetails{Enabled: ptr(true), StopBotExamples: []string{"bye", "ciao"}}}
	wantBody := `{"type":"stopBot","name":"stop","details":{"enabled":true,"stopBotExamples":["bye","ciao"]}}`

	a, err := c.CreateAction(ctx, "", "a1", in)
	if err != nil || a.ID != "ac1" || a.AgentID != "a1" || len(a.Details.StopBotExamples) != 2 || !*a.Details.Enabled {
		t.Fatalf("create %+v %v", a, err)
	}
	checkCall(t, f.last(), "POST", "/conversation-ai/agents/a1/actions", "", wantBody, v20210415)

	if a, err = c.GetAction(ctx, "", "a1", "ac1"); err != nil || a.Name != "stop" {
		t.Fatalf("get %+v %v", a, err)
	}
	checkCall(t, f.last(), "GET", "/conversation-ai/agents/a1/actions/ac1", "", "", v20210415)
	if a, err = c.GetAction(ctx, "", "a1", "flat"); err != nil || a.ID != "ac1" {
		t.Fatalf("flat get %+v %v", a, err)
	}

	list, err := c.ListActions(ctx, "", "a1")
	if err != nil || len(list) != 2 || list[1].Type != "stopBot" {
		t.Fatalf("list %+v %v", list, err)
	}
	checkCall(t, f.last(), "GET", "/conversation-ai/agents/a1/actions/list", "", "", v20210415)
	if list, err = c.ListActions(ctx, "", "a2"); err != nil || list == nil || len(list) != 0 {
		t.Fatalf("empty list %#v %v", list, err)
	}

	if a, err = c.UpdateAction(ctx, "", "a1", "ac1", in); err != nil || a.ID != "ac1" {
		t.Fatalf("update %+v %v", a, err)
	}
	checkCall(t, f.last(), "PUT", "/conversation-ai/agents/a1/actions/ac1", "", wantBody, v20210415)

	if err := c.DeleteAction(ctx, "", "a1", "ac1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/conversation-ai/agents/a1/actions/ac1", "", "", v20210415)

	if _, err := c.GetAction(ctx, "", "a1", "gone"); !IsNotFound(err) || IsRouteNotFound(err) {
		t.Fatalf("get gone: %v", err)
	}
	if err := c.DeleteAction(ctx, "", "a1", "gone"); !IsNotFound(err) {
		t.Fatalf("delete gone: %v", err)
	}
	_, err = c.UpdateAction(ctx, "", "a1", "bad", in)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || len(apiErr.Messages) != 2 ||
		!strings.Contains(err.Error(), "type cannot be changed; details.stopBotExamples must contain at least 2 elements") {
		t.Fatalf("422: %v", err)
	}

	n := len(f.all())
	for _, err := range []error{
		func() error { _, err := c.CreateAction(ctx, "", "", in); return err }(),
		func() error { _, err := c.GetAction(ctx, "", "a1", ""); return err }(),
		func() error { _, err := c.GetAction(ctx, "", "", "ac1"); return err }(),
		func() error { _, err := c.ListActions(ctx, "", " "); return err }(),
		func() error { _, err := c.UpdateAction(ctx, "", "a1", "", in); return err }(),
		c.DeleteAction(ctx, "", "a1", ""),
	} {
		if err == nil || !strings.Contains(err.Error(), "id is empty") {
			t.Errorf("empty id: %v", err)
		}
	}
	if len(f.all()) != n {
		t.Error("a request was sent with an empty id")
	}
}
