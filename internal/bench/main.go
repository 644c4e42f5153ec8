// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command bench measures the provider against the emulator and prints a table of ratios
// measured in one run on one machine (DESIGN.md "Performance targets"; `make bench`):
//
//  1. refresh API calls for N agents (goal: N) and for a 500-FAQ knowledge base (goal: ceil(500/100));
//  2. plan of N agents, with and without refresh, against the same plan served by the floor
//     provider (floorprovider: the same schemas, no-op CRUD): the provider's own CPU time, the
//     CLI's wall time and the provider's peak RSS (goal ≤ 1.10× each); terraform_data as information;
//  3. the 50-client agency apply with 50 ms injected latency: API calls per created resource
//     (goal ≤ 1.15) and wall time against the critical-path floor (goal ≤ 1.5×);
//  4. apply of N resources in one location with the API's rate limit on: failures (goal 0) and
//     wall time vs the floor requests ÷ (limit per second) (goal ≤ 1.1);
//  5. growth from 1,000 to 5,000 resources of the provider's own CPU time and peak RSS (goal ≤ 5.5×).
//
// The provider's own CPU time and peak RSS come from its process's rusage, recorded by a
// wrapper the CLI starts in its place (rusage/main.go).
//
// The results are also written as JSON under results/ (git-ignored).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

type result struct {
	Name   string  `json:"name"`
	Value  string  `json:"value"`
	Goal   string  `json:"goal"`
	Ratio  float64 `json:"ratio,omitempty"`
	Passed bool    `json:"passed"`
	Info   bool    `json:"info,omitempty"` // no goal: shown for comparison
	Detail string  `json:"detail,omitempty"`
}

func main() {
	n := flag.Int("n", 1000, "resources for the plan, apply and memory scenarios")
	only := flag.String("only", "", "comma-separated scenarios to run (refresh,plan,agency,ratelimit,growth); default all")
	growthSmall := flag.Int("growth-small", 1000, "resources of the growth scenario's smaller run")
	growthLarge := flag.Int("growth-large", 5000, "resources of the growth scenario's larger run")
	out := flag.String("results", "results", "directory for the JSON results")
	flag.Parse()
	if err := run(*n, *growthSmall, *growthLarge, *only, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(n, growthSmall, growthLarge int, only, outDir string) error {
	h, err := newHarness()
	if err != nil {
		return err
	}
	defer h.close()
	want := func(name string) bool { return only == "" || strings.Contains(","+only+",", ","+name+",") }

	var results []result
	if want("refresh") {
		r, err := refreshCalls(h, 50)
		if err != nil {
			return fmt.Errorf("refresh: %w", err)
		}
		results = append(results, r...)
		progress(r)
	}
	if want("plan") {
		r, err := planCost(h, n)
		if err != nil {
			return fmt.Errorf("plan: %w", err)
		}
		results = append(results, r...)
		progress(r)
	}
	if want("agency") {
		r, err := agencyApply(h)
		if err != nil {
			return fmt.Errorf("agency: %w", err)
		}
		results = append(results, r...)
		progress(r)
	}
	if want("ratelimit") {
		r, err := rateLimitedApply(h, n)
		if err != nil {
			return fmt.Errorf("ratelimit: %w", err)
		}
		results = append(results, r...)
		progress(r)
	}

	if want("growth") {
		r, err := growth(h, growthSmall, growthLarge)
		if err != nil {
			return fmt.Errorf("growth: %w", err)
		}
		results = append(results, r...) // growth prints its rows itself, per kind
	}

	table := render(h, results)
	fmt.Print(table)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	b, _ := json.MarshalIndent(map[string]any{"time": stamp, "machine": machine(), "cli": h.cliVersion, "results": results}, "", "  ")
	if err := os.WriteFile(filepath.Join(outDir, "bench-"+stamp+".json"), b, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "latest.md"), []byte(table), 0o644)
}

func render(h *harness, results []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nMachine: %s; CLI: %s\n\n", machine(), h.cliVersion)
	b.WriteString("| measurement | value | goal | met |\n|---|---|---|---|\n")
	for _, r := range results {
		met := "yes"
		if r.Info {
			met = "—"
		} else if !r.Passed {
			met = "NO"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.Name, r.Value, r.Goal, met)
	}
	for _, r := range results {
		if r.Detail != "" {
			fmt.Fprintf(&b, "\n- %s: %s", r.Name, r.Detail)
		}
	}
	b.WriteString("\n")
	return b.String()
}

func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				model = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %d cores, %s, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), model, runtime.Version())
}

// progress prints a scenario's rows as soon as it ends, so a long run that is stopped still
// shows what it measured.
func progress(rs []result) {
	for _, r := range rs {
		fmt.Fprintf(os.Stderr, "bench: %s: %s (goal %s)\n", r.Name, r.Value, r.Goal)
	}
}
