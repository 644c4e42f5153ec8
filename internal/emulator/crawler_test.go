// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"
)

// crawlEnv is an emulator whose crawl step is an hour: real time never moves a crawl
// during a test, only POST /_emulator/clock/advance does.
type crawlEnv struct {
	*env
	tok, loc, kb string
}

const testStep = time.Hour

func newCrawlEnv(t *testing.T) *crawlEnv {
	e := newEnv(t, Options{CrawlStepDelay: testStep})
	tok, loc := e.loc(0)
	return &crawlEnv{env: e, tok: tok, loc: loc, kb: e.createKB(tok, loc, "site")}
}

func (ce *crawlEnv) discover(body map[string]any) string {
	ce.t.Helper()
	body["locationId"], body["knowledgeBaseId"] = ce.loc, ce.kb
	r := ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, body), 201)
	d := r.data()
	if r.body["success"] != true || d["status"] != "Processing" || !objectID.MatchString(d["operationId"].(string)) {
		ce.t.Fatalf("discover %s", r.raw)
	}
	return d["operationId"].(string)
}

var objectID = regexp.MustCompile(`^[0-9a-f]{24}$`)

// status returns the status data of op ("" = latest).
func (ce *crawlEnv) status(op string) (details map[string]any, groups map[string][]map[string]any) {
	ce.t.Helper()
	q := "/knowledge-bases/crawler/status?locationId=" + ce.loc + "&knowledgeBaseId=" + ce.kb
	if op != "" {
		q += "&operationId=" + op
	}
	d := ce.expect(ce.do("GET", q, ce.tok, nil), 200).data()
	groups = map[string][]map[string]any{}
	for _, g := range objects(d["aggregate"]) {
		groups[g["_id"].(string)] = objects(g["records"])
	}
	return d["operationDetails"].(map[string]any), groups
}

func (ce *crawlEnv) urls(q string) resp {
	ce.t.Helper()
	return ce.expect(ce.do("GET", "/knowledge-bases/crawler?locationId="+ce.loc+"&knowledgeBaseId="+ce.kb+q, ce.tok, nil), 200)
}

func ids(records []map[string]any) []string {
	var out []string
	for _, r := range records {
		out = append(out, r["id"].(string))
	}
	return out
}

