// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// strictPageCap is the most items a page of strictList holds, whatever the client asks.
const strictPageCap = 50

// strictList serves n items of a list the strictest way the official spec allows: at most
// strictPageCap items a page whatever the client asks, and no optional end-of-list member (no hasMore, no
// cursor member, no totals). Items are "i0", "i1", …; the next page starts after the id given in
// cursorParam, or at (page-1)*pageLength for page-numbered lists.
func strictList(n int, cursorParam string, wrap func(items []map[string]any) any) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		start := 0
		switch {
		case q.Get("page") != "":
			page, _ := strconv.Atoi(q.Get("page"))
			size, _ := strconv.Atoi(q.Get("pageLength"))
			start = (page - 1) * min(size, strictPageCap)
		case cursorParam != "" && q.Get(cursorParam) != "":
			after, _ := strconv.Atoi(strings.TrimPrefix(q.Get(cursorParam), "i"))
			start = after + 1
		}
		limit := strictPageCap
		for _, p := range []string{"limit", "pageLength"} {
			if v, err := strconv.Atoi(q.Get(p)); err == nil && v < limit {
				limit = v
			}
		}
		items := []map[string]any{}
		for i := start; i < n && len(items) < limit; i++ {
			items = append(items, map[string]any{"id": fmt.Sprintf("i%d", i), "url": "https://x/" + strconv.Itoa(i)})
		}
		writeJSON(w, 200, wrap(items))
	}
}

// TestListsNeverCut: every paged read returns all 120 items from a server that caps pages at 50
// and sends no end-of-list member, and derives each next page from what came back.
func TestListsNeverCut(t *testing.T) {
	t.Parallel()
	const n = 120
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversation-ai/agents/search": strictList(n, "startAfter", func(it []map[string]any) any { return map[string]any{"agents": it} }),
		"GET /knowledge-bases/": strictList(n, "lastKnowledgeBaseId", func(it []map[string]any) any {
			return map[string]any{"success": true, "data": map[string]any{"knowledgeBases": it}}
		}),
		"GET /knowledge-bases/faqs": strictList(n, "lastFaqId", func(it []map[string]any) any { return map[string]any{"faqs": it} }),
		"GET /knowledge-bases/files": strictList(n, "lastFileId", func(it []map[string]any) any {
			return map[string]any{"success": true, "data": map[string]any{"files": it}}
		}),
		"GET /knowledge-bases/crawler": strictList(n, "", func(it []map[string]any) any { return map[string]any{"urls": it} }),
		"GET /conversations/c1/messages": strictList(n, "lastMessageId", func(it []map[string]any) any {
			return map[string]any{"messages": map[string]any{"messages": it}}
		}),
	})
	ctx := context.Background()
	count := func(what string, got int, err error) {
		t.Helper()
		if err != nil || got != n {
			t.Errorf("%s: %d items, %v; want %d", what, got, err, n)
		}
	}
	agents, err := c.ListAgents(ctx, "", "")
	count("agents", len(agents), err)
	kbs, err := c.ListKnowledgeBases(ctx, "", "")
	count("knowledge bases", len(kbs), err)
	faqs, err := c.ListFAQs(ctx, "", "kb1")
	count("FAQs", len(faqs), err)
	files, err := c.ListKnowledgeBaseFiles(ctx, "", "kb1")
	count("files", len(files), err)
	urls, err := c.ListCrawledURLs(ctx, "", "kb1", "")
	count("crawled pages", len(urls), err)
	msgs, err := c.ListMessages(ctx, "", "c1", 0)
	count("messages", len(msgs), err)

	// Pages of 50, 50, 20: three calls, plus none when the short page ends the list. The first
	// page (50 < 100 asked) may be the server's cap, so the second page is always asked for.
	if calls := f.to("GET /knowledge-bases/faqs"); len(calls) != 3 {
		t.Errorf("FAQs: %d calls, want 3", len(calls))
	}
	// Page-numbered lists continue with the server's page size, so page numbers stay aligned.
	crawler := f.to("GET /knowledge-bases/crawler")
	if len(crawler) != 3 || crawler[1].Query.Get("pageLength") != "50" || crawler[2].Query.Get("page") != "3" {
		t.Errorf("crawled pages: %d calls %v", len(crawler), crawler)
	}
}

