// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// fakeCrawl scripts the crawler API: the status answers are returned in turn (the last one
// repeats), and every call is recorded.
type fakeCrawl struct {
	discoverErr error
	trainErr    error
	statuses    []*client.CrawlStatus
	next        int
	trained     []string
	calls       []string
	preSelected []string
}

func (f *fakeCrawl) DiscoverWebsite(_ context.Context, _, _, siteURL, option string, pre []string, autoTrain *bool) (*client.CrawlOperation, error) {
	f.calls = append(f.calls, "discover "+siteURL+" "+option)
	f.preSelected = pre
	if autoTrain != nil {
		return nil, errors.New("autoTrain must not be sent")
	}
	if f.discoverErr != nil {
		return nil, f.discoverErr
	}
	return &client.CrawlOperation{OperationID: "op1", Status: client.CrawlStatusProcessing, URL: siteURL}, nil
}

func (f *fakeCrawl) GetCrawlStatus(_ context.Context, _, _, op string) (*client.CrawlStatus, error) {
	f.calls = append(f.calls, "status "+op)
	s := f.statuses[min(f.next, len(f.statuses)-1)]
	f.next++
	return s, nil
}

func (f *fakeCrawl) TrainURLs(_ context.Context, _, _, op string, ids []string) error {
	f.calls = append(f.calls, "train "+op+" "+strings.Join(ids, ","))
	f.trained = ids
	return f.trainErr
}

type rec struct{ id, url, status, err string }

func crawlStatus(opStatus string, discovered int64, recs ...rec) *client.CrawlStatus {
	s := &client.CrawlStatus{OperationDetails: client.CrawlOperationDetails{ID: "op1", Status: opStatus, DiscoveredURLsCount: discovered}}
	for _, r := range recs {
		i := slices.IndexFunc(s.Aggregate, func(g client.CrawlStatusGroup) bool { return g.Status == r.status })
		if i < 0 {
			s.Aggregate = append(s.Aggregate, client.CrawlStatusGroup{Status: r.status})
			i = len(s.Aggregate) - 1
		}
		record := client.CrawlStatusRecord{ID: r.id, URL: r.url}
		if r.err != "" {
			record.Error = &client.CrawlError{Message: r.err}
		}
		s.Aggregate[i].Records = append(s.Aggregate[i].Records, record)
	}
	return s
}

var fastBackoff = framework.Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond, Factor: 2}

var spec = crawlSpec{Location: "loc", KnowledgeBaseID: "kb", URL: "https://example.com/docs", Option: "Path"}

func TestRunCrawlTrainsWhatDiscoveryFound(t *testing.T) {
	f := &fakeCrawl{statuses: []*client.CrawlStatus{
		crawlStatus("Processing", 0),
		crawlStatus("Successful", 3, rec{"a", "https://example.com/docs", "Pending", ""}, rec{"b", "https://example.com/docs/x", "Pending", ""},
			rec{"c", "https://example.com/docs/y", "Existing", ""}),
		crawlStatus("Training", 3, rec{"a", "", "Training", ""}, rec{"b", "", "Successful", ""}, rec{"c", "", "Existing", ""}),
		crawlStatus("Successful", 3, rec{"a", "", "Successful", ""}, rec{"b", "", "Successful", ""}, rec{"c", "", "Existing", ""}),
	}}
	out, err := runCrawl(context.Background(), f, fastBackoff, spec)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.trained, []string{"a", "b"}) {
		t.Errorf("trained %v, want the Pending pages a and b", f.trained)
	}
	// c was trained by another source: used, not owned.
	if !slices.Equal(out.Own, []string{"a", "b"}) || !slices.Equal(out.Trained, []string{"a", "b"}) {
		t.Errorf("own %v trained %v, want [a b] [a b]", out.Own, out.Trained)
	}
	if out.OperationID != "op1" || out.Status != "Successful" || out.Discovered != 3 {
		t.Errorf("outcome %+v", out)
	}
	if out.Progress != "3 pages found, 2 of 2 trained" {
		t.Errorf("progress %q", out.Progress)
	}
}

func TestRunCrawlKeepsOwnedExistingPages(t *testing.T) {
	f := &fakeCrawl{statuses: []*client.CrawlStatus{
		crawlStatus("Successful", 2, rec{"a", "https://example.com/a", "Existing", ""}, rec{"b", "https://example.com/b", "Existing", ""}),
	}}
	s := spec
	s.Owned = map[string]bool{"a": true}
	out, err := runCrawl(context.Background(), f, fastBackoff, s)
	if err != nil {
		t.Fatal(err)
	}
	if f.trained != nil {
		t.Errorf("trained %v although every page was trained", f.trained)
	}
	if !slices.Equal(out.Own, []string{"a"}) || !slices.Equal(out.Trained, []string{"a"}) {
		t.Errorf("own %v trained %v, want [a] [a]", out.Own, out.Trained)
	}
}