func TestCrawlerLifecycle(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	op := ce.discover(map[string]any{"url": "https://Example.com/docs/", "option": "Path"})

	det, groups := ce.status(op)
	if det["status"] != "Processing" || det["_id"] != op || det["mode"] != "Path" || det["url"] != "https://Example.com/docs/" ||
		det["discoveredUrlsCount"] != 0.0 || det["__v"] != 0.0 || det["knowledgeBaseId"] != ce.kb || det["locationId"] != ce.loc || len(groups) != 0 {
		t.Fatalf("processing %v %v", det, groups)
	}
	if c := ce.urls(""); c.body["count"] != 0.0 {
		t.Errorf("URLs before discovery ended %s", c.raw)
	}
	ce.advance(testStep)
	det, groups = ce.status("") // latest operation
	pending := groups["Pending"]
	if det["status"] != "Successful" || det["discoveredUrlsCount"] != 5.0 || len(groups) != 1 || len(pending) != 5 {
		t.Fatalf("discovered %v %v", det, groups)
	}
	wantURLs := []string{"https://example.com/docs/", "https://example.com/docs/overview", "https://example.com/docs/features",
		"https://example.com/docs/pricing", "https://example.com/docs/faq"}
	for i, rec := range pending {
		if rec["url"] != wantURLs[i] || rec["title"] == "" || !objectID.MatchString(rec["id"].(string)) {
			t.Errorf("record %d %v", i, rec)
		}
	}
	if pending[2]["title"] != "Features | example.com" {
		t.Errorf("title %v", pending[2]["title"])
	}
	l := ce.urls("")
	if l.body["count"] != 5.0 || keys(l.list("urls")[0]) != "content,contentEditedByUser,id,knowledgeBaseId,locationId,status,title,updatedAt,url" {
		t.Fatalf("list %s", l.raw)
	}

	// Train two of them.
	pick := ids(pending[:2])
	tr := ce.expect(ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op, "urlIds": pick,
	}), 201)
	if tr.body["success"] != true || fmt.Sprint(tr.body["urlIds"]) != fmt.Sprint(pick) || tr.str("message") == "" {
		t.Errorf("train %s", tr.raw)
	}
	det, groups = ce.status(op)
	if det["status"] != "Training" || !slices.Equal(ids(groups["Training"]), pick) || len(groups["Pending"]) != 3 {
		t.Errorf("training %v %v", det, groups)
	}
	if md := ce.expect(ce.do("GET", "/knowledge-bases/"+ce.kb, ce.tok, nil), 200).data()["kbMetadata"].(map[string]any); md["urls"] != 0.0 {
		t.Errorf("urls while training %v", md["urls"])
	}
	ce.advance(testStep)
	det, groups = ce.status(op)
	if det["status"] != "Successful" || det["trainedUrlsCount"] != 2.0 || !slices.Equal(ids(groups["Successful"]), pick) {
		t.Errorf("trained %v %v", det, groups)
	}
	if md := ce.expect(ce.do("GET", "/knowledge-bases/"+ce.kb, ce.tok, nil), 200).data()["kbMetadata"].(map[string]any); md["urls"] != 2.0 {
		t.Errorf("kbMetadata.urls %v", md["urls"])
	}
	trained := ce.urls("&query=OVERVIEW").list("urls")
	if len(trained) != 1 || trained[0]["status"] != "Successful" || trained[0]["content"] == "" {
		t.Errorf("trained URL %v", trained)
	}

	// Rediscovery: trained pages are Existing in the new operation, the others Pending
	// again; the list holds each page once.
	op2 := ce.discover(map[string]any{"url": "https://example.com/docs", "option": "Path"})
	ce.advance(testStep)
	_, groups = ce.status(op2)
	if !slices.Equal(ids(groups["Existing"]), pick) || len(groups["Pending"]) != 3 {
		t.Errorf("rediscovery %v", groups)
	}
	if l = ce.urls(""); l.body["count"] != 5.0 {
		t.Errorf("rediscovery duplicated URLs: %s", l.raw)
	}
	// Ids not in the operation: 422; the operation of another KB: 404.
	other := ce.discover(map[string]any{"url": "https://other.example.org/", "option": "Exact"})
	ce.advance(testStep)
	_, og := ce.status(other)
	x := ce.expect(ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op2, "urlIds": []string{og["Pending"][0]["id"].(string), "000000000000000000000000"},
	}), 422)
	if len(x.messages()) != 2 || !x.hasMessage("which is not a URL of operation "+op2) {
		t.Errorf("%s", x.raw)
	}
	kb2 := ce.createKB(ce.tok, ce.loc, "second")
	ce.expect(ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": kb2, "operationId": op2, "urlIds": pick,
	}), 404)
	// Training an Existing page again changes nothing.
	ce.expect(ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op2, "urlIds": pick,
	}), 201)
	if det, _ = ce.status(op2); det["status"] != "Successful" {
		t.Errorf("no-op train changed the operation: %v", det)
	}

	// Paging of the list.
	if l = ce.urls("&page=2&pageLength=4"); l.body["count"] != 6.0 || len(l.list("urls")) != 2 {
		t.Errorf("page 2 %s", l.raw)
	}
	// DELETE with a JSON body.
	d := ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": ce.kb, "urlIds": []string{pick[0], "000000000000000000000000"},
	}), 200)
	if d.body["success"] != true || d.body["deletedCount"] != 1.0 || d.str("message") == "" {
		t.Errorf("delete %s", d.raw)
	}
	if md := ce.expect(ce.do("GET", "/knowledge-bases/"+ce.kb, ce.tok, nil), 200).data()["kbMetadata"].(map[string]any); md["urls"] != 1.0 {
		t.Errorf("kbMetadata.urls after delete %v", md["urls"])
	}
	d = ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{
		"locationId": ce.loc, "knowledgeBaseId": ce.kb, "deleteAll": true, "search": "example.com", "excludeUrlIds": []string{pick[1]},
	}), 200)
	if d.body["deletedCount"] != 3.0 {
		t.Errorf("deleteAll %s", d.raw)
	}
	if l = ce.urls(""); l.body["count"] != 2.0 { // pick[1] and other.example.org
		t.Errorf("after deleteAll %s", l.raw)
	}
	// Deleted pages leave the operation's aggregate.
	if _, groups = ce.status(op2); len(groups["Existing"]) != 1 || len(groups["Pending"]) != 0 {
		t.Errorf("aggregate after delete %v", groups)
	}
}

