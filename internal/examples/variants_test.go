// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// API variants (issue 13): the emulator's switches (emulator.Variants) make it answer another
// reading of the API that the published sources also allow. Under every switch alone, and
// under all of them at once (emulator.StrictVariants: no end-of-list members, …), the
// provider must apply, refresh to an empty plan, and list every object.
//
// Every step also caps the emulator's pages at variantPageCap items (page_size_cap), whatever
// the provider asks (it asks 100): so a list of just over two caps (11 or 12 objects) is read
// in three pages under every switch, which is what 120 objects against the provider's own
// page size of 100 used to prove, at a tenth of the resources. The page_size_cap step is
// that cap alone.
//
//   - agents_and_faqs: one workspace of 11 agents and a knowledge base of 11 FAQs with the
//     three list data sources, created once and reused under every switch that concerns
//     agents, knowledge bases or FAQs: each step sets the switch, adds or removes one agent
//     and one FAQ, updates one of each, creates or deletes a second knowledge base linked to
//     the first agent, applies (the data sources, read after the changes, must list every
//     object), plans with a refresh under the switch (exit code 0), and checks that the
//     emulator holds exactly the configured objects (read with every switch off).
//   - website, files, conversations, actions: the families the other switches concern, each
//     on an emulator of its own, under each of their switches and under strict; every step
//     adds an object (a whole-site and a pre-selected website source, a file, a conversation,
//     an action) and updates one, applies, and expects an empty plan after a refresh under
//     the switch (outputs carry the values checked, so a value read otherwise than it was
//     applied changes an output and fails the plan too); the objects of earlier steps are
//     refreshed under every later switch.
//
// Every switch of emulator.VariantNames belongs to at least one family (checked), so a new
// switch fails the test until a family runs under it. The families run in three lanes at once;
// the emulators run without rate limits, the provider with HIGHLEVEL_REQUESTS_PER_10S=0, and
// the crawler steps 10 ms apart. Nothing sleeps: each CLI command ends when its work is done,
// and crawls are waited for by the provider's polling.

// variantPageCap is the page cap of every step: lists of 11 or more objects span 3 pages.
const variantPageCap = 5

// variantStep is one emulator configuration a step runs under.
type variantStep struct {
	name string
	v    emulator.Variants
}

// variantSteps is every switch alone (emulator.VariantNames), then all at once, each with the
// page cap variantPageCap. only, when given, keeps the named switches (and strict).
func variantSteps(t *testing.T, only ...string) []variantStep {
	t.Helper()
	var steps []variantStep
	for _, name := range emulator.VariantNames() {
		if len(only) > 0 && !slices.Contains(only, name) {
			continue
		}
		v, err := emulator.ParseVariants(name)
		if err != nil {
			t.Fatal(err)
		}
		v.PageSizeCap = variantPageCap
		steps = append(steps, variantStep{name, v})
	}
	strict := emulator.StrictVariants()
	strict.PageSizeCap = variantPageCap
	return append(steps, variantStep{"strict", strict})
}

// setVariants replaces the emulator's switches.
func setVariants(t *testing.T, env *acctest.Env, v emulator.Variants) {
	t.Helper()
	var got emulator.Variants
	env.Control(t, http.MethodPut, "/_emulator/variants", v, &got)
	if got != v {
		t.Fatalf("emulator variants = %+v, want %+v", got, v)
	}
}

// variantEnv is an emulator of the test's own (variants are emulator-wide), without rate limits
// and with a fast crawler, and a workspace on it whose provider does not pace its requests.
// base, when not nil, lends its built provider and CLI configuration.
func variantEnv(t *testing.T, base *workspace) (*acctest.Env, *workspace) {
	t.Helper()
	env := acctest.Isolated(t, emulator.Options{Locations: 1, RateLimitBurst: -1, CrawlStepDelay: 10 * time.Millisecond})
	extra := []string{"HIGHLEVEL_REQUESTS_PER_10S=0"}
	if base == nil {
		return env, newWorkspace(t, env, extra...)
	}
	w := *base
	w.t, w.location = t, env.LocationID
	w.env = append(slices.Clone(base.env), append([]string{
		"HIGHLEVEL_BASE_URL=" + env.BaseURL,
		"HIGHLEVEL_TOKEN=" + env.Token,
		"HIGHLEVEL_LOCATION_ID=" + env.LocationID,
	}, extra...)...)
	return env, &w
}

