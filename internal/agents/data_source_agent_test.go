// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"regexp"
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

func TestAccAgentDataSource(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
data "highlevel_agent" "both" {
  id   = "x"
  name = "y"
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				Config: env.Config(twoAgents + `
data "highlevel_agent" "by_id" {
  id = highlevel_agent.sales.id
}

data "highlevel_agent" "by_name" {
  name       = "Support Bot"
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
				},
				Check: resource.TestCheckResourceAttrPair("data.highlevel_agent.by_name", "id", "highlevel_agent.support", "id"),
			},
			{
				Config: env.Config(twoAgents + `
data "highlevel_agent" "missing" {
  name       = "Nobody"
  depends_on = [highlevel_agent.support]
}
`),
				ExpectError: regexp.MustCompile(`no agent of location \S+ is named "Nobody"`),
			},
		},
	})
}

func TestAccAgentDataSource_ambiguousName(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
resource "highlevel_agent" "twin" {
  count        = 2
  name         = "Twin"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

data "highlevel_agent" "twin" {
  name       = "Twin"
  depends_on = [highlevel_agent.twin]
}
`),
				ExpectError: regexp.MustCompile(`2 agents of location \S+ are named "Twin"`),
			},
		},
	})
}

func TestAccAgentsDataSource(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(twoAgents)},
			{
				Config: env.Config(twoAgents + `
data "highlevel_agents" "all" {}

data "highlevel_agents" "bots_named_sales" {
  name_contains = "SALES"
}

data "highlevel_agents" "webchat" {
  channel = "WebChat"
}

data "highlevel_agents" "autopilot" {
  mode = "auto-pilot"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_agents.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.highlevel_agents.bots_named_sales", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Sales Bot")),
					statecheck.ExpectKnownValue("data.highlevel_agents.bots_named_sales", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_agents.webchat", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Support Bot")),
					statecheck.ExpectKnownValue("data.highlevel_agents.autopilot", tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("goal"), knownvalue.StringExact("Qualify leads")),
					statecheck.ExpectKnownValue("data.highlevel_agents.autopilot", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}
