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

// TestAccExamples_agencyClientVoiceAgent calls the agency-client module with a voice agent: the
// agent answers the client's number in working hours, answers from the client's knowledge base
// (shared with the text agent) and transfers to the team; the plan after apply is empty.
func TestAccExamples_agencyClientVoiceAgent(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)
	root := w.copyTree("modules/agency-client", "agency/faqs")
	dir := filepath.Join(root, "voice")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	main := fmt.Sprintf(`
module "client" {
  source      = "../modules/agency-client"
  location_id = %q
  client_name = "Bright Smile Dental"
  agent       = { personality = "Kind.", goal = "Help.", instructions = "None." }
  faqs_file   = "${path.root}/../agency/faqs/dental.yaml"

  voice_agent = {
    inbound_number  = "+15550001234"
    transfer_number = "+15550009876"
    notify_emails   = ["frontdesk@brightsmile.example"]
    timezone        = "America/Chicago"
    working_hours   = { friday = ["08:00-12:00"], monday = ["08:00-12:00", "13:00-17:30"] }
  }
}

# The expression examples/agency uses for a clients.yaml entry with a phone_line.
locals {
  entry = yamldecode(<<-YAML
    name: Harbor View Dentistry
    phone_line:
      number: "+15550100002"
      hours:
        tuesday: ["09:00-17:00"]
  YAML
  )
}

module "from_yaml" {
  source      = "../modules/agency-client"
  location_id = %q
  client_name = local.entry.name
  agent       = { personality = "Kind.", goal = "Help.", instructions = "None." }
  faqs_file   = "${path.root}/../agency/faqs/dental.yaml"

  voice_agent = can(local.entry.phone_line) ? {
    inbound_number  = local.entry.phone_line.number
    transfer_number = try(local.entry.phone_line.transfer_to, null)
    timezone        = try(local.entry.phone_line.timezone, null)
    working_hours   = try(local.entry.phone_line.hours, {})
  } : null
}

output "voice_agent_id" {
  value = module.client.voice_agent_id
}

output "knowledge_base_id" {
  value = module.client.knowledge_base_id
}
`, env.LocationID, env.LocationID)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	w.run(dir, 0, "init", "-input=false", "-no-color")
	w.applyAndExpectEmptyPlan(dir)
	outs := w.outputs(dir)
	id, _ := outs["voice_agent_id"].(string)
	a, err := env.Client(t).GetVoiceAgent(context.Background(), env.LocationID, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.AgentWorkingHours) != 2 || a.AgentWorkingHours[0].DayOfTheWeek != 1 || a.AgentWorkingHours[1].DayOfTheWeek != 5 ||
		a.AgentWorkingHours[0].Intervals[1].EndMinute != 30 {
		t.Errorf("working hours %+v", a.AgentWorkingHours)
	}
	if len(a.Actions) != 2 {
		t.Fatalf("voice agent has %d actions, want the knowledge-base answer and the transfer", len(a.Actions))
	}
	for _, act := range a.Actions {
		if act.ActionType == "KNOWLEDGE_BASE" && (act.ActionParameters.KnowledgeBaseID == nil || *act.ActionParameters.KnowledgeBaseID != outs["knowledge_base_id"]) {
			t.Errorf("the voice agent does not answer from the client's knowledge base: %+v", act.ActionParameters)
		}
	}
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_importExistingVoiceAgents builds the voice agents that
// import-existing/voice/voice_agents.yaml describes by hand, plus one it does not: the plan
// imports both described agents and creates nothing, and the plan after the apply is empty.
func TestAccExamples_importExistingVoiceAgents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)
	root := w.copyTree("import-existing/voice")
	dir := filepath.Join(root, "import-existing", "voice")
	c := env.Client(t)
	medium, six := "medium", int64(600)
	welcome := "Thanks for calling Bright Smile Dental. We're closed; I can take a message or book a visit."
	for _, in := range []client.VoiceAgentInput{
		{AgentName: strp("Phone desk"), InboundNumber: strp("+15550001234"), PatienceLevel: &medium},
		{AgentName: strp("After hours line"), WelcomeMessage: &welcome, MaxCallDuration: &six},
		{AgentName: strp("Spanish line")},
	} {
		if _, err := c.CreateVoiceAgent(ctx, env.LocationID, in); err != nil {
			t.Fatal(err)
		}
	}
	// No init: no module, no backend; dev_overrides serve the provider.
	plan := w.run(dir, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=import.tfplan")
	if !strings.Contains(plan, "2 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("the import plan is not a pure import of 2 voice agents:\n%s", plan)
	}
	w.run(dir, 0, "apply", "-input=false", "-no-color", "import.tfplan")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if un, _ := w.outputs(dir)["unmanaged_voice_agents"].(map[string]any); len(un) != 1 || un["Spanish line"] == nil {
		t.Fatalf("unmanaged_voice_agents = %v, want the Spanish line", un)
	}
}
