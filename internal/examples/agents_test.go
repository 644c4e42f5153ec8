// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// TestAccExamples_quickstart applies examples/quickstart as the README's quickstart does.
func TestAccExamples_quickstart(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))
	dir := w.copyExample("quickstart", nil)
	w.applyAndExpectEmptyPlan(dir)
	if id, _ := w.outputs(dir)["agent_id"].(string); id == "" {
		t.Fatal("quickstart output agent_id is empty")
	}
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_agent applies the highlevel_agent resource example, reads it back with both
// agent data-source examples, and exercises both import examples.
func TestAccExamples_agent(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))

	res := w.copyExample("resources/highlevel_agent", nil)
	w.applyAndExpectEmptyPlan(res)
	id := w.stateID(res, "highlevel_agent.front_desk")

	one := w.copyExample("data-sources/highlevel_agent", nil)
	w.run(one, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if mode := w.outputs(one)["front_desk_mode"]; mode != "auto-pilot" {
		t.Fatalf("front_desk_mode = %v, want auto-pilot", mode)
	}
	all := w.copyExample("data-sources/highlevel_agents", nil)
	w.run(all, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if names, _ := w.outputs(all)["sms_agent_names"].([]any); len(names) != 1 || names[0] != "Front desk" {
		t.Fatalf("sms_agent_names = %v, want [Front desk]", names)
	}

	// import.sh: `terraform import highlevel_agent.front_desk <agent_id>` into a fresh state.
	imported := w.copyExample("resources/highlevel_agent", nil)
	for _, line := range strings.Split(readExample(t, "resources/highlevel_agent/import.sh"), "\n") {
		if !strings.HasPrefix(line, "terraform import ") {
			continue
		}
		args := strings.Fields(line)[1:]
		args[len(args)-1] = strings.NewReplacer("<location_id>", w.location, "<agent_id>", id).Replace(args[len(args)-1])
		w.run(imported, 0, append([]string{"import", "-input=false", "-no-color"}, args[1:]...)...)
		w.run(imported, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		w.restoreState(imported, nil) // a fresh state for the next line
	}

	// import-by-string-id.tf with the real IDs: the plan imports and changes nothing.
	block := strings.NewReplacer("ve9EPM428h8vShlRW1KT", w.location, "tDtDnQdgm2LXpyiqYvZ6", id).
		Replace(readExample(t, "resources/highlevel_agent/import-by-string-id.tf"))
	byBlock := w.copyExample("resources/highlevel_agent", map[string]string{"import-by-string-id.tf": block})
	plan := w.run(byBlock, 0, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("import block plan is not a pure import:\n%s", plan)
	}

	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}
