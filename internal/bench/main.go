// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command bench measures the provider against the emulator and prints a table of ratios
// measured in one run on one machine (DESIGN.md "Performance targets"; `make bench`):
//
//  1. refresh API calls for N agents (goal: N) and for a 500-FAQ knowledge base (goal: ceil(500/100));
//  2. plan wall time of N provider resources vs N terraform_data resources on the same CLI (goal ≤ 1.2);
//  3. apply of N resources in one location with the API's rate limit on: failures (goal 0) and
//     wall time vs the floor requests ÷ (limit per second) (goal ≤ 1.1);
//  4. the 50-client agency apply with 50 ms injected latency vs calls × 50 ms ÷ parallelism (goal ≤ 1.25);
//  5. peak RSS of the provider process at N resources (goal ≤ 100 MiB).
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
	Detail string  `json:"detail,omitempty"`
}

func main() {
	n := flag.Int("n", 1000, "resources for the plan, apply and memory scenarios")
	only := flag.String("only", "", "comma-separated scenarios to run (refresh,plan,agency,ratelimit); default all")
	out := flag.String("results", "results", "directory for the JSON results")
	flag.Parse()
	if err := run(*n, *only, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(n int, only, outDir string) error {
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
	}
	if want("plan") {
		r, err := planCost(h, n)
		if err != nil {
			return fmt.Errorf("plan: %w", err)
		}
		results = append(results, r...)
	}
	if want("agency") {
		r, err := agencyApply(h)
		if err != nil {
			return fmt.Errorf("agency: %w", err)
		}
		results = append(results, r...)
	}
	if want("ratelimit") {
		r, err := rateLimitedApply(h, n)
		if err != nil {
			return fmt.Errorf("ratelimit: %w", err)
		}
		results = append(results, r...)
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
		if !r.Passed {
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
