// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// BadCase is a block of configuration that the plan must reject with want (a pattern in which
// any run of spaces matches any white space: the CLI wraps long lines). The block's label is
// %[1]s.
type BadCase struct{ Name, Block, Want string }

// ExpectRejections plans each group of cases as one configuration (every block labelled
// "bad_NN") and requires, for every case, an error of the plan that names the case's block and
// matches its pattern: one CLI run per group instead of one per case, the same assertion. Then
// it checks that the emulator saw no request at all. Cases whose error can only come once the
// configuration is valid (a plan-time check of the provider, after validation) go in a group of
// their own. (ExpectBadBlocks is the same check for a single configuration.)
func ExpectRejections(t *testing.T, env *Env, groups [][]BadCase, tc resource.TestCase) {
	t.Helper()
	current, seen := -1, make([]bool, len(groups))
	labelled := func(g, i int) string { return fmt.Sprintf("bad_%d%02d", g, i) }
	for g, cases := range groups {
		var body strings.Builder
		for i, c := range cases {
			fmt.Fprintf(&body, c.Block+"\n", labelled(g, i))
		}
		tc.Steps = append(tc.Steps, resource.TestStep{
			PreConfig: func() { current = g },
			Config:    env.Config(body.String()),
			PlanOnly:  true,
		})
	}
	tc.ErrorCheck = func(err error) error {
		seen[current] = true
		// One diagnostic per "Error: "; each names its block ("with <type>.<label>," or
		// `in resource "<type>" "<label>"`).
		diags := strings.Split(err.Error(), "Error: ")
		var missing []string
		for i, c := range groups[current] {
			label := labelled(current, i)
			want := regexp.MustCompile(strings.ReplaceAll(c.Want, " ", `\s+`))
			found := false
			for _, d := range diags {
				if (strings.Contains(d, "."+label+",") || strings.Contains(d, `"`+label+`"`)) && want.MatchString(d) {
					found = true
					break
				}
			}
			if !found {
				missing = append(missing, fmt.Sprintf("%s (%s): %s", c.Name, label, c.Want))
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("no error of the plan matches:\n  %s\nthe plan said:\n%w", strings.Join(missing, "\n  "), err)
		}
		return nil
	}
	tc.ProtoV6ProviderFactories = ProviderFactories
	resource.Test(t, tc)
	for g, ok := range seen {
		if !ok && !t.Failed() {
			t.Fatalf("group %d of bad input planned without an error", g)
		}
	}
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
}
