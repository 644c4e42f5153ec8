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
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
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

func TestAccWebsite_lifecycle(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	var kb, firstID string
	pathPages := []string{"https://example.com/docs", "https://example.com/docs/overview", "https://example.com/docs/features",
		"https://example.com/docs/pricing", "https://example.com/docs/faq"}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("status"), knownvalue.StringExact("Successful")),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_discovered"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("page_ids"), knownvalue.SetSizeExact(5)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pre_selected_urls"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					captureID(website, &firstID),
					resource.TestCheckResourceAttrPair(website, "operation_id", website, "id"),
					expectPages(t, env, &kb, pathPages...),
				),
			},
			// Import by "<kb>/<operation>", "<location>/<kb>/<operation>" and with an import block.
			{ResourceName: website, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(website, false)},
			{ResourceName: website, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(website, true)},
			{ResourceName: website, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: childImportID(website, false)},
			// Another option replaces the source: its pages are deleted, the new crawl's trained.
			{
				Config: env.Config(websiteConfig("https://example.com/docs", "Exact", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_discovered"), knownvalue.Int64Exact(1)),
				},
				Check: expectPages(t, env, &kb, "https://example.com/docs"),
			},
			// Another URL replaces it too.
			{
				Config: env.Config(websiteConfig("https://example.com/blog", "Exact", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: expectPages(t, env, &kb, "https://example.com/blog"),
			},
			// A new timeout changes nothing remotely.
			{
				Config: env.Config(websiteConfig("https://example.com/blog", "Exact", `  timeouts {
    create = "5m"
    update = "5m"
  }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, "timeouts")},
				},
				Check: expectPages(t, env, &kb, "https://example.com/blog"),
			},
		},
	})
}

// TestAccWebsite_preSelected crawls chosen pages only, then changes the choice in place:
// added pages are trained, removed ones deleted.
func TestAccWebsite_preSelected(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	var kb, id string
	pre := func(urls ...string) string {
		return fmt.Sprintf("  pre_selected_urls = [%s]", `"`+strings.Join(urls, `", "`)+`"`)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", pre("https://example.com/a", "https://example.com/b"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(2)),
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					captureID(website, &id),
					expectPages(t, env, &kb, "https://example.com/a", "https://example.com/b"),
				),
			},
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", pre("https://example.com/b", "https://example.com/c"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, append([]string{"pre_selected_urls"}, crawlResults...)...)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("page_ids"), knownvalue.SetSizeExact(2)),
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(website, "id", &id),
					expectPages(t, env, &kb, "https://example.com/b", "https://example.com/c"),
				),
			},
			// Only removing a page deletes it without a crawl.
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    env.Config(websiteConfig("https://example.com/", "Domain", pre("https://example.com/c"))),
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
				Config: env.Config(websiteConfig("https://example.com/", "Domain", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, append([]string{"pre_selected_urls"}, crawlResults...)...)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_discovered"), knownvalue.Int64Exact(10)),
				},
				Check: expectPages(t, env, &kb, "https://example.com/", "https://example.com/about", "https://example.com/services",
					"https://example.com/pricing", "https://example.com/contact", "https://example.com/blog", "https://example.com/faq",
					"https://example.com/team", "https://example.com/careers", "https://example.com/testimonials"),
			},
			// And back to chosen pages: the others are deleted, the chosen one crawled.
			{
				Config: env.Config(websiteConfig("https://example.com/", "Domain", pre("https://example.com/about", "https://example.com/c"))),
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

// TestAccWebsite_drift removes one trained page out of band (as in the HighLevel UI): the next
// plan shows fewer pages_trained and updates the source, which trains the page again.
func TestAccWebsite_drift(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	config := env.Config(websiteConfig("https://example.com/docs", "Path", ""))
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: captureID("highlevel_knowledge_base.kb", &kb)},
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
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(website, crawlResults...)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(website, tfjsonpath.New("page_ids"), knownvalue.SetSizeExact(5)),
				},
				Check: expectPages(t, env, &kb, "https://example.com/docs", "https://example.com/docs/overview",
					"https://example.com/docs/features", "https://example.com/docs/pricing", "https://example.com/docs/faq"),
			},
		},
	})
}

// TestAccWebsite_disappears deletes every page of the source out of band: the plan crawls again.
func TestAccWebsite_disappears(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	config := env.Config(websiteConfig("https://example.com/docs", "Exact", ""))
	var kb, id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: resource.ComposeTestCheckFunc(captureID("highlevel_knowledge_base.kb", &kb), captureID(website, &id))},
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
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					expectPages(t, env, &kb, "https://example.com/docs"),
					func(s *terraform.State) error {
						if now, _ := attr(s, website, "id"); now == id {
							return fmt.Errorf("website source was not re-created")
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccWebsite_destroyKeepsOtherPages checks that destroying a source deletes its own pages
// only: pages another source had already trained stay.
func TestAccWebsite_destroyKeepsOtherPages(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	two := `
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
			{Config: env.Config(two), Check: captureID("highlevel_knowledge_base.kb", &kb)},
			{
				Config: env.Config(two + `
resource "highlevel_knowledge_base_website" "docs" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  url               = "https://example.com/docs"
  option            = "Path"
  depends_on        = [highlevel_knowledge_base_website.home]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_knowledge_base_website.docs", tfjsonpath.New("pages_discovered"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue("highlevel_knowledge_base_website.docs", tfjsonpath.New("page_ids"), knownvalue.SetSizeExact(4)),
				},
			},
			{
				Config: env.Config(two),
				Check:  expectPages(t, env, &kb, "https://example.com/docs"),
			},
		},
	})
}

// TestAccWebsite_failingCrawls makes crawls fail the ways the emulator offers (a page blocked
// by robots.txt, a page whose content cannot be extracted, a site that cannot be reached, an
// operation aborted through the control plane): each error names the failure, the source
// stays in state tainted with the pages it created, and fixing the configuration replaces it
// without leaving pages behind.
func TestAccWebsite_failingCrawls(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, url, option string
		want              string
	}{
		{"restricted", "https://example.com/restricted-area", "Exact",
			`found pages that cannot be trained\s+- blocked by the site's robots.txt \(Restricted; the API never trains them\): https://example.com/restricted-area`},
		{"ingest failure", "https://example.com/fail", "Exact",
			`ended Successful while training\s+- failed: https://example.com/fail \(Failed to extract content from https://example.com/fail\)`},
		{"unreachable site", "https://down.invalid/", "Domain",
			`ended Failed while discovering pages\s+- failed: https://down.invalid/ \(getaddrinfo ENOTFOUND down.invalid\)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := fastCrawlEnv(t)
			var kb string
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
				Steps: []resource.TestStep{
					{Config: env.Config(websiteConfig("https://example.com/ok", "Exact", "")), Check: captureID("highlevel_knowledge_base.kb", &kb)},
					{
						Config:      env.Config(websiteConfig(tc.url, tc.option, "")),
						ExpectError: re(`The crawl did not finish[\s\S]*` + tc.want + `[\s\S]*stays in state, marked tainted`),
					},
					// The failed source is in state (tainted): the plan replaces it. The
					// fixed configuration crawls another page; the failed one's pages go.
					{
						Config: env.Config(websiteConfig("https://example.com/fixed", "Exact", "")),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
						},
						Check: expectPages(t, env, &kb, "https://example.com/fixed"),
					},
				},
			})
		})
	}
}

// TestAccWebsite_faultRetried makes the training request fail once (emulator fault
// injection, 500): the error names it, and the next apply with the same configuration
// replaces the tainted source and succeeds without leftovers.
func TestAccWebsite_faultRetried(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	config := env.Config(websiteConfig("https://example.com/docs", "Path", ""))
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.Control(t, "POST", "/_emulator/faults", map[string]any{"route": "POST /knowledge-bases/crawler/train", "status": 500, "count": 1}, nil)
				},
				Config:      config,
				ExpectError: re(`training the 5 pages the crawl of https://example.com/docs \(operation \w+\) found: POST /knowledge-bases/crawler/train: 500`),
			},
			{
				// The failed attempt left 5 untrained pages, tracked by the tainted source:
				// the replacement deletes them before crawling again.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(website, tfjsonpath.New("pages_trained"), knownvalue.Int64Exact(5)),
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					expectPages(t, env, &kb, "https://example.com/docs", "https://example.com/docs/overview",
						"https://example.com/docs/features", "https://example.com/docs/pricing", "https://example.com/docs/faq"),
				),
			},
		},
	})
}

// TestAccWebsite_aborted interrupts the crawl through the emulator's control plane while it
// discovers pages: the error names the interruption.
func TestAccWebsite_aborted(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{CrawlStepDelay: 2 * time.Second, RateLimitBurst: -1})
	var kb string
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: env.Config(`
resource "highlevel_knowledge_base" "kb" {
  name = "Site"
}
`), Check: captureID("highlevel_knowledge_base.kb", &kb)},
			{
				PreConfig:   func() { go abortFirstCrawl(t, env.Client(t), env, kb, stop) },
				Config:      env.Config(websiteConfig("https://example.com/docs", "Path", "")),
				ExpectError: re(`the crawl of https://example.com/docs \(operation \w+\) ended Aborted while discovering pages`),
			},
			{
				PreConfig: func() { setCrawlStep(t, env, 20*time.Millisecond) },
				Config:    env.Config(websiteConfig("https://example.com/docs", "Exact", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: expectPages(t, env, &kb, "https://example.com/docs"),
			},
		},
	})
}

