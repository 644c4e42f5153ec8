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

func TestFAQCRUD(t *testing.T) {
	t.Parallel()
	faq := map[string]any{"id": "f1", "question": "Hours?", "questionLowerCase": "hours?", "answer": "9-5",
		"knowledgeBaseId": "kb1", "locationId": "loc1", "trainedUrlId": "", "deleted": false,
		"createdAt": "2025-08-02T19:47:57.243Z", "updatedAt": "2025-08-02T19:47:57.243Z"}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/faqs":        reply(201, map[string]any{"success": true, "faq": faq, "traceId": "t"}),
		"PUT /knowledge-bases/faqs/f1":      reply(200, map[string]any{"success": true}),
		"PUT /knowledge-bases/faqs/blank":   unprocessable("question should not be empty", "answer should not be empty"),
		"DELETE /knowledge-bases/faqs/f1":   reply(200, map[string]any{"success": true}),
		"DELETE /knowledge-bases/faqs/gone": notFound("FAQ"),
	})
	ctx := context.Background()
	got, err := c.CreateFAQ(ctx, "", "kb1", "Hours?", "9-5")
	if err != nil || got.ID != "f1" || got.QuestionLowerCase != "hours?" || got.KnowledgeBaseID != "kb1" || got.TrainedURLID != "" {
		t.Fatalf("create %+v %v", got, err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/faqs", "", `{"locationId":"loc1","knowledgeBaseId":"kb1","question":"Hours?","answer":"9-5"}`, v20210415)

	if err := c.UpdateFAQ(ctx, "", "f1", "Opening hours?", "9-6"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "PUT", "/knowledge-bases/faqs/f1", "", `{"question":"Opening hours?","answer":"9-6"}`, v20210415)
	err = c.UpdateFAQ(ctx, "", "blank", "", "")
	if statusOf(err) != 422 || IsNotFound(err) || !strings.Contains(err.Error(), "question should not be empty; answer should not be empty") {
		t.Fatalf("422: %v", err)
	}

	if err := c.DeleteFAQ(ctx, "", "f1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/knowledge-bases/faqs/f1", "", "", v20210415)
	if err := c.DeleteFAQ(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("delete gone: %v", err)
	}
	if _, err := c.CreateFAQ(ctx, "", "", "q", "a"); err == nil {
		t.Fatal("empty KB id accepted")
	}
}

// fakeFAQList serves total FAQs of kb1 with lastFaqId/hasMore paging; every 7th is deleted:true.
func fakeFAQList(total int, enveloped bool) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit == 0 {
			limit = 10
		}
		start := 0
		if last := q.Get("lastFaqId"); last != "" {
			_, _ = fmt.Sscanf(last, "faq%04d", &start)
			start++
		}
		var faqs []map[string]any
		for i := start; i < total && len(faqs) < limit; i++ {
			faqs = append(faqs, map[string]any{"id": fmt.Sprintf("faq%04d", i), "question": fmt.Sprintf("Q%d", i), "answer": "A",
				"knowledgeBaseId": q.Get("knowledgeBaseId"), "deleted": i%7 == 3})
		}
		page := map[string]any{"count": total, "faqs": faqs, "hasMore": start+len(faqs) < total}
		if len(faqs) > 0 {
			page["lastFaqId"] = faqs[len(faqs)-1]["id"]
		}
		if enveloped {
			writeJSON(w, 200, map[string]any{"success": true, "data": page})
			return
		}
		writeJSON(w, 200, page)
	}
}

func TestListFAQsOnePagedListPerKB(t *testing.T) {
	t.Parallel()
	const total = 500
	c, f := newFakeAPI(t, map[string]routeFunc{"GET /knowledge-bases/faqs": fakeFAQList(total, false)})
	got, err := c.ListFAQs(context.Background(), "", "kb1")
	if err != nil {
		t.Fatal(err)
	}
	deleted := 0
	for i := range total {
		if i%7 == 3 {
			deleted++
		}
	}
	if len(got) != total-deleted {
		t.Fatalf("got %d FAQs, want %d (deleted ones left out)", len(got), total-deleted)
	}
	for _, q := range got {
		if q.Deleted {
			t.Fatalf("deleted FAQ %s returned", q.ID)
		}
	}
	calls := f.to("GET /knowledge-bases/faqs")
	if len(calls) != 5 { // ceil(500/100)
		t.Fatalf("%d requests for 500 FAQs, want 5", len(calls))
	}
	checkCall(t, calls[0], "GET", "/knowledge-bases/faqs", "knowledgeBaseId=kb1&limit=100&locationId=loc1", "", v20210415)
	checkCall(t, calls[4], "GET", "/knowledge-bases/faqs", "knowledgeBaseId=kb1&lastFaqId=faq0399&limit=100&locationId=loc1", "", v20210415)
}

func TestListFAQsVariants(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/faqs": func(w http.ResponseWriter, r *http.Request, b []byte) {
			switch r.URL.Query().Get("knowledgeBaseId") {
			case "env":
				fakeFAQList(150, true)(w, r, b)
			case "empty":
				writeJSON(w, 200, map[string]any{"count": 0, "faqs": []any{}, "hasMore": false})
			case "nocursor": // hasMore without lastFaqId: continue from the last item
				if r.URL.Query().Get("lastFaqId") == "" {
					writeJSON(w, 200, map[string]any{"faqs": []any{map[string]any{"id": "x1"}}, "hasMore": true})
				} else {
					writeJSON(w, 200, map[string]any{"faqs": []any{map[string]any{"id": "x2"}}, "hasMore": false})
				}
			case "stuck":
				writeJSON(w, 200, map[string]any{"faqs": []any{}, "hasMore": true})
			case "forbidden":
				writeJSON(w, 403, map[string]any{"statusCode": 403, "message": "The token does not have access to this location.", "error": "Forbidden"})
			}
		},
	})
	ctx := context.Background()
	if got, err := c.ListFAQs(ctx, "", "env"); err != nil || len(got) != 150-21 { // 21 of 150 are deleted:true
		t.Fatalf("enveloped: %d %v", len(got), err)
	}
	if got, err := c.ListFAQs(ctx, "", "empty"); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v %v", got, err)
	}
	if got, err := c.ListFAQs(ctx, "", "nocursor"); err != nil || len(got) != 2 || f.last().Query.Get("lastFaqId") != "x1" {
		t.Fatalf("no cursor: %v %v", got, err)
	}
	if _, err := c.ListFAQs(ctx, "", "stuck"); err == nil || !strings.Contains(err.Error(), "refusing an incomplete list") {
		t.Fatalf("stuck: %v", err)
	}
	if _, err := c.ListFAQs(ctx, "", "forbidden"); !IsForbidden(err) {
		t.Fatalf("403: %v", err)
	}
}
