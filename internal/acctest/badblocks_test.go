// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"errors"
	"strings"
	"testing"
)

const twoErrors = `Error running pre-apply plan: exit status 1

Error: Invalid Attribute Value Match

  with highlevel_agent.unknown_mode,
  on terraform_plugin_test.tf line 9, in resource "highlevel_agent" "unknown_mode":
   9:   mode = "sometimes"

mode must be one of: "off", "suggestive",
"auto-pilot", got: "sometimes"

Error: Missing Configuration for Required Attribute

  with data.highlevel_agent.nothing,
  on terraform_plugin_test.tf line 20, in data "highlevel_agent" "nothing":
  20: data "highlevel_agent" "nothing" {

Set id or name.
`

// Each block's errors are matched against its own pattern only; a missing match, an error about
// another block and a configuration that was accepted all fail.
func TestBadBlocks(t *testing.T) {
	want := map[string]string{
		`resource "highlevel_agent" "unknown_mode"`: `must be one of: "off", "suggestive", "auto-pilot"`,
		`data "highlevel_agent" "nothing"`:          `Set id or name`,
	}
	b := &badBlocks{want: want}
	if err := b.check(errors.New(twoErrors)); err != nil {
		t.Fatalf("both blocks rejected with their messages: %v", err)
	}
	swapped := &badBlocks{want: map[string]string{
		`resource "highlevel_agent" "unknown_mode"`: `Set id or name`,
		`data "highlevel_agent" "nothing"`:          `must be one of`,
	}}
	if err := swapped.check(errors.New(twoErrors)); err == nil || !strings.Contains(err.Error(), "no error matching") {
		t.Fatalf("a message about another block must not count: %v", err)
	}
	only := &badBlocks{want: map[string]string{`data "highlevel_agent" "nothing"`: `Set id or name`}}
	if err := only.check(errors.New(twoErrors)); err == nil || !strings.Contains(err.Error(), "unexpected error") {
		t.Fatalf("an error about an unlisted block must fail: %v", err)
	}
}