// writeIn writes name in dir.
func writeIn(t *testing.T, dir, name, body string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, name), body)
}

// applyRefreshEmpty applies dir and expects the next plan, which refreshes every object and
// data source, to be empty: no resource change and no output change (-detailed-exitcode
// counts changed outputs too, so a computed value read otherwise than applied fails it).
func (w *workspace) applyRefreshEmpty(dir string) {
	w.t.Helper()
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

// strings of an output that is a list of strings.
func outputStrings(t *testing.T, outs map[string]any, name string) []string {
	t.Helper()
	list, ok := outs[name].([]any)
	if !ok {
		t.Fatalf("output %s = %v, want a list", name, outs[name])
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = fmt.Sprint(v)
	}
	sort.Strings(out)
	return out
}

// sameSet fails unless got and want hold the same strings, each once.
func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(g, w) {
		t.Fatalf("%s: got %d %v, want %d %v", what, len(g), g, len(w), w)
	}
	if len(slices.Compact(g)) != len(got) {
		t.Fatalf("%s: duplicates in %v", what, got)
	}
}

const bigWorkspaceTF = `
variable "agents" { type = number }
variable "faqs" { type = number }
variable "rev" { type = string }
variable "second_kb" { type = bool }

resource "highlevel_knowledge_base" "faqs" {
  name        = "Variant FAQs"
  description = "FAQs of every variant"
}

resource "highlevel_knowledge_base" "second" {
  count       = var.second_kb ? 1 : 0
  name        = "Second"
  description = "Linked to the first agent now and then"
}

# Agent 0 sets every optional member (a PUT that replaces must keep them all); agent 1 has
# no business name and no optional member, and is updated too; the others set only what the
# API requires.
resource "highlevel_agent" "many" {
  count         = var.agents
  name          = format("Agent %03d", count.index)
  business_name = count.index == 1 ? null : "Variant Dental"
  personality   = "Friendly"
  goal          = count.index == 0 ? "Book appointments (${var.rev})" : "Answer questions"
  instructions  = count.index <= 1 ? "Revision ${var.rev}" : "Be brief"

  mode                      = count.index == 0 ? "auto-pilot" : null
  channels                  = count.index == 0 ? ["SMS", "WebChat"] : null
  is_primary                = count.index == 0 # explicit on every agent: none becomes primary by being created first
  wait_time                 = count.index == 0 ? 30 : null
  sleep_enabled             = count.index == 0 ? true : null
  sleep_time                = count.index == 0 ? 2 : null
  sleep_time_unit           = count.index == 0 ? "hours" : null
  respond_to_images         = count.index == 0 ? true : null
  respond_to_audio          = count.index == 0 ? true : null
  sleep_on_manual_message   = count.index == 0 ? true : null
  auto_pilot_max_messages   = count.index == 0 ? 20 : null
  knowledge_base_ids        = count.index == 0 ? concat([highlevel_knowledge_base.faqs.id], highlevel_knowledge_base.second[*].id) : null
}

resource "highlevel_knowledge_base_faq" "many" {
  count             = var.faqs
  knowledge_base_id = highlevel_knowledge_base.faqs.id
  question          = format("Question %03d?", count.index)
  answer            = count.index == 0 ? "Revision ${var.rev}" : format("Answer %03d.", count.index)
}

data "highlevel_agents" "all" {
  depends_on = [highlevel_agent.many]
}

data "highlevel_knowledge_base_faqs" "all" {
  knowledge_base_id = highlevel_knowledge_base.faqs.id
  depends_on        = [highlevel_knowledge_base_faq.many]
}

data "highlevel_knowledge_bases" "all" {
  depends_on = [highlevel_knowledge_base.faqs, highlevel_knowledge_base.second]
}

output "first_agent_id" { value = try(highlevel_agent.many[0].id, "") }
output "agent_ids" { value = highlevel_agent.many[*].id }
output "faq_ids" { value = highlevel_knowledge_base_faq.many[*].id }
output "kb_ids" { value = concat([highlevel_knowledge_base.faqs.id], highlevel_knowledge_base.second[*].id) }
output "listed_agent_ids" { value = data.highlevel_agents.all.agents[*].id }
output "listed_faq_ids" { value = data.highlevel_knowledge_base_faqs.all.faqs[*].id }
output "listed_faq_answers" { value = data.highlevel_knowledge_base_faqs.all.faqs[*].answer }
output "listed_kb_ids" { value = data.highlevel_knowledge_bases.all.knowledge_bases[*].id }
`

