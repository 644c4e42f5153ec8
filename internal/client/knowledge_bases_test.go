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

func TestKnowledgeBaseCRUD(t *testing.T) {
	t.Parallel()
	kb := map[string]any{"id": "kb1", "name": "Docs", "nameLowerCase": "docs", "locationId": "loc1", "deleted": false,
		"isDefault": false, "createdAt": "2025-08-02T19:47:57.243Z", "updatedAt": "2025-08-02T19:47:57.243Z",
		"kbMetadata": map[string]any{"faqs": 3, "urls": 2, "richText": 0, "files": 1, "webSearches": 0, "tables": 0}}
	noDesc := map[string]any{"id": "kb2", "name": "Real API", "kbMetadata": map[string]any{}}
	withDesc := map[string]any{"id": "kb3", "name": "Emulator", "description": ""}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/":        reply(201, map[string]any{"success": true, "data": kb}),
		"GET /knowledge-bases/kb1":      reply(200, map[string]any{"success": true, "data": kb}),
		"GET /knowledge-bases/kb2":      reply(200, noDesc), // flat
		"GET /knowledge-bases/kb3":      reply(200, map[string]any{"success": true, "data": withDesc}),
		"GET /knowledge-bases/deleted":  reply(200, map[string]any{"success": true, "data": map[string]any{"id": "deleted", "deleted": true}}),
		"GET /knowledge-bases/gone":     notFound("Knowledge base"),
		"PUT /knowledge-bases/kb1":      reply(200, map[string]any{"success": true}),
		"PUT /knowledge-bases/refused":  reply(200, map[string]any{"success": false, "message": "not allowed"}),
		"DELETE /knowledge-bases/kb1":   reply(200, map[string]any{"success": true}),
		"DELETE /knowledge-bases/gone":  notFound("Knowledge base"),
		"DELETE /knowledge-bases/deflt": reply(400, map[string]any{"statusCode": 400, "message": "The default knowledge base cannot be deleted"}),
	})
	ctx := context.Background()

	got, err := c.CreateKnowledgeBase(ctx, "", "Docs", ptr("all the docs"))
	if err != nil || got.ID != "kb1" || got.KBMetadata.Faqs != 3 || got.KBMetadata.Files != 1 || got.NameLowerCase != "docs" || got.Description != nil {
		t.Fatalf("create %+v %v", got, err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/", "", `{"name":"Docs","description":"all the docs","locationId":"loc1"}`, v20210415)
	if _, err := c.CreateKnowledgeBase(ctx, "loc2", "Docs", nil); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/", "", `{"name":"Docs","locationId":"loc2"}`, v20210415)

	if got, err = c.GetKnowledgeBase(ctx, "", "kb1"); err != nil || got.Name != "Docs" || got.KBMetadata.Urls != 2 {
		t.Fatalf("get %+v %v", got, err)
	}
	checkCall(t, f.last(), "GET", "/knowledge-bases/kb1", "", "", v20210415)
	if got, err = c.GetKnowledgeBase(ctx, "", "kb2"); err != nil || got.ID != "kb2" || got.Description != nil {
		t.Fatalf("flat get without description %+v %v", got, err)
	}
	if got, err = c.GetKnowledgeBase(ctx, "", "kb3"); err != nil || got.Description == nil || *got.Description != "" {
		t.Fatalf("an empty description must stay distinct from an absent one: %+v %v", got, err)
	}
	_, err = c.GetKnowledgeBase(ctx, "", "deleted")
	if !IsNotFound(err) || IsRouteNotFound(err) || !strings.Contains(err.Error(), "deleted:true") {
		t.Fatalf("deleted:true must be not found: %v", err)
	}
	if _, err := c.GetKnowledgeBase(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}

	if err := c.UpdateKnowledgeBase(ctx, "", "kb1", ptr("New"), nil); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "PUT", "/knowledge-bases/kb1", "", `{"name":"New"}`, v20210415)
	if err := c.UpdateKnowledgeBase(ctx, "", "kb1", ptr("New"), ptr("")); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "PUT", "/knowledge-bases/kb1", "", `{"name":"New","description":""}`, v20210415)
	n := len(f.all())
	if err := c.UpdateKnowledgeBase(ctx, "", "kb1", nil, nil); err != nil || len(f.all()) != n {
		t.Fatalf("an update with nothing to change must send nothing: %v", err)
	}
	if err := c.UpdateKnowledgeBase(ctx, "", "refused", ptr("x"), nil); err == nil || !strings.Contains(err.Error(), "success=false: not allowed") {
		t.Fatalf("success:false: %v", err)
	}

	if err := c.DeleteKnowledgeBase(ctx, "", "kb1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/knowledge-bases/kb1", "", "", v20210415)
	if err := c.DeleteKnowledgeBase(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("delete gone: %v", err)
	}
	if err := c.DeleteKnowledgeBase(ctx, "", "deflt"); statusOf(err) != 400 || IsNotFound(err) {
		t.Fatalf("400 is never gone: %v", err)
	}
	if _, err := c.GetKnowledgeBase(ctx, "", ""); err == nil {
		t.Fatal("empty id accepted")
	}
}

