// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// enforcementBase issues three credentials for an external app: one that reads conversations
// only, one that reads agent X only, and one that reads (but cannot write) every agent.
const enforcementBase = twoAgents + `
resource "highlevel_scope" "conversations" {
  name        = "conversation reader"
  permissions = ["conversations.readonly"]
}

resource "highlevel_scope_credential" "conversations" {
  scope_id = highlevel_scope.conversations.id
  name     = "CRM"
}

resource "highlevel_scope" "agent_x" {
  name        = "agent X only"
  permissions = ["conversation-ai.readonly"]
  agent_ids   = [highlevel_agent.x.id]
}

resource "highlevel_scope_credential" "agent_x" {
  scope_id = highlevel_scope.agent_x.id
  name     = "white-label UI"
}

resource "highlevel_scope" "agents" {
  name        = "agent reader"
  permissions = ["conversation-ai.readonly"]
}

resource "highlevel_scope_credential" "agents" {
  scope_id = highlevel_scope.agents.id
  name     = "dashboard"
}
`

// TestAccCredential_enforcedThroughTheProvider configures the provider with credentials issued
// by this provider (their tokens read from state after step 1, then written literally in the
// configuration of a second provider, since a provider's configuration must be known at plan
// time) and checks that each can do what its scope allows and gets a 403 that names what is
// missing otherwise — the emulator's message, verbatim, in the diagnostic.
func TestAccCredential_enforcedThroughTheProvider(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	var convToken, xToken, agentsToken string
	appConfig := env.Config(enforcementBase + fmt.Sprintf(`
variable "app_token" {
  type      = string
  sensitive = true
}

provider "highlevelapp" {
  base_url    = %q
  location_id = %q
  token       = var.app_token
}
`, env.BaseURL, env.LocationID))
	// app is a step that uses the provider configured with *token (read when the step runs).
	app := func(token *string, body string, step resource.TestStep) resource.TestStep {
		step.Config = appConfig + body
		step.ConfigVariables = config.Variables{"app_token": lazyString{token}}
		return step
	}
	createAgent := `
resource "highlevel_agent" "denied" {
  provider     = highlevelapp
  name         = "written by the app"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`
	readAgent := func(name string) string {
		return fmt.Sprintf(`
data "highlevel_agent" "read" {
  provider = highlevelapp
  id       = highlevel_agent.%s.id
}
`, name)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: appFactories(),
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(enforcementBase),
				Check: resource.ComposeTestCheckFunc(
					capture("highlevel_scope_credential.conversations", map[string]*string{"token": &convToken}),
					capture("highlevel_scope_credential.agent_x", map[string]*string{"token": &xToken}),
					capture("highlevel_scope_credential.agents", map[string]*string{"token": &agentsToken}),
					func(*terraform.State) error {
						// An external app with the conversations credential reads conversations.
						return expectStatus(t, env, convToken, "GET", "/conversations/search?locationId="+url.QueryEscape(env.LocationID), 200)
					},
				),
			},
			// Conversations read-only: reads conversations through the provider, cannot create an
			// agent, and cannot even read one.
			app(&convToken, `
data "highlevel_conversations" "all" {
  provider = highlevelapp
}
`, resource.TestStep{ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.highlevel_conversations.all", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
			}}),
			// The agent resource lists the location's agents before it creates one (so that a retried
			// create never duplicates an agent), so this credential is stopped at that read.
			app(&convToken, createAgent, resource.TestStep{
				ExpectError: regexp.MustCompile(`403\s+Forbidden:\s+Missing\s+permission\s+conversation-ai\.(write|readonly)\s+for\s+(POST\s+/conversation-ai/agents|GET\s+/conversation-ai/agents/search)`),
			}),
			app(&convToken, readAgent("x"), resource.TestStep{
				ExpectError: wrapped("403 Forbidden: Missing permission conversation-ai.readonly for GET /conversation-ai/agents/{agentId}"),
			}),
			// Restricted to agent X: reads X (and search shows only X), not Y, and cannot create agents.
			app(&xToken, readAgent("x")+`
data "highlevel_agents" "visible" {
  provider = highlevelapp
}
`, resource.TestStep{ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.highlevel_agent.read", tfjsonpath.New("name"), knownvalue.StringExact("Agent X")),
				statecheck.ExpectKnownValue("data.highlevel_agents.visible", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
			}}),
			app(&xToken, readAgent("y"), resource.TestStep{
				ExpectError: regexp.MustCompile(`403\s+Forbidden:\s+Credential\s+is\s+restricted\s+to\s+agents\s+\[[A-Za-z0-9]{20}\];\s+agent\s+[A-Za-z0-9]{20}\s+is\s+not\s+allowed`),
			}),
			app(&xToken, createAgent, resource.TestStep{
				ExpectError: wrapped("403 Forbidden: Missing permission conversation-ai.write for POST /conversation-ai/agents"),
			}),
			// Every agent, read-only: reads Y, cannot create an agent.
			app(&agentsToken, readAgent("y"), resource.TestStep{ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.highlevel_agent.read", tfjsonpath.New("name"), knownvalue.StringExact("Agent Y")),
			}}),
			app(&agentsToken, createAgent, resource.TestStep{
				ExpectError: wrapped("403 Forbidden: Missing permission conversation-ai.write for POST /conversation-ai/agents"),
			}),
		},
	})
}

// lazyString is a configuration variable whose value is read when the step runs, for values
// (such as a token) that an earlier step produces.
type lazyString struct{ p *string }

func (v lazyString) MarshalJSON() ([]byte, error) { return json.Marshal(*v.p) }
