// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccExamples_ciDriftCheck runs the drift-detection pipeline of examples/ci over its two
// client directories (agency OAuth, each with its own state): no drift exits 0; an agent whose
// goal a person changed in the UI exits 2 and names the client, the resource and the
// attribute; after an apply puts it back, 0 again.
func TestAccExamples_ciDriftCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	env.Control(t, http.MethodPut, "/_emulator/crawler", map[string]int{"step_delay_ms": 20}, nil)
	w := newWorkspace(t, env, agencyOAuthEnv(t, env)...)
	ci := filepath.Join(w.copyTree("ci", "modules/agency-client"), "ci")
	script := filepath.Join(ci, "drift-check.sh")
	clients := []string{"clients/bright-smile-dental/", "clients/harbor-law/"}
	for i, placeholder := range []string{"OX9YIMtCFIPzgNZpBdfd", "Zq81hTbV0sKc5LmW2nRd"} {
		file := filepath.Join(ci, clients[i], "main.tf")
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), placeholder) {
			t.Fatalf("%s lacks the location ID %s", file, placeholder)
		}
		if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(b), placeholder, env.Bootstrap.Locations[i].ID)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range clients {
		w.run(filepath.Join(ci, dir), 0, "init", "-input=false", "-no-color")
		w.run(filepath.Join(ci, dir), 0, "apply", "-auto-approve", "-input=false", "-no-color")
	}
	report := filepath.Join(t.TempDir(), "summary.md")
	w.env = append(w.env, "DRIFT_REPORT="+report, "DRIFT_OUT_DIR="+t.TempDir())

	out := w.script(ci, 0, script, clients...)
	for _, want := range []string{"ok      clients/bright-smile-dental: no drift", "ok      clients/harbor-law: no drift",
		"drift-check: 2 clients, 0 drifted, 0 failed"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the drift check without drift does not say %q:\n%s", want, out)
		}
	}

	// Someone rewrites Harbor Law's agent's goal in the HighLevel UI.
	harbor := filepath.Join(ci, clients[1])
	agentID, _ := w.outputs(harbor)["agent_id"].(string)
	loc := env.Bootstrap.Locations[1]
	c := locationClient(t, env, loc)
	a, err := c.GetAgent(ctx, loc.ID, agentID)
	if err != nil {
		t.Fatal(err)
	}
	in := inputOf(a)
	in.Goal = strp("Book consultations and quote our fees.")
	if _, err := c.UpdateAgent(ctx, loc.ID, agentID, in); err != nil {
		t.Fatal(err)
	}

	out = w.script(ci, 2, script, clients...)
	t.Logf("drift-check.sh output for a changed agent:\n%s", out)
	for _, want := range []string{
		"ok      clients/bright-smile-dental: no drift",
		"DRIFT   clients/harbor-law",
		"module.client.highlevel_agent.this",
		"update         goal",
		"changed outside Terraform: goal",
		"drift-check: 2 clients, 1 drifted, 0 failed",
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("the drift check does not say %q", want)
		}
	}
	if fullScopeToken.MatchString(out) {
		t.Fatal("a credential token appears in the drift check's output")
	}
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| `clients/harbor-law` | **drift** | `module.client.highlevel_agent.this` update: goal (changed outside Terraform: goal) |") {
		t.Fatalf("the Markdown report lacks the drifted agent:\n%s", md)
	}

	// The pipeline's remedy: apply the client's configuration again.
	w.run(harbor, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.script(ci, 0, script, clients...)

	// A client that cannot be planned fails the check (exit 1), whatever the others do.
	if err := os.WriteFile(filepath.Join(harbor, "broken.tf"), []byte("resource \"highlevel_agent\" \"x\" {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out = w.script(ci, 1, script, clients...); !strings.Contains(out, "FAILED  clients/harbor-law") {
		t.Fatalf("a broken client is not reported:\n%s", out)
	}
	os.Remove(filepath.Join(harbor, "broken.tf"))

	for _, dir := range clients {
		w.run(filepath.Join(ci, dir), 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	}
}

// inputOf is the update body that leaves an agent as it is (the API's PUT wants the whole
// object); a test changes one field of it to edit the agent as a person in the UI would.
func inputOf(a *client.Agent) client.AgentInput {
	return client.AgentInput{
		Name: a.Name, BusinessName: a.BusinessName, Mode: a.Mode, Channels: a.Channels, IsPrimary: a.IsPrimary,
		WaitTime: a.WaitTime, WaitTimeUnit: a.WaitTimeUnit, SleepEnabled: a.SleepEnabled, SleepTime: a.SleepTime,
		SleepTimeUnit: a.SleepTimeUnit, SleepIndefinitely: a.SleepsIndefinitely(), Personality: a.Personality,
		Goal: a.Goal, Instructions: a.Instructions, AutoPilotMaxMessages: a.AutoPilotMaxMessages,
		KnowledgeBaseIDs: a.KnowledgeBaseIDs, RespondToImages: a.RespondToImages, RespondToAudio: a.RespondToAudio,
		SleepOnManualMessage: a.SleepOnManualMessage, SleepOnWorkflowMessage: a.SleepOnWorkflowMessage,
	}
}
