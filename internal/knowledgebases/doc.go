// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package knowledgebases implements the knowledge-base family (contract §3.5): the
// highlevel_knowledge_base, highlevel_knowledge_base_faq, highlevel_knowledge_base_website and
// highlevel_knowledge_base_file resources, and the highlevel_knowledge_base,
// highlevel_knowledge_bases and highlevel_knowledge_base_faqs data sources.
//
// It follows the agents package's pattern (schema, model and mappers, plan-time validation,
// CRUD that fills state from the API's answer). What is particular to the family:
//
//   - FAQs and crawled pages have no GET by id (§7.7): Read takes them from one paged list per
//     knowledge base and run, shared through framework.CachedList and invalidated by every
//     write to that knowledge base (listcache keys in keys.go).
//   - A website source crawls asynchronously (§7.11): Create and Update start the crawl, train
//     what it found and wait with framework.Backoff.Poll inside the resource's timeouts,
//     logging progress. A failure after the crawl started keeps the resource in state (it is
//     tainted, so the next apply replaces it) and never leaves pages behind untracked.
//   - A file is hashed at plan time, so that a changed file replaces the resource.
//   - Readings of the API the contract leaves open (the emulator's variant switches, tested
//     by internal/examples TestAccVariants): when discovery refuses preSelectedUrls (no
//     official file lists it), a source with pre-selected pages crawls each page alone with
//     option Exact and trains it (runCrawlEachPage; the source's id is the first operation);
//     a 404 for an unknown route (NestJS "Cannot GET /x") never means the object is gone
//     (gone in keys.go), so a server that does not serve a path cannot drop objects from state.
//
// Attaching a knowledge base to an agent is the agent's knowledge_base_ids (the API keeps the
// link on the agent only).
package knowledgebases

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources returns the resources of the family.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewKnowledgeBaseResource, NewFAQResource, NewWebsiteResource, NewFileResource}
}

// DataSources returns the data sources of the family.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewKnowledgeBaseDataSource, NewKnowledgeBasesDataSource, NewFAQsDataSource}
}
