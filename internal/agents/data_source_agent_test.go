// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

const twoAgents = `
resource "highlevel_agent" "sales" {
  name         = "Sales Bot"
  mode         = "auto-pilot"
  channels     = ["SMS", "IG"]
  personality  = "Upbeat"
  goal         = "Qualify leads"
  instructions = "Ask for a budget"
}

resource "highlevel_agent" "support" {
  name         = "Support Bot"
  channels     = ["WebChat"]
  personality  = "Patient"
  goal         = "Solve issues"
  instructions = "Escalate refunds"
}
`

// twins are two agents of the same name.
const twins = `
resource "highlevel_agent" "twin" {
  count        = 2
  name         = "Twin"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`

// TestAccAgentDataSource covers both agent data sources in one test case (their conflicting
// arguments are rejected at plan time in TestAccAgent_badInput): look-ups by id and by name,
// and every filter of highlevel_agents, in one apply (with two more agents of the same name,
// "Twin"); and the two look-up errors (no agent of that name, two agents of that name) in one
// plan, each matched against the data source it is about.
func TestAccAgentDataSource(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	errorCheck, rejected := acctest.ExpectBadBlocks(t, map[string]string{
		`data "highlevel_agent" "missing"`: `no agent of location \S+ is named "Nobody"`,
		`data "highlevel_agent" "twin"`:    `2 agents of location \S+ are named "Twin"`,
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck:               errorCheck,
		Steps: []resource.TestStep{
			{
				Config: env.Config(twoAgents + twins + `
data "highlevel_agent" "by_id" {
  id = highlevel_agent.sales.id
}

data "highlevel_agent" "by_name" {
  name       = "Support Bot"
  depends_on = [highlevel_agent.support, highlevel_agent.sales]
}

data "highlevel_agents" "all" {
  depends_on = [highlevel_agent.support, highlevel_agent.sales]
}

data "highlevel_agents" "bots_named_sales" {
  name_contains = "SALES"
  depends_on    = [highlevel_agent.support, highlevel_agent.sales]
}

data "highlevel_agents" "webchat" {
  channel    = "WebChat"
  depends_on = [highlevel_agent.support, highlevel_agent.sales]
}

data "highlevel_agents" "autopilot" {
  mode       = "auto-pilot"
  depends_on = [highlevel_agent.support, highlevel_agent.sales]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_agent.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Sales Bot")),
					statecheck.ExpectKnownValue("data.highlevel_agent.by_id", tfjsonpath.New("personality"), knownvalue.StringExact("Upbeat")),
					statecheck.ExpectKnownValue("data.highlevel_agent.by_id", tfjsonpath.New("mode"), knownvalue.StringExact("auto-pilot")),
					statecheck.ExpectKnownValue("data.highlevel_agent.by_id", tfjsonpath.New("actions"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.highlevel_agent.by_name", tfjsonpath.New("instructions"), knownvalue.StringExact("Escalate refunds")),
					statecheck.ExpectKnownValue("data.highlevel_agent.by_name", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("data.highlevel_agents.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue("data.highlevel_agents.bots_named_sales", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Sales Bot")),
					statecheck.ExpectKnownValue("data.highlevel_agents.bots_named_sales", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_agents.webchat", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Support Bot")),
					statecheck.ExpectKnownValue("data.highlevel_agents.autopilot", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("goal"), knownvalue.StringExact("Qualify leads")),
					statecheck.ExpectKnownValue("data.highlevel_agents.autopilot", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				},
				Check: resource.TestCheckResourceAttrPair("data.highlevel_agent.by_name", "id", "highlevel_agent.support", "id"),
			},
			{
				// Both errors at once (see acctest.ExpectBadBlocks), at plan time: the agents exist by now.
				Config: env.Config(twoAgents + twins + `
data "highlevel_agent" "missing" {
  name = "Nobody"
}

data "highlevel_agent" "twin" {
  name = "Twin"
}
`),
				PlanOnly: true,
			},
		},
	})
	rejected()
}
