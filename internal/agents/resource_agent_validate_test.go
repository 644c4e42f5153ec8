// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccAgent_badInput checks that every rule of contract §3.1 is enforced at plan time with
// a message that says what is allowed, without a single API call.
func TestAccAgent_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	agent := func(extra string) string {
		return env.Config(fmt.Sprintf(`
resource "highlevel_agent" "bad" {
  name         = "bad"
  personality  = "p"
  goal         = "g"
  instructions = "i"
%s
}
`, extra))
	}
	cases := []struct {
		name   string
		config string
		want   string
	}{
		{"unknown mode", agent(`mode = "autopilot"`), `value must be one of: \["off" "suggestive" "auto-pilot"\]`},
		{"empty name", env.Config(`
resource "highlevel_agent" "bad" {
  name         = ""
  personality  = "p"
  goal         = "g"
  instructions = "i"
}`), `Attribute name string length must be at least 1`},
		{"channel outside the enum", agent(`channels = ["SMS", "Telegram"]`), `channels: "Telegram" is not one of "IG", "FB", "SMS", "WebChat", "WhatsApp", "Live_Chat"`},
		{"wait_time beyond minutes bound", agent("wait_time = 6\nwait_time_unit = \"minutes\""), `wait_time must be between 0 and 5 when wait_time_unit is "minutes"`},
		{"wait_time beyond seconds bound", agent(`wait_time = 301`), `wait_time must be between 0 and 300 when wait_time_unit is "seconds"`},
		{"negative wait_time", agent(`wait_time = -1`), `must be at least 0`},
		{"sleep_time while sleep disabled", agent("sleep_time = 5\nsleep_time_unit = \"hours\""), `sleep_time can only be set when sleep_enabled = true`},
		{"sleep_indefinitely while sleep disabled", agent(`sleep_indefinitely = true`), `sleep_indefinitely can only be set when sleep_enabled = true`},
		{"sleep enabled without a time", agent(`sleep_enabled = true`), `set both sleep_time and sleep_time_unit`},
		{"sleep time without unit", agent("sleep_enabled = true\nsleep_time = 5"), `set both sleep_time and sleep_time_unit`},
		{"sleep beyond 48 hours", agent("sleep_enabled = true\nsleep_time = 49\nsleep_time_unit = \"hours\""), `sleep_time must be at most 48 when sleep_time_unit is "hours"`},
		{"sleep indefinitely and a time", agent("sleep_enabled = true\nsleep_indefinitely = true\nsleep_time = 1\nsleep_time_unit = \"hours\""), `leave sleep_time and sleep_time_unit unset`},
		{"unknown sleep unit", agent("sleep_enabled = true\nsleep_time = 1\nsleep_time_unit = \"days\""), `value must be one of: \["hours" "minutes" "seconds"\]`},
		{"auto_pilot_max_messages 0", agent(`auto_pilot_max_messages = 0`), `must be between 1 and 100`},
		{"auto_pilot_max_messages 101", agent(`auto_pilot_max_messages = 101`), `must be between 1 and 100`},
		{"missing personality", env.Config(`
resource "highlevel_agent" "bad" {
  name         = "bad"
  goal         = "g"
  instructions = "i"
}`), `The argument "personality" is required`},
		{"missing goal", env.Config(`
resource "highlevel_agent" "bad" {
  name         = "bad"
  personality  = "p"
  instructions = "i"
}`), `The argument "goal" is required`},
		{"missing instructions", env.Config(`
resource "highlevel_agent" "bad" {
  name        = "bad"
  personality = "p"
  goal        = "g"
}`), `The argument "instructions" is required`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tc.config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)), // the CLI wraps long lines
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
}
