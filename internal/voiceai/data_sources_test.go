// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestAccVoiceAI_dataSources reads agents by id and by name, lists them, and reads seeded call
// logs with filters and one by id. The agents and the action are made through the API before
// the run (the call logs, seeded from them, need them first), so that the data sources are read
// in a single step.
func TestAccVoiceAI_dataSources(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	ctx := context.Background()
	c := env.Client(t)
	desk, err := c.CreateVoiceAgent(ctx, env.LocationID, client.VoiceAgentInput{
		AgentName: ptr("Front desk"), Language: ptr("es"), InboundNumber: ptr("+15550001111"),
	})
	if err != nil {
		t.Fatal(err)
	}
	night, err := c.CreateVoiceAgent(ctx, env.LocationID, client.VoiceAgentInput{AgentName: ptr("Night line")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateVoiceAction(ctx, env.LocationID, client.VoiceActionInput{
		AgentID: desk.ID, ActionType: "SMS", Name: "Text the address",
		ActionParameters: client.VoiceActionParameters{
			TriggerPrompt: ptr("The caller asks for the address"), TriggerMessage: ptr("I'm texting it to you."), MessageBody: ptr("1 Main Street"),
		},
	}); err != nil {
		t.Fatal(err)
	}
	env.Control(t, http.MethodPost, "/_emulator/seed/voice-call-logs",
		map[string]any{"locationId": env.LocationID, "count": 60, "agentIds": []string{desk.ID, night.ID}}, nil)
	now := time.Now().UTC()
	dataSources := fmt.Sprintf(`
data "highlevel_voice_agent" "by_id" {
  id = %q
}

data "highlevel_voice_agent" "by_name" {
  name = "Night line"
}

data "highlevel_voice_agents" "all" {}

data "highlevel_voice_call_logs" "all" {}

data "highlevel_voice_call_logs" "desk_sms_trials" {
  agent_id     = %q
  call_type    = "TRIAL"
  action_types = ["SMS"]
  start_date   = %q
  end_date     = %q
  sort_by      = "duration"
  sort         = "ascend"
}

data "highlevel_voice_call_log" "first" {
  id = data.highlevel_voice_call_logs.all.call_logs[0].id
}
`, desk.ID, desk.ID, now.Add(-24*time.Hour).Format(time.RFC3339), now.Add(time.Hour).Format(time.RFC3339))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(dataSources),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Front desk")),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.by_id", tfjsonpath.New("inbound_number"), knownvalue.StringExact("+15550001111")),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.by_id", tfjsonpath.New("actions"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"action_type": knownvalue.StringExact("SMS"), "name": knownvalue.StringExact("Text the address")}),
					})),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.by_name", tfjsonpath.New("id"), knownvalue.StringExact(night.ID)),
					statecheck.ExpectKnownValue("data.highlevel_voice_agent.by_name", tfjsonpath.New("language"), knownvalue.StringExact("en-US")),
					statecheck.ExpectKnownValue("data.highlevel_voice_agents.all", tfjsonpath.New("agents"), knownvalue.ListSizeExact(2)),
					// 60 calls in two pages of 50: the list is complete.
					statecheck.ExpectKnownValue("data.highlevel_voice_call_logs.all", tfjsonpath.New("call_logs"), knownvalue.ListSizeExact(60)),
					// Calls 4, 14, 24, … are trials; the even ones belong to the desk agent, which has the SMS action.
					statecheck.ExpectKnownValue("data.highlevel_voice_call_logs.desk_sms_trials", tfjsonpath.New("call_logs"), knownvalue.ListSizeExact(6)),
					statecheck.ExpectKnownValue("data.highlevel_voice_call_logs.desk_sms_trials", tfjsonpath.New("call_logs").AtSliceIndex(0).AtMapKey("duration"), knownvalue.Float64Exact(34)),
					statecheck.ExpectKnownValue("data.highlevel_voice_call_log.first", tfjsonpath.New("contact_id"), knownvalue.StringExact("contact0000")),
					statecheck.ExpectKnownValue("data.highlevel_voice_call_log.first", tfjsonpath.New("extracted_data"), knownvalue.StringExact(`{"email":"caller0@example.com"}`)),
					statecheck.ExpectKnownValue("data.highlevel_voice_call_log.first", tfjsonpath.New("executed_actions").AtSliceIndex(0).AtMapKey("action_type"), knownvalue.StringExact("SMS")),
				},
			},
		},
	})
}
