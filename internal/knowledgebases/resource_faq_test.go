// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

const twoKBs = `
resource "highlevel_knowledge_base" "a" {
  name = "A"
}

resource "highlevel_knowledge_base" "b" {
  name = "B"
}
`

func faqConfig(kb, question, answer string) string {
	return twoKBs + fmt.Sprintf(`
resource "highlevel_knowledge_base_faq" "test" {
  knowledge_base_id = highlevel_knowledge_base.%s.id
  question          = %q
  answer            = %q
}
`, kb, question, answer)
}

// remoteFAQ finds the FAQ at addr through the public API (nil when it is gone).
func remoteFAQ(t *testing.T, env *acctest.Env, s *terraform.State, addr string) (*client.FAQ, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return nil, fmt.Errorf("%s not in state", addr)
	}
	faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, rs.Primary.Attributes["knowledge_base_id"])
	if err != nil {
		return nil, err
	}
	for _, f := range faqs {
		if f.ID == rs.Primary.ID {
			return &f, nil
		}
	}
	return nil, nil
}

func checkRemoteFAQ(t *testing.T, env *acctest.Env, question, answer string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		f, err := remoteFAQ(t, env, s, "highlevel_knowledge_base_faq.test")
		if err != nil {
			return err
		}
		if f == nil || f.Question != question || f.Answer != answer {
			return fmt.Errorf("remote FAQ is %+v, want %q / %q", f, question, answer)
		}
		return nil
	}
}

// checkFAQsDestroyed verifies through the API that no FAQ in state remains (their knowledge
// bases are destroyed too, which the API answers with 404).
func checkFAQsDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_knowledge_base_faq" {
				continue
			}
			faqs, err := env.Client(t).ListFAQs(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.Attributes["knowledge_base_id"])
			if client.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			for _, f := range faqs {
				if f.ID == rs.Primary.ID {
					return fmt.Errorf("FAQ %s still exists", f.ID)
				}
			}
		}
		return checkKnowledgeBasesDestroyed(t, env)(s)
	}
}

// faqLifecycleConfig is faqConfig plus a second FAQ, "other", in knowledge base A: the
// disappears step deletes FAQ "test" alone and knowledge base A with "other" at once.
func faqLifecycleConfig(kb, question, answer string) string {
	return faqConfig(kb, question, answer) + `
resource "highlevel_knowledge_base_faq" "other" {
  knowledge_base_id = highlevel_knowledge_base.a.id
  question          = "Other?"
  answer            = "Yes."
}
`
}

