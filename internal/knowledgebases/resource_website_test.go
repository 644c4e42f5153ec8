// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

const website = "highlevel_knowledge_base_website.test"

func websiteConfig(url, option, extra string) string {
	return fmt.Sprintf(`
resource "highlevel_knowledge_base" "kb" {
  name = "Site"
}

resource "highlevel_knowledge_base_website" "test" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  url               = %q
  option            = %q
%s
}
`, url, option, extra)
}

// crawlResults are the computed attributes a crawl (re)computes.
var crawlResults = []string{"operation_id", "page_ids", "pages_discovered", "pages_trained", "status"}

// docsPages are the pages a Path crawl of https://example.com/docs finds.
var docsPages = []string{"https://example.com/docs", "https://example.com/docs/overview", "https://example.com/docs/features",
	"https://example.com/docs/pricing", "https://example.com/docs/faq"}

// timeouts5m is a timeouts block for websiteConfig's extra.
const timeouts5m = `  timeouts {
    create = "5m"
    update = "5m"
  }
`

// pre is a pre_selected_urls line for websiteConfig's extra.
func pre(urls ...string) string {
	return fmt.Sprintf("  pre_selected_urls = [%s]\n", `"`+strings.Join(urls, `", "`)+`"`)
}

// TestAccWebsite_lifecycle takes one website source through its whole life: create, import
// (both ID forms: the import command and an import block), a trained page deleted out of
// band (drift), every page deleted out of band (disappears), a new timeout (in place, nothing
// remote), another option and another URL (each replaces), then pre-selected pages: chosen,
// changed in place (added pages trained, removed ones deleted, removal alone without a crawl),
// dropped (the option's pages) and chosen again, and an import by the last operation.
func TestAccWebsite_lifecycle(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	var kb, firstID, id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "status", "Successful"),
					resource.TestCheckResourceAttr(website, "pages_discovered", "5"),
					resource.TestCheckResourceAttr(website, "pages_trained", "5"),
					resource.TestCheckResourceAttr(website, "page_ids.#", "5"),
					checkNull(website, "pre_selected_urls"),
					captureID("highlevel_knowledge_base.kb", &kb),
					captureID(website, &firstID),
					resource.TestCheckResourceAttrPair(website, "operation_id", website, "id"),
					expectPages(t, env, &kb, docsPages...),
				),
			},
			// Import by "<location>/<kb>/<operation>" with the import command (verified
			// attribute by attribute) and by "<kb>/<operation>" in an import block (no-op).
			{ResourceName: website, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(website, true)},
			{ResourceName: website, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: childImportID(website, false)},
			// Drift: one trained page removed out of band (as in the HighLevel UI). The refresh
			// shows fewer pages_trained; the next plan updates the source, which trains it again.
			{
				PreConfig: func() {
					page := pagesOf(t, env, kb)["https://example.com/docs/pricing"]
					if err := env.Client(t).DeleteCrawledURLs(context.Background(), env.LocationID, kb, []string{page.ID}); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "4"),
					resource.TestCheckResourceAttr(website, "page_ids.#", "5"),
				),
			},
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, crawlResults...)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "5"),
					resource.TestCheckResourceAttr(website, "page_ids.#", "5"),
					expectPages(t, env, &kb, docsPages...),
				),
			},
			// Disappears: every page of the source deleted out of band; the plan crawls again.
			{
				PreConfig: func() {
					var ids []string
					for _, p := range pagesOf(t, env, kb) {
						ids = append(ids, p.ID)
					}
					if err := env.Client(t).DeleteCrawledURLs(context.Background(), env.LocationID, kb, ids); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					expectPages(t, env, &kb, docsPages...),
					func(s *terraform.State) error {
						if now, _ := attr(s, website, "id"); now == firstID {
							return fmt.Errorf("website source was not re-created")
						}
						return nil
					},
				),
			},
			// A new timeout changes nothing remotely.
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", timeouts5m)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, "timeouts")},
				},
				Check: expectPages(t, env, &kb, docsPages...),
			},
			// Another option replaces the source: its pages are deleted, the new crawl's trained.
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Exact", timeouts5m)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_discovered", "1"),
					expectPages(t, env, &kb, "https://example.com/docs"),
				),
			},
			// Another URL replaces it too.
			{
				Config: env.Config(websiteConfig("https://example.com/blog", "Exact", timeouts5m)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: expectPages(t, env, &kb, "https://example.com/blog"),
			},
			// Chosen pages only (a replacement: URL and option change): only they are crawled.
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", timeouts5m+pre("https://example.com/a", "https://example.com/b"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "2"),
					captureID(website, &id),
					expectPages(t, env, &kb, "https://example.com/a", "https://example.com/b"),
				),
			},
			// The choice changed in place: added pages are trained, removed ones deleted.
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", timeouts5m+pre("https://example.com/b", "https://example.com/c"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, append([]string{"pre_selected_urls"}, crawlResults...)...)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "2"),
					resource.TestCheckResourceAttr(website, "page_ids.#", "2"),
					resource.TestCheckResourceAttrPtr(website, "id", &id),
					expectPages(t, env, &kb, "https://example.com/b", "https://example.com/c"),
				),
			},
			// Only removing a page deletes it without a crawl.
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    env.Config(websiteConfig("https://example.com/", "Domain", timeouts5m+pre("https://example.com/c"))),
				Check: resource.ComposeTestCheckFunc(
					expectPages(t, env, &kb, "https://example.com/c"),
					func(*terraform.State) error {
						if n := env.Counters(t)["POST /knowledge-bases/crawler"]; n != 0 {
							return fmt.Errorf("removing a pre-selected page crawled %d times", n)
						}
						return nil
					},
				),
			},
			// Dropping pre_selected_urls makes the source what the option finds: the whole
			// domain is crawled, and the pre-selected page it does not find is deleted.
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", timeouts5m)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, append([]string{"pre_selected_urls"}, crawlResults...)...)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "10"),
					resource.TestCheckResourceAttr(website, "pages_discovered", "10"),
					expectPages(t, env, &kb, "https://example.com/", "https://example.com/about", "https://example.com/services",
						"https://example.com/pricing", "https://example.com/contact", "https://example.com/blog", "https://example.com/faq",
						"https://example.com/team", "https://example.com/careers", "https://example.com/testimonials"),
				),
			},
			// And back to chosen pages: the others are deleted, the chosen one crawled.
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", timeouts5m+pre("https://example.com/about", "https://example.com/c"))),
				Check:  expectPages(t, env, &kb, "https://example.com/about", "https://example.com/c"),
			},
			// Import by the last operation: it names every page of the source. Whether the
			// source used pre-selected pages is not known after an import, and the import
			// takes the operation's ID.
			{
				ResourceName:                         website,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateIdFunc:                    lastOperationImportID(website),
				ImportStateVerifyIdentifierAttribute: "operation_id",
				ImportStateVerifyIgnore:              []string{"pre_selected_urls", "id"},
			},
		},
	})
}

