// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestAgentInputMarshal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   AgentInput
		want string
	}{
		{
			name: "only name: nil means omitted (keep)",
			in:   AgentInput{Name: "Bot"},
			want: `{"name":"Bot"}`,
		},
		{
			name: "cleared values are sent as empty string and empty list",
			in:   AgentInput{Name: "Bot", BusinessName: ptr(""), Channels: []string{}, KnowledgeBaseIDs: []string{}},
			want: `{"name":"Bot","businessName":"","channels":[],"knowledgeBaseIds":[]}`,
		},
		{
			name: "zero values are sent",
			in:   AgentInput{Name: "Bot", WaitTime: ptr(int64(0)), IsPrimary: ptr(false), RespondToImages: ptr(false)},
			want: `{"name":"Bot","isPrimary":false,"waitTime":0,"respondToImages":false}`,
		},
		{
			name: "sleep disabled: sleepTime and unit absent even when set",
			in:   AgentInput{Name: "Bot", SleepEnabled: ptr(false), SleepTime: ptr(int64(2)), SleepTimeUnit: ptr("hours"), SleepIndefinitely: true},
			want: `{"name":"Bot","sleepEnabled":false}`,
		},
		{
			name: "sleep enabled with a value",
			in:   AgentInput{Name: "Bot", SleepEnabled: ptr(true), SleepTime: ptr(int64(2)), SleepTimeUnit: ptr("hours")},
			want: `{"name":"Bot","sleepEnabled":true,"sleepTime":2,"sleepTimeUnit":"hours"}`,
		},
		{
			name: "sleep enabled indefinitely: explicit nulls",
			in:   AgentInput{Name: "Bot", SleepEnabled: ptr(true), SleepTime: ptr(int64(2)), SleepIndefinitely: true},
			want: `{"name":"Bot","sleepEnabled":true,"sleepTime":null,"sleepTimeUnit":null}`,
		},
		{
			name: "sleep unspecified: sleep fields absent",
			in:   AgentInput{Name: "Bot", SleepTime: ptr(int64(2)), SleepTimeUnit: ptr("hours")},
			want: `{"name":"Bot"}`,
		},
		{
			name: "full object",
			in: AgentInput{
				Name: "Bot", BusinessName: ptr("Acme"), Mode: ptr("auto-pilot"), Channels: []string{"SMS", "WebChat"},
				IsPrimary: ptr(true), WaitTime: ptr(int64(30)), WaitTimeUnit: ptr("seconds"), SleepEnabled: ptr(false),
				Personality: ptr("p"), Goal: ptr("g"), Instructions: ptr("i"), AutoPilotMaxMessages: ptr(int64(75)),
				KnowledgeBaseIDs: []string{"kb1"}, RespondToImages: ptr(true), RespondToAudio: ptr(false),
				SleepOnManualMessage: ptr(true), SleepOnWorkflowMessage: ptr(false),
			},
			want: `{"name":"Bot","businessName":"Acme","mode":"auto-pilot","channels":["SMS","WebChat"],"isPrimary":true,` +
				`"waitTime":30,"waitTimeUnit":"seconds","sleepEnabled":false,"personality":"p","goal":"g","instructions":"i",` +
				`"autoPilotMaxMessages":75,"knowledgeBaseIds":["kb1"],"respondToImages":true,"respondToAudio":false,` +
				`"sleepOnManualMessage":true,"sleepOnWorkflowMessage":false}`,
		},
		{
			name: "escaping",
			in:   AgentInput{Name: `Bot "1" <x>`, Instructions: ptr("line1\nline2")},
			want: `{"name":"Bot \"1\" \u003cx\u003e","instructions":"line1\nline2"}`,
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
			// also as a pointer, and as the request body
			got2, _ := json.Marshal(&tc.in)
			if string(got2) != tc.want {
				t.Fatalf("pointer marshal differs: %s", got2)
			}
		})
	}
}