func TestCrawlerAutoTrainAndFailures(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	op := ce.discover(map[string]any{"url": "https://shop.example.com/", "option": "Domain", "autoTrain": true})
	ce.advance(testStep)
	det, groups := ce.status(op)
	if det["status"] != "Training" || det["discoveredUrlsCount"] != 10.0 || len(groups["Training"]) != 10 {
		t.Fatalf("autoTrain started %v %v", det, groups)
	}
	ce.advance(testStep)
	if det, groups = ce.status(op); det["status"] != "Successful" || det["trainedUrlsCount"] != 10.0 || len(groups["Successful"]) != 10 {
		t.Errorf("autoTrain finished %v %v", det, groups)
	}

	// preSelectedUrls replace the synthesis; robots and ingest failures.
	op = ce.discover(map[string]any{"url": "https://blog.example.com/", "option": "Domain", "autoTrain": true, "preSelectedUrls": []string{
		"https://blog.example.com/post-1", "https://blog.example.com/restricted/area", "https://blog.example.com/fail-here", "https://blog.example.com/post-1",
	}})
	ce.advance(3 * testStep) // a late poll sees the same outcome as timely ones
	det, groups = ce.status(op)
	if det["discoveredUrlsCount"] != 3.0 || det["trainedUrlsCount"] != 1.0 || det["status"] != "Successful" ||
		len(groups["Successful"]) != 1 || len(groups["Restricted"]) != 1 || len(groups["Failed"]) != 1 {
		t.Fatalf("preselected %v %v", det, groups)
	}
	fail := groups["Failed"][0]
	if e, _ := fail["error"].(map[string]any); e["name"] != "IngestError" || e["message"] == "" || e["status"] != 422.0 {
		t.Errorf("failed record %v", fail)
	}
	if _, ok := groups["Restricted"][0]["error"]; ok {
		t.Errorf("restricted record has an error: %v", groups["Restricted"][0])
	}
	// Timestamps follow the clock, not the poll: updatedAt is discovery + 2 steps.
	created, _ := time.Parse(time.RFC3339, det["createdAt"].(string))
	updated, _ := time.Parse(time.RFC3339, det["updatedAt"].(string))
	if updated.Sub(created) != 2*testStep {
		t.Errorf("updatedAt - createdAt = %v, want 2 steps", updated.Sub(created))
	}

	// A site that cannot be fetched fails the operation.
	op = ce.discover(map[string]any{"url": "https://nowhere.invalid/", "option": "Domain"})
	ce.advance(testStep)
	det, groups = ce.status(op)
	if det["status"] != "Failed" || len(groups["Failed"]) != 1 || groups["Failed"][0]["error"].(map[string]any)["name"] != "FetchError" {
		t.Errorf("unreachable %v %v", det, groups)
	}

	// Fault injection through the control plane: Cancelled / Aborted.
	op = ce.discover(map[string]any{"url": "https://slow.example.com/a", "option": "Exact", "autoTrain": true})
	ce.advance(testStep)
	c := ce.expect(ce.admin("POST", "/_emulator/crawler/operations/"+op+"/interrupt", map[string]any{"status": "Aborted"}), 200)
	if c.body["operationDetails"].(map[string]any)["status"] != "Aborted" {
		t.Errorf("interrupt %s", c.raw)
	}
	ce.advance(testStep)
	det, groups = ce.status(op)
	if det["status"] != "Aborted" || len(groups["Aborted"]) != 1 {
		t.Errorf("aborted %v %v", det, groups)
	}
	ce.expect(ce.admin("POST", "/_emulator/crawler/operations/"+op+"/interrupt", map[string]any{"status": "Failed"}), 400)
	ce.expect(ce.admin("POST", "/_emulator/crawler/operations/000000000000000000000000/interrupt", map[string]any{"status": "Cancelled"}), 404)
	ce.expect(ce.do("POST", "/_emulator/crawler/operations/"+op+"/interrupt", ce.tok, map[string]any{"status": "Cancelled"}), 401)
}

