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

func TestDiscoverWebsite(t *testing.T) {
	t.Parallel()
	op := map[string]any{"operationId": "66b0c0ffee0000000000000a", "status": "Processing", "url": "https://example.com/docs"}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/crawler": func(w http.ResponseWriter, r *http.Request, b []byte) {
			switch {
			case strings.Contains(string(b), `"kbFlat"`): // LIVE: no envelope
				writeJSON(w, 201, op)
			case strings.Contains(string(b), `"kbEmpty"`):
				writeJSON(w, 201, map[string]any{"success": true})
			case strings.Contains(string(b), `"kbFull"`):
				writeJSON(w, 400, map[string]any{"statusCode": 400, "message": "Maximum of 4000 trained URLs per knowledge base reached"})
			default:
				writeJSON(w, 201, map[string]any{"success": true, "data": op})
			}
		},
	})
	ctx := context.Background()
	got, err := c.DiscoverWebsite(ctx, "", "kb1", "https://example.com/docs", CrawlOptionPath, nil, nil)
	if err != nil || got.OperationID != "66b0c0ffee0000000000000a" || got.Status != "Processing" || got.URL != "https://example.com/docs" {
		t.Fatalf("discover %+v %v", got, err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/crawler", "",
		`{"locationId":"loc1","knowledgeBaseId":"kb1","url":"https://example.com/docs","option":"Path"}`, v20210415)

	if got, err = c.DiscoverWebsite(ctx, "loc2", "kbFlat", "https://example.com", CrawlOptionExact,
		[]string{"https://example.com/a", "https://example.com/b"}, ptr(false)); err != nil || got.OperationID == "" {
		t.Fatalf("flat %+v %v", got, err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/crawler", "",
		`{"locationId":"loc2","knowledgeBaseId":"kbFlat","url":"https://example.com","option":"Exact",`+
			`"preSelectedUrls":["https://example.com/a","https://example.com/b"],"autoTrain":false}`, v20210415)

	if _, err := c.DiscoverWebsite(ctx, "", "kbEmpty", "https://example.com", CrawlOptionDomain, nil, nil); err == nil || !strings.Contains(err.Error(), "no operationId") {
		t.Fatalf("no operation: %v", err)
	}
	if _, err := c.DiscoverWebsite(ctx, "", "kbFull", "https://example.com", CrawlOptionDomain, nil, nil); statusOf(err) != 400 || IsNotFound(err) {
		t.Fatalf("400: %v", err)
	}
}

func TestDiscoverWebsiteIsNotRetried(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/crawler": reply(503, map[string]any{"statusCode": 503, "message": "Service Unavailable"}),
	})
	_, err := c.DiscoverWebsite(context.Background(), "", "kb1", "https://example.com", CrawlOptionExact, nil, nil)
	if statusOf(err) != 503 || len(f.all()) != 1 {
		t.Fatalf("%v after %d requests", err, len(f.all()))
	}
}

func TestGetCrawlStatus(t *testing.T) {
	t.Parallel()
	status := map[string]any{
		"aggregate": []any{
			map[string]any{"_id": "Successful", "records": []any{
				map[string]any{"id": "u1", "url": "https://example.com/", "title": "Home"},
				map[string]any{"id": "u2", "url": "https://example.com/a"},
			}},
			map[string]any{"_id": "Failed", "records": []any{
				map[string]any{"id": "u3", "url": "https://example.com/b", "error": map[string]any{"message": "fetch failed", "status": 502, "name": "FetchError"}},
				map[string]any{"id": "u4", "url": "https://example.com/c", "error": "timeout"},
			}},
		},
		"operationDetails": map[string]any{"_id": "op1", "status": "Successful", "url": "https://example.com/", "mode": "Domain",
			"knowledgeBaseId": "kb1", "locationId": "loc1", "discoveredUrlsCount": 4, "trainedUrlsCount": 2,
			"createdAt": "2025-08-02T19:47:57.243Z", "updatedAt": "2025-08-02T19:48:57.243Z", "__v": 0, "robotsFileData": map[string]any{"x": 1}},
	}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/crawler/status": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			if r.URL.Query().Get("operationId") == "" {
				writeJSON(w, 200, status) // LIVE: flat
				return
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": status})
		},
	})
	ctx := context.Background()
	for _, op := range []string{"op1", ""} {
		got, err := c.GetCrawlStatus(ctx, "", "kb1", op)
		if err != nil {
			t.Fatal(err)
		}
		wantQuery := "knowledgeBaseId=kb1&locationId=loc1"
		if op != "" {
			wantQuery += "&operationId=op1"
		}
		checkCall(t, f.last(), "GET", "/knowledge-bases/crawler/status", wantQuery, "", v20210415)
		d := got.OperationDetails
		if d.ID != "op1" || d.Mode != "Domain" || d.DiscoveredURLsCount != 4 || d.TrainedURLsCount != 2 || d.LocationID != "loc1" || len(d.RobotsFileData) == 0 {
			t.Fatalf("details %+v", d)
		}
		recs := got.Records()
		if len(recs) != 4 || recs[0].Status != CrawlStatusSuccessful || recs[0].Title != "Home" || recs[1].Error != nil || recs[2].Status != CrawlStatusFailed {
			t.Fatalf("records %+v", recs)
		}
		if e := recs[2].Error; e == nil || e.Message != "fetch failed" || e.Status != "502" || e.Name != "FetchError" || e.Error() != "fetch failed" {
			t.Fatalf("error object %+v", recs[2].Error)
		}
		if e := recs[3].Error; e == nil || e.Error() != "timeout" {
			t.Fatalf("error string %+v", recs[3].Error)
		}
	}
}

