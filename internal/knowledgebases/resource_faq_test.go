// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
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

func TestAccFAQ_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	var firstID, kbA string
	long := "Yes. " + fmt.Sprintf("%0500d", 0) // no length limit is documented
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(faqConfig("a", "Do you take walk-ins?", "Yes, until 4 pm.")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_knowledge_base_faq.test", tfjsonpath.New("question"), knownvalue.StringExact("Do you take walk-ins?")),
					statecheck.ExpectKnownValue("highlevel_knowledge_base_faq.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base_faq.test", &firstID),
					captureID("highlevel_knowledge_base.a", &kbA),
					resource.TestCheckResourceAttrPair("highlevel_knowledge_base_faq.test", "knowledge_base_id", "highlevel_knowledge_base.a", "id"),
					checkRemoteFAQ(t, env, "Do you take walk-ins?", "Yes, until 4 pm."),
				),
			},
			// Import by "<kb>/<faq>", "<location>/<kb>/<faq>" and with an import block.
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID("highlevel_knowledge_base_faq.test", false)},
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID("highlevel_knowledge_base_faq.test", true)},
			{ResourceName: "highlevel_knowledge_base_faq.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: childImportID("highlevel_knowledge_base_faq.test", false)},
			{
				ResourceName:  "highlevel_knowledge_base_faq.test",
				ImportState:   true,
				ImportStateId: "just-an-id",
				ExpectError:   re(`import ID "just-an-id" must be "<knowledge_base_id>/<faq_id>" or "<location_id>/<knowledge_base_id>/<faq_id>"`),
			},
			// Update in place (full replace remotely, re-read through the list).
			{
				Config: env.Config(faqConfig("a", "Do you take walk-ins now?", long)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base_faq.test", "answer", "question")},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr("highlevel_knowledge_base_faq.test", "id", &firstID),
					checkRemoteFAQ(t, env, "Do you take walk-ins now?", long),
				),
			},
			// Another knowledge base replaces the FAQ.
			{
				Config: env.Config(faqConfig("b", "Do you take walk-ins now?", long)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("highlevel_knowledge_base_faq.test", "knowledge_base_id", "highlevel_knowledge_base.b", "id"),
					checkRemoteFAQ(t, env, "Do you take walk-ins now?", long),
					func(*terraform.State) error {
						faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, kbA)
						if err != nil || len(faqs) != 0 {
							return fmt.Errorf("knowledge base A still has FAQs %v (err %v)", faqs, err)
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

func TestAccFAQ_drift(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(faqConfig("a", "Parking?", "Free, behind the building."))
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
			{Config: config, Check: captureID("highlevel_knowledge_base_faq.test", &id)},
			{
				PreConfig: edit("Parking? (edited)", "Free, behind the building."),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base_faq.test", "question")},
				},
			},
			{
				PreConfig: edit("Parking?", "Paid."),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base_faq.test", "answer")},
				},
				Check: checkRemoteFAQ(t, env, "Parking?", "Free, behind the building."),
			},
		},
	})
}

// TestAccFAQ_disappears deletes the FAQ out of band, then its knowledge base (which takes the
// FAQs with it): both times the next plan re-creates what is missing.
func TestAccFAQ_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(faqConfig("a", "q", "a"))
	var id, kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: resource.ComposeTestCheckFunc(
				captureID("highlevel_knowledge_base_faq.test", &id),
				captureID("highlevel_knowledge_base.a", &kb))},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteFAQ(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.test", plancheck.ResourceActionCreate)},
				},
				Check: captureID("highlevel_knowledge_base_faq.test", &id),
			},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteKnowledgeBase(context.Background(), env.LocationID, kb); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_knowledge_base.a", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_knowledge_base_faq.test", plancheck.ResourceActionCreate),
					},
				},
				Check: checkRemoteFAQ(t, env, "q", "a"),
			},
		},
	})
}