// The switches each family's workspace runs under (each alone, then strict). Every switch of
// emulator.VariantNames belongs to at least one family (TestAccVariants checks it).
var (
	// Agents, knowledge bases and FAQs: paging, answer shapes, PUT semantics, orders.
	bigWorkspaceSwitches = []string{"page_size_cap", "omit_end_of_list_members", "null_end_cursors", "agent_goal_object",
		"agent_omit_undocumented", "omit_write_only_fields", "primary_not_exclusive", "agent_put_replaces",
		"agent_empty_business_name", "reverse_list_order", "reject_live_only_fields", "kb_list_slash_only",
		"kb_delete_keeps_agent_refs"}
	// Website sources: list paging and order of crawled URLs, request members, answer shapes.
	websiteSwitches = []string{"page_size_cap", "reverse_list_order", "discover_rejects_preselected_urls",
		"reject_live_only_fields", "discover_no_envelope", "crawl_status_no_envelope", "crawler_oas_answers"}
	fileSwitches         = []string{"page_size_cap", "reverse_list_order", "files_v3_only"}
	conversationSwitches = []string{"page_size_cap", "null_end_cursors", "reverse_list_order", "conversation_search_no_cursor",
		"conversation_search_oas_items", "messages_nested"}
	actionSwitches = []string{"actions_grouped_by_type", "agent_goal_object", "agent_omit_undocumented", "agent_put_replaces"}
)

// TestAccVariants applies and refreshes every family under every API variant.
func TestAccVariants(t *testing.T) {
	covered := slices.Concat(bigWorkspaceSwitches, websiteSwitches, fileSwitches, conversationSwitches, actionSwitches)
	for _, name := range emulator.VariantNames() {
		if !slices.Contains(covered, name) {
			t.Errorf("switch %s is exercised by no family: add it to one of the lists in variants_test.go", name)
		}
	}
	for _, name := range covered {
		if !slices.Contains(emulator.VariantNames(), name) {
			t.Errorf("switch %s is not an emulator switch", name)
		}
	}
	_, w := variantEnv(t, nil) // builds the provider once
	type family struct {
		name string
		run  func(*testing.T, *acctest.Env, *workspace)
	}
	// Three lanes at once, whatever -parallel says (t.Run may be called from several
	// goroutines): the agents and FAQs, the website sources (crawls), and the small families.
	lanes := [][]family{
		{{"agents_and_faqs", func(t *testing.T, env *acctest.Env, w *workspace) {
			testVariantsBigWorkspace(t, env, w, 2*variantPageCap+1, 2*variantPageCap+1)
		}}},
		{{"website", testVariantsWebsite}},
		{{"files", testVariantsFiles}, {"conversations", testVariantsConversations}, {"actions", testVariantsActions}},
	}
	var wg sync.WaitGroup
	for _, lane := range lanes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range lane {
				t.Run(f.name, func(t *testing.T) {
					env, fw := variantEnv(t, w)
					f.run(t, env, fw)
				})
			}
		}()
	}
	wg.Wait()
}