// TestListsSmallerThanAPage: a list shorter than the server's cap ends after one more (empty)
// page when the server sends no end-of-list member, and after one page when it does.
func TestListsSmallerThanAPage(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/faqs": strictList(7, "lastFaqId", func(it []map[string]any) any { return map[string]any{"faqs": it} }),
		"GET /conversation-ai/agents/search": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 200, map[string]any{"agents": []any{map[string]any{"id": "a"}}, "totalCount": 1, "count": 1})
		},
	})
	ctx := context.Background()
	if got, err := c.ListFAQs(ctx, "", "kb"); err != nil || len(got) != 7 || len(f.to("GET /knowledge-bases/faqs")) != 2 {
		t.Fatalf("FAQs: %d, %v, %d calls", len(got), err, len(f.to("GET /knowledge-bases/faqs")))
	}
	if got, err := c.ListAgents(ctx, "", ""); err != nil || len(got) != 1 || len(f.to("GET /conversation-ai/agents/search")) != 1 {
		t.Fatalf("agents with totalCount: %d, %v", len(got), err)
	}
}

// TestListIncompleteIsAnError: a list whose total says more exist than the pages gave fails;
// it never comes back shorter.
func TestListIncompleteIsAnError(t *testing.T) {
	t.Parallel()
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/faqs": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 200, map[string]any{"faqs": []any{map[string]any{"id": "a"}}, "hasMore": false, "count": 120})
		},
		"GET /conversation-ai/agents/search": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			if r.URL.Query().Get("startAfter") == "" {
				writeJSON(w, 200, map[string]any{"agents": []any{map[string]any{"id": "a"}}, "totalCount": 3})
				return
			}
			writeJSON(w, 200, map[string]any{"agents": []any{}, "totalCount": 3})
		},
	})
	ctx := context.Background()
	if got, err := c.ListFAQs(ctx, "", "kb"); err == nil || !strings.Contains(err.Error(), "reported 120 in total") {
		t.Fatalf("FAQs: %d items, %v; want an error naming the total", len(got), err)
	}
	if _, err := c.ListAgents(ctx, "", ""); err == nil || !strings.Contains(err.Error(), "reported 3 in total") {
		t.Fatalf("agents: %v; want an error naming the total", err)
	}
}

func TestListProgress(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	total := func(n int) *int { return &n }
	cases := []struct {
		name    string
		pages   []int
		more    []*bool
		total   *int
		calls   int
		wantErr bool
	}{
		{"hasMore false ends", []int{100, 20}, []*bool{&yes, &no}, nil, 2, false},
		{"no members: short after full ends", []int{50, 50, 20}, nil, nil, 3, false},
		{"no members: first short page asks again", []int{7, 0}, nil, nil, 2, false},
		{"total reached ends", []int{50, 50, 20}, nil, total(120), 3, false},
		{"total not reached on empty page", []int{50, 0}, nil, total(120), 2, true},
		{"hasMore false below total", []int{50}, []*bool{&no}, total(120), 1, true},
		{"hasMore true on empty page", []int{0}, []*bool{&yes}, nil, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := listProgress{what: "x"}
			calls := 0
			var err error
			for i, n := range tc.pages {
				calls++
				var more *bool
				if tc.more != nil {
					more = tc.more[i]
				}
				var next bool
				next, err = p.page(n, more, tc.total)
				if err != nil || !next {
					break
				}
			}
			if calls != tc.calls || (err != nil) != tc.wantErr {
				t.Fatalf("%d calls, err %v; want %d calls, error %v", calls, err, tc.calls, tc.wantErr)
			}
		})
	}
}