// lastOperationImportID is "<knowledge_base_id>/<operation_id>".
func lastOperationImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		kb, err := attr(s, addr, "knowledge_base_id")
		if err != nil {
			return "", err
		}
		op, err := attr(s, addr, "operation_id")
		return kb + "/" + op, err
	}
}

// TestAccWebsite_sharedPages has two sources of one knowledge base whose pages overlap. The
// second finds a page the first had already trained, and does not own it; refreshing both
// lists the knowledge base's pages once; destroying the second deletes its own pages only.
func TestAccWebsite_sharedPages(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	home := `
resource "highlevel_knowledge_base" "kb" {
  name = "Shared pages"
}

resource "highlevel_knowledge_base_website" "home" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  url               = "https://example.com/docs"
  option            = "Exact"
}
`
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(home + `
resource "highlevel_knowledge_base_website" "docs" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  url               = "https://example.com/docs"
  option            = "Path"
  depends_on        = [highlevel_knowledge_base_website.home]
}
`),
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					resource.TestCheckResourceAttr("highlevel_knowledge_base_website.docs", "pages_discovered", "5"),
					resource.TestCheckResourceAttr("highlevel_knowledge_base_website.docs", "page_ids.#", "4"),
				),
			},
			// Refreshing the two sources lists the knowledge base's pages once.
			{
				PreConfig:    func() { env.ResetCounters(t) },
				RefreshState: true,
				Check: func(*terraform.State) error {
					got := env.Counters(t)
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/crawler"] != 1 || requests != 2 || checks > 1 {
						return fmt.Errorf("refresh of 2 sources made %v, want 1 page list and 1 knowledge base GET", got)
					}
					return nil
				},
			},
			{
				Config: env.Config(home),
				Check:  expectPages(t, env, &kb, "https://example.com/docs"),
			},
		},
	})
}