// testVariantsBigWorkspace runs the big workspace with baseAgents agents and baseFAQs FAQs
// (each 0 or more than two page caps; a step adds one of each kind that is not 0).
func testVariantsBigWorkspace(t *testing.T, env *acctest.Env, w *workspace, baseAgents, baseFAQs int) {
	dir := t.TempDir()
	writeIn(t, dir, "main.tf", bigWorkspaceTF)
	vars := func(agents, faqs int, rev string, secondKB bool) {
		writeIn(t, dir, "terraform.tfvars", fmt.Sprintf("agents = %d\nfaqs = %d\nrev = %q\nsecond_kb = %t\n", agents, faqs, rev, secondKB))
	}
	c := env.Client(t)
	ctx := context.Background()
	check := func(step string, outs map[string]any, agents, faqs int, rev string, secondKB bool) {
		t.Helper()
		agentIDs, faqIDs, kbIDs := outputStrings(t, outs, "agent_ids"), outputStrings(t, outs, "faq_ids"), outputStrings(t, outs, "kb_ids")
		if len(agentIDs) != agents || len(faqIDs) != faqs || len(kbIDs) != 1+map[bool]int{true: 1}[secondKB] {
			t.Fatalf("%s: state holds %d agents, %d FAQs, %d knowledge bases", step, len(agentIDs), len(faqIDs), len(kbIDs))
		}
		sameSet(t, step+": highlevel_agents", outputStrings(t, outs, "listed_agent_ids"), agentIDs)
		sameSet(t, step+": highlevel_knowledge_base_faqs", outputStrings(t, outs, "listed_faq_ids"), faqIDs)
		sameSet(t, step+": highlevel_knowledge_bases", outputStrings(t, outs, "listed_kb_ids"), kbIDs)
		if answers := outputStrings(t, outs, "listed_faq_answers"); faqs > 0 && !slices.Contains(answers, "Revision "+rev) {
			t.Fatalf("%s: the FAQs data source does not list the updated answer %q", step, "Revision "+rev)
		}

		// What the emulator holds, read with every switch off.
		setVariants(t, env, emulator.Variants{})
		listed, err := c.ListAgents(ctx, "", "")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range listed {
			ids = append(ids, a.ID)
		}
		sameSet(t, step+": the emulator's agents", ids, agentIDs)
		kbs, err := c.ListKnowledgeBases(ctx, "", "")
		if err != nil {
			t.Fatal(err)
		}
		ids = ids[:0]
		for _, kb := range kbs {
			ids = append(ids, kb.ID)
		}
		sameSet(t, step+": the emulator's knowledge bases", ids, kbIDs)
		var faqTotal []string
		for _, kb := range kbIDs {
			list, err := c.ListFAQs(ctx, "", kb)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range list {
				faqTotal = append(faqTotal, f.ID)
			}
		}
		sameSet(t, step+": the emulator's FAQs", faqTotal, faqIDs)
		if agents == 0 {
			return
		}
		a, err := c.GetAgent(ctx, "", fmt.Sprint(outs["first_agent_id"]))
		if err != nil {
			t.Fatal(err)
		}
		if a.Instructions == nil || *a.Instructions != "Revision "+rev || len(a.KnowledgeBaseIDs) != len(kbIDs) ||
			a.BusinessName == nil || *a.BusinessName != "Variant Dental" || a.Mode == nil || *a.Mode != "auto-pilot" ||
			len(a.Channels) != 2 || a.WaitTime == nil || *a.WaitTime != 30 || a.RespondToImages == nil || !*a.RespondToImages {
			t.Fatalf("%s: the first agent in the emulator is %+v", step, a)
		}
	}

	vars(baseAgents, baseFAQs, "start", false)
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	check("start", w.outputs(dir), baseAgents, baseFAQs, "start", false)

	for i, step := range variantSteps(t, bigWorkspaceSwitches...) {
		// Steps add and remove an agent and a FAQ in turn, and link and unlink (create and
		// delete) a second knowledge base in the opposite turn, so that the step of
		// kb_delete_keeps_agent_refs deletes one.
		agents, faqs, second := baseAgents, baseFAQs, i%2 == 1
		if i%2 == 0 {
			agents, faqs = agents+min(agents, 1), faqs+min(faqs, 1)
		}
		if step.name == "kb_delete_keeps_agent_refs" && (second || i == 0) {
			t.Fatal("the step of kb_delete_keeps_agent_refs must delete the second knowledge base: reorder the steps")
		}
		setVariants(t, env, step.v)
		vars(agents, faqs, step.name, second)
		// The apply's refresh is left to the plan below: one full read of every object a step.
		start := time.Now()
		w.run(dir, 0, "apply", "-refresh=false", "-auto-approve", "-input=false", "-no-color")
		applied := time.Now()
		outs := w.outputs(dir)
		if got := len(outputStrings(t, outs, "listed_agent_ids")); got != agents {
			t.Fatalf("%s: highlevel_agents lists %d agents, want %d", step.name, got, agents)
		}
		if got := len(outputStrings(t, outs, "listed_faq_ids")); got != faqs {
			t.Fatalf("%s: highlevel_knowledge_base_faqs lists %d FAQs, want %d", step.name, got, faqs)
		}
		// Refresh (under the switch) and plan: nothing to change.
		planning := time.Now()
		w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		planned := time.Now()
		check(step.name, outs, agents, faqs, step.name, second)
		t.Logf("%s: applied (%v), listed %d agents and %d FAQs, refreshed, empty plan (%v), checked (%v)", step.name,
			applied.Sub(start).Round(time.Millisecond), agents, faqs, planned.Sub(planning).Round(time.Millisecond), time.Since(planned).Round(time.Millisecond))
	}
}

