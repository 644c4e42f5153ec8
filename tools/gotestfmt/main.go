// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command gotestfmt turns `go test -json` on standard input into short progress lines: which
// package starts, each package's result with its time, the output of failed tests, and every
// -interval (default 30s) a line naming the packages and tests still running and for how
// long, so that a long wait always says what it waits for. Lines that are not JSON (build
// errors) are printed as they come. At the end it names the slowest tests, where to look first
// when the suite gets slow. It exits 1 when a package or test failed or a line said
// FAIL, else 0.
//
//	go test -json ./... | gotestfmt [-v] [-interval 30s]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

type event struct {
	Time    time.Time
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

// timing is a top-level test's result time.
type timing struct {
	test    string // package.Test
	elapsed float64
}

type pkgState struct {
	start   time.Time
	running map[string]time.Time // test -> when it started or resumed
	output  map[string][]string  // test ("" for the package) -> its output lines
	last    map[string]string    // top-level test -> the last line it or a subtest logged
}

func main() {
	verbose := flag.Bool("v", false, "print every test's result, not only failures")
	interval := flag.Duration("interval", 30*time.Second, "how often to say what is still running")
	flag.Parse()

	var mu sync.Mutex
	pkgs := map[string]*pkgState{}
	failed := false
	var timings []timing
	start := time.Now()
	out := bufio.NewWriter(os.Stdout)
	printf := func(format string, a ...any) {
		fmt.Fprintf(out, format, a...)
		out.Flush()
	}

	get := func(p string) *pkgState {
		s := pkgs[p]
		if s == nil {
			s = &pkgState{start: time.Now(), running: map[string]time.Time{}, output: map[string][]string{}, last: map[string]string{}}
			pkgs[p] = s
			printf("%s  start  %s\n", stamp(start), p)
		}
		return s
	}

	go func() {
		for range time.Tick(*interval) {
			mu.Lock()
			var names []string
			for p := range pkgs {
				names = append(names, p)
			}
			sort.Strings(names)
			if len(names) == 0 {
				printf("%s  still building test binaries (go test has not started the next package yet)\n", stamp(start))
			}
			for _, p := range names {
				s := pkgs[p]
				var tests []string
				for t, since := range s.running {
					if !strings.Contains(t, "/") {
						desc := fmt.Sprintf("%s (%s)", t, round(time.Since(since)))
						if l := s.last[t]; l != "" {
							desc += fmt.Sprintf(" [last log: %s]", l)
						}
						tests = append(tests, desc)
					}
				}
				sort.Strings(tests)
				what := "compiling or in TestMain"
				if len(tests) > 0 {
					what = "waiting for " + strings.Join(tests, ", ")
				}
				printf("%s  still running %s (%s): %s\n", stamp(start), p, round(time.Since(s.start)), what)
			}
			mu.Unlock()
		}
	}()

	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		var e event
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &e) != nil {
			mu.Lock()
			printf("%s\n", line)
			if strings.HasPrefix(line, "FAIL") {
				failed = true
			}
			mu.Unlock()
			continue
		}
		mu.Lock()
		handle(e, get, pkgs, printf, *verbose, start, &failed)
		if e.Test != "" && !strings.Contains(e.Test, "/") && (e.Action == "pass" || e.Action == "fail") {
			timings = append(timings, timing{e.Package[strings.LastIndexByte(e.Package, '/')+1:] + "." + e.Test, e.Elapsed})
		}
		mu.Unlock()
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "gotestfmt:", err)
		failed = true
	}
	mu.Lock()
	defer mu.Unlock()
	printSlowest(printf, timings, 10)
	if failed {
		printf("%s  FAIL (%s)\n", stamp(start), round(time.Since(start)))
		os.Exit(1)
	}
	printf("%s  ok, all packages (%s)\n", stamp(start), round(time.Since(start)))
}

func handle(e event, get func(string) *pkgState, pkgs map[string]*pkgState, printf func(string, ...any), verbose bool, start time.Time, failed *bool) {
	if e.Package == "" {
		if e.Output != "" {
			printf("%s", e.Output)
		}
		return
	}
	s := get(e.Package)
	switch e.Action {
	case "run", "cont":
		if e.Test != "" {
			s.running[e.Test] = time.Now()
		}
	case "pause":
		delete(s.running, e.Test)
	case "output", "build-output":
		s.output[e.Test] = append(s.output[e.Test], e.Output)
		// The last thing a running test logged (t.Log lines are indented), by top-level test:
		// what a long wait is waiting for.
		if top, _, _ := strings.Cut(e.Test, "/"); top != "" {
			l := strings.TrimSpace(e.Output)
			if l != "" && !strings.HasPrefix(l, "=== ") && !strings.HasPrefix(l, "--- ") {
				if len(l) > 120 {
					l = l[:117] + "..."
				}
				s.last[top] = l
			}
		}
	case "pass", "skip", "fail":
		if e.Test != "" {
			delete(s.running, e.Test)
			if e.Action == "fail" {
				*failed = true
				printf("%s  --- FAIL %s %s (%.1fs)\n", stamp(start), e.Package, e.Test, e.Elapsed)
				for _, l := range s.output[e.Test] {
					printf("        %s", l)
				}
			} else if verbose {
				printf("%s  --- %s %s %s (%.1fs)\n", stamp(start), strings.ToUpper(e.Action), e.Package, e.Test, e.Elapsed)
			}
			delete(s.output, e.Test)
			if !strings.Contains(e.Test, "/") {
				delete(s.last, e.Test)
			}
			return
		}
		switch e.Action {
		case "pass":
			printf("%s  ok     %s (%.1fs)\n", stamp(start), e.Package, e.Elapsed)
		case "skip":
			printf("%s  -      %s (no tests)\n", stamp(start), e.Package)
		case "fail":
			*failed = true
			printf("%s  FAIL   %s (%.1fs)\n", stamp(start), e.Package, e.Elapsed)
			// Package-level output: build errors, panics, TestMain messages.
			for _, l := range s.output[""] {
				printf("        %s", l)
			}
		}
		delete(pkgs, e.Package)
	}
}

// printSlowest names the n tests that took longest (a parallel test's time includes its waits
// for a free slot, so this says where to look, not what each one costs).
func printSlowest(printf func(string, ...any), timings []timing, n int) {
	if len(timings) == 0 {
		return
	}
	sort.Slice(timings, func(i, j int) bool { return timings[i].elapsed > timings[j].elapsed })
	parts := make([]string, 0, n)
	for _, t := range timings[:min(n, len(timings))] {
		parts = append(parts, fmt.Sprintf("%s %.0fs", t.test, t.elapsed))
	}
	printf("slowest tests: %s\n", strings.Join(parts, ", "))
}

// stamp is the time since the run started, as [mm:ss].
func stamp(start time.Time) string {
	d := time.Since(start).Round(time.Second)
	return fmt.Sprintf("[%02d:%02d]", int(d.Minutes()), int(d.Seconds())%60)
}

func round(d time.Duration) time.Duration { return d.Round(time.Second) }
