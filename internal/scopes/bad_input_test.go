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

// badInput is a block of configuration that the plan must reject with want (a pattern in
// which any run of spaces matches any white space: the CLI wraps long lines). The block's
// label is %[1]s.
type badInput struct {
	name, config, want string
}

// planOnlyFailures plans each group of cases as one configuration (every block labelled
// "bad_GNN") and requires, for every case, an error of the plan that names the case's block and
// matches its pattern: one CLI run per group instead of one per case, the same assertion. A case
// whose error only comes once the configuration is valid (a check at plan time, after
// validation) needs a group of its own. Then it checks that the emulator saw no request at all.
func planOnlyFailures(t *testing.T, env *acctest.Env, groups [][]badInput, opts resource.TestCase) {
	t.Helper()
	label := func(g, i int) string { return fmt.Sprintf("bad_%d%02d", g, i) }
	current, planned := -1, make([]bool, len(groups))
	for g, cases := range groups {
		var body strings.Builder
		for i, tc := range cases {
			fmt.Fprintf(&body, tc.config+"\n", label(g, i))
		}
		opts.Steps = append(opts.Steps, resource.TestStep{PreConfig: func() { current = g }, Config: env.Config(body.String()), PlanOnly: true})
	}
	opts.ErrorCheck = func(err error) error {
		planned[current] = true
		var want []expectedError
		for i, tc := range groups[current] {
			want = append(want, expectedError{tc.name, label(current, i), regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`))})
		}
		return expectErrorsOf(err, want)
	}
	opts.ProtoV6ProviderFactories = acctest.ProviderFactories
	resource.Test(t, opts)
	for g, ok := range planned {
		if !ok && !t.Failed() {
			t.Fatalf("group %d of bad input planned without an error", g)
		}
	}
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
		return fmt.Sprintf("resource \"highlevel_scope\" %%[1]q {\n%s\n}\n", args)
	}
	cred := func(args string) string {
		return fmt.Sprintf("resource \"highlevel_scope_credential\" %%[1]q {\n%s\n}\n", args)
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
		{"data source id of the wrong shape", `data "highlevel_scope" %[1]q { id = "x" }`, `must be a HighLevel scope id`},
		{"data source id and name", `data "highlevel_scope" %[1]q {
  id   = "aaaaaaaaaaaaaaaaaaaa"
  name = "x"
}`, `Invalid Attribute Combination`},
		{"list filter on an unknown permission", `data "highlevel_scopes" %[1]q { permission = "all" }`, `value must be one of`},
	}
	// Checked when the plan is made (ModifyPlan), once the configuration is valid.
	pastExpiry := []badInput{{"expires_at in the past", cred(okScope + `
name = "c"
expires_at = "2020-01-01T00:00:00Z"`), `expires_at must be in the future: 2020-01-01T00:00:00Z is`}}
	planOnlyFailures(t, env, [][]badInput{cases, pastExpiry}, resource.TestCase{})
}

// TestAccScopes_badInputEphemeral covers the ephemeral resource's arguments (Terraform 1.10+).
func TestAccScopes_badInputEphemeral(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	eph := func(args string) string {
		return fmt.Sprintf("ephemeral \"highlevel_scope_credential\" %%[1]q {\n%s\n}\n", args)
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
	planOnlyFailures(t, env, [][]badInput{cases}, resource.TestCase{TerraformVersionChecks: ephemeralCLIs})
}
