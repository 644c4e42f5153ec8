// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// fastCrawlEnv is an emulator of the test's own whose crawls and file processing take 20 ms a
// step instead of the default 2 s.
func fastCrawlEnv(t *testing.T) *acctest.Env {
	return acctest.Isolated(t, emulator.Options{CrawlStepDelay: 20 * time.Millisecond, RateLimitBurst: -1})
}

// setCrawlStep changes the emulator's crawl/processing step delay.
func setCrawlStep(t *testing.T, env *acctest.Env, d time.Duration) {
	env.Control(t, "PUT", "/_emulator/crawler", map[string]int64{"step_delay_ms": d.Milliseconds()}, nil)
}

// expectTaintedReplace checks that the plan replaces the resource at addr because it is
// tainted (a failed create left it in state), whatever else changed in its configuration.
func expectTaintedReplace(addr string) plancheck.PlanCheck { return taintedReplace{addr} }

type taintedReplace struct{ addr string }

func (c taintedReplace) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		if !rc.Change.Actions.DestroyBeforeCreate() || rc.ActionReason != tfjson.ActionReasonReplaceBecauseTainted {
			resp.Error = fmt.Errorf("%s: expected a replacement because it is tainted, got %v (reason %q)", c.addr, rc.Change.Actions, rc.ActionReason)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", c.addr)
}

// attr returns a state attribute of addr.
func attr(s *terraform.State, addr, name string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.Attributes[name], nil
}

// checkNull checks that attribute name of addr is null in state: the flattened state leaves
// null attributes out (an empty string would be there, as "").
func checkNull(addr, name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		if v, ok := rs.Primary.Attributes[name]; ok {
			return fmt.Errorf("%s: %s is %q, want null", addr, name, v)
		}
		return nil
	}
}

// captureID stores the id of addr into *dst.
func captureID(addr string, dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		v, err := attr(s, addr, "id")
		*dst = v
		return err
	}
}

// childImportID is "<knowledge_base_id>/<id>", or with the location in front.
func childImportID(addr string, withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		id := rs.Primary.Attributes["knowledge_base_id"] + "/" + rs.Primary.ID
		if withLocation {
			id = rs.Primary.Attributes["location_id"] + "/" + id
		}
		return id, nil
	}
}

// locationImportID is "<location_id>/<id>".
func locationImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		return rs.Primary.Attributes["location_id"] + "/" + rs.Primary.ID, nil
	}
}

// pagesOf lists a knowledge base's crawled pages through the public API, by URL.
func pagesOf(t *testing.T, env *acctest.Env, kbID string) map[string]client.CrawledURL {
	t.Helper()
	pages, err := env.Client(t).ListCrawledURLs(context.Background(), env.LocationID, kbID, "")
	if err != nil {
		t.Fatalf("list pages of %s: %v", kbID, err)
	}
	out := map[string]client.CrawledURL{}
	for _, p := range pages {
		out[p.URL] = p
	}
	return out
}

// expectPages checks that the knowledge base's pages are exactly urls, all trained.
func expectPages(t *testing.T, env *acctest.Env, kbID *string, urls ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		pages := pagesOf(t, env, *kbID)
		var got []string
		for u, p := range pages {
			if p.Status != client.CrawlStatusSuccessful {
				return fmt.Errorf("page %s is %s, want Successful", u, p.Status)
			}
			got = append(got, u)
		}
		slices.Sort(got)
		want := slices.Clone(urls)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("knowledge base pages are %v, want %v", got, want)
		}
		return nil
	}
}

// checkKnowledgeBasesDestroyed verifies through the API that every knowledge base in state is gone.
func checkKnowledgeBasesDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_knowledge_base" {
				continue
			}
			_, err := env.Client(t).GetKnowledgeBase(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("knowledge base %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// writeTestFile writes a file in a fresh directory and returns its path.
func writeTestFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdf is a minimal PDF with some text in it.
func pdf(text string) []byte {
	return []byte("%PDF-1.4\n% " + text + "\n%%EOF\n")
}

// re compiles a message pattern in which a space matches any run of whitespace (the CLI
// wraps long lines).
func re(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}