func TestRunCrawlFailures(t *testing.T) {
	cases := []struct {
		name      string
		statuses  []*client.CrawlStatus
		trainErr  error
		want      []string
		wantOwn   []string
		wantTrain bool
	}{
		{
			name:     "discovery fails",
			statuses: []*client.CrawlStatus{crawlStatus("Failed", 0, rec{"a", "https://down.invalid/", "Failed", "getaddrinfo ENOTFOUND down.invalid"})},
			want:     []string{"ended Failed while discovering pages", "failed: https://down.invalid/ (getaddrinfo ENOTFOUND down.invalid)"},
			wantOwn:  []string{"a"},
		},
		{
			name: "restricted pages",
			statuses: []*client.CrawlStatus{crawlStatus("Successful", 2, rec{"a", "https://example.com/docs", "Pending", ""},
				rec{"b", "https://example.com/restricted", "Restricted", ""})},
			want:    []string{"found pages that cannot be trained", "robots.txt (Restricted", "https://example.com/restricted", "pre_selected_urls"},
			wantOwn: []string{"a", "b"},
		},
		{
			name: "a page fails at ingest",
			statuses: []*client.CrawlStatus{
				crawlStatus("Successful", 2, rec{"a", "https://example.com/docs", "Pending", ""}, rec{"b", "https://example.com/fail", "Pending", ""}),
				crawlStatus("Successful", 2, rec{"a", "https://example.com/docs", "Successful", ""}, rec{"b", "https://example.com/fail", "Failed", "no text"}),
			},
			want:      []string{"ended Successful while training", "failed: https://example.com/fail (no text)"},
			wantOwn:   []string{"a", "b"},
			wantTrain: true,
		},
		{
			name: "interrupted while training",
			statuses: []*client.CrawlStatus{
				crawlStatus("Successful", 1, rec{"a", "https://example.com/docs", "Pending", ""}),
				crawlStatus("Aborted", 1, rec{"a", "https://example.com/docs", "Aborted", ""}),
			},
			want:      []string{"ended Aborted while training", "not trained: https://example.com/docs (Aborted)"},
			wantOwn:   []string{"a"},
			wantTrain: true,
		},
		{
			name:      "train refused",
			statuses:  []*client.CrawlStatus{crawlStatus("Successful", 1, rec{"a", "https://example.com/docs", "Pending", ""})},
			trainErr:  errors.New("500 Internal Server Error"),
			want:      []string{"training the 1 pages", "500 Internal Server Error"},
			wantOwn:   []string{"a"},
			wantTrain: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeCrawl{statuses: tc.statuses, trainErr: tc.trainErr}
			out, err := runCrawl(context.Background(), f, fastBackoff, spec)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.Contains(err.Error(), "the crawl of https://example.com/docs (operation op1)") {
				t.Errorf("error %q does not name the crawl", err)
			}
			if !slices.Equal(out.Own, tc.wantOwn) || out.OperationID != "op1" {
				t.Errorf("outcome %+v, want own %v", out, tc.wantOwn)
			}
			if (f.trained != nil) != tc.wantTrain {
				t.Errorf("trained %v, want training %v", f.trained, tc.wantTrain)
			}
		})
	}
}

func TestRunCrawlDiscoverErrorStartsNothing(t *testing.T) {
	f := &fakeCrawl{discoverErr: errors.New("422 url must be a URL address")}
	out, err := runCrawl(context.Background(), f, fastBackoff, spec)
	if err == nil || out.OperationID != "" || !strings.Contains(err.Error(), "starting the crawl of https://example.com/docs") {
		t.Fatalf("outcome %+v err %v", out, err)
	}
}