func TestTrainURLs(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/crawler/train": func(w http.ResponseWriter, _ *http.Request, b []byte) {
			if strings.Contains(string(b), "bogus") {
				unprocessable("urlIds contains ids that are not in operation op1: bogus")(w, nil, nil)
				return
			}
			writeJSON(w, 201, map[string]any{"success": true, "message": "Training started", "urlIds": []string{"u1", "u2"}})
		},
	})
	ctx := context.Background()
	if err := c.TrainURLs(ctx, "", "kb1", "op1", []string{"u1", "u2"}); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "POST", "/knowledge-bases/crawler/train", "",
		`{"locationId":"loc1","knowledgeBaseId":"kb1","operationId":"op1","urlIds":["u1","u2"]}`, v20210415)
	if err := c.TrainURLs(ctx, "", "kb1", "op1", []string{"bogus"}); statusOf(err) != 422 || !strings.Contains(err.Error(), "not in operation op1: bogus") {
		t.Fatalf("422: %v", err)
	}
	n := len(f.all())
	if err := c.TrainURLs(ctx, "", "kb1", "op1", nil); err == nil {
		t.Error("no URL ids accepted")
	}
	if err := c.TrainURLs(ctx, "", "kb1", "", []string{"u1"}); err == nil {
		t.Error("no operation id accepted")
	}
	if len(f.all()) != n {
		t.Error("invalid input was sent")
	}
}

// fakeCrawledURLs serves total pages of a KB with page/pageLength paging; countDelta is added
// to the count the API reports.
func fakeCrawledURLs(total, countDelta int) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("pageLength"))
		var urls []map[string]any
		for i := (page - 1) * size; i < total && len(urls) < size; i++ {
			urls = append(urls, map[string]any{"id": fmt.Sprintf("%024x", i), "url": fmt.Sprintf("https://example.com/p%d", i),
				"title": "P", "status": "Successful", "locationId": "loc1", "knowledgeBaseId": q.Get("knowledgeBaseId"),
				"content": "https://storage/x", "contentEditedByUser": i == 0, "updatedAt": "2025-08-02T19:47:57.243Z"})
		}
		writeJSON(w, 200, map[string]any{"count": total + countDelta, "urls": urls})
	}
}

func TestListCrawledURLsPaginates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name            string
		total, delta    int
		want, wantCalls int
	}{
		{"three pages", 230, 0, 230, 3},
		{"exact multiple of the page", 200, 0, 200, 2},
		{"empty", 0, 0, 0, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFakeAPI(t, map[string]routeFunc{"GET /knowledge-bases/crawler": fakeCrawledURLs(tc.total, tc.delta)})
			got, err := c.ListCrawledURLs(context.Background(), "", "kb1", "example")
			if err != nil || len(got) != tc.want {
				t.Fatalf("got %d, %v", len(got), err)
			}
			calls := f.to("GET /knowledge-bases/crawler")
			if len(calls) != tc.wantCalls {
				t.Fatalf("%d requests, want %d", len(calls), tc.wantCalls)
			}
			for i, call := range calls {
				checkCall(t, call, "GET", "/knowledge-bases/crawler",
					fmt.Sprintf("knowledgeBaseId=kb1&locationId=loc1&page=%d&pageLength=100&query=example", i+1), "", v20210415)
			}
			if tc.want > 0 && (!got[0].ContentEditedByUser || got[0].Status != "Successful" || got[0].Content == "" || len(got[0].ID) != 24) {
				t.Fatalf("url %+v", got[0])
			}
		})
	}
}

func TestDeleteCrawledURLs(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"DELETE /knowledge-bases/crawler": reply(200, map[string]any{"success": true, "deletedCount": 2, "message": "deleted"}),
	})
	ctx := context.Background()
	if err := c.DeleteCrawledURLs(ctx, "", "kb1", []string{"u1", "u2"}); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/knowledge-bases/crawler", "", `{"locationId":"loc1","knowledgeBaseId":"kb1","urlIds":["u1","u2"]}`, v20210415)
	if err := c.DeleteCrawledURLs(ctx, "", "kb1", nil); err != nil || len(f.all()) != 1 {
		t.Fatalf("no ids must send nothing: %v", err)
	}
}
