// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestVoiceAgentRoutes(t *testing.T) {
	agent := map[string]any{"id": "a1", "locationId": "loc1", "agentName": "Desk", "language": "en-US",
		"inboundNumber": nil, "numberPoolId": nil, "maxCallDuration": 300,
		"actions": []any{map[string]any{"_id": "x1", "actionType": "SMS", "name": "Text", "actionParameters": map[string]any{"messageBody": "b"}}}}
	c, api := newFakeAPI(t, map[string]routeFunc{
		"POST /voice-ai/agents":      reply(201, agent),
		"GET /voice-ai/agents/a1":    reply(200, agent),
		"PATCH /voice-ai/agents/a1":  reply(200, agent),
		"DELETE /voice-ai/agents/a1": func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(204) },
		"DELETE /voice-ai/agents/a2": notFound("Agent"),
	})
	ctx := context.Background()
	name := "Desk"
	num := "+15550001111"
	a, err := c.CreateVoiceAgent(ctx, "", VoiceAgentInput{AgentName: &name, InboundNumber: &num, CallEndWorkflowIDs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "POST", "/voice-ai/agents", "",
		`{"agentName":"Desk","callEndWorkflowIds":[],"inboundNumber":"+15550001111","locationId":"loc1"}`, v20210415)
	if a.InboundNumber != nil || a.MaxCallDuration == nil || *a.MaxCallDuration != 300 {
		t.Errorf("decoded %+v", a)
	}
	g, err := c.GetVoiceAgent(ctx, "", "a1")
	if err != nil || len(g.Actions) != 1 || g.Actions[0].ID != "x1" {
		t.Fatalf("actions keyed _id: %+v %v", g, err)
	}
	checkCall(t, api.last(), "GET", "/voice-ai/agents/a1", "locationId=loc1", "", v20210415)

	// PATCH sends only what changed; a removed number is null (cleared).
	lang := "es"
	current := VoiceAgentInput{AgentName: &name, InboundNumber: &num, CallEndWorkflowIDs: []string{"w1"}}
	desired := VoiceAgentInput{AgentName: &name, Language: &lang, CallEndWorkflowIDs: []string{}}
	if _, err := c.PatchVoiceAgent(ctx, "", "a1", desired, current); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "PATCH", "/voice-ai/agents/a1", "locationId=loc1",
		`{"callEndWorkflowIds":[],"inboundNumber":null,"language":"es"}`, v20210415)

	if err := c.DeleteVoiceAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "DELETE", "/voice-ai/agents/a1", "locationId=loc1", "", v20210415)
	if err := c.DeleteVoiceAgent(ctx, "", "a2"); !IsNotFound(err) {
		t.Errorf("404 on delete: %v", err)
	}
}

func TestVoiceActionRoutesSendSecretsButNeverLogThem(t *testing.T) {
	action := map[string]any{"id": "x1", "actionType": "CUSTOM_ACTION", "name": "Lookup",
		"actionParameters": map[string]any{"triggerPrompt": "p", "responsePathsToExtract": []string{"$.a"},
			"apiDetails": map[string]any{"url": "https://x.example", "method": "GET"}}}
	c, api := newFakeAPI(t, map[string]routeFunc{
		"POST /voice-ai/actions":      reply(201, action),
		"PUT /voice-ai/actions/x1":    reply(200, action),
		"GET /voice-ai/actions/x1":    reply(200, action),
		"DELETE /voice-ai/actions/x1": func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(204) },
	})
	ctx := context.Background()
	secret := "sk-live-4f1e2d3c"
	yes := true
	in := VoiceActionInput{AgentID: "a1", ActionType: "CUSTOM_ACTION", Name: "Lookup", ActionParameters: VoiceActionParameters{
		TriggerPrompt: ptr("p"), TriggerMessage: ptr("m"), SelectedPaths: []string{"$.a"},
		APIDetails: &VoiceAPIDetails{URL: "https://x.example", Method: "GET", AuthenticationRequired: &yes, AuthenticationValue: &secret,
			Headers: []VoiceHeader{{Key: "X-Key", Value: "header-secret-9"}}},
	}}
	got, err := c.CreateVoiceAction(ctx, "", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ActionParameters.SelectedPaths) != 1 {
		t.Errorf("responsePathsToExtract not read as selectedPaths: %+v", got.ActionParameters)
	}
	checkCall(t, api.last(), "POST", "/voice-ai/actions", "",
		`{"agentId":"a1","locationId":"loc1","actionType":"CUSTOM_ACTION","name":"Lookup","actionParameters":{"triggerPrompt":"p","triggerMessage":"m",`+
			`"apiDetails":{"url":"https://x.example","method":"GET","authenticationRequired":true,"authenticationValue":"sk-live-4f1e2d3c",`+
			`"headers":[{"key":"X-Key","value":"header-secret-9"}]},"selectedPaths":["$.a"]}}`, v20210415)
	if _, err := c.UpdateVoiceAction(ctx, "", "x1", in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(api.last().Body, secret) {
		t.Errorf("PUT does not resend the secret: %s", api.last().Body)
	}
	if _, err := c.GetVoiceAction(ctx, "", "x1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "GET", "/voice-ai/actions/x1", "locationId=loc1", "", v20210415)
	if err := c.DeleteVoiceAction(ctx, "", "a1", "x1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "DELETE", "/voice-ai/actions/x1", "agentId=a1&locationId=loc1", "", v20210415)
	for _, s := range c.secrets.snapshot() {
		if s == secret || s == "header-secret-9" {
			secret = ""
		}
	}
	if secret != "" {
		t.Errorf("the authentication value is not registered for masking")
	}
}

// voicePager serves n items page by page with a server-side cap, optionally without total.
func voicePager(n, limit int, omitTotal bool, key string) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("pageSize"))
		size = min(size, limit)
		var items []map[string]any
		for i := (page - 1) * size; i < min(page*size, n); i++ {
			items = append(items, map[string]any{"id": fmt.Sprintf("id%03d", i), "agentId": "a"})
		}
		if items == nil {
			items = []map[string]any{}
		}
		body := map[string]any{"page": page, "pageSize": size, key: items}
		if !omitTotal {
			body["total"] = n
		}
		writeJSON(w, 200, body)
	}
}