func TestAgentDecodeKeepsNullDistinctFromZero(t *testing.T) {
	t.Parallel()
	body := `{"id":"a1","locationId":"loc1","name":"Bot","businessName":"","mode":"off","channels":[],"isPrimary":true,
		"waitTime":0,"waitTimeUnit":"seconds","sleepEnabled":true,"sleepTime":null,"sleepTimeUnit":null,
		"personality":"p","goal":"g","instructions":"i","autoPilotMaxMessages":75,"knowledgeBaseIds":["kb1"],
		"sleepOnManualMessage":false,"actions":[{"id":"ac1","type":"stopBot"}],"createdAt":"2025-08-02T19:47:57.243Z",
		"updatedAt":"2025-08-02T19:47:57.243Z","traceId":"x","unknownField":1}`
	var a Agent
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	switch {
	case a.BusinessName == nil || *a.BusinessName != "":
		t.Error("businessName \"\" lost")
	case a.Channels == nil || len(a.Channels) != 0:
		t.Error("channels [] lost")
	case a.WaitTime == nil || *a.WaitTime != 0:
		t.Error("waitTime 0 lost")
	case a.RespondToImages != nil || a.RespondToAudio != nil:
		t.Error("respondTo* not returned must stay nil")
	case a.SleepOnManualMessage == nil || *a.SleepOnManualMessage:
		t.Error("sleepOnManualMessage false lost")
	case a.SleepOnWorkflowMessage != nil:
		t.Error("absent sleepOnWorkflowMessage must be nil")
	case !a.SleepsIndefinitely():
		t.Error("sleepEnabled with null sleepTime is indefinite")
	case len(a.Actions) != 1 || a.Actions[0] != (AgentActionRef{ID: "ac1", Type: "stopBot"}):
		t.Errorf("actions %+v", a.Actions)
	}
	a2 := Agent{SleepEnabled: ptr(true), SleepTime: ptr(int64(3))}
	if a2.SleepsIndefinitely() || (&Agent{}).SleepsIndefinitely() {
		t.Error("SleepsIndefinitely")
	}
}

func TestAgentCRUD(t *testing.T) {
	t.Parallel()
	var cnt counter
	var bodies []string
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.hit(r)
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, r.Method+" "+r.URL.Path+" "+string(b))
		switch r.Method + " " + r.URL.Path {
		case "POST /conversation-ai/agents":
			writeJSON(w, 201, map[string]any{"id": "a1", "name": "Bot", "autoPilotMaxMessages": 75})
		case "GET /conversation-ai/agents/a1", "PUT /conversation-ai/agents/a1":
			writeJSON(w, 200, map[string]any{"id": "a1", "name": "Bot2", "autoPilotMaxMessages": 10})
		case "DELETE /conversation-ai/agents/a1":
			writeJSON(w, 200, map[string]any{"success": true, "id": "a1"})
		default:
			writeJSON(w, 404, map[string]any{"statusCode": 404, "message": "Agent not found", "error": "Not Found"})
		}
	}))
	ctx := context.Background()
	a, err := c.CreateAgent(ctx, "", AgentInput{Name: "Bot", Personality: ptr("p"), Goal: ptr("g"), Instructions: ptr("i")})
	if err != nil || a.ID != "a1" || *a.AutoPilotMaxMessages != 75 {
		t.Fatalf("create %+v %v", a, err)
	}
	if _, err := c.UpdateAgent(ctx, "", "a1", AgentInput{Name: "Bot2"}); err == nil || !strings.Contains(err.Error(), "autoPilotMaxMessages is required") {
		t.Fatalf("update without autoPilotMaxMessages: %v", err)
	}
	a, err = c.UpdateAgent(ctx, "", "a1", AgentInput{Name: "Bot2", AutoPilotMaxMessages: ptr(int64(10)), BusinessName: ptr("")})
	if err != nil || a.Name != "Bot2" {
		t.Fatalf("update %+v %v", a, err)
	}
	if a, err = c.GetAgent(ctx, "", "a1"); err != nil || a.Name != "Bot2" {
		t.Fatalf("get %+v %v", a, err)
	}
	if err := c.DeleteAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetAgent(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("get gone: %v", err)
	}
	if err := c.DeleteAgent(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("delete gone: %v", err)
	}
	if _, err := c.GetAgent(ctx, "", ""); err == nil {
		t.Fatal("empty id accepted")
	}
	want := `PUT /conversation-ai/agents/a1 {"name":"Bot2","businessName":"","autoPilotMaxMessages":10}`
	if bodies[1] != want {
		t.Fatalf("PUT body\n got %s\nwant %s", bodies[1], want)
	}
}

