// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// conversationSeed is the answer of the emulator's seeding route.
type conversationSeed struct {
	MessageCount  int `json:"messageCount"`
	Conversations []struct {
		ID         string   `json:"id"`
		MessageIDs []string `json:"messageIds"`
	} `json:"conversations"`
}

func seedConversations(t *testing.T, env *acctest.Env, body map[string]any) conversationSeed {
	t.Helper()
	body["locationId"] = env.LocationID
	var out conversationSeed
	env.Control(t, http.MethodPost, "/_emulator/seed/conversations", body, &out)
	return out
}

func newAgent(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	s := func(v string) *string { return &v }
	a, err := env.Client(t).CreateAgent(context.Background(), "", client.AgentInput{
		Name: name, Personality: s("Friendly"), Goal: s("Answer"), Instructions: s("Be brief"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// TestAccExamples_conversations reads seeded conversations with the highlevel_conversations and
// highlevel_conversation_messages examples.
func TestAccExamples_conversations(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	agent, other := newAgent(t, env, "Front desk"), newAgent(t, env, "Sales")
	// 25 January conversations of the agent, and 5 newer ones of another agent that the
	// filter examines first and skips.
	mine := seedConversations(t, env, map[string]any{"count": 25, "messagesPerConversation": 4, "agentIds": []string{agent}, "endDate": "2026-01-20T00:00:00Z"})
	seedConversations(t, env, map[string]any{"count": 5, "messagesPerConversation": 4, "agentIds": []string{other}, "endDate": "2026-01-25T00:00:00Z"})

	w := newWorkspace(t, env, "TF_VAR_agent_id="+agent, "TF_VAR_conversation_id="+mine.Conversations[0].ID)
	dir := w.copyExample("data-sources/highlevel_conversations", nil)
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	out := w.outputs(dir)
	if contacts, _ := out["contacts"].([]any); len(contacts) != 20 || contacts[0] != "Contact 0001" {
		t.Fatalf("contacts = %v, want the agent's 20 newest, Contact 0001 first", out["contacts"])
	}
	if out["more_exist"] != true {
		t.Fatalf("more_exist = %v, want true (25 conversations match)", out["more_exist"])
	}

	dir = w.copyExample("data-sources/highlevel_conversation_messages", nil)
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	transcript, _ := w.outputs(dir)["transcript"].([]any)
	if len(transcript) != 4 || transcript[0] != "Contact: Hello, this is contact 0001 with question 1." ||
		!strings.HasPrefix(transcript[1].(string), "Business: Thanks for your question 1!") {
		t.Fatalf("transcript = %v", transcript)
	}
}

// TestAccExamples_aiGenerationCheck runs the go-live check of the highlevel_ai_generation
// example: it passes while the agent's latest answer used a knowledge source, fails the plan
// when a newer answer used none, and only warns with require_knowledge = false.
func TestAccExamples_aiGenerationCheck(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	agent := newAgent(t, env, "Front desk")
	conversation := func(date, answer string, faqs []any) map[string]any {
		return map[string]any{"messages": []map[string]any{
			{"body": "When are you open?", "dateAdded": date + "T10:00:00Z"},
			{"body": answer, "direction": "outbound", "dateAdded": date + "T10:00:05Z",
				"generation": map[string]any{"agentId": agent, "faqs": faqs}},
		}}
	}
	seedConversations(t, env, map[string]any{"conversations": []any{
		conversation("2026-01-01", "Nine to five.", []any{map[string]any{"question": "Hours?", "answer": "9 to 5"}}),
	}})
	w := newWorkspace(t, env, "TF_VAR_agent_id="+agent)
	dir := w.copyExample("data-sources/highlevel_ai_generation", nil)
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	out := w.outputs(dir)
	if out["latest_answer"] != "Nine to five." {
		t.Fatalf("latest_answer = %v", out["latest_answer"])
	}
	if faqs, _ := out["latest_faqs_used"].([]any); len(faqs) != 1 || faqs[0].(map[string]any)["answer"] != "9 to 5" {
		t.Fatalf("latest_faqs_used = %v", out["latest_faqs_used"])
	}

	// A newer answer made up without any knowledge source.
	seedConversations(t, env, map[string]any{"conversations": []any{
		conversation("2026-01-02", "We never close!", nil),
	}})
	plan := w.run(dir, 1, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan, "used no knowledge source: check the agent's knowledge") {
		t.Fatalf("the postcondition did not fail the plan:\n%s", plan)
	}
	plan = w.run(dir, 0, "plan", "-input=false", "-no-color", "-var", "require_knowledge=false")
	if !strings.Contains(plan, "Check block assertion failed") || !strings.Contains(plan, "used no knowledge source") {
		t.Fatalf("the check block did not warn:\n%s", plan)
	}
}

// TestAccExamples_auditExport runs examples/audit-export/audit-export.sh as the recipe says,
// twice: the second run finds the export complete.
func TestAccExamples_auditExport(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	agent := newAgent(t, env, "Front desk")
	seedConversations(t, env, map[string]any{"count": 20, "messagesPerConversation": 4, "agentIds": []string{agent}, "endDate": "2026-01-20T00:00:00Z"})
	seedConversations(t, env, map[string]any{"count": 3, "messagesPerConversation": 2, "messageTypes": []string{"TYPE_EMAIL"}, "endDate": "2026-01-21T00:00:00Z"})
	seedConversations(t, env, map[string]any{"count": 2, "messagesPerConversation": 2, "endDate": "2026-02-05T00:00:00Z"}) // out of range
	w := newWorkspace(t, env)

	bin := filepath.Join(t.TempDir(), "highlevel-export")
	build := exec.Command("go", "build", "-o", bin, "./cmd/highlevel-export")
	build.Dir = repoRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build highlevel-export: %v\n%s", err, out)
	}
	dir := t.TempDir()
	script := filepath.Join(repoRoot(), "examples", "audit-export", "audit-export.sh")
	run := func() string {
		cmd := exec.Command(script, "2026-01-01T00:00:00Z", "2026-01-31T23:59:59.999Z", "audit")
		cmd.Dir = dir
		cmd.Env = append(w.env, "HIGHLEVEL_EXPORT="+bin, "CI=true")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("audit-export.sh: %v\n%s", err, out)
		}
		return string(out)
	}
	first := run()
	file := filepath.Join(dir, "audit", env.LocationID+"_2026-01-01_2026-01-31.jsonl")
	if !strings.Contains(first, "audit export: audit/"+filepath.Base(file)+" (86 messages)") {
		t.Fatalf("first run:\n%s", first)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	generations, emails := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			MessageType string
			Generation  *struct{ AgentID string }
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if m.Generation != nil && m.Generation.AgentID == agent {
			generations++
		}
		if m.MessageType == "TYPE_EMAIL" {
			emails++
		}
	}
	if generations != 40 || emails != 6 {
		t.Fatalf("%d messages with the agent's generation (want 40), %d e-mails (want 6)", generations, emails)
	}
	if sum, err := os.ReadFile(file + ".sha256"); err != nil || !bytes.Contains(sum, []byte(filepath.Base(file))) {
		t.Fatalf("checksum file: %v %s", err, sum)
	}
	if second := run(); !strings.Contains(second, "already complete: 86 messages") {
		t.Fatalf("second run:\n%s", second)
	}
}
