// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// criticalPath is the shortest wall time any client could apply one agency client in with
// every request taking latency: the longest chain of requests that must follow one another
// (each needs the previous one's answer), plus the crawl, which the emulator runs in steps.
// Clients are independent, so with enough parallelism the whole agency takes this long too.
//
// The chains of one client (examples/modules/agency-client), after the agency's refresh-token
// exchange (POST /oauth/token):
//
//	location token → knowledge base → agent → action (booking, handover)
//	location token → knowledge base → website: discover, crawl step, train, training step
//	location token → knowledge base → FAQs (parallel with each other)
//
// The website chain is the longest: 5 requests (token, token, knowledge base, discover,
// train) and 2 crawl steps.
func criticalPath(latency, crawlStep time.Duration) time.Duration {
	return 5*latency + 2*crawlStep
}

const criticalPathDoc = "5 requests (refresh token, location token, knowledge base, website discover, train) × latency + 2 crawl steps (discover, training)"

// tokenExchange tells the routes that exchange tokens (forced by the API, once per location).
func tokenExchange(route string) bool {
	return strings.HasPrefix(route, "POST /oauth/")
}

// crawlPoll tells the routes that poll a crawl's status (forced by the API while it crawls).
func crawlPoll(route string) bool {
	return strings.HasPrefix(route, "GET /knowledge-bases/crawler")
}

// managedResources counts the managed resources of `state list` (data sources excluded).
func managedResources(list string) int {
	n := 0
	for _, l := range strings.Split(list, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "data.") && !strings.Contains(l, ".data.") {
			n++
		}
	}
	return n
}

func formatRoutes(routes map[string]int) string {
	names := make([]string, 0, len(routes))
	for r := range routes {
		names = append(names, r)
	}
	sort.Slice(names, func(i, j int) bool {
		return routes[names[i]] > routes[names[j]] || routes[names[i]] == routes[names[j]] && names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, r := range names {
		parts[i] = fmt.Sprintf("`%s` %d", r, routes[r])
	}
	return strings.Join(parts, ", ")
}
