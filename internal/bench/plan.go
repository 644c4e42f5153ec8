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
	data, err := h.workspace("plan-terraform-data", fmt.Sprintf(`resource "terraform_data" "bench" {
  count = %d
  input = "bench agent ${count.index}"
}
`, n), loc, token)
	if err != nil {
		return nil, err
	}
	for _, w := range []*workspace{prov, data} {
		if _, err := w.run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
			return nil, err
		}
	}
	// The floor plans the very state the provider plans: its own apply would store filler for
	// the computed values, and a different state costs the CLI and the framework a different
	// amount (with its own apply the floor cost 1.1× the provider's plan without refresh).
	floor, err := h.seededFloorWorkspace("plan-floor", agents(n), loc, token, prov)
	if err != nil {
		return nil, err
	}
	var results []result
	var rss [2]usage // provider, floor: plan with refresh
	for _, mode := range []struct {
		label string
		args  []string
	}{{"plan", nil}, {"plan -refresh=false", []string{"-refresh=false"}}} {
		args := append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, mode.args...)
		m, err := interleavedMedians(planRounds, args, prov, floor, data)
		if err != nil {
			return nil, err
		}
		p, f, d := m[0], m[1], m[2]
		if mode.args == nil {
			rss = [2]usage{p, f}
		}
		cpu := ratio(p.ProvCPU, f.ProvCPU)
		wall := ratio(p.Wall, f.Wall)
		results = append(results,
			result{Name: fmt.Sprintf("%s, %d agents: provider CPU vs the floor provider's", mode.label, n),
				Value: fmt.Sprintf("%.2f× (%s vs %s)", cpu, dur(p.ProvCPU), dur(f.ProvCPU)), Goal: "≤ 1.10×", Ratio: cpu, Passed: cpu <= 1.10,
				Detail: fmt.Sprintf("median of %d each, runs interleaved; provider: %s; floor: %s", planRounds, p, f)},
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
		Detail: fmt.Sprintf("median of %d plans with refresh; the peak of the largest provider process (ru_maxrss)", planRounds)})
	return results, nil
}

// planRounds is how many times each plan runs; the median is reported.
const planRounds = 5

// interleavedMedians runs the command in each workspace in turn, rounds times, and returns
// the median usage of each workspace: interleaving spreads a change of the machine's load
// over all of them instead of charging it to whichever happened to run then.
func interleavedMedians(rounds int, args []string, ws ...*workspace) ([]usage, error) {
	runs := make([][]usage, len(ws))
	for r := 0; r < rounds; r++ {
		for i, w := range ws {
			u, err := w.run(args...)
			if err != nil {
				return nil, err
			}
			runs[i] = append(runs[i], u)
		}
	}
	medians := make([]usage, len(ws))
	for i := range runs {
		medians[i] = medianUsage(runs[i])
	}
	return medians, nil
}

func ratio[T ~int64](a, b T) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ratio64(a, b int64) float64 { return ratio(a, b) }
