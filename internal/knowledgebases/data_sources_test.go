// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

const contentConfig = `
resource "highlevel_knowledge_base" "pricing" {
  name        = "Pricing"
  description = "Plans and prices"
}

resource "highlevel_knowledge_base" "support" {
  name = "Support FAQ"
}

resource "highlevel_knowledge_base_faq" "hours" {
  knowledge_base_id = highlevel_knowledge_base.support.id
  question          = "Opening hours?"
  answer            = "9 to 5."
}

resource "highlevel_knowledge_base_faq" "parking" {
  knowledge_base_id = highlevel_knowledge_base.support.id
  question          = "Parking?"
  answer            = "Behind the building."
}

resource "highlevel_knowledge_base_website" "pricing" {
  knowledge_base_id = highlevel_knowledge_base.pricing.id
  url               = "https://example.com/pricing"
  option            = "Exact"
}
`

func TestAccKnowledgeBaseDataSources(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: env.Config(`
data "highlevel_knowledge_base" "both" {
  id   = "x"
  name = "y"
}
`), PlanOnly: true, ExpectError: regexp.MustCompile(`Invalid Attribute Combination`)},
			{Config: env.Config(contentConfig)},
			{
				Config: env.Config(contentConfig + `
data "highlevel_knowledge_base" "by_id" {
  id = highlevel_knowledge_base.pricing.id
}

data "highlevel_knowledge_base" "by_name" {
  name = "Support FAQ"
}

data "highlevel_knowledge_bases" "all" {}

data "highlevel_knowledge_bases" "support" {
  name_contains = "SUPPORT"
}

data "highlevel_knowledge_base_faqs" "support" {
  knowledge_base_id = highlevel_knowledge_base.support.id
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Pricing")),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_id", tfjsonpath.New("description"), knownvalue.StringExact("Plans and prices")),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_id", tfjsonpath.New("kb_metadata").AtMapKey("urls"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_id", tfjsonpath.New("kb_metadata").AtMapKey("faqs"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_id", tfjsonpath.New("is_default"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_name", tfjsonpath.New("kb_metadata").AtMapKey("faqs"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base.by_name", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_bases.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_bases.support", tfjsonpath.New("knowledge_bases"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base_faqs.support", tfjsonpath.New("faqs"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.highlevel_knowledge_base_faqs.support", tfjsonpath.New("faqs").AtSliceIndex(0).AtMapKey("trained_url_id"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.highlevel_knowledge_base.by_name", "id", "highlevel_knowledge_base.support", "id"),
					resource.TestCheckResourceAttrPair("data.highlevel_knowledge_bases.support", "ids.0", "highlevel_knowledge_base.support", "id"),
					resource.TestCheckTypeSetElemNestedAttrs("data.highlevel_knowledge_bases.all", "knowledge_bases.*", map[string]string{"name": "Pricing"}),
					resource.TestCheckTypeSetElemNestedAttrs("data.highlevel_knowledge_base_faqs.support", "faqs.*",
						map[string]string{"question": "Parking?", "answer": "Behind the building."}),
				),
			},
			{
				Config: env.Config(contentConfig + `
data "highlevel_knowledge_base" "missing" {
  name = "Nothing"
}
`),
				ExpectError: re(`no knowledge base of location \S+ is named "Nothing"`),
			},
			{
				Config: env.Config(contentConfig + `
resource "highlevel_knowledge_base" "twin" {
  name = "Pricing"
}

data "highlevel_knowledge_base" "ambiguous" {
  name       = "Pricing"
  depends_on = [highlevel_knowledge_base.twin]
}
`),
				ExpectError: re(`2 knowledge bases of location \S+ are named "Pricing"`),
			},
			{
				Config: env.Config(contentConfig + `
data "highlevel_knowledge_base_faqs" "missing" {
  knowledge_base_id = "tDtDnQdgm2LXpyiqYvZ6"
}
`),
				ExpectError: re(`Knowledge base tDtDnQdgm2LXpyiqYvZ6 does not exist in location`),
			},
		},
	})
}
