// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
	"math"
	"net/http"
	"sort"
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
	config := agents(nAgents) + fmt.Sprintf(`
resource "highlevel_knowledge_base" "bench" {
  name = "bench"
}

resource "highlevel_knowledge_base_faq" "bench" {
  count             = %d
  knowledge_base_id = highlevel_knowledge_base.bench.id
  question          = "Question ${count.index}?"
  answer            = "Answer ${count.index}."
}
`, faqs)
	w, err := h.workspace("refresh", config, loc, token)
	if err != nil {
		return nil, err
	}
	if _, _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	if err := h.resetCounters(); err != nil {
		return nil, err
	}
	elapsed, _, err := w.run("plan", "-refresh-only", "-input=false", "-no-color")
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
				nAgents, faqs, total, elapsed.Round(time.Millisecond))},
	}, nil
}

// planCost compares the plan of n provider resources with the plan of n terraform_data
// resources (the CLI's own cost, the floor), and records the provider's peak memory.
func planCost(h *harness, n int) ([]result, error) {
	loc, token, err := h.location("bench plan")
	if err != nil {
		return nil, err
	}
	// The emulator's limits are off here, and so is the provider's own limiter: this measures
	// the provider's cost per resource, not the API's rate limit (measured below).
	prov, err := h.workspace("plan-provider", agents(n), loc, token, "HIGHLEVEL_REQUESTS_PER_10S=0")
	if err != nil {
		return nil, err
	}
	floor, err := h.workspace("plan-floor", fmt.Sprintf(`resource "terraform_data" "bench" {
  count = %d
  input = "bench agent ${count.index}"
}
`, n), loc, token)
	if err != nil {
		return nil, err
	}
	for _, w := range []*workspace{prov, floor} {
		if _, _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
			return nil, err
		}
	}
	median := func(w *workspace, extra ...string) (time.Duration, int64, error) {
		var times []time.Duration
		var peak int64
		for i := 0; i < 3; i++ {
			d, rss, err := w.run(append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, extra...)...)
			if err != nil {
				return 0, 0, err
			}
			times = append(times, d)
			peak = max(peak, rss)
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		return times[1], peak, nil
	}
	pt, rss, err := median(prov)
	if err != nil {
		return nil, err
	}
	ft, _, err := median(floor)
	if err != nil {
		return nil, err
	}
	ptNoRefresh, _, err := median(prov, "-refresh=false")
	if err != nil {
		return nil, err
	}
	ftNoRefresh, _, err := median(floor, "-refresh=false")
	if err != nil {
		return nil, err
	}
	ratio := pt.Seconds() / ft.Seconds()
	ratioNoRefresh := ptNoRefresh.Seconds() / ftNoRefresh.Seconds()
	mib := float64(rss) / (1 << 20)
	return []result{
		{Name: fmt.Sprintf("plan, %d agents vs %d terraform_data", n, n), Value: fmt.Sprintf("%.2f× (%s vs %s)", ratio, pt.Round(time.Millisecond), ft.Round(time.Millisecond)),
			Goal: "≤ 1.2×", Ratio: ratio, Passed: ratio <= 1.2,
			Detail: "median of 3 plans each, refresh included (one GET per agent, against the emulator with limits off)"},
		{Name: fmt.Sprintf("plan -refresh=false, %d agents vs %d terraform_data", n, n),
			Value: fmt.Sprintf("%.2f× (%s vs %s)", ratioNoRefresh, ptNoRefresh.Round(time.Millisecond), ftNoRefresh.Round(time.Millisecond)),
			Goal:  "≤ 1.2×", Ratio: ratioNoRefresh, Passed: ratioNoRefresh <= 1.2},
		{Name: fmt.Sprintf("provider peak RSS, plan of %d resources", n), Value: fmt.Sprintf("%.1f MiB", mib), Goal: "≤ 100 MiB", Passed: rss > 0 && mib <= 100},
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
	elapsed, rss, applyErr := w.run("apply", "-auto-approve", "-input=false", "-no-color")
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
			Detail: fmt.Sprintf("floor = requests ÷ 10 per second; the provider's limiter allows 95 per 10 s by default; provider peak RSS %.1f MiB", float64(rss)/(1<<20))},
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
