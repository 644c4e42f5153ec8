// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
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
// by this provider (their tokens read from state after step 1, then given to three more
// providers, one per credential, since a provider's configuration must be known at plan time)
// and checks that each can do what its scope allows and gets a 403 that names what is missing
// otherwise — the emulator's message, verbatim, in the diagnostic. The denials are checked
// together: those of the plan (reads) in one run, those of the apply (creates) in another,
// each denial matched to its own block.
func TestAccCredential_enforcedThroughTheProvider(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	var convToken, xToken, agentsToken string
	apps := []struct {
		name  string
		token *string
	}{{"conv", &convToken}, {"x", &xToken}, {"agents", &agentsToken}}
	appConfig := enforcementBase
	vars := config.Variables{}
	for _, a := range apps {
		appConfig += fmt.Sprintf(`
variable "%[1]s_token" {
  type      = string
  sensitive = true
}

provider "highlevel%[1]s" {
  base_url    = %[2]q
  location_id = %[3]q
  token       = var.%[1]s_token
}
`, a.name, env.BaseURL, env.LocationID)
		vars[a.name+"_token"] = lazyString{a.token}
	}
	appConfig = env.Config(appConfig)
	createAgent := func(app string) string {
		return fmt.Sprintf(`
resource "highlevel_agent" "denied_%[1]s" {
  provider     = highlevel%[1]s
  name         = "written by the app"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, app)
	}
	readAgent := func(app, agent string) string {
		return fmt.Sprintf(`
data "highlevel_agent" "%[1]s_reads_%[2]s" {
  provider = highlevel%[1]s
  id       = highlevel_agent.%[2]s.id
}
`, app, agent)
	}
	denials := map[int][]expectedError{
		// Conversations read-only cannot even read an agent; restricted to agent X, Y is out of reach.
		2: {
			{"conversations credential reads an agent", "conv_reads_x", wrapped("403 Forbidden: Missing permission conversation-ai.readonly for GET /conversation-ai/agents/{agentId}")},
			{"agent X credential reads agent Y", "x_reads_y", regexp.MustCompile(`403\s+Forbidden:\s+Credential\s+is\s+restricted\s+to\s+agents\s+\[[A-Za-z0-9]{20}\];\s+agent\s+[A-Za-z0-9]{20}\s+is\s+not\s+allowed`)},
		},
		// No credential can create an agent. The agent resource lists the location's agents before
		// it creates one (so that a retried create never duplicates an agent), so the conversations
		// credential is stopped at that read.
		3: {
			{"conversations credential creates an agent", "denied_conv", regexp.MustCompile(`403\s+Forbidden:\s+Missing\s+permission\s+conversation-ai\.(write|readonly)\s+for\s+(POST\s+/conversation-ai/agents|GET\s+/conversation-ai/agents/search)`)},
			{"agent X credential creates an agent", "denied_x", wrapped("403 Forbidden: Missing permission conversation-ai.write for POST /conversation-ai/agents")},
			{"agents credential creates an agent", "denied_agents", wrapped("403 Forbidden: Missing permission conversation-ai.write for POST /conversation-ai/agents")},
		},
	}
	current, denied := -1, map[int]bool{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: appFactories("highlevelconv", "highlevelx", "highlevelagents"),
		CheckDestroy:             checkDestroyed(t, env),
		ErrorCheck: func(err error) error {
			want, ok := denials[current]
			if !ok {
				return err
			}
			denied[current] = true
			return expectErrorsOf(err, want)
		},
		Steps: []resource.TestStep{
			{
				Config: env.Config(enforcementBase),
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					convToken, _ = stateAttr(s, "highlevel_scope_credential.conversations", "token")
					xToken, _ = stateAttr(s, "highlevel_scope_credential.agent_x", "token")
					agentsToken, _ = stateAttr(s, "highlevel_scope_credential.agents", "token")
					// An external app with the conversations credential reads conversations.
					return expectStatus(t, env, convToken, "GET", "/conversations/search?locationId="+url.QueryEscape(env.LocationID), 200)
				})},
			},
			// What each credential allows: conversations read-only reads conversations through the
			// provider; restricted to agent X reads X (and search shows only X); every agent,
			// read-only, reads Y.
			{
				PreConfig:       func() { current = 1 },
				Config:          appConfig + readAgent("x", "x") + readAgent("agents", "y") + "\ndata \"highlevel_conversations\" \"all\" {\n  provider = highlevelconv\n}\n\ndata \"highlevel_agents\" \"visible\" {\n  provider = highlevelx\n}\n",
				ConfigVariables: vars,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_conversations.all", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("data.highlevel_agent.x_reads_x", tfjsonpath.New("name"), knownvalue.StringExact("Agent X")),
					statecheck.ExpectKnownValue("data.highlevel_agents.visible", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_agent.agents_reads_y", tfjsonpath.New("name"), knownvalue.StringExact("Agent Y")),
				},
			},
			{
				PreConfig:       func() { current = 2 },
				Config:          appConfig + readAgent("conv", "x") + readAgent("x", "y"),
				ConfigVariables: vars,
			},
			{
				PreConfig:       func() { current = 3 },
				Config:          appConfig + createAgent("conv") + createAgent("x") + createAgent("agents"),
				ConfigVariables: vars,
			},
		},
	})
	for step := range denials {
		if !denied[step] && !t.Failed() {
			t.Fatalf("step %d ran without the denials it expects", step+1)
		}
	}
}

// lazyString is a configuration variable whose value is read when the step runs, for values
// (such as a token) that an earlier step produces.
type lazyString struct{ p *string }

func (v lazyString) MarshalJSON() ([]byte, error) { return json.Marshal(*v.p) }
