// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const minimalAgent = `
resource "highlevel_agent" "test" {
  name         = %q
  personality  = "Friendly"
  goal         = "Book appointments"
  instructions = "Be brief"
}
`

const fullAgent = `
resource "highlevel_agent" "test" {
  name                      = %q
  business_name             = "Bright Smile Dental"
  mode                      = "auto-pilot"
  channels                  = ["SMS", "WebChat", "WhatsApp"]
  is_primary                = true
  wait_time                 = 3
  wait_time_unit            = "minutes"
  sleep_enabled             = true
  sleep_time                = 12
  sleep_time_unit           = "hours"
  personality               = "Warm and concise"
  goal                      = "Book cleanings"
  instructions              = "Never give medical advice"
  auto_pilot_max_messages   = 40
  respond_to_images         = true
  respond_to_audio          = true
  sleep_on_manual_message   = true
  sleep_on_workflow_message = true
}
`

// TestAccAgent_lifecycle runs one agent through every property DESIGN.md "Tests" asks of a
// resource, in one test case so that each configuration is applied once: create with every
// argument; import (by "<id>" and by "<location_id>/<id>", with the import command and with
// import blocks, and with -generate-config-out); out-of-band drift on every argument; update
// in place; deleted out of band then re-created (with the minimal configuration, whose
// defaults are checked and imported); and destroy checked through the API. The replacement
// (a new location_id) is in agencyOAuthSteps.
func TestAccAgent_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	full := env.Config(fmt.Sprintf(fullAgent, "full agent"))
	var agentID string
	steps := []resource.TestStep{
		{
			Config: full,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("channels"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("SMS"), knownvalue.StringExact("WebChat"), knownvalue.StringExact("WhatsApp")})),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("sleep_time"), knownvalue.Int64Exact(12)),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("respond_to_audio"), knownvalue.Bool(true)),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					agentID = s.RootModule().Resources["highlevel_agent.test"].Primary.ID
					return nil
				},
				checkRemote(t, env, "highlevel_agent.test", func(a *client.Agent) error {
					if a.SleepTime == nil || *a.SleepTime != 12 || a.SleepTimeUnit == nil || *a.SleepTimeUnit != "hours" {
						return fmt.Errorf("remote sleep is %v %v", a.SleepTime, a.SleepTimeUnit)
					}
					return nil
				}),
			),
		},
		// Import: by "<agent_id>" with ImportStateVerify (the imported state equals the applied
		// one); with an import block by "<location_id>/<agent_id>" (the import plans no change
		// against the configuration); with an import block that generates the configuration.
		{
			ResourceName:      "highlevel_agent.test",
			ImportState:       true,
			ImportStateVerify: true,
			ImportStateIdFunc: importID("highlevel_agent.test", false),
		},
		{
			ResourceName:      "highlevel_agent.test",
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: importID("highlevel_agent.test", true),
		},
		{
			ResourceName:    "highlevel_agent.test",
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			GenerateConfig:  true,
		},
	}
	// Drift: each step changes several arguments out of band at once; the plan must update
	// exactly those back, and the apply converge (the step's post-apply plan is empty).
	for _, d := range agentDrifts {
		steps = append(steps, resource.TestStep{
			PreConfig: func() { editAgent(t, env, agentID, d.mutate) },
			Config:    full,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_agent.test", d.attrs...)},
			},
		})
	}
	steps = append(steps,
		// Update in place: indefinite sleep, fewer channels, and removed arguments are cleared remotely.
		resource.TestStep{
			Config: env.Config(`
resource "highlevel_agent" "test" {
  name               = "full agent renamed"
  mode               = "suggestive"
  channels           = ["SMS"]
  sleep_enabled      = true
  sleep_indefinitely = true
  personality        = "Warm and concise"
  goal               = "Book cleanings"
  instructions       = "Never give medical advice"
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_agent.test", plancheck.ResourceActionUpdate)},
			},
			Check: checkRemote(t, env, "highlevel_agent.test", func(a *client.Agent) error {
				switch {
				case a.ID != agentID:
					return fmt.Errorf("agent %s replaced by %s, want an update in place", agentID, a.ID)
				case a.BusinessName != nil && *a.BusinessName != "":
					return fmt.Errorf("business name not cleared: %q", *a.BusinessName)
				case a.SleepTime != nil:
					return fmt.Errorf("sleep time not indefinite: %d", *a.SleepTime)
				case len(a.Channels) != 1 || a.Mode == nil || *a.Mode != "suggestive":
					return fmt.Errorf("channels %v mode %v", a.Channels, a.Mode)
				case a.RespondToAudio == nil || *a.RespondToAudio:
					return fmt.Errorf("respondToAudio not reset to false")
				case a.AutoPilotMaxMessages == nil || *a.AutoPilotMaxMessages != 75:
					return fmt.Errorf("autoPilotMaxMessages not reset to 75")
				}
				return nil
			}),
		},
		// Disappears: deleted out of band, the agent is planned for creation and re-created,
		// here with the minimal configuration, whose defaults are checked in state and remotely.
		// It is again the only agent of its location, hence primary (contract §7.8).
		resource.TestStep{
			PreConfig: func() {
				if err := env.Client(t).DeleteAgent(context.Background(), env.LocationID, agentID); err != nil {
					t.Fatal(err)
				}
			},
			Config: env.Config(fmt.Sprintf(minimalAgent, "minimal agent")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_agent.test", plancheck.ResourceActionCreate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("name"), knownvalue.StringExact("minimal agent")),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("mode"), knownvalue.StringExact("off")),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("wait_time"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("wait_time_unit"), knownvalue.StringExact("seconds")),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("auto_pilot_max_messages"), knownvalue.Int64Exact(75)),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("channels"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("business_name"), knownvalue.Null()),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("sleep_time"), knownvalue.Null()),
				statecheck.ExpectKnownValue("highlevel_agent.test", tfjsonpath.New("is_primary"), knownvalue.Bool(true)),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					if s.RootModule().Resources["highlevel_agent.test"].Primary.ID == agentID {
						return fmt.Errorf("agent was not re-created")
					}
					return nil
				},
				checkRemote(t, env, "highlevel_agent.test", func(a *client.Agent) error {
					if a.Name != "minimal agent" || a.Personality == nil || *a.Personality != "Friendly" {
						return fmt.Errorf("remote agent is %+v", a)
					}
					return nil
				}),
			),
		},
		// The minimal configuration imports cleanly too (null and default arguments).
		resource.TestStep{
			ResourceName:      "highlevel_agent.test",
			ImportState:       true,
			ImportStateVerify: true,
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkAgentsDestroyed(t, env),
		Steps:                    steps,
	})
}

// importID returns the import ID of a resource: "<location_id>/<id>", or "<id>".
func importID(addr string, withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		if withLocation {
			return rs.Primary.Attributes["location_id"] + "/" + rs.Primary.ID, nil
		}
		return rs.Primary.ID, nil
	}
}

// checkRemote reads the agent at addr through the public API and checks it.
func checkRemote(t *testing.T, env *acctest.Env, addr string, check func(*client.Agent) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		a, err := env.Client(t).GetAgent(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
		if err != nil {
			return err
		}
		return check(a)
	}
}

// checkAgentsDestroyed verifies through the API that every agent in state is gone.
func checkAgentsDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_agent" {
				continue
			}
			_, err := env.Client(t).GetAgent(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("agent %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}