func TestVoiceListsNeverCut(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		n, cap    int
		omitTotal bool
	}{{120, 50, false}, {120, 7, false}, {120, 7, true}, {100, 50, true}, {0, 50, false}} {
		c, api := newFakeAPI(t, map[string]routeFunc{
			"GET /voice-ai/agents":              voicePager(tc.n, tc.cap, tc.omitTotal, "agents"),
			"GET /voice-ai/dashboard/call-logs": voicePager(tc.n, tc.cap, tc.omitTotal, "callLogs"),
		})
		agents, err := c.ListVoiceAgents(ctx, "", "")
		if err != nil || len(agents) != tc.n {
			t.Errorf("%+v: %d agents, %v", tc, len(agents), err)
		}
		logs, err := c.ListVoiceCallLogs(ctx, "", VoiceCallLogFilter{AgentID: "a", Start: time.UnixMilli(1), End: time.UnixMilli(2)})
		if err != nil || len(logs) != tc.n {
			t.Errorf("%+v: %d logs, %v", tc, len(logs), err)
		}
		q := api.to("GET /voice-ai/dashboard/call-logs")[0].Query
		if q.Get("agentId") != "a" || q.Get("startDate") != "1" || q.Get("endDate") != "2" || q.Get("pageSize") != "50" {
			t.Errorf("call-log query %v", q)
		}
		if want := tc.n/min(tc.cap, 50) + 1; !tc.omitTotal && len(api.to("GET /voice-ai/agents")) > want {
			t.Errorf("%+v: %d calls, want at most %d", tc, len(api.to("GET /voice-ai/agents")), want)
		}
	}
	// A total that the pages never reach is an error, never a shorter list.
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"GET /voice-ai/agents": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			items := []map[string]any{}
			if page == 1 {
				for i := range 50 {
					items = append(items, map[string]any{"id": fmt.Sprint(i)})
				}
			}
			writeJSON(w, 200, map[string]any{"total": 80, "page": page, "pageSize": 50, "agents": items})
		},
	})
	if _, err := c.ListVoiceAgents(ctx, "", ""); err == nil || !strings.Contains(err.Error(), "refusing an incomplete list") {
		t.Errorf("short list accepted: %v", err)
	}
}

func TestVoiceSecretsRedactedInLoggedBodies(t *testing.T) {
	c, _ := newFakeAPI(t, nil)
	body := `{"actions":[{"actionParameters":{"apiDetails":{"authenticationValue":"av-1","headers":[{"key":"X-Key","value":"hv-2"}]}}}]}`
	got := c.redactBody("application/json", []byte(body))
	if strings.Contains(got, "av-1") || strings.Contains(got, "hv-2") || !strings.Contains(got, "X-Key") {
		t.Errorf("logged body %s", got)
	}
}
