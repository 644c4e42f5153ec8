// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
)

// planCost compares the plan of n agents served by the provider with the plan of n agents
// served by the floor provider (floorprovider: the same schemas on the same framework, no-op
// CRUD), with and without refresh: the provider's own overhead. The plan of n terraform_data
// (inside the CLI, no plugin at all) is shown as information only.
func planCost(h *harness, n int) ([]result, error) {
	loc, token, err := h.location("bench plan")
	if err != nil {
		return nil, err
	}
	// The emulator's limits are off here, and so is the provider's own limiter: this measures
	// the provider's cost per resource, not the API's rate limit (measured elsewhere).
	prov, err := h.workspace("plan-provider", agents(n), loc, token, "HIGHLEVEL_REQUESTS_PER_10S=0")
	if err != nil {
		return nil, err
	}
	floor, err := h.floorWorkspace("plan-floor", agents(n), loc, token)
	if err != nil {
		return nil, err
	}
	data, err := h.workspace("plan-terraform-data", fmt.Sprintf(`resource "terraform_data" "bench" {
  count = %d
  input = "bench agent ${count.index}"
}
`, n), loc, token)
	if err != nil {
		return nil, err
	}
	for _, w := range []*workspace{prov, floor, data} {
		if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
			return nil, err
		}
	}
	median := func(w *workspace, extra ...string) (usage, error) {
		var us []usage
		for i := 0; i < 3; i++ {
			u, err := w.run(append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, extra...)...)
			if err != nil {
				return usage{}, err
			}
			us = append(us, u)
		}
		return medianUsage(us), nil
	}

	var results []result
	var rss [2]usage // provider, floor: plan with refresh
	for _, mode := range []struct {
		label string
		args  []string
	}{{"plan", nil}, {"plan -refresh=false", []string{"-refresh=false"}}} {
		p, err := median(prov, mode.args...)
		if err != nil {
			return nil, err
		}
		f, err := median(floor, mode.args...)
		if err != nil {
			return nil, err
		}
		d, err := median(data, mode.args...)
		if err != nil {
			return nil, err
		}
		if mode.args == nil {
			rss = [2]usage{p, f}
		}
		cpu := ratio(p.ProvCPU, f.ProvCPU)
		wall := ratio(p.Wall, f.Wall)
		results = append(results,
			result{Name: fmt.Sprintf("%s, %d agents: provider CPU vs the floor provider's", mode.label, n),
				Value: fmt.Sprintf("%.2f× (%s vs %s)", cpu, dur(p.ProvCPU), dur(f.ProvCPU)), Goal: "≤ 1.10×", Ratio: cpu, Passed: cpu <= 1.10,
				Detail: fmt.Sprintf("median of 3 each; provider: %s; floor: %s", p, f)},
			result{Name: fmt.Sprintf("%s, %d agents: CLI wall vs with the floor provider", mode.label, n),
				Value: fmt.Sprintf("%.2f× (%s vs %s)", wall, dur(p.Wall), dur(f.Wall)), Goal: "≤ 1.10×", Ratio: wall, Passed: wall <= 1.10},
			result{Name: fmt.Sprintf("%s, %d agents vs %d terraform_data (CLI wall, CPU)", mode.label, n, n),
				Value: fmt.Sprintf("%.2f×, %.2f× (%s vs %s; %s vs %s)", ratio(p.Wall, d.Wall), ratio(p.CLICPU, d.CLICPU),
					dur(p.Wall), dur(d.Wall), dur(p.CLICPU), dur(d.CLICPU)),
				Goal: "information", Info: true,
				Detail: fmt.Sprintf("terraform_data runs inside the CLI with no plugin; floor provider with the same config: wall %.2f×, CLI CPU %.2f× terraform_data's",
					ratio(f.Wall, d.Wall), ratio(f.CLICPU, d.CLICPU))},
		)
	}
	r := ratio64(rss[0].ProvPeakRSS, rss[1].ProvPeakRSS)
	results = append(results, result{Name: fmt.Sprintf("provider peak RSS, plan of %d agents, vs the floor provider's", n),
		Value: fmt.Sprintf("%.2f× (%s vs %s)", r, mib(rss[0].ProvPeakRSS), mib(rss[1].ProvPeakRSS)), Goal: "≤ 1.10×", Ratio: r, Passed: r <= 1.10,
		Detail: "median of 3 plans with refresh; the peak of the largest provider process (ru_maxrss)"})
	return results, nil
}

func ratio[T ~int64](a, b T) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ratio64(a, b int64) float64 { return ratio(a, b) }
