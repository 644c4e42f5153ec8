// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
	"math"
	"net/http"
	"time"
)

func agents(n int) string {
	return fmt.Sprintf(`resource "highlevel_agent" "bench" {
  count        = %d
  name         = "bench agent ${count.index}"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, n)
}

// refreshCalls measures the API calls of a refresh: one GET per agent, and one paged FAQ list
// per knowledge base however many FAQs it has.
func refreshCalls(h *harness, nAgents int) ([]result, error) {
	loc, token, err := h.location("bench refresh")
	if err != nil {
		return nil, err
	}
	const faqs = 500
	config := agents(nAgents) + faqsInOneKnowledgeBase(faqs)
	w, err := h.workspace("refresh", config, loc, token)
	if err != nil {
		return nil, err
	}
	if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	if err := h.resetCounters(); err != nil {
		return nil, err
	}
	refresh, err := w.run("plan", "-refresh-only", "-input=false", "-no-color")
	if err != nil {
		return nil, err
	}
	routes, total, err := h.counters()
	if err != nil {
		return nil, err
	}
	agentGets := routes["GET /conversation-ai/agents/{agentId}"]
	faqLists := routes["GET /knowledge-bases/faqs"]
	wantFAQ := int(math.Ceil(faqs / 100.0))
	return []result{
		{Name: fmt.Sprintf("refresh calls, %d agents", nAgents), Value: fmt.Sprint(agentGets), Goal: fmt.Sprintf("= %d", nAgents),
			Passed: agentGets == nAgents},
		{Name: fmt.Sprintf("refresh calls, one knowledge base with %d FAQs", faqs), Value: fmt.Sprint(faqLists),
			Goal: fmt.Sprintf("= ceil(%d/100) = %d", faqs, wantFAQ), Passed: faqLists == wantFAQ,
			Detail: fmt.Sprintf("the whole refresh of %d agents, 1 knowledge base and %d FAQs made %d API calls in %s",
				nAgents, faqs, total, dur(refresh.Wall))},
	}, nil
}

// rateLimitedApply applies n agents into one location with the API's limit on (100 requests
// per 10 s) and compares the wall time with the floor that limit sets.
func rateLimitedApply(h *harness, n int) (_ []result, err error) {
	if err := h.control(http.MethodPut, "/_emulator/ratelimit", map[string]any{"burst": 100, "window_ms": 10000, "disabled": false}, nil); err != nil {
		return nil, err
	}
	// The next scenarios must not run rate-limited: a failed reset fails this one.
	defer func() {
		if cerr := h.control(http.MethodPut, "/_emulator/ratelimit", map[string]any{"disabled": true}, nil); cerr != nil && err == nil {
			err = fmt.Errorf("turning the rate limit off: %w", cerr)
		}
	}()
	loc, token, err := h.location("bench rate limit")
	if err != nil {
		return nil, err
	}
	w, err := h.workspace("ratelimit", agents(n), loc, token)
	if err != nil {
		return nil, err
	}
	if err := h.resetCounters(); err != nil {
		return nil, err
	}
	u, applyErr := w.run("apply", "-auto-approve", "-input=false", "-no-color")
	elapsed := u.Wall
	_, total, err := h.counters()
	if err != nil {
		return nil, err
	}
	failures := 0
	if applyErr != nil {
		failures = 1
	}
	floor := time.Duration(float64(total) / 10.0 * float64(time.Second))
	ratio := elapsed.Seconds() / floor.Seconds()
	return []result{
		{Name: fmt.Sprintf("apply of %d agents at the API's rate limit: failures", n), Value: fmt.Sprint(failures), Goal: "0", Passed: failures == 0,
			Detail: errDetail(applyErr)},
		{Name: fmt.Sprintf("apply of %d agents at the API's rate limit: wall time vs floor", n),
			Value: fmt.Sprintf("%.2f× (%s vs %s for %d requests)", ratio, elapsed.Round(time.Second), floor.Round(time.Second), total),
			Goal:  "≤ 1.1×", Ratio: ratio, Passed: ratio <= 1.1,
			Detail: fmt.Sprintf("floor = requests ÷ 10 per second; the provider's limiter allows 95 per 10 s by default; %s", u)},
	}, nil
}

func errDetail(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// faqsInOneKnowledgeBase is a configuration of one knowledge base holding n FAQs.
func faqsInOneKnowledgeBase(n int) string {
	return fmt.Sprintf(`
resource "highlevel_knowledge_base" "bench" {
  name = "bench"
}

resource "highlevel_knowledge_base_faq" "bench" {
  count             = %d
  knowledge_base_id = highlevel_knowledge_base.bench.id
  question          = "Question ${count.index}?"
  answer            = "Answer ${count.index}."
}
`, n)
}