// TestAccFAQ_lifecycle covers the FAQ's whole life in one run: create, import (both ID
// forms, an import block, a bad ID), out-of-band drift, update in place, replacement by
// another knowledge base, and disappearance (of the FAQ alone, and of a knowledge base with
// its FAQs).
func TestAccFAQ_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	var firstID, kbA string
	long := "Yes. " + fmt.Sprintf("%0500d", 0) // no length limit is documented
	var id string
	edit := func(question, answer string) func() {
		return func() {
			if err := env.Client(t).UpdateFAQ(context.Background(), env.LocationID, id, question, answer); err != nil {
				t.Fatalf("edit FAQ out of band: %v", err)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(faqLifecycleConfig("a", "Do you take walk-ins?", "Yes, until 4 pm.")),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("highlevel_knowledge_base_faq.test", "question", "Do you take walk-ins?"),
					resource.TestCheckResourceAttr("highlevel_knowledge_base_faq.test", "location_id", env.LocationID),
					captureID("highlevel_knowledge_base_faq.test", &firstID),
					captureID("highlevel_knowledge_base_faq.test", &id),
					captureID("highlevel_knowledge_base.a", &kbA),
					resource.TestCheckResourceAttrPair("highlevel_knowledge_base_faq.test", "knowledge_base_id", "highlevel_knowledge_base.a", "id"),
					checkRemoteFAQ(t, env, "Do you take walk-ins?", "Yes, until 4 pm."),
				),
			},
			// Import by "<kb>/<faq>" (import command, verified attribute by attribute) and by
			// "<location>/<kb>/<faq>" in an import block (a no-op against the configuration).
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID("highlevel_knowledge_base_faq.test", false)},
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: childImportID("highlevel_knowledge_base_faq.test", true)},
			{
				ResourceName:  "highlevel_knowledge_base_faq.test",
				ImportState:   true,
				ImportStateId: "just-an-id",
				ExpectError:   re(`import ID "just-an-id" must be "<knowledge_base_id>/<faq_id>" or "<location_id>/<knowledge_base_id>/<faq_id>"`),
			},
			// Question and answer both edited out of band: the plan updates exactly those two
			// back (they are independent attributes), and the apply restores them remotely.
			{
				PreConfig: edit("Do you take walk-ins? (edited)", "Paid."),
				Config:    env.Config(faqLifecycleConfig("a", "Do you take walk-ins?", "Yes, until 4 pm.")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf("highlevel_knowledge_base_faq.test", "answer", "question"),
						plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.other", plancheck.ResourceActionNoop),
					},
				},
				Check: checkRemoteFAQ(t, env, "Do you take walk-ins?", "Yes, until 4 pm."),
			},
			// Update in place (full replace remotely, re-read through the list).
			{
				Config: env.Config(faqLifecycleConfig("a", "Do you take walk-ins now?", long)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base_faq.test", "answer", "question")},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr("highlevel_knowledge_base_faq.test", "id", &firstID),
					checkRemoteFAQ(t, env, "Do you take walk-ins now?", long),
				),
			},
			// Another knowledge base replaces the FAQ: it leaves A (where "other" stays).
			{
				Config: env.Config(faqLifecycleConfig("b", "Do you take walk-ins now?", long)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("highlevel_knowledge_base_faq.test", "knowledge_base_id", "highlevel_knowledge_base.b", "id"),
					captureID("highlevel_knowledge_base_faq.test", &id),
					checkRemoteFAQ(t, env, "Do you take walk-ins now?", long),
					func(*terraform.State) error {
						faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, kbA)
						if err != nil {
							return err
						}
						for _, f := range faqs {
							if f.ID == firstID || f.Question != "Other?" {
								return fmt.Errorf("knowledge base A has FAQs %v, want only %q", faqs, "Other?")
							}
						}
						return nil
					},
				),
			},
			// Disappears, both ways at once: FAQ "test" deleted alone (its knowledge base B
			// stays), and knowledge base A deleted, which takes FAQ "other" with it. The plan
			// re-creates exactly what is missing.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteFAQ(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
					if err := env.Client(t).DeleteKnowledgeBase(context.Background(), env.LocationID, kbA); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(faqLifecycleConfig("b", "Do you take walk-ins now?", long)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_knowledge_base.b", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("highlevel_knowledge_base.a", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.other", plancheck.ResourceActionCreate),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					checkRemoteFAQ(t, env, "Do you take walk-ins now?", long),
					func(s *terraform.State) error {
						f, err := remoteFAQ(t, env, s, "highlevel_knowledge_base_faq.other")
						if err != nil || f == nil || f.Question != "Other?" {
							return fmt.Errorf("FAQ other not re-created: %+v (err %v)", f, err)
						}
						if now, _ := attr(s, "highlevel_knowledge_base_faq.test", "id"); now == id {
							return fmt.Errorf("FAQ test was not re-created")
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccFAQ_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(faqConfig("a", "q", "a"))},
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// faqPageCap is the page size the emulator of TestAccFAQ_many answers with (its
// page_size_cap variant), whatever the provider asks (100): a few dozen FAQs then span
// several pages. `make bench` measures the uncapped case, 500 FAQs = ceil(500/100) = 5 calls.
const faqPageCap = 10

// TestAccFAQ_many manages more FAQs in one knowledge base than fit in a page of the FAQ list.
// The refresh (of a plan and refresh-only) lists them once per run, in ceil(N/page) calls,
// across all pages. Updating all of them in one apply re-reads each from a list fetched after
// the update (the API answers {success:true} only): updates that finish together share one
// list, instead of one list each.
func TestAccFAQ_many(t *testing.T) {
	t.Parallel()
	const n = 30                                    // 3 pages of faqPageCap
	const pages = (n + faqPageCap - 1) / faqPageCap // calls of one list of the knowledge base's FAQs
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	env.Control(t, "PUT", "/_emulator/variants", map[string]int{"page_size_cap": faqPageCap}, nil)
	config := func(version string) string {
		return env.Config(fmt.Sprintf(`
resource "highlevel_knowledge_base" "big" {
  name = "Big"
}

resource "highlevel_knowledge_base_faq" "many" {
  count             = %d
  knowledge_base_id = highlevel_knowledge_base.big.id
  question          = "Question ${count.index}?"
  answer            = "Answer ${count.index}, %s."
}
`, n, version))
	}
	// remoteAnswers checks that the knowledge base has the n FAQs, each answer ending in suffix.
	remoteAnswers := func(suffix string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			kbID, _ := attr(s, "highlevel_knowledge_base.big", "id")
			faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, kbID)
			if err != nil || len(faqs) != n {
				return fmt.Errorf("the knowledge base has %d FAQs (err %v), want %d", len(faqs), err, n)
			}
			for _, f := range faqs {
				if !strings.HasSuffix(f.Answer, suffix) {
					return fmt.Errorf("FAQ %s: answer %q, want it to end in %q", f.ID, f.Answer, suffix)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config("v1"), Check: remoteAnswers(", v1.")},
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    config("v1"),
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					got := env.Counters(t)
					t.Logf("plan (refresh) of 1 knowledge base + %d FAQs: %v", n, got)
					// Plan-only runs two plans (two provider processes): at most one location check each.
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/faqs"] != pages ||
						got["GET /knowledge-bases/{knowledgeBaseId}"] != 1 || requests != pages+1 || checks > 2 {
						t.Errorf("refresh of %d FAQs made %v, want %d FAQ list pages, 1 knowledge base GET and at most 2 location checks", n, got, pages)
					}
					env.ResetCounters(t)
				},
				RefreshState: true,
				Check: func(*terraform.State) error {
					got := env.Counters(t)
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/faqs"] != pages || requests != pages+1 || checks > 1 {
						return fmt.Errorf("refresh-only of %d FAQs made %v, want %d FAQ list pages and 1 knowledge base GET", n, got, pages)
					}
					return nil
				},
			},
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    config("v2"),
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						got := env.Counters(t)
						t.Logf("update of %d FAQs: %v", n, got)
						// Every list has the same n FAQs, so it takes the same number of pages.
						listPages := got["GET /knowledge-bases/faqs"]
						if listPages%pages != 0 {
							return fmt.Errorf("updating %d FAQs made %d FAQ list calls, not whole lists of %d pages: %v", n, listPages, pages, got)
						}
						// One list for the refresh of the plan, plus the shared re-reads.
						if lists := listPages / pages; got["PUT /knowledge-bases/faqs/{faqId}"] != n || lists >= n/2 {
							return fmt.Errorf("updating %d FAQs made %v: want %d PUTs and fewer than %d lists", n, got, n, n/2)
						}
						return nil
					},
					remoteAnswers(", v2."),
				),
			},
		},
	})
}