const websiteTF = `
variable "sites" { type = list(string) }

resource "highlevel_knowledge_base" "web" {
  name = "Web"
}

# A whole site (the URL and 9 pages of its host) and two chosen pages of another, per step.
resource "highlevel_knowledge_base_website" "domain" {
  for_each          = toset(var.sites)
  knowledge_base_id = highlevel_knowledge_base.web.id
  url               = "https://${replace(each.key, "_", "-")}.example/"
  option            = "Domain"
}

resource "highlevel_knowledge_base_website" "chosen" {
  for_each          = toset(var.sites)
  knowledge_base_id = highlevel_knowledge_base.web.id
  url               = "https://chosen-${replace(each.key, "_", "-")}.example/"
  option            = "Domain"
  pre_selected_urls = [
    "https://chosen-${replace(each.key, "_", "-")}.example/privacy",
    "https://chosen-${replace(each.key, "_", "-")}.example/terms",
  ]
}

output "kb_id" { value = highlevel_knowledge_base.web.id }
output "domain_trained" { value = [for k, v in highlevel_knowledge_base_website.domain : v.pages_trained] }
output "chosen_trained" { value = [for k, v in highlevel_knowledge_base_website.chosen : v.pages_trained] }
`

// testVariantsWebsite adds a whole-site source and a source of two chosen pages under each
// crawler switch; the sources of earlier steps are refreshed under every later one. From the
// first step the knowledge base holds 12 crawled URLs: more than two page caps.
func testVariantsWebsite(t *testing.T, env *acctest.Env, w *workspace) {
	dir := t.TempDir()
	writeIn(t, dir, "main.tf", websiteTF)
	c, ctx := env.Client(t), context.Background()
	var sites []string
	for _, step := range variantSteps(t, websiteSwitches...) {
		sites = append(sites, step.name)
		setVariants(t, env, step.v)
		writeIn(t, dir, "terraform.tfvars", fmt.Sprintf("sites = %s\n", hclList(sites)))
		w.applyRefreshEmpty(dir)
		outs := w.outputs(dir)
		for _, n := range outputStrings(t, outs, "domain_trained") {
			if n != "10" {
				t.Fatalf("%s: a whole-site source trained %s pages, want 10 (%v)", step.name, n, outs["domain_trained"])
			}
		}
		for _, n := range outputStrings(t, outs, "chosen_trained") {
			if n != "2" {
				t.Fatalf("%s: a source of two chosen pages trained %s, want 2 (%v)", step.name, n, outs["chosen_trained"])
			}
		}
		setVariants(t, env, emulator.Variants{})
		urls, err := c.ListCrawledURLs(ctx, "", fmt.Sprint(outs["kb_id"]), "")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, u := range urls {
			if seen[u.URL] {
				t.Fatalf("%s: %s crawled twice", step.name, u.URL)
			}
			seen[u.URL] = true
		}
		if len(urls) != 12*len(sites) {
			t.Fatalf("%s: the knowledge base holds %d crawled URLs, want %d", step.name, len(urls), 12*len(sites))
		}
		t.Logf("%s: %d website sources applied, %d pages, refreshed, empty plan", step.name, 2*len(sites), len(urls))
	}
}