func TestCrawlerValidation(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	_, loc1 := ce.env.loc(1)
	tok1, _ := ce.env.loc(1)
	post := func(body map[string]any) resp {
		return ce.do("POST", "/knowledge-bases/crawler", ce.tok, body)
	}
	x := ce.expect(post(map[string]any{"locationId": ce.loc}), 422)
	for _, m := range []string{"knowledgeBaseId should not be empty", "url should not be empty", "option must be one of the following values: Exact, Path, Domain"} {
		if !x.hasMessage(m) {
			t.Errorf("missing %q in %s", m, x.raw)
		}
	}
	for _, bad := range []map[string]any{
		{"url": "example.com", "option": "Exact"},
		{"url": "ftp://example.com/", "option": "Exact"},
		{"url": "https://example.com/", "option": "Site"},
		{"url": "https://example.com/", "option": "Exact", "preSelectedUrls": []string{"notaurl"}},
		{"url": "https://example.com/", "option": "Exact", "autoTrain": "yes"},
		{"url": "https://example.com/", "option": "Exact", "depth": 3},
	} {
		bad["locationId"], bad["knowledgeBaseId"] = ce.loc, ce.kb
		ce.expect(post(bad), 422)
	}
	ce.expect(post(map[string]any{"locationId": ce.loc, "knowledgeBaseId": "nope", "url": "https://a.example/", "option": "Exact"}), 404)
	ce.expect(post(map[string]any{"locationId": loc1, "knowledgeBaseId": ce.kb, "url": "https://a.example/", "option": "Exact"}), 403)
	ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, `{"url":`), 400)

	// Status: required parameters, no operation yet, unknown operation, other location.
	ce.expect(ce.do("GET", "/knowledge-bases/crawler/status?locationId="+ce.loc, ce.tok, nil), 422)
	if r := ce.expect(ce.do("GET", "/knowledge-bases/crawler/status?locationId="+ce.loc+"&knowledgeBaseId="+ce.kb, ce.tok, nil), 404); r.str("message") != msgCrawlNotFound {
		t.Errorf("%s", r.raw)
	}
	op := ce.discover(map[string]any{"url": "https://a.example/", "option": "Exact"})
	ce.expect(ce.do("GET", "/knowledge-bases/crawler/status?locationId="+ce.loc+"&knowledgeBaseId="+ce.kb+"&operationId=000000000000000000000000", ce.tok, nil), 404)
	ce.expect(ce.do("GET", "/knowledge-bases/crawler/status?locationId="+loc1+"&knowledgeBaseId="+ce.kb+"&operationId="+op, ce.tok, nil), 403)
	ce.expect(ce.do("GET", "/knowledge-bases/crawler/status?locationId="+loc1+"&knowledgeBaseId="+ce.kb+"&operationId="+op, tok1, nil), 404)

	// Train: required fields, unknown operation, ids while still discovering.
	tr := func(body map[string]any) resp { return ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, body) }
	x = ce.expect(tr(map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "urlIds": []string{}}), 422)
	if !x.hasMessage("operationId should not be empty") || !x.hasMessage("urlIds must contain at least 1 elements") {
		t.Errorf("%s", x.raw)
	}
	ce.expect(tr(map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": "000000000000000000000000", "urlIds": []string{"x"}}), 404)
	ce.expect(tr(map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op, "urlIds": []string{"x"}}), 422)

	// List and DELETE.
	for _, q := range []string{"&page=0", "&pageLength=0", "&pageLength=101", "&page=1.5"} {
		ce.expect(ce.do("GET", "/knowledge-bases/crawler?locationId="+ce.loc+"&knowledgeBaseId="+ce.kb+q, ce.tok, nil), 422)
	}
	ce.expect(ce.do("GET", "/knowledge-bases/crawler?locationId="+ce.loc, ce.tok, nil), 422)
	ce.expect(ce.do("GET", "/knowledge-bases/crawler?locationId="+ce.loc+"&knowledgeBaseId=nope", ce.tok, nil), 404)
	ce.expect(ce.do("GET", "/knowledge-bases/crawler?locationId="+loc1+"&knowledgeBaseId="+ce.kb, ce.tok, nil), 403)
	if x = ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb}), 422); !x.hasMessage("urlIds must be an array") {
		t.Errorf("%s", x.raw)
	}
	ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": "nope", "urlIds": []string{"x"}}), 404)
	ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": loc1, "knowledgeBaseId": ce.kb, "urlIds": []string{"x"}}), 403)
	ce.dropScopes(ce.tok, "knowledge-bases.write")
	ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "url": "https://a.example/", "option": "Exact"}), 401)
}

