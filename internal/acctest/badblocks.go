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

// badBlocks checks a configuration that declares several bad resources or data sources at
// once, so that one CLI run judges them all. Each block is known by its label as the CLI shows
// it in a diagnostic (`resource "highlevel_agent" "unknown_mode"`, `data "x" "y"`), and its
// pattern is matched against the text of the errors about that block only, so the assertion
// stays as precise as one step per block (ExpectBadBlocks): every block must be rejected with its message, and
// no error may be about anything else.
type badBlocks struct {
	want map[string]string // label → pattern; a space in a pattern matches any run of white space
	ran  bool
}

// ExpectBadBlocks returns the checker, the TestCase.ErrorCheck to install, and a function to
// call after resource.Test that fails the test if the configuration was not rejected at all.
func ExpectBadBlocks(t *testing.T, want map[string]string) (resource.ErrorCheckFunc, func()) {
	t.Helper()
	b := &badBlocks{want: want}
	return b.check, func() {
		t.Helper()
		if !b.ran {
			t.Fatal("the configuration of bad blocks was accepted; want an error for each block")
		}
	}
}

var (
	diagStart = regexp.MustCompile(`(?m)^[│╷╵\s]*Error: `)
	diagBlock = regexp.MustCompile(`in (resource|data) "([^"]+)" "([^"]+)"`)
	boxSpace  = regexp.MustCompile(`[│╷╵\s]+`)
)

func (b *badBlocks) check(err error) error {
	b.ran = true
	text := err.Error()
	starts := diagStart.FindAllStringIndex(text, -1)
	if len(starts) == 0 {
		return fmt.Errorf("no diagnostics in the error: %w", err)
	}
	about := map[string][]string{} // label → the texts of the errors about it
	for i, s := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		d := boxSpace.ReplaceAllString(text[s[0]:end], " ")
		m := diagBlock.FindStringSubmatch(d)
		if m == nil {
			return fmt.Errorf("an error about no block of the configuration: %s", d)
		}
		label := fmt.Sprintf("%s %q %q", m[1], m[2], m[3])
		if _, ok := b.want[label]; !ok {
			return fmt.Errorf("an unexpected error about %s: %s", label, d)
		}
		about[label] = append(about[label], d)
	}
	var problems []string
	for label, pattern := range b.want {
		re := regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
		found := false
		for _, d := range about[label] {
			found = found || re.MatchString(d)
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s: no error matching %q among %q", label, pattern, about[label]))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s\n\nthe CLI said: %w", strings.Join(problems, "\n"), err)
	}
	return nil
}
