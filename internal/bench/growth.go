// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
)

// growth runs apply, plan (with and without refresh) and refresh of small and large numbers
// of agents, and of FAQs in one knowledge base, and compares the provider's own CPU time and
// peak RSS at large with those at small (goal: at most linear, large/small × 1.1). The CLI's
// own growth (whole command CPU, wall) is reported beside it: it is not linear.
// One run of each command, not a median: at 5,000 resources one apply takes minutes.
func growth(h *harness, small, large int) ([]result, error) {
	faqs := func(n int) string {
		return fmt.Sprintf(`resource "highlevel_knowledge_base" "bench" {
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
	limit := float64(large) / float64(small) * 1.1
	var results []result
	for _, kind := range []struct {
		name   string
		config func(int) string
	}{{"agents", agents}, {"FAQs in one knowledge base", faqs}} {
		var at [2]map[string]usage
		for i, n := range []int{small, large} {
			u, err := growthRuns(h, fmt.Sprintf("growth-%d-%d", len(results), n), kind.config(n))
			if err != nil {
				return nil, fmt.Errorf("%d %s: %w", n, kind.name, err)
			}
			at[i] = u
		}
		first := len(results)
		for _, op := range growthOps {
			s, l := at[0][op.name], at[1][op.name]
			cpu, rss := ratio(l.ProvCPU, s.ProvCPU), ratio64(l.ProvPeakRSS, s.ProvPeakRSS)
			results = append(results, result{
				Name:  fmt.Sprintf("growth %d → %d %s, %s: provider CPU, peak RSS", small, large, kind.name, op.name),
				Value: fmt.Sprintf("%.2f×, %.2f× (CLI: CPU %.2f×, wall %.2f×)", cpu, rss, ratio(l.CLICPU, s.CLICPU), ratio(l.Wall, s.Wall)),
				Goal:  fmt.Sprintf("≤ %.1f× each", limit), Ratio: max(cpu, rss), Passed: cpu <= limit && rss <= limit,
				Detail: fmt.Sprintf("at %d: %s; at %d: %s", small, s, large, l),
			})
		}
		progress(results[first:])
	}
	return results, nil
}

var growthOps = []struct {
	name string
	args []string
}{
	{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}},
	{"plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}},
	{"plan -refresh=false", []string{"plan", "-refresh=false", "-input=false", "-no-color", "-detailed-exitcode"}},
	{"refresh", []string{"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"}},
}

// growthRuns runs growthOps in order (the apply creates what the others read) in a fresh
// location, the emulator's limits and the provider's limiter off.
func growthRuns(h *harness, name, config string) (map[string]usage, error) {
	loc, token, err := h.location("bench " + name)
	if err != nil {
		return nil, err
	}
	w, err := h.workspace(name, config, loc, token, "HIGHLEVEL_REQUESTS_PER_10S=0")
	if err != nil {
		return nil, err
	}
	out := map[string]usage{}
	for _, op := range growthOps {
		u, err := w.run(op.args...)
		if err != nil {
			return nil, err
		}
		out[op.name] = u
	}
	return out, nil
}