func TestRunCrawlTimeoutGivesLastProgress(t *testing.T) {
	f := &fakeCrawl{statuses: []*client.CrawlStatus{
		crawlStatus("Successful", 2, rec{"a", "https://example.com/docs", "Pending", ""}, rec{"b", "https://example.com/docs/x", "Pending", ""}),
		crawlStatus("Training", 2, rec{"a", "", "Successful", ""}, rec{"b", "", "Training", ""}),
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	out, err := runCrawl(ctx, f, fastBackoff, spec)
	if !framework.IsPollTimeout(err) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if !strings.Contains(err.Error(), "last progress seen: 2 pages found, 1 of 2 trained") {
		t.Errorf("error %q lacks the last progress", err)
	}
	if !slices.Equal(out.Own, []string{"a", "b"}) || !slices.Equal(out.Trained, []string{"a"}) || out.Status != "Training" {
		t.Errorf("outcome %+v", out)
	}
}

func TestRunCrawlSendsPreSelectedPages(t *testing.T) {
	f := &fakeCrawl{statuses: []*client.CrawlStatus{crawlStatus("Successful", 1, rec{"a", "https://example.com/a", "Existing", ""})}}
	s := spec
	s.PreSelected = []string{"https://example.com/a"}
	if _, err := runCrawl(context.Background(), f, fastBackoff, s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.preSelected, s.PreSelected) {
		t.Fatalf("sent %v", f.preSelected)
	}
}

func TestNormalizePageURL(t *testing.T) {
	cases := map[string]string{
		"HTTPS://Example.COM":          "https://example.com/",
		"https://example.com/Docs#top": "https://example.com/Docs",
		"https://example.com/a?b=1":    "https://example.com/a?b=1",
		"not a url":                    "not a url",
	}
	for in, want := range cases {
		if got := normalizePageURL(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestDedupeKeepsFirstOrder(t *testing.T) {
	if got := dedupe([]string{"b", "a", "b", "c", "a"}); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Fatal(got)
	}
}

// fakeNoPreSelected is a crawler that refuses preSelectedUrls (the emulator's
// discover_rejects_preselected_urls) and crawls Exact URLs: one page per operation.
type fakeNoPreSelected struct {
	ops     map[string]string // operation → URL
	trained map[string]bool   // operation → trained
	calls   []string
}

func (f *fakeNoPreSelected) DiscoverWebsite(_ context.Context, _, _, siteURL, option string, pre []string, _ *bool) (*client.CrawlOperation, error) {
	f.calls = append(f.calls, "discover "+siteURL+" "+option)
	if len(pre) > 0 {
		return nil, &client.APIError{StatusCode: 422, Messages: []string{"property preSelectedUrls should not exist"}, Method: "POST", Path: "/knowledge-bases/crawler"}
	}
	op := "op" + string(rune('0'+len(f.ops)))
	f.ops[op] = siteURL
	return &client.CrawlOperation{OperationID: op, Status: client.CrawlStatusProcessing, URL: siteURL}, nil
}

func (f *fakeNoPreSelected) GetCrawlStatus(_ context.Context, _, _, op string) (*client.CrawlStatus, error) {
	status := "Pending"
	if f.trained[op] {
		status = "Successful"
	}
	s := crawlStatus("Successful", 1, rec{"page-" + op, f.ops[op], status, ""})
	s.OperationDetails.ID = op
	return s, nil
}

func (f *fakeNoPreSelected) TrainURLs(_ context.Context, _, _, op string, ids []string) error {
	f.calls = append(f.calls, "train "+op+" "+strings.Join(ids, ","))
	f.trained[op] = true
	return nil
}

// A server that refuses preSelectedUrls: each pre-selected page is discovered alone with
// option Exact and trained; the source holds exactly those pages and is named by the first
// operation.
func TestRunCrawlPreSelectedRefused(t *testing.T) {
	f := &fakeNoPreSelected{ops: map[string]string{}, trained: map[string]bool{}}
	s := spec
	s.Option, s.PreSelected = "Domain", []string{"https://example.com/privacy", "https://example.com/terms", "https://example.com/privacy"}
	out, err := runCrawl(context.Background(), f, fastBackoff, s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"discover https://example.com/docs Domain", "discover https://example.com/privacy Exact", "train op0 page-op0",
		"discover https://example.com/terms Exact", "train op1 page-op1"}
	if !slices.Equal(f.calls, want) {
		t.Fatalf("calls\n got %v\nwant %v", f.calls, want)
	}
	if out.OperationID != "op0" || out.Status != "Successful" || out.Discovered != 2 ||
		!slices.Equal(out.Own, []string{"page-op0", "page-op1"}) || !slices.Equal(out.Trained, out.Own) {
		t.Fatalf("outcome %+v", out)
	}
	// Another validation error is not taken for a refusal of preSelectedUrls.
	if rejectsPreSelected(&client.APIError{StatusCode: 422, Messages: []string{"url must be a URL address"}}) ||
		rejectsPreSelected(errors.New("preSelectedUrls")) {
		t.Fatal("rejectsPreSelected too broad")
	}
}
