// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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

// dataSourcesConfig reads the contents of contentConfig in every way, once they exist
// (depends_on: the data sources are read after the resources are applied). A second
// knowledge base named "Pricing" makes that name ambiguous.
const dataSourcesConfig = contentConfig + `
resource "highlevel_knowledge_base" "twin" {
  name = "Pricing"
}

data "highlevel_knowledge_base" "by_id" {
  id         = highlevel_knowledge_base.pricing.id
  depends_on = [highlevel_knowledge_base_website.pricing]
}

data "highlevel_knowledge_base" "by_name" {
  name       = "Support FAQ"
  depends_on = [highlevel_knowledge_base_faq.hours, highlevel_knowledge_base_faq.parking]
}

data "highlevel_knowledge_bases" "all" {
  depends_on = [highlevel_knowledge_base.pricing, highlevel_knowledge_base.support, highlevel_knowledge_base.twin]
}

data "highlevel_knowledge_bases" "support" {
  name_contains = "SUPPORT"
  depends_on    = [highlevel_knowledge_base.support]
}

data "highlevel_knowledge_base_faqs" "support" {
  knowledge_base_id = highlevel_knowledge_base.support.id
  depends_on        = [highlevel_knowledge_base_faq.hours, highlevel_knowledge_base_faq.parking]
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
			// The resources and every data source in one apply.
			{
				Config: env.Config(dataSourcesConfig),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_id", "name", "Pricing"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_id", "description", "Plans and prices"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_id", "kb_metadata.urls", "1"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_id", "kb_metadata.faqs", "0"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_id", "is_default", "false"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_name", "kb_metadata.faqs", "2"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base.by_name", "location_id", env.LocationID),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_bases.all", "ids.#", "3"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_bases.support", "knowledge_bases.#", "1"),
					resource.TestCheckResourceAttr("data.highlevel_knowledge_base_faqs.support", "faqs.#", "2"),
					checkNull("data.highlevel_knowledge_base_faqs.support", "faqs.0.trained_url_id"),
					resource.TestCheckResourceAttrPair("data.highlevel_knowledge_base.by_name", "id", "highlevel_knowledge_base.support", "id"),
					resource.TestCheckResourceAttrPair("data.highlevel_knowledge_bases.support", "ids.0", "highlevel_knowledge_base.support", "id"),
					resource.TestCheckTypeSetElemNestedAttrs("data.highlevel_knowledge_bases.all", "knowledge_bases.*", map[string]string{"name": "Pricing"}),
					resource.TestCheckTypeSetElemNestedAttrs("data.highlevel_knowledge_base_faqs.support", "faqs.*",
						map[string]string{"question": "Parking?", "answer": "Behind the building."}),
				),
			},
			// Lookups that fail, each at plan time against what now exists.
			{
				Config: env.Config(dataSourcesConfig + `
data "highlevel_knowledge_base" "missing" {
  name = "Nothing"
}
`),
				PlanOnly:    true,
				ExpectError: re(`no knowledge base of location \S+ is named "Nothing"`),
			},
			{
				Config: env.Config(dataSourcesConfig + `
data "highlevel_knowledge_base" "ambiguous" {
  name = "Pricing"
}
`),
				PlanOnly:    true,
				ExpectError: re(`2 knowledge bases of location \S+ are named "Pricing"`),
			},
			{
				Config: env.Config(dataSourcesConfig + `
data "highlevel_knowledge_base_faqs" "missing" {
  knowledge_base_id = "tDtDnQdgm2LXpyiqYvZ6"
}
`),
				PlanOnly:    true,
				ExpectError: re(`Knowledge base tDtDnQdgm2LXpyiqYvZ6 does not exist in location`),
			},
		},
	})
}
