// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// bindingConfig is an agent with an action and a knowledge base: one object of each family
// whose routes carry no locationId (agents, actions) or carry it (knowledge bases).
const bindingConfig = `
resource "highlevel_knowledge_base" "kb" {
  name = "binding"
}

resource "highlevel_agent" "a" {
  name               = "binding"
  personality        = "p"
  goal               = "g"
  instructions       = "i"
  knowledge_base_ids = [highlevel_knowledge_base.kb.id]
}

resource "highlevel_agent_action" "stop" {
  agent_id = highlevel_agent.a.id
  type     = "stopBot"
  name     = "stop"
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "the contact says goodbye"
    stop_bot_examples          = ["bye", "see you"]
    final_message              = "Goodbye!"
    reactivate_enabled         = false
  }
}
`

// writes counts the emulator's write requests (POST, PUT, PATCH, DELETE) on the API's object
// routes (token exchanges excluded).
func writes(counters map[string]int) int {
	n := 0
	for route, c := range counters {
		if !strings.HasPrefix(route, "GET ") && !strings.Contains(route, " /oauth/") {
			n += c
		}
	}
	return n
}

// TestAccLocationBinding_tokenOfAnotherLocation: a Private Integration Token of location B
// with location_id = A (a copy-paste slip). The plan fails, naming both settings; nothing is
// written in A or B, at plan or apply; a resource in B still works with the same provider.
//
// On the same emulator (one test case, so that no step is repeated), it also runs:
//   - first, what was TestAccLocationBinding_oauthNotInstalled: an agency OAuth app asked for a
//     location it is not installed on fails before anything is written;
//   - last, what was TestAccAgent_agencyOAuth: a provider that only has the agency OAuth token
//     manages agents in both client locations, then moves one agent to the other location (a
//     replacement), and destroy is checked in both locations.
func TestAccLocationBinding_tokenOfAnotherLocation(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	locA, locB := b.Locations[0], b.Locations[1]
	provider := fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  token       = %q
  location_id = %q
}
`, env.BaseURL, locB.Token, locA.ID)
	mismatch := regexp.MustCompile(`(?s)does not belong to location "` + locA.ID + `".*location_id.*HIGHLEVEL_TOKEN`)
	lists := func(l emulator.BootstrapLocation) (agents, kbs int) {
		c, err := client.New(client.Config{BaseURL: env.BaseURL, Token: l.Token, LocationID: l.ID})
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.ListAgents(t.Context(), l.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		k, err := c.ListKnowledgeBases(t.Context(), l.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		return len(a), len(k)
	}
	steps := []resource.TestStep{
		{
			Config: fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  location_id = "NotInstalledLoc00001"
  oauth {
    access_token = %q
    company_id   = %q
  }
}
`, b.BaseURL, b.AgencyToken, b.CompanyID) + bindingConfig,
			ExpectError: regexp.MustCompile(`(?i)NotInstalledLoc00001`),
		},
		{
			PreConfig: func() {
				if n := writes(env.Counters(t)); n != 0 {
					t.Errorf("OAuth app not installed on the location: %d writes reached the API, want 0", n)
				}
			},
			Config: provider + bindingConfig, ExpectError: mismatch, PlanOnly: true,
		},
		{Config: provider + bindingConfig, ExpectError: mismatch},
		{
			// A resource that names the token's own location works with the same provider.
			Config: provider + fmt.Sprintf(`
resource "highlevel_agent" "own" {
  location_id  = %q
  name         = "in B"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, locB.ID),
		},
	}
	// What the steps above wrote, checked before the agency OAuth steps write more: one agent,
	// in B; nothing in A.
	bindingWrites := func() {
		c := env.Counters(t)
		if n := c["POST /conversation-ai/agents"]; n != 1 {
			t.Errorf("%d agents created, want only the one in the token's location", n)
		}
		for _, route := range []string{"POST /knowledge-bases/{$}", "POST /knowledge-bases", "POST /conversation-ai/agents/{agentId}/actions"} {
			if c[route] != 0 {
				t.Errorf("%s: %d requests, want 0", route, c[route])
			}
		}
		if agents, kbs := lists(locA); agents != 0 || kbs != 0 {
			t.Errorf("location A holds %d agents and %d knowledge bases, want none", agents, kbs)
		}
		if agents, kbs := lists(locB); agents != 1 || kbs != 0 {
			t.Errorf("location B holds %d agents and %d knowledge bases, want the agent \"own\" only", agents, kbs)
		}
	}
	steps = append(steps, agencyOAuthSteps(b, bindingWrites)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, l := range b.Locations {
				if agents, kbs := lists(l); agents != 0 || kbs != 0 {
					return fmt.Errorf("location %s still holds %d agents and %d knowledge bases", l.ID, agents, kbs)
				}
			}
			return nil
		},
		Steps: steps,
	})
}
