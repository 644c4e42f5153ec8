// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func example(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAccVoiceAI_examples applies the resource examples of the family with their data-source
// examples against the emulator: each applies, and the plan after is empty.
func TestAccVoiceAI_examples(t *testing.T) {
	t.Parallel()
	t.Run("agent", func(t *testing.T) {
		t.Parallel()
		env := acctest.Shared(t)
		agent := example(t, "resources/highlevel_voice_agent/resource.tf")
		// The call-log example looks the agent up by name with the very block that the agent
		// data-source example is made of: that example is applied with it, but for that block.
		const lookup = "data \"highlevel_voice_agent\" \"front_desk\" {\n  name = \"Front desk\"\n}\n"
		logs, byName := example(t, "data-sources/highlevel_voice_call_logs/data-source.tf"), example(t, "data-sources/highlevel_voice_agent/data-source.tf")
		if !strings.Contains(logs, lookup) || !strings.Contains(byName, lookup) {
			t.Fatalf("the call-log and agent data-source examples no longer share the block\n%s", lookup)
		}
		withData := agent + example(t, "data-sources/highlevel_voice_agents/data-source.tf") + logs + strings.Replace(byName, lookup, "", 1)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			CheckDestroy:             checkDestroyed(t, env),
			Steps: []resource.TestStep{
				// The agents first: the data sources read them at plan time.
				{Config: env.Config(agent)},
				{
					Config: env.Config(withData),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.highlevel_voice_agents.all", tfjsonpath.New("agents"), knownvalue.ListSizeExact(2)),
						statecheck.ExpectKnownValue("data.highlevel_voice_call_logs.transfers", tfjsonpath.New("call_logs"), knownvalue.ListSizeExact(0)),
						statecheck.ExpectKnownValue("data.highlevel_voice_agent.front_desk", tfjsonpath.New("inbound_number"), knownvalue.StringExact("+15550001234")),
					},
				},
			},
		})
	})
	t.Run("actions", func(t *testing.T) {
		t.Parallel()
		env := acctest.Shared(t)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			CheckDestroy:             checkDestroyed(t, env),
			Steps: []resource.TestStep{{
				Config:          env.Config(example(t, "resources/highlevel_voice_agent_action/resource.tf")),
				ConfigVariables: config.Variables{"orders_api_key": config.StringVariable("k-123")},
			}},
		})
	})
}