// hclList is an HCL list of strings.
func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

const filesTF = `
variable "files" { type = list(string) }

resource "highlevel_knowledge_base" "docs" {
  name        = "Docs"
  description = "Files of every variant"
}

resource "highlevel_knowledge_base_file" "f" {
  for_each          = toset(var.files)
  knowledge_base_id = highlevel_knowledge_base.docs.id
  path              = "${path.module}/${each.key}.pdf"
}

output "kb_id" { value = highlevel_knowledge_base.docs.id }
output "file_ids" { value = [for k, v in highlevel_knowledge_base_file.f : v.id] }
output "statuses" { value = [for k, v in highlevel_knowledge_base_file.f : v.status] }
`

// testVariantsFiles uploads one more PDF under each files switch; the earlier files are
// refreshed under every later one.
func testVariantsFiles(t *testing.T, env *acctest.Env, w *workspace) {
	dir := t.TempDir()
	writeIn(t, dir, "main.tf", filesTF)
	pdf := exampleFiles(t, "resources/highlevel_knowledge_base_file", "price-list.pdf")["price-list.pdf"]
	c, ctx := env.Client(t), context.Background()
	var files []string
	for _, step := range variantSteps(t, fileSwitches...) {
		files = append(files, step.name)
		// Each file's content differs (a PDF comment after the end).
		writeIn(t, dir, step.name+".pdf", pdf+"\n% "+step.name+"\n")
		setVariants(t, env, step.v)
		writeIn(t, dir, "terraform.tfvars", fmt.Sprintf("files = %s\n", hclList(files)))
		w.applyRefreshEmpty(dir)
		outs := w.outputs(dir)
		for _, s := range outputStrings(t, outs, "statuses") {
			if s != "PROCESSED" {
				t.Fatalf("%s: file statuses %v", step.name, outs["statuses"])
			}
		}
		setVariants(t, env, emulator.Variants{})
		list, err := c.ListKnowledgeBaseFiles(ctx, "", fmt.Sprint(outs["kb_id"]))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range list {
			ids = append(ids, f.ID)
		}
		sameSet(t, step.name+": the emulator's files", ids, outputStrings(t, outs, "file_ids"))
		t.Logf("%s: %d files applied, refreshed, empty plan", step.name, len(files))
	}
}