// TestAccWebsite_failures makes one source's crawls fail every way the emulator offers, one
// after the other: an operation aborted through the control plane, a page blocked by
// robots.txt, a page whose content cannot be extracted, a site that cannot be reached, a
// crawl that outlasts a short create timeout, and a training request that fails once (fault
// injection, 500). Each error names the failure; the source stays in state tainted with the
// pages it created, so the next plan replaces it because it is tainted (and deletes those
// pages); the last apply, with the same configuration as the failed one, succeeds and leaves
// exactly its own pages.
func TestAccWebsite_failures(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{CrawlStepDelay: 2 * time.Second, RateLimitBurst: -1})
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	// failed is a step whose apply replaces the tainted source and fails with want.
	failed := func(url, option, extra, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { setCrawlStep(t, env, 20*time.Millisecond) },
			Config:    env.Config(websiteConfig(url, option, extra)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{expectTaintedReplace(website)},
			},
			ExpectError: re(want),
		}
	}
	crawlFailed := func(want string) string {
		return `The crawl did not finish[\s\S]*` + want + `[\s\S]*stays in state, marked tainted`
	}
	fault := failed("https://example.com/docs", "Path", "",
		`training the 5 pages the crawl of https://example.com/docs \(operation \w+\) found: POST /knowledge-bases/crawler/train: 500`)
	fault.PreConfig = func() {
		setCrawlStep(t, env, 20*time.Millisecond)
		env.Control(t, "POST", "/_emulator/faults", map[string]any{"route": "POST /knowledge-bases/crawler/train", "status": 500, "count": 1}, nil)
	}
	timeout := failed("https://example.com/docs", "Path", `  timeouts {
    create = "2s"
  }`, `timed out after [\d.]+m?s waiting for the crawl of https://example.com/docs \(operation \w+\); last progress seen: discovering pages \(operation Processing, 0 found so far\)[\s\S]*The time allowed was 2s`)
	timeout.PreConfig = func() { setCrawlStep(t, env, time.Minute) }
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			// Aborted while discovering pages (crawl steps of 2 s leave time to interrupt it).
			{
				PreConfig:   func() { go abortFirstCrawl(t, env, stop) },
				Config:      env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ExpectError: re(`the crawl of https://example.com/docs \(operation \w+\) ended Aborted while discovering pages`),
			},
			failed("https://example.com/restricted-area", "Exact", "", crawlFailed(
				`found pages that cannot be trained\s+- blocked by the site's robots.txt \(Restricted; the API never trains them\): https://example.com/restricted-area`)),
			failed("https://example.com/fail", "Exact", "", crawlFailed(
				`ended Successful while training\s+- failed: https://example.com/fail \(Failed to extract content from https://example.com/fail\)`)),
			failed("https://down.invalid/", "Domain", "", crawlFailed(
				`ended Failed while discovering pages\s+- failed: https://down.invalid/ \(getaddrinfo ENOTFOUND down.invalid\)`)),
			// Crawl steps of a minute: the crawl outlasts the create timeout of 2 s. The error
			// gives the timeout and the last progress.
			timeout,
			// Crawls fast again (the slow crawl finishes discovering as soon as the plan reads
			// it, and the replacement deletes what it created); training fails once.
			fault,
			// The same configuration again replaces the tainted source and succeeds: only its
			// own pages are left in the knowledge base.
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectTaintedReplace(website)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(website, "pages_trained", "5"),
					captureID("highlevel_knowledge_base.kb", &kb),
					expectPages(t, env, &kb, docsPages...),
				),
			},
		},
	})
}

// abortFirstCrawl waits for the first crawl operation of the location's knowledge base and
// aborts it through the emulator's control plane. It runs in its own goroutine, so it reports
// problems with t.Error only.
func abortFirstCrawl(t *testing.T, env *acctest.Env, stop <-chan struct{}) {
	c := env.Client(t)
	for {
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
		kbs, err := c.ListKnowledgeBases(context.Background(), env.LocationID, "")
		if err != nil || len(kbs) == 0 {
			continue // no knowledge base yet
		}
		s, err := c.GetCrawlStatus(context.Background(), env.LocationID, kbs[0].ID, "")
		if err != nil || s.OperationDetails.ID == "" {
			continue // no operation yet
		}
		body := strings.NewReader(`{"status":"Aborted"}`)
		req, _ := http.NewRequest(http.MethodPost, env.BaseURL+"/_emulator/crawler/operations/"+s.OperationDetails.ID+"/interrupt", body)
		req.Header.Set("Authorization", "Bearer "+env.Bootstrap.AdminToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("interrupt the crawl: %v", err)
			return
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("interrupt the crawl: %s", resp.Status)
		}
		return
	}
}