// TestAccFAQ_500 applies a knowledge base with 500 FAQs and measures the refresh: one paged
// list of the knowledge base's FAQs per run, ceil(500/100) = 5 calls, plus the knowledge
// base's GET. The figures are logged (go test -v).
func TestAccFAQ_500(t *testing.T) {
	t.Parallel()
	const n = 500
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	config := env.Config(fmt.Sprintf(`
resource "highlevel_knowledge_base" "big" {
  name = "Big"
}

resource "highlevel_knowledge_base_faq" "many" {
  count             = %d
  knowledge_base_id = highlevel_knowledge_base.big.id
  question          = "Question ${count.index}?"
  answer            = "Answer ${count.index}."
}
`, n))
	var applyStart, planStart time.Time
	var kbID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { env.ResetCounters(t); applyStart = time.Now() },
				Config:    config,
				Check: func(s *terraform.State) error {
					t.Logf("apply of 1 knowledge base + %d FAQs: %s, %d API calls %v", n, time.Since(applyStart).Round(time.Millisecond),
						env.TotalRequests(t), env.Counters(t))
					kbID, _ = attr(s, "highlevel_knowledge_base.big", "id")
					faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, kbID)
					if err != nil || len(faqs) != n {
						return fmt.Errorf("the knowledge base has %d FAQs (err %v), want %d", len(faqs), err, n)
					}
					return nil
				},
			},
			{
				PreConfig: func() { env.ResetCounters(t); planStart = time.Now() },
				Config:    config,
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					got := env.Counters(t)
					t.Logf("plan (refresh) of 1 knowledge base + %d FAQs: %s, %d API calls %v", n, time.Since(planStart).Round(time.Millisecond),
						env.TotalRequests(t), got)
					// Plan-only runs two plans (two provider processes): at most one location check each.
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/faqs"] != 5 ||
						got["GET /knowledge-bases/{knowledgeBaseId}"] != 1 || requests != 6 || checks > 2 {
						t.Errorf("refresh of %d FAQs made %v, want 5 FAQ list pages, 1 knowledge base GET and at most 2 location checks", n, got)
					}
					env.ResetCounters(t)
				},
				RefreshState: true,
				Check: func(*terraform.State) error {
					got := env.Counters(t)
					if requests, checks := env.RequestsBesidesLocationChecks(t); got["GET /knowledge-bases/faqs"] != 5 || requests != 6 || checks > 1 {
						return fmt.Errorf("refresh-only of %d FAQs made %v, want 5 FAQ list pages and 1 knowledge base GET", n, got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccFAQ_updateManySharesReads updates many FAQs of one knowledge base in one apply. The
// API answers an update with {success:true} only, so each FAQ is read back from the list:
// updates that finish together share one list fetched after them, instead of one list each.
func TestAccFAQ_updateManySharesReads(t *testing.T) {
	t.Parallel()
	const n = 60
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	config := func(version string) string {
		return env.Config(fmt.Sprintf(`
resource "highlevel_knowledge_base" "kb" {
  name = "Many"
}

resource "highlevel_knowledge_base_faq" "many" {
  count             = %d
  knowledge_base_id = highlevel_knowledge_base.kb.id
  question          = "Question ${count.index}?"
  answer            = "Answer ${count.index}, %s."
}
`, n, version))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFAQsDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config("v1")},
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    config("v2"),
				Check: func(s *terraform.State) error {
					got := env.Counters(t)
					// One list (1 page) for the refresh of the plan, plus the shared re-reads.
					if got["PUT /knowledge-bases/faqs/{faqId}"] != n || got["GET /knowledge-bases/faqs"] >= n/2 {
						return fmt.Errorf("updating %d FAQs made %v: want %d PUTs and fewer than %d lists", n, got, n, n/2)
					}
					t.Logf("update of %d FAQs: %v", n, got)
					kb, _ := attr(s, "highlevel_knowledge_base.kb", "id")
					faqs, err := env.Client(t).ListFAQs(context.Background(), env.LocationID, kb)
					if err != nil {
						return err
					}
					for _, f := range faqs {
						if !strings.HasSuffix(f.Answer, ", v2.") {
							return fmt.Errorf("FAQ %s not updated: %q", f.ID, f.Answer)
						}
					}
					return nil
				},
			},
		},
	})
}