func TestCrawlerTrainLimit(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	pages := make([]string, maxTrainedURLs+1)
	for i := range pages {
		pages[i] = fmt.Sprintf("https://big.example.com/p/%d", i)
	}
	op := ce.discover(map[string]any{"url": "https://big.example.com/", "option": "Domain", "preSelectedUrls": pages})
	ce.advance(testStep)
	all := ce.urls("&pageLength=100&page=41")
	if all.body["count"] != float64(len(pages)) || len(all.list("urls")) != 1 {
		t.Fatalf("count %v", all.body["count"])
	}
	_, groups := ce.status(op)
	urlIDs := ids(groups["Pending"])
	train := func(ids []string) resp {
		return ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{
			"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op, "urlIds": ids,
		})
	}
	r := ce.expect(train(urlIDs), 400)
	if r.str("message") != "Maximum of 4000 trained URLs per knowledge base reached" {
		t.Errorf("%s", r.raw)
	}
	ce.expect(train(urlIDs[:maxTrainedURLs]), 201)
	ce.expect(train(urlIDs[maxTrainedURLs:]), 400) // Training counts against the limit
	ce.advance(testStep)
	ce.expect(train(urlIDs[maxTrainedURLs:]), 400)
	// Deleting a trained URL frees a slot.
	ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "urlIds": urlIDs[:1]}), 200)
	ce.expect(train(urlIDs[maxTrainedURLs:]), 201)
}

// TestCrawlerPersistence checks that a crawl continues across a restart with the same
// data file: progress is a function of the persisted clock and timestamps.
func TestCrawlerPersistence(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "state.json")
	emu, err := New(Options{DataFile: data, CrawlStepDelay: testStep, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	boot := emu.Bootstrap("")
	tok, loc := boot.Locations[0].Token, boot.Locations[0].ID
	fe := &fuzzEnv{emu: emu, tok: tok}
	status, m := fe.call(t, "POST", "/knowledge-bases/", mustJSON(map[string]any{"name": "p", "locationId": loc}))
	expectStatus(t, status, 201)
	kb := m["data"].(map[string]any)["id"].(string)
	status, m = fe.call(t, "POST", "/knowledge-bases/crawler", mustJSON(map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://p.example/", "option": "Path", "autoTrain": true}))
	expectStatus(t, status, 201)
	op := m["data"].(map[string]any)["operationId"].(string)
	emu.mu.Lock()
	emu.advanceClockLocked(testStep)
	emu.mu.Unlock()
	_ = emu.Close()

	emu2, err := New(Options{DataFile: data, CrawlStepDelay: testStep, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer emu2.Close()
	fe.emu = emu2
	q := "/knowledge-bases/crawler/status?locationId=" + loc + "&knowledgeBaseId=" + kb + "&operationId=" + op
	status, m = fe.call(t, "GET", q, nil)
	expectStatus(t, status, 200)
	if s := m["data"].(map[string]any)["operationDetails"].(map[string]any)["status"]; s != "Training" {
		t.Fatalf("after restart %v", s)
	}
	emu2.mu.Lock()
	emu2.advanceClockLocked(testStep)
	emu2.mu.Unlock()
	_, m = fe.call(t, "GET", q, nil)
	if d := m["data"].(map[string]any)["operationDetails"].(map[string]any); d["status"] != "Successful" || d["trainedUrlsCount"] != 5.0 {
		t.Errorf("after restart and a step %v", d)
	}
}
