// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestUpdateFollowupSettings(t *testing.T) {
	t.Parallel()
	action := map[string]any{"id": "ac1", "name": "fu", "type": "advancedFollowup", "agentId": "a1",
		"details": map[string]any{"enabled": true, "followupSettings": map[string]any{"dynamicChannelSwitching": false, "workingHours": []any{}}}}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"PATCH /conversation-ai/agents/a1/followup-settings": reply(200, map[string]any{"success": true, "data": action}),
		"PATCH /conversation-ai/agents/a2/followup-settings": reply(200, map[string]any{"success": true}),
		"PATCH /conversation-ai/agents/a3/followup-settings": unprocessable("action ac9 is not an advancedFollowup action of agent a3"),
	})
	ctx := context.Background()
	s := FollowupSettings{DynamicChannelSwitching: ptr(false), WorkingHours: []WorkingDay{{DayOfTheWeek: 6, Intervals: []Interval{{StartHour: 8, EndHour: 12}}}}}
	a, err := c.UpdateFollowupSettings(ctx, "", "a1", []string{"ac1", "ac2"}, s)
	if err != nil || a == nil || a.ID != "ac1" || a.Details.FollowupSettings == nil || *a.Details.FollowupSettings.DynamicChannelSwitching {
		t.Fatalf("patch %+v %v", a, err)
	}
	checkCall(t, f.last(), "PATCH", "/conversation-ai/agents/a1/followup-settings", "",
		`{"actionIds":["ac1","ac2"],"followupSettings":{"dynamicChannelSwitching":false,"workingHours":[{"dayOfTheWeek":6,"intervals":[{"startHour":8,"startMinute":0,"endHour":12,"endMinute":0}]}]}}`,
		v20210415)

	// reset: the documented defaults
	if a, err = c.UpdateFollowupSettings(ctx, "", "a2", []string{"ac1"}, DefaultFollowupSettings()); err != nil || a != nil {
		t.Fatalf("answer without an action: %+v %v", a, err)
	}
	checkCall(t, f.last(), "PATCH", "/conversation-ai/agents/a2/followup-settings", "",
		`{"actionIds":["ac1"],"followupSettings":{"dynamicChannelSwitching":true,"followUpHours":false,"workingHours":[]}}`, v20210415)

	if _, err := c.UpdateFollowupSettings(ctx, "", "a3", []string{"ac9"}, DefaultFollowupSettings()); statusOf(err) != 422 || !strings.Contains(err.Error(), "not an advancedFollowup") {
		t.Fatalf("422: %v", err)
	}
	n := len(f.all())
	if _, err := c.UpdateFollowupSettings(ctx, "", "a1", nil, DefaultFollowupSettings()); err == nil || !strings.Contains(err.Error(), "at least one action id") {
		t.Errorf("no action ids: %v", err)
	}
	if _, err := c.UpdateFollowupSettings(ctx, "", "a1", []string{"ac1"}, FollowupSettings{}); err == nil || !strings.Contains(err.Error(), "dynamicChannelSwitching is required") {
		t.Errorf("no dynamicChannelSwitching: %v", err)
	}
	if _, err := c.UpdateFollowupSettings(ctx, "", "a1", []string{""}, DefaultFollowupSettings()); err == nil {
		t.Error("empty action id accepted")
	}
	if len(f.all()) != n {
		t.Error("invalid input was sent")
	}
}

func TestFollowupPatchIsRetried(t *testing.T) {
	t.Parallel()
	n := 0
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"PATCH /conversation-ai/agents/a1/followup-settings": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			n++
			if n == 1 {
				writeJSON(w, 503, map[string]any{"statusCode": 503, "message": "Service Unavailable"})
				return
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{"id": "ac1"}})
		},
	})
	if a, err := c.UpdateFollowupSettings(context.Background(), "", "a1", []string{"ac1"}, DefaultFollowupSettings()); err != nil || a.ID != "ac1" || n != 2 {
		t.Fatalf("%+v %v after %d requests", a, err, n)
	}
}
