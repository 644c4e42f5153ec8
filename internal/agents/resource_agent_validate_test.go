// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccAgent_badInput checks that every rule of contract §3.1 is enforced at plan time with
// a message that says what is allowed, without a single API call. One configuration declares
// one bad agent per rule (and a highlevel_agent data source with conflicting arguments), so a
// single plan judges them all; each block's errors are matched against its own message (see
// acctest.ExpectBadBlocks).
func TestAccAgent_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	agent := func(name, extra string) string {
		return fmt.Sprintf(`
resource "highlevel_agent" %q {
  name         = "bad"
  personality  = "p"
  goal         = "g"
  instructions = "i"
%s
}
`, name, extra)
	}
	cases := []struct {
		name   string
		config string
		want   string
	}{
		{"unknown_mode", agent("unknown_mode", `mode = "autopilot"`), `value must be one of: \["off" "suggestive" "auto-pilot"\]`},
		{"empty_name", `
resource "highlevel_agent" "empty_name" {
  name         = ""
  personality  = "p"
  goal         = "g"
  instructions = "i"
}`, `Attribute name string length must be at least 1`},
		{"channel_outside_enum", agent("channel_outside_enum", `channels = ["SMS", "Telegram"]`), `channels: "Telegram" is not one of "IG", "FB", "SMS", "WebChat", "WhatsApp", "Live_Chat"`},
		{"wait_minutes", agent("wait_minutes", "wait_time = 6\nwait_time_unit = \"minutes\""), `wait_time must be between 0 and 5 when wait_time_unit is "minutes"`},
		{"wait_seconds", agent("wait_seconds", `wait_time = 301`), `wait_time must be between 0 and 300 when wait_time_unit is "seconds"`},
		{"negative_wait", agent("negative_wait", `wait_time = -1`), `must be at least 0`},
		{"sleep_time_disabled", agent("sleep_time_disabled", "sleep_time = 5\nsleep_time_unit = \"hours\""), `sleep_time can only be set when sleep_enabled = true`},
		{"indefinitely_disabled", agent("indefinitely_disabled", `sleep_indefinitely = true`), `sleep_indefinitely can only be set when sleep_enabled = true`},
		{"sleep_without_time", agent("sleep_without_time", `sleep_enabled = true`), `set both sleep_time and sleep_time_unit`},
		{"sleep_without_unit", agent("sleep_without_unit", "sleep_enabled = true\nsleep_time = 5"), `set both sleep_time and sleep_time_unit`},
		{"sleep_49_hours", agent("sleep_49_hours", "sleep_enabled = true\nsleep_time = 49\nsleep_time_unit = \"hours\""), `sleep_time must be at most 48 when sleep_time_unit is "hours"`},
		{"indefinitely_and_time", agent("indefinitely_and_time", "sleep_enabled = true\nsleep_indefinitely = true\nsleep_time = 1\nsleep_time_unit = \"hours\""), `leave sleep_time and sleep_time_unit unset`},
		{"sleep_days", agent("sleep_days", "sleep_enabled = true\nsleep_time = 1\nsleep_time_unit = \"days\""), `value must be one of: \["hours" "minutes" "seconds"\]`},
		{"max_messages_0", agent("max_messages_0", `auto_pilot_max_messages = 0`), `must be between 1 and 100`},
		{"max_messages_101", agent("max_messages_101", `auto_pilot_max_messages = 101`), `must be between 1 and 100`},
		{"missing_personality", `
resource "highlevel_agent" "missing_personality" {
  name         = "bad"
  goal         = "g"
  instructions = "i"
}`, `The argument "personality" is required`},
		{"missing_goal", `
resource "highlevel_agent" "missing_goal" {
  name         = "bad"
  personality  = "p"
  instructions = "i"
}`, `The argument "goal" is required`},
		{"missing_instructions", `
resource "highlevel_agent" "missing_instructions" {
  name        = "bad"
  personality = "p"
  goal        = "g"
}`, `The argument "instructions" is required`},
	}
	config := env.ProviderConfig()
	want := map[string]string{}
	for _, tc := range cases {
		config += tc.config + "\n"
		want[fmt.Sprintf("resource %q %q", "highlevel_agent", tc.name)] = tc.want
	}
	// The agent data source takes an id or a name, not both.
	config += `
data "highlevel_agent" "both" {
  id   = "x"
  name = "y"
}
`
	want[`data "highlevel_agent" "both"`] = `Invalid Attribute Combination`
	errorCheck, rejected := acctest.ExpectBadBlocks(t, want)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck:               errorCheck,
		Steps:                    []resource.TestStep{{Config: config, PlanOnly: true}},
	})
	rejected()
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
}