const conversationsTF = `
variable "conversation_id" { type = string }

data "highlevel_conversations" "all" {
  max_results = 500
}

data "highlevel_conversation_messages" "long" {
  conversation_id = var.conversation_id
  max_results     = 500
}

output "conversation_ids" { value = data.highlevel_conversations.all.conversations[*].id }
output "conversations_truncated" { value = data.highlevel_conversations.all.truncated }
output "message_ids" { value = data.highlevel_conversation_messages.long.messages[*].id }
output "messages_truncated" { value = data.highlevel_conversation_messages.long.truncated }
`

// testVariantsConversations reads 11 seeded conversations and a conversation of 12 messages
// (each more than two page caps) under each conversations switch, with one more conversation
// seeded at each step; both lists must be complete and newest first.
func testVariantsConversations(t *testing.T, env *acctest.Env, w *workspace) {
	agent := newAgent(t, env, "Conversations")
	bulk := seedConversations(t, env, map[string]any{"count": 2 * variantPageCap, "messagesPerConversation": 2, "agentIds": []string{agent}, "endDate": "2026-01-20T00:00:00Z"})
	long := seedConversations(t, env, map[string]any{"count": 1, "messagesPerConversation": 2*variantPageCap + 2, "endDate": "2026-01-25T00:00:00Z"})
	wantConversations := []string{long.Conversations[0].ID} // newest first
	for _, cv := range bulk.Conversations {
		wantConversations = append(wantConversations, cv.ID)
	}
	msgs := long.Conversations[0].MessageIDs // oldest first
	wantMessages := slices.Clone(msgs)
	slices.Reverse(wantMessages)

	w.env = append(slices.Clone(w.env), "TF_VAR_conversation_id="+long.Conversations[0].ID)
	dir := t.TempDir()
	writeIn(t, dir, "main.tf", conversationsTF)
	for i, step := range variantSteps(t, conversationSwitches...) {
		// One more conversation, newer than all.
		more := seedConversations(t, env, map[string]any{"count": 1, "messagesPerConversation": 2,
			"endDate": fmt.Sprintf("2026-02-%02dT00:00:00Z", i+1)})
		wantConversations = append([]string{more.Conversations[0].ID}, wantConversations...)
		setVariants(t, env, step.v)
		w.applyRefreshEmpty(dir)
		outs := w.outputs(dir)
		if got := outputList(t, outs, "conversation_ids"); !slices.Equal(got, wantConversations) {
			t.Fatalf("%s: highlevel_conversations lists %d conversations %v, want %d newest first %v", step.name, len(got), got, len(wantConversations), wantConversations)
		}
		if got := outputList(t, outs, "message_ids"); !slices.Equal(got, wantMessages) {
			t.Fatalf("%s: highlevel_conversation_messages lists %d messages %v, want %d newest first %v", step.name, len(got), got, len(wantMessages), wantMessages)
		}
		if outs["conversations_truncated"] != false || outs["messages_truncated"] != false {
			t.Fatalf("%s: truncated %v / %v, want false", step.name, outs["conversations_truncated"], outs["messages_truncated"])
		}
		t.Logf("%s: listed %d conversations and %d messages, empty plan", step.name, len(wantConversations), len(wantMessages))
	}
}

// outputList is an output that is a list of strings, in its order.
func outputList(t *testing.T, outs map[string]any, name string) []string {
	t.Helper()
	list, ok := outs[name].([]any)
	if !ok {
		t.Fatalf("output %s = %v, want a list", name, outs[name])
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = fmt.Sprint(v)
	}
	return out
}