func TestKnowledgeBaseNeedsALocation(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, nil, func(cfg *Config) { cfg.LocationID = "" })
	if _, err := c.CreateKnowledgeBase(context.Background(), "", "x", nil); err == nil || !strings.Contains(err.Error(), "location") {
		t.Fatalf("err %v", err)
	}
	if _, err := c.ListKnowledgeBases(context.Background(), "", ""); err == nil {
		t.Fatal("list without a location")
	}
	if len(f.all()) != 0 {
		t.Fatal("request sent without locationId")
	}
}

func TestListKnowledgeBasesPaginates(t *testing.T) {
	t.Parallel()
	const total = 230
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			q := r.URL.Query()
			limit, _ := strconv.Atoi(q.Get("limit"))
			start := 0
			if last := q.Get("lastKnowledgeBaseId"); last != "" {
				_, _ = fmt.Sscanf(last, "kb%03d", &start)
				start++
			}
			var kbs []map[string]any
			for i := start; i < total && len(kbs) < limit; i++ {
				kbs = append(kbs, map[string]any{"id": fmt.Sprintf("kb%03d", i), "name": fmt.Sprintf("KB %d", i), "createdAt": "2025-08-02T19:47:57.243Z"})
			}
			more := start+len(kbs) < total
			data := map[string]any{"knowledgeBases": kbs, "activeCount": total, "hasMore": more}
			if more {
				data["lastKnowledgeBaseId"] = kbs[len(kbs)-1]["id"]
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": data})
		},
	})
	got, err := c.ListKnowledgeBases(context.Background(), "", "Docs")
	if err != nil || len(got) != total || got[0].ID != "kb000" || got[total-1].ID != "kb229" || got[7].Name != "KB 7" {
		t.Fatalf("got %d, %v", len(got), err)
	}
	calls := f.to("GET /knowledge-bases/")
	if len(calls) != 3 {
		t.Fatalf("%d requests, want 3", len(calls))
	}
	checkCall(t, calls[0], "GET", "/knowledge-bases/", "limit=100&locationId=loc1&query=Docs", "", v20210415)
	checkCall(t, calls[1], "GET", "/knowledge-bases/", "lastKnowledgeBaseId=kb099&limit=100&locationId=loc1&query=Docs", "", v20210415)
	checkCall(t, calls[2], "GET", "/knowledge-bases/", "lastKnowledgeBaseId=kb199&limit=100&locationId=loc1&query=Docs", "", v20210415)
}

func TestListKnowledgeBasesCursorFallbackAndLoop(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		// hasMore without lastKnowledgeBaseId: continue from the last item
		"GET /knowledge-bases/": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			if r.URL.Query().Get("locationId") == "loop" {
				writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{
					"knowledgeBases": []any{map[string]any{"id": "x"}}, "hasMore": true, "lastKnowledgeBaseId": "x"}})
				return
			}
			if r.URL.Query().Get("lastKnowledgeBaseId") == "" {
				writeJSON(w, 200, map[string]any{"knowledgeBases": []any{map[string]any{"id": "a"}}, "hasMore": true}) // flat
				return
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{"knowledgeBases": []any{map[string]any{"id": "b"}}, "hasMore": false}})
		},
	})
	got, err := c.ListKnowledgeBases(context.Background(), "", "")
	if err != nil || len(got) != 2 || got[1].ID != "b" || f.last().Query.Get("lastKnowledgeBaseId") != "a" {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := c.ListKnowledgeBases(context.Background(), "loop", ""); err == nil || !strings.Contains(err.Error(), "repeated a page") {
		t.Fatalf("loop: %v", err)
	}
}
