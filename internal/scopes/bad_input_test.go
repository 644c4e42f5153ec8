// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

type badInput struct {
	name, config, want string
}

// planOnlyFailures runs each case as a plan that must fail with want, then checks that the
// emulator saw no request at all.
func planOnlyFailures(t *testing.T, env *acctest.Env, cases []badInput, opts resource.TestCase) {
	t.Helper()
	for _, tc := range cases {
		opts.Steps = append(opts.Steps, resource.TestStep{
			Config:      env.Config(tc.config),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)), // the CLI wraps long lines
		})
	}
	opts.ProtoV6ProviderFactories = acctest.ProviderFactories
	resource.Test(t, opts)
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
}

// TestAccScopes_badInput checks that every rule of contract §5.1 the provider can know is
// enforced at plan time with a message that says what is allowed, without a single API call.
func TestAccScopes_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	scope := func(args string) string {
		return fmt.Sprintf("resource \"highlevel_scope\" \"bad\" {\n%s\n}\n", args)
	}
	cred := func(args string) string {
		return fmt.Sprintf("resource \"highlevel_scope_credential\" \"bad\" {\n%s\n}\n", args)
	}
	const okScope = `  scope_id = "aaaaaaaaaaaaaaaaaaaa"`
	cases := []badInput{
		{"unknown permission", scope(`name = "s"
permissions = ["conversations.readonly", "contacts.write"]`), `"contacts.write" is not one of "conversation-ai.readonly", "conversation-ai.write"`},
		{"empty permission set", scope(`name = "s"
permissions = []`), `Attribute permissions set must contain at least 1 elements, got: 0`},
		{"missing permissions", scope(`name = "s"`), `The argument "permissions" is required`},
		{"agent id of the wrong shape", scope(`name = "s"
permissions = ["conversation-ai.readonly"]
agent_ids = ["emp_123"]`), `must be a HighLevel agent id: exactly 20 letters and digits, e.g. tDtDnQdgm2LXpyiqYvZ6, got "emp_123"`},
		{"agent id one character short", scope(`name = "s"
permissions = ["conversation-ai.readonly"]
agent_ids = ["tDtDnQdgm2LXpyiqYvZ"]`), `exactly 20 letters and digits`},
		{"empty agent list", scope(`name = "s"
permissions = ["conversation-ai.readonly"]
agent_ids = []`), `Attribute agent_ids set must contain at least 1 elements`},
		{"empty name", scope(`name = ""
permissions = ["conversation-ai.readonly"]`), `UTF-8 character count must be between 1 and 100, got: 0`},
		{"blank name", scope(`name = "  "
permissions = ["conversation-ai.readonly"]`), `must not be blank, nor start or end with whitespace`},
		{"name too long", scope(`name = "` + strings.Repeat("n", 101) + `"
permissions = ["conversation-ai.readonly"]`), `UTF-8 character count must be between 1 and 100, got: 101`},
		{"description too long", scope(`name = "s"
description = "` + strings.Repeat("d", 501) + `"
permissions = ["conversation-ai.readonly"]`), `UTF-8 character count must be at most 500, got: 501`},
		{"expires_at in the past", cred(okScope + `
name = "c"
expires_at = "2020-01-01T00:00:00Z"`), `expires_at must be in the future: 2020-01-01T00:00:00Z is`},
		{"expires_at malformed (date only)", cred(okScope + `
name = "c"
expires_at = "2030-01-01"`), `is not an RFC 3339 timestamp such as`},
		{"expires_at malformed (no zone)", cred(okScope + `
name = "c"
expires_at = "2030-01-01T00:00:00"`), `is not an RFC 3339 timestamp such as`},
		{"scope id of the wrong shape", cred(`scope_id = "scope-1"
name = "c"`), `must be a HighLevel scope id: exactly 20 letters and digits`},
		{"empty credential name", cred(okScope + `
name = ""`), `UTF-8 character count must be between 1 and 100, got: 0`},
		{"empty rotation_triggers", cred(okScope + `
name = "c"
rotation_triggers = {}`), `Attribute rotation_triggers map must contain at least 1 elements`},
		{"data source id of the wrong shape", `data "highlevel_scope" "bad" { id = "x" }`, `must be a HighLevel scope id`},
		{"data source id and name", `data "highlevel_scope" "bad" {
  id   = "aaaaaaaaaaaaaaaaaaaa"
  name = "x"
}`, `Invalid Attribute Combination`},
		{"list filter on an unknown permission", `data "highlevel_scopes" "bad" { permission = "all" }`, `value must be one of`},
	}
	planOnlyFailures(t, env, cases, resource.TestCase{})
}

// TestAccScopes_badInputEphemeral covers the ephemeral resource's arguments (Terraform 1.10+).
func TestAccScopes_badInputEphemeral(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	eph := func(args string) string {
		return fmt.Sprintf("ephemeral \"highlevel_scope_credential\" \"bad\" {\n%s\n}\n", args)
	}
	cases := []badInput{
		{"ttl in days", eph(`scope_id = "aaaaaaaaaaaaaaaaaaaa"
ttl = "1d"`), `must be a duration such as "30m" or "2h" \(units s, m, h\), between 1m and 168h, got "1d"`},
		{"ttl too short", eph(`scope_id = "aaaaaaaaaaaaaaaaaaaa"
ttl = "30s"`), `between 1m and 168h, got "30s"`},
		{"ttl too long", eph(`scope_id = "aaaaaaaaaaaaaaaaaaaa"
ttl = "200h"`), `between 1m and 168h, got "200h"`},
		{"scope id of the wrong shape", eph(`scope_id = "nope"`), `must be a HighLevel scope id`},
		{"blank name", eph(`scope_id = "aaaaaaaaaaaaaaaaaaaa"
name = " x"`), `must not be blank, nor start or end with whitespace`},
	}
	planOnlyFailures(t, env, cases, resource.TestCase{TerraformVersionChecks: ephemeralCLIs})
}