const actionsTF = `
variable "rev" { type = string }
variable "stops" { type = list(string) }

resource "highlevel_agent" "front_desk" {
  name          = "Front desk"
  business_name = "Variant Dental"
  mode          = "auto-pilot"
  channels      = ["SMS"]
  is_primary    = true
  personality   = "Warm"
  goal          = "Book appointments"
  instructions  = "Revision ${var.rev}"
  respond_to_images = true
}

resource "highlevel_agent" "billing" {
  name         = "Billing"
  personality  = "Precise"
  goal         = "Answer billing questions"
  instructions = "Never promise a refund"
}

# Actions of several types, created in an order other than the OAS enum's.
resource "highlevel_agent_action" "to_billing" {
  agent_id = highlevel_agent.front_desk.id
  type     = "transferBot"
  name     = "Transfer billing questions"
  transfer_bot = {
    enabled                        = true
    transfer_bot_type              = "Custom"
    transfer_to_bot                = highlevel_agent.billing.id
    transfer_bot_trigger_condition = "The contact asks about an invoice (${var.rev})."
    transfer_bot_examples          = ["I have a question about my bill.", "Did my payment go through?"]
  }
}

resource "highlevel_agent_action" "quote" {
  agent_id = highlevel_agent.front_desk.id
  type     = "triggerWorkflow"
  name     = "Send a quote"
  trigger_workflow = {
    workflow_ids      = ["7f1d0c8e-5a2b-4c3d-8e9f-0a1b2c3d4e5f"]
    trigger_condition = "The contact asks how much a treatment costs."
    trigger_message   = "I'm sending you our price list now."
  }
}

resource "highlevel_agent_action" "stop" {
  for_each = toset(var.stops)
  agent_id = highlevel_agent.front_desk.id
  type     = "stopBot"
  name     = "Stop ${each.key}"
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "The contact says goodbye (${each.key})."
    stop_bot_examples          = ["Thanks, bye!", "That's all."]
    final_message              = "Have a great day!"
    reactivate_enabled         = false
  }
}

resource "highlevel_agent_action" "quote2" {
  agent_id = highlevel_agent.front_desk.id
  type     = "triggerWorkflow"
  name     = "Send a brochure"
  trigger_workflow = {
    workflow_ids      = ["7f1d0c8e-5a2b-4c3d-8e9f-0a1b2c3d4e60"]
    trigger_condition = "The contact asks for a brochure."
    trigger_message   = "Here it comes."
  }
}

data "highlevel_agent_actions" "front_desk" {
  agent_id   = highlevel_agent.front_desk.id
  depends_on = [highlevel_agent_action.to_billing, highlevel_agent_action.quote, highlevel_agent_action.stop, highlevel_agent_action.quote2]
}

output "agent_id" { value = highlevel_agent.front_desk.id }
output "action_ids" { value = concat([highlevel_agent_action.to_billing.id, highlevel_agent_action.quote.id, highlevel_agent_action.quote2.id], [for k, v in highlevel_agent_action.stop : v.id]) }
output "listed_action_ids" { value = data.highlevel_agent_actions.front_desk.actions[*].id }
`

// testVariantsActions applies an agent with actions of several types under each switch that
// concerns agents or actions: each step updates the agent and an action and adds a stopBot
// action; the data source must list every action.
func testVariantsActions(t *testing.T, env *acctest.Env, w *workspace) {
	dir := t.TempDir()
	writeIn(t, dir, "main.tf", actionsTF)
	c, ctx := env.Client(t), context.Background()
	var stops []string
	for _, step := range variantSteps(t, actionSwitches...) {
		stops = append(stops, step.name)
		setVariants(t, env, step.v)
		writeIn(t, dir, "terraform.tfvars", fmt.Sprintf("rev = %q\nstops = %s\n", step.name, hclList(stops)))
		w.applyRefreshEmpty(dir)
		outs := w.outputs(dir)
		want := outputStrings(t, outs, "action_ids")
		sameSet(t, step.name+": highlevel_agent_actions", outputStrings(t, outs, "listed_action_ids"), want)
		setVariants(t, env, emulator.Variants{})
		list, err := c.ListActions(ctx, "", fmt.Sprint(outs["agent_id"]))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		sameSet(t, step.name+": the emulator's actions", ids, want)
		t.Logf("%s: %d actions applied and listed, refreshed, empty plan", step.name, len(want))
	}
}
