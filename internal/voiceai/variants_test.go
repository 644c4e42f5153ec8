// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccVoiceAI_strictServer runs apply, refresh (empty plan) and the list data sources against
// the strictest reading of the spec: every shared switch on with pages capped at 7 items (the
// answer's pageSize says so), the optional agent members left out when empty, and the agent's
// actions keyed "_id" and selectedPaths answered as responsePathsToExtract, as in the OAS
// examples. Lists must still be complete: 15 agents are three pages of 7, 30 call logs five.
// It is one step: the call logs are seeded first (the emulator does not check their agent ids),
// and the data sources, which depend on the resources, are read after the apply.
func TestAccVoiceAI_strictServer(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 1, RateLimitBurst: -1})
	env.Control(t, http.MethodPut, "/_emulator/variants", map[string]any{"strict": true, "page_size_cap": 7}, nil)
	env.Control(t, http.MethodPut, "/_emulator/voice-ai", map[string]any{"omit_optional": true, "underscore_action_ids": true, "response_paths_to_extract": true}, nil)
	env.Control(t, http.MethodPost, "/_emulator/seed/voice-call-logs",
		map[string]any{"locationId": env.LocationID, "count": 30, "agentIds": []string{"agentOfTheCallLogs00"}}, nil)
	config := env.Config(`
resource "highlevel_voice_agent" "many" {
  count = 15
  name  = "Agent ${count.index}"
}

resource "highlevel_voice_agent_action" "lookup" {
  agent_id = highlevel_voice_agent.many[1].id
  name     = "Order lookup"
  custom_action = {
    trigger_prompt  = "The caller asks about an order"
    trigger_message = "One moment."
    url             = "https://api.example.com/orders"
    method          = "GET"
    selected_paths  = ["$.status", "$.eta"]
  }
}

resource "highlevel_voice_agent_action" "kb" {
  agent_id = highlevel_voice_agent.many[0].id
  name     = "Prices"
  knowledge_base = {
    trigger_prompt    = "The caller asks about prices"
    knowledge_base_id = "kb-prices"
  }
}
`)
	lists := `
data "highlevel_voice_agents" "all" {
  depends_on = [highlevel_voice_agent.many]
}

data "highlevel_voice_agent" "first" {
  name       = "Agent 0"
  depends_on = [highlevel_voice_agent_action.kb]
}

data "highlevel_voice_call_logs" "all" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config + lists,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_voice_agents.all", tfjsonpath.New("agents"), knownvalue.ListSizeExact(15)),
					statecheck.ExpectKnownValue("data.highlevel_voice_call_logs.all", tfjsonpath.New("call_logs"), knownvalue.ListSizeExact(30)),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.first", tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.first", tfjsonpath.New("inbound_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.first", tfjsonpath.New("working_hours"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