// abortFirstCrawl waits for the knowledge base's first crawl operation and aborts it through
// the emulator's control plane. It runs in its own goroutine, so it reports problems with
// t.Error only.
func abortFirstCrawl(t *testing.T, c *client.Client, env *acctest.Env, kb string, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
		s, err := c.GetCrawlStatus(context.Background(), env.LocationID, kb, "")
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

// TestAccWebsite_timeout lets a crawl outlast a short create timeout: the error gives the
// timeout and the last progress, the source stays in state, and once the crawl is fast again
// the next apply replaces it and cleans up what the slow crawl created.
func TestAccWebsite_timeout(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{CrawlStepDelay: time.Minute, RateLimitBurst: -1})
	config := env.Config(websiteConfig("https://example.com/docs", "Path", `  timeouts {
    create = "2s"
  }`))
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: re(`timed out after [\d.]+m?s waiting for the crawl of https://example.com/docs \(operation \w+\); last progress seen: discovering pages \(operation Processing, 0 found so far\)[\s\S]*The time allowed was 2s`),
			},
			{
				PreConfig: func() { setCrawlStep(t, env, 20*time.Millisecond) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(website, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					expectPages(t, env, &kb, "https://example.com/docs", "https://example.com/docs/overview",
						"https://example.com/docs/features", "https://example.com/docs/pricing", "https://example.com/docs/faq"),
				),
			},
		},
	})
}

// TestAccWebsite_refreshSharesOneList checks that refreshing several sources of one knowledge
// base lists its pages once.
func TestAccWebsite_refreshSharesOneList(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	config := env.Config(`
resource "highlevel_knowledge_base" "kb" {
  name = "Site"
}

resource "highlevel_knowledge_base_website" "many" {
  count             = 4
  knowledge_base_id = highlevel_knowledge_base.kb.id
  url               = "https://example.com/page-${count.index}"
  option            = "Exact"
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:    func() { env.ResetCounters(t) },
				RefreshState: true,
				Check: func(*terraform.State) error {
					got := env.Counters(t)
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/crawler"] != 1 || requests != 2 || checks > 1 {
						return fmt.Errorf("refresh of 4 sources made %v, want 1 page list and 1 knowledge base GET", got)
					}
					return nil
				},
			},
		},
	})
}
