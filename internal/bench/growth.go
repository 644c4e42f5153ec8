// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
)

// growth runs apply, plan (with and without refresh) and refresh of small and large numbers
// of agents, and of FAQs in one knowledge base, and compares the provider's own CPU time and
// peak RSS at large with those at small (goal: at most linear, large/small × 1.1). The CLI's
// own growth (whole command CPU, wall) is reported beside it: it is not linear, and neither
// is the floor provider's (the framework's), so the provider's own CPU above the floor's is
// reported too.
func growth(h *harness, small, large int) ([]result, error) {
	limit := float64(large) / float64(small) * 1.1
	var results []result
	for _, kind := range []struct {
		name   string
		config func(int) string
	}{{"agents", agents}, {"FAQs in one knowledge base", faqsInOneKnowledgeBase}} {
		var at, floorAt [2]map[string]usage
		for i, n := range []int{small, large} {
			u, f, err := growthRuns(h, fmt.Sprintf("growth-%d-%d", len(results), n), kind.config(n))
			if err != nil {
				return nil, fmt.Errorf("%d %s: %w", n, kind.name, err)
			}
			at[i], floorAt[i] = u, f
		}
		first := len(results)
		for _, op := range growthOps {
			s, l := at[0][op.name], at[1][op.name]
			cpu, rss := ratio(l.ProvCPU, s.ProvCPU), ratio64(l.ProvPeakRSS, s.ProvPeakRSS)
			name := fmt.Sprintf("growth %d → %d %s, %s", small, large, kind.name, op.name)
			fs, fl := floorAt[0][op.name], floorAt[1][op.name]
			floorNote := fmt.Sprintf("; floor provider: CPU %.2f×, RSS %.2f×", ratio(fl.ProvCPU, fs.ProvCPU), ratio64(fl.ProvPeakRSS, fs.ProvPeakRSS))
			runs := fmt.Sprintf("median of %d, interleaved with the floor's", growthRounds)
			if op.name == growthOps[0].name {
				runs = "one run"
			}
			results = append(results, result{
				Name:  name + ": provider CPU, peak RSS",
				Value: fmt.Sprintf("%.2f×, %.2f× (CLI: CPU %.2f×, wall %.2f×%s)", cpu, rss, ratio(l.CLICPU, s.CLICPU), ratio(l.Wall, s.Wall), floorNote),
				Goal:  fmt.Sprintf("≤ %.1f× each", limit), Ratio: max(cpu, rss), Passed: cpu <= limit && rss <= limit,
				Detail: fmt.Sprintf("%s; at %d: %s; at %d: %s", runs, small, s, large, l),
			})
			// What the provider adds to the framework's work for the same schemas: its process's
			// CPU minus the floor provider's for the same command on the same objects.
			r := result{
				Name:   name + ": the provider's own CPU (above the floor provider's)",
				Goal:   fmt.Sprintf("≤ %.1f×", limit),
				Detail: fmt.Sprintf("%s; floor at %d: %s; at %d: %s", runs, small, fs, large, fl),
			}
			if ownSmall, ownLarge := s.ProvCPU-fs.ProvCPU, l.ProvCPU-fl.ProvCPU; ownSmall > 0 && ownLarge > 0 {
				r.Ratio = ratio(ownLarge, ownSmall)
				r.Value, r.Passed = fmt.Sprintf("%.2f× (%s → %s)", r.Ratio, dur(ownSmall), dur(ownLarge)), r.Ratio <= limit
			} else {
				// The difference is within the noise at one of the sizes.
				r.Value, r.Info = fmt.Sprintf("not measurable: the provider used %s at %d and %s at %d, the floor %s and %s",
					dur(s.ProvCPU), small, dur(l.ProvCPU), large, dur(fs.ProvCPU), dur(fl.ProvCPU)), true
			}
			results = append(results, r)
		}
		progress(results[first:])
	}
	return results, nil
}

// growthOps run in order: the apply (first) creates what the others read. All run on the
// floor provider too: the apply in an empty workspace, the others on a copy of the provider's
// state (seededFloorWorkspace), so that both read the same objects. The apply runs once (at
// 5,000 resources it takes the CLI minutes); the others are medians of growthRounds runs,
// the provider's and the floor's interleaved: one run each left the provider's own CPU, a
// few hundred milliseconds, inside the noise.
var growthOps = []struct {
	name string
	args []string
}{
	{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}},
	{"plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}},
	{"plan -refresh=false", []string{"plan", "-refresh=false", "-input=false", "-no-color", "-detailed-exitcode"}},
	{"refresh", []string{"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"}},
}

const growthRounds = 3

// growthRuns runs growthOps in a fresh location, the emulator's limits and the provider's
// limiter off, then those with floor set on the floor provider.
func growthRuns(h *harness, name, config string) (prov, floor map[string]usage, err error) {
	loc, token, err := h.location("bench " + name)
	if err != nil {
		return nil, nil, err
	}
	w, err := h.workspace(name, config, loc, token, "HIGHLEVEL_REQUESTS_PER_10S=0")
	if err != nil {
		return nil, nil, err
	}
	fresh, err := h.floorWorkspace(name+"-floor-apply", config, loc, token)
	if err != nil {
		return nil, nil, err
	}
	prov, floor = map[string]usage{}, map[string]usage{}
	apply := growthOps[0]
	if prov[apply.name], err = w.run(apply.args...); err != nil {
		return nil, nil, err
	}
	if floor[apply.name], err = fresh.run(apply.args...); err != nil {
		return nil, nil, err
	}
	seeded, err := h.seededFloorWorkspace(name+"-floor", config, loc, token, w)
	if err != nil {
		return nil, nil, err
	}
	for _, op := range growthOps[1:] {
		m, err := interleavedMedians(growthRounds, op.args, w, seeded)
		if err != nil {
			return nil, nil, err
		}
		prov[op.name], floor[op.name] = m[0], m[1]
	}
	return prov, floor, nil
}
