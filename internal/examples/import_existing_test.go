// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// yamlFileAsJSON decodes a YAML file with the CLI's own yamldecode (in an empty directory, so
// that no provider is needed) and unmarshals it into out.
func yamlFileAsJSON(t *testing.T, w *workspace, file string, out any) {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in.yaml"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(w.cli, "console")
	cmd.Dir, cmd.Env = dir, w.env
	cmd.Stdin = strings.NewReader(`jsonencode(yamldecode(file("in.yaml")))` + "\n")
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("console: %v", err)
	}
	text, err := strconv.Unquote(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatalf("console output %q: %v", raw, err)
	}
	if err := json.Unmarshal([]byte(text), out); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func strp(s string) *string { return &s }

// agentNames lists the names of a location's agents, sorted.
func agentNames(t *testing.T, env *acctest.Env) []string {
	t.Helper()
	agents, err := env.Client(t).ListAgents(context.Background(), env.LocationID, "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range agents {
		names = append(names, a.Name)
	}
	sort.Strings(names)
	return names
}

// TestAccExamples_importExisting brings agents built out of band (through the public API, as
// the HighLevel UI would) under management, both ways examples/import-existing shows:
//   - main.tf: import blocks with for_each over data.highlevel_agents, matched by name to
//     agents.yaml, in one plan that imports every agent and changes nothing;
//   - generate/: import blocks rendered from the same data source, then
//     `plan -generate-config-out`.
//
// The plan after each import is empty; destroy removes the managed agents and only them.
func TestAccExamples_importExisting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)
	root := w.copyTree("import-existing")
	dir := filepath.Join(root, "import-existing")

	// Build the agents that agents.yaml describes, plus two it does not, by hand.
	var described map[string]struct {
		Name, Mode, Personality, Goal, Instructions string
		Channels                                    []string
	}
	yamlFileAsJSON(t, w, filepath.Join(dir, "agents.yaml"), &described)
	c := env.Client(t)
	seeded := map[string]string{}
	for key, a := range described {
		got, err := c.CreateAgent(ctx, env.LocationID, client.AgentInput{
			Name: a.Name, Mode: strp(a.Mode), Channels: a.Channels,
			Personality: strp(a.Personality), Goal: strp(a.Goal), Instructions: strp(a.Instructions),
		})
		if err != nil {
			t.Fatal(err)
		}
		seeded[key] = got.ID
	}
	for _, name := range []string{"Reviews", "Spanish line"} {
		if _, err := c.CreateAgent(ctx, env.LocationID, client.AgentInput{Name: name,
			Personality: strp("Friendly."), Goal: strp("Help."), Instructions: strp("Be brief.")}); err != nil {
			t.Fatal(err)
		}
	}

	// No init: the configuration has no module and no backend, and dev_overrides serve the
	// provider.
	plan := w.run(dir, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=import.tfplan")
	want := strconv.Itoa(len(described)) + " to import, 0 to add, 0 to change, 0 to destroy"
	if !strings.Contains(plan, want) {
		t.Fatalf("the import plan is not %q:\n%s", want, plan)
	}
	w.run(dir, 0, "apply", "-input=false", "-no-color", "import.tfplan")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	outs := w.outputs(dir)
	ids, _ := outs["managed_agent_ids"].(map[string]any)
	for key, id := range seeded {
		if ids[key] != id {
			t.Errorf("managed_agent_ids[%s] = %v, want the hand-built agent %s", key, ids[key], id)
		}
	}
	unmanaged, _ := outs["unmanaged_agents"].(map[string]any)
	if len(unmanaged) != 2 || unmanaged["Reviews"] == nil || unmanaged["Spanish line"] == nil {
		t.Errorf("unmanaged_agents = %v, want Reviews and Spanish line", unmanaged)
	}

	// generate/ on another location: names that repeat, and settings that differ from the
	// defaults, so that generated.tf must carry every attribute.
	env2 := env.NewLocation(t)
	w2 := newWorkspace(t, env2)
	c2 := env2.Client(t)
	for _, in := range []client.AgentInput{
		{Name: "Spanish line", Mode: strp("auto-pilot"), Channels: []string{"SMS", "WhatsApp"}, BusinessName: strp("Bright Smile"),
			SleepEnabled: func() *bool { b := true; return &b }(), SleepTime: func() *int64 { n := int64(2); return &n }(), SleepTimeUnit: strp("hours")},
		{Name: "Spanish line", SleepEnabled: func() *bool { b := true; return &b }(), SleepIndefinitely: true},
		{Name: "Reviews & ratings", WaitTime: func() *int64 { n := int64(3); return &n }(), WaitTimeUnit: strp("minutes")},
	} {
		in.Personality, in.Goal, in.Instructions = strp("Kind."), strp("Help."), strp("Be brief.")
		if _, err := c2.CreateAgent(ctx, env2.LocationID, in); err != nil {
			t.Fatal(err)
		}
	}
	gen := filepath.Join(root, "import-existing", "generate")
	w2.run(gen, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	blocks, _ := w2.outputs(gen)["import_blocks"].(string)
	if strings.Count(blocks, "import {") != 3 || !strings.Contains(blocks, "highlevel_agent.agent_reviews_ratings") {
		t.Fatalf("import_blocks:\n%s", blocks)
	}
	if err := os.WriteFile(filepath.Join(gen, "imports.tf"), []byte(blocks), 0o600); err != nil {
		t.Fatal(err)
	}
	plan = w2.run(gen, 0, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	if !strings.Contains(plan, "3 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("the generating plan is not a pure import:\n%s", plan)
	}
	generated, err := os.ReadFile(filepath.Join(gen, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`sleep_time_unit           = "hours"`, `sleep_indefinitely        = true`, `wait_time_unit            = "minutes"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	w2.run(gen, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	w2.run(gen, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// Destroy removes what each configuration manages, and nothing else.
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	if names := agentNames(t, env); strings.Join(names, ",") != "Reviews,Spanish line" {
		t.Fatalf("after destroy the location has %v, want the two unmanaged agents", names)
	}
	w2.run(gen, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	if names := agentNames(t, env2); len(names) != 0 {
		t.Fatalf("after destroy the second location has %v", names)
	}
}