func TestListAgentsPaginates(t *testing.T) {
	t.Parallel()
	const total = 230
	var pages []string
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pages = append(pages, q.Encode())
		limit, _ := strconv.Atoi(q.Get("limit"))
		start := 0
		if sa := q.Get("startAfter"); sa != "" {
			if _, err := fmt.Sscanf(sa, "agent%03d", &start); err != nil {
				t.Errorf("startAfter %q: %v", sa, err)
			}
			start++
		}
		var agents []map[string]any
		for i := start; i < total && len(agents) < limit; i++ {
			agents = append(agents, map[string]any{
				"id": fmt.Sprintf("agent%03d", i), "name": fmt.Sprintf("Bot %d", i), "mode": "off", "channels": []string{"SMS"},
				"isPrimary": i == 0, "goal": map[string]any{"prompt": fmt.Sprintf("goal %d", i), "type": "custom", "actionId": nil},
				"createdAt": "2025-08-02T19:47:57.243Z",
			})
		}
		writeJSON(w, 200, map[string]any{"agents": agents, "totalCount": total, "count": len(agents)})
	}))
	got, err := c.ListAgents(context.Background(), "", "Sales BOT")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || got[0].ID != "agent000" || got[total-1].ID != "agent229" {
		t.Fatalf("got %d agents", len(got))
	}
	if got[5].Goal != "goal 5" || got[5].GoalType != "custom" || !got[0].IsPrimary || got[1].IsPrimary || got[3].Channels[0] != "SMS" {
		t.Fatalf("item %+v", got[5])
	}
	want := []string{
		"limit=100&query=sales+bot",
		"limit=100&query=sales+bot&startAfter=agent099",
		"limit=100&query=sales+bot&startAfter=agent199",
	}
	if strings.Join(pages, " | ") != strings.Join(want, " | ") {
		t.Fatalf("pages\n got %v\nwant %v", pages, want)
	}
}

func TestListAgentsExactMultipleOfPage(t *testing.T) {
	t.Parallel()
	calls := 0
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		var agents []map[string]any
		if r.URL.Query().Get("startAfter") == "" {
			for i := range 100 {
				agents = append(agents, map[string]any{"id": fmt.Sprintf("a%d", i), "name": "x", "goal": "string goal"})
			}
		}
		writeJSON(w, 200, map[string]any{"agents": agents})
	}))
	got, err := c.ListAgents(context.Background(), "", "")
	if err != nil || len(got) != 100 || calls != 2 || got[0].Goal != "string goal" {
		t.Fatalf("got %d, calls %d, err %v", len(got), calls, err)
	}
}

func TestListAgentsStopsOnRepeatedPage(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var agents []map[string]any
		for i := range 100 {
			agents = append(agents, map[string]any{"id": fmt.Sprintf("a%d", i), "name": "x"})
		}
		writeJSON(w, 200, map[string]any{"agents": agents}) // ignores startAfter
	}))
	if _, err := c.ListAgents(context.Background(), "", ""); err == nil || !strings.Contains(err.Error(), "repeated a page") {
		t.Fatalf("err %v", err)
	}
}

// goal as the object of EmployeeListItemDTO on GET (the emulator's agent_goal_object): Goal is
// its prompt; a string and null still work.
func TestAgentGoalObjectOrString(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"id":"a","name":"n","goal":{"prompt":"Book","type":"custom","actionId":null}}`: "Book",
		`{"id":"a","name":"n","goal":"Book"}`:                                            "Book",
		`{"id":"a","name":"n","goal":null}`:                                              "<nil>",
		`{"id":"a","name":"n"}`:                                                          "<nil>",
	} {
		var a Agent
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		got := "<nil>"
		if a.Goal != nil {
			got = *a.Goal
		}
		if got != want || a.ID != "a" || a.Name != "n" {
			t.Fatalf("%s: goal %q, agent %+v", body, got, a)
		}
	}
}
