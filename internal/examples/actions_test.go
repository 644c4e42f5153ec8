// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestAccExamples_agentAction applies the highlevel_agent_action example (one action of every
// type), reads it back with the highlevel_agent_actions data-source example, and exercises both
// import examples: each import is followed by an empty plan.
func TestAccExamples_agentAction(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)

	// Seven actions and two agents in one apply, at an explicit -parallelism=10 (the CLI's
	// default): the provider serialises the writes to the agent's actions.
	res := w.copyExample("resources/highlevel_agent_action", nil)
	w.run(res, 0, "apply", "-auto-approve", "-parallelism=10", "-input=false", "-no-color")
	w.run(res, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	agentID := w.stateID(res, "highlevel_agent.front_desk")
	bookID := w.stateID(res, "highlevel_agent_action.book")

	ds := w.copyExample("data-sources/highlevel_agent_actions", nil)
	w.run(ds, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	outs := w.outputs(ds)
	if names, _ := outs["action_names"].(map[string]any); len(names) != 7 || names[bookID] != "appointmentBooking: Book a cleaning" {
		t.Fatalf("action_names = %v, want the 7 actions of the example", outs["action_names"])
	}
	if cals, _ := outs["booking_calendars"].([]any); len(cals) != 1 || cals[0] != "sV3BiXrjzbfo1tSUdyHO" {
		t.Fatalf("booking_calendars = %v", outs["booking_calendars"])
	}

	// import.sh: forget the action, import it by each documented ID, and plan: nothing to do.
	placeholders := strings.NewReplacer("<location_id>", w.location, "<agent_id>", agentID, "<action_id>", bookID)
	for _, args := range importCommands(t, "resources/highlevel_agent_action/import.sh", placeholders) {
		w.forget(res, "highlevel_agent_action.book")
		w.run(res, 0, append([]string{"import", "-input=false", "-no-color"}, args...)...)
		w.run(res, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	}

	// import-by-string-id.tf with the real IDs: the plan imports and changes nothing.
	block := strings.NewReplacer("tDtDnQdgm2LXpyiqYvZ6", agentID, "Xk3pQ9rTz8Lm2NbVc4Ws", bookID).
		Replace(readExample(t, "resources/highlevel_agent_action/import-by-string-id.tf"))
	w.forget(res, "highlevel_agent_action.book")
	writeFile(t, filepath.Join(res, "import.tf"), block)
	plan := w.run(res, 0, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("import block plan is not a pure import:\n%s", plan)
	}
	w.run(res, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := os.Remove(filepath.Join(res, "import.tf")); err != nil {
		t.Fatal(err)
	}
	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_followupSettings applies the highlevel_agent_followup_settings example,
// imports it as documented, and checks through the API that destroying it resets the settings.
func TestAccExamples_followupSettings(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)
	dir := w.copyExample("resources/highlevel_agent_followup_settings", nil)
	w.applyAndExpectEmptyPlan(dir)
	agentID := w.stateID(dir, "highlevel_agent.front_desk")
	ids := []string{w.stateID(dir, "highlevel_agent_action.silent"), w.stateID(dir, "highlevel_agent_action.busy")}

	c := env.Client(t)
	ctx := context.Background()
	for _, id := range ids {
		a, err := c.GetAction(ctx, env.LocationID, agentID, id)
		if err != nil {
			t.Fatal(err)
		}
		if s := a.Details.FollowupSettings; s == nil || len(s.WorkingHours) != 5 || s.TimezoneToUse == nil || *s.TimezoneToUse != "business" {
			t.Fatalf("action %s settings %+v, want the example's office hours", id, s)
		}
	}

	placeholders := strings.NewReplacer("<location_id>", w.location, "<agent_id>", agentID, "<action_id>,<action_id>", strings.Join(ids, ","))
	for _, args := range importCommands(t, "resources/highlevel_agent_followup_settings/import.sh", placeholders) {
		w.forget(dir, "highlevel_agent_followup_settings.office_hours")
		w.run(dir, 0, append([]string{"import", "-input=false", "-no-color"}, args...)...)
		w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	}

	// Destroying the settings alone resets both actions to the documented defaults.
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color", "-target=highlevel_agent_followup_settings.office_hours")
	for _, id := range ids {
		a, err := c.GetAction(ctx, env.LocationID, agentID, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := isDefaultSettings(a.Details.FollowupSettings); err != nil {
			t.Fatalf("action %s after destroy: %v", id, err)
		}
	}
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// importCommands returns the arguments after `terraform import` of each command in an
// import.sh example, with its placeholders replaced.
func importCommands(t *testing.T, rel string, placeholders *strings.Replacer) [][]string {
	t.Helper()
	var out [][]string
	for _, line := range strings.Split(readExample(t, rel), "\n") {
		if !strings.HasPrefix(line, "terraform import ") {
			continue
		}
		args := strings.Fields(line)[2:]
		args[len(args)-1] = placeholders.Replace(args[len(args)-1])
		out = append(out, args)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no terraform import command", rel)
	}
	return out
}

func isDefaultSettings(s *client.FollowupSettings) error {
	if s == nil {
		return fmt.Errorf("no settings")
	}
	if s.DynamicChannelSwitching == nil || !*s.DynamicChannelSwitching || s.FollowUpHours == nil || *s.FollowUpHours || len(s.WorkingHours) != 0 {
		return fmt.Errorf("settings %+v, want {dynamicChannelSwitching:true, followUpHours:false, workingHours:[]}", s)
	}
	return nil
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}
