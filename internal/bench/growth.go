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
			floorNote := ""
			fs, fl, withFloor := floorAt[0][op.name], floorAt[1][op.name], op.floor
			if withFloor {
				floorNote = fmt.Sprintf("; floor provider: CPU %.2f×, RSS %.2f×", ratio(fl.ProvCPU, fs.ProvCPU), ratio64(fl.ProvPeakRSS, fs.ProvPeakRSS))
			}
			results = append(results, result{
				Name:  name + ": provider CPU, peak RSS",
				Value: fmt.Sprintf("%.2f×, %.2f× (CLI: CPU %.2f×, wall %.2f×%s)", cpu, rss, ratio(l.CLICPU, s.CLICPU), ratio(l.Wall, s.Wall), floorNote),
				Goal:  fmt.Sprintf("≤ %.1f× each", limit), Ratio: max(cpu, rss), Passed: cpu <= limit && rss <= limit,
				Detail: fmt.Sprintf("at %d: %s; at %d: %s", small, s, large, l),
			})
			if withFloor {
				// What the provider adds to the framework's work for the same schemas: its process's
				// CPU minus the floor provider's for the same command on the same objects.
				r := result{
					Name:   name + ": the provider's own CPU (above the floor provider's)",
					Goal:   fmt.Sprintf("≤ %.1f×", limit),
					Detail: fmt.Sprintf("floor at %d: %s; at %d: %s", small, fs, large, fl),
				}
				if ownSmall, ownLarge := s.ProvCPU-fs.ProvCPU, l.ProvCPU-fl.ProvCPU; ownSmall > 0 {
					r.Ratio = ratio(ownLarge, ownSmall)
					r.Value, r.Passed = fmt.Sprintf("%.2f× (%s → %s)", r.Ratio, dur(ownSmall), dur(ownLarge)), r.Ratio <= limit
				} else {
					// One run each: at the small size the difference can be within the noise.
					r.Value, r.Info = fmt.Sprintf("not measurable: at %d the provider used %s, the floor %s", small, dur(s.ProvCPU), dur(fs.ProvCPU)), true
				}
				results = append(results, r)
			}
		}
		progress(results[first:])
	}
	return results, nil
}

// growthOps run in order: the apply creates what the others read. All run on the floor
// provider too: the apply in an empty workspace, the others on a copy of the provider's state
// (seededFloorWorkspace), so that both read the same objects.
var growthOps = []struct {
	name  string
	args  []string
	floor bool
}{
	{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}, true},
	{"plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, true},
	{"plan -refresh=false", []string{"plan", "-refresh=false", "-input=false", "-no-color", "-detailed-exitcode"}, true},
	{"refresh", []string{"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"}, true},
}

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
	prov, floor = map[string]usage{}, map[string]usage{}
	for _, op := range growthOps {
		if prov[op.name], err = w.run(op.args...); err != nil {
			return nil, nil, err
		}
	}
	fresh, err := h.floorWorkspace(name+"-floor-apply", config, loc, token)
	if err != nil {
		return nil, nil, err
	}
	seeded, err := h.seededFloorWorkspace(name+"-floor", config, loc, token, w)
	if err != nil {
		return nil, nil, err
	}
	for _, op := range growthOps {
		if !op.floor {
			continue
		}
		f := seeded
		if op.name == "apply" {
			f = fresh
		}
		if floor[op.name], err = f.run(op.args...); err != nil {
			return nil, nil, err
		}
	}
	return prov, floor, nil
}
