// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Website crawler (contract §3.5): discover, then train, both asynchronous.
//
// Progress is computed lazily from the emulator clock, never with goroutines or timers.
// Each operation and each URL records the instant it entered its current state
// (StatusSince); every handler that reads or writes a KB's crawler data first calls
// advanceCrawls, which replays the transitions whose time has come, each one anchored at
// the instant it was due (StatusSince + step), not at the instant of the read. The
// outcome therefore depends only on the clock, never on when or how often clients poll;
// tests jump ahead with POST /_emulator/clock/advance. The step is e.crawlStep() (flag
// and PUT /_emulator/crawler), read at advance time.
//
// State machine (delays of one step each):
//
//	discover ─► operation Processing ──step──► pages synthesised: each Pending, Existing
//	            (already trained in the KB) or Restricted; operation Successful
//	            (or Failed when the site cannot be fetched)
//	train / autoTrain ─► URLs Training, operation Training ──step──► URLs Successful (or
//	            Failed when ingest fails), trainedUrlsCount += n, operation Successful
//
// Synthetic pages are deterministic per URL:
//   - Exact: the URL itself; Path: the URL plus 4 children; Domain: the URL plus 9 pages
//     of its host; preSelectedUrls replaces the synthesis.
//   - A host ending in ".invalid" cannot be fetched: the operation fails and the URL is
//     Failed with an error.
//   - A path containing "restricted" is blocked by robots.txt: Restricted, never trained.
//   - A path containing "fail" fails at ingest: training ends Failed with an error.
//
// Cancelled and Aborted are reachable only through the control plane
// (POST /_emulator/crawler/operations/{operationId}/interrupt, seed.go).
//
// A crawled URL is unique per (KB, normalised URL): rediscovery reuses the record. The
// "Existing" status belongs to the operation's view of a URL (its status aggregate);
// the URL itself stays Successful in the list.

// Crawl statuses [OAS enum]; meanings are the emulator's (§3.5).
const (
	crawlPending    = "Pending"
	crawlProcessing = "Processing"
	crawlTraining   = "Training"
	crawlSuccessful = "Successful"
	crawlExisting   = "Existing"
	crawlFailed     = "Failed"
	crawlRestricted = "Restricted"
	crawlCancelled  = "Cancelled"
	crawlAborted    = "Aborted"
)

// crawlStatusOrder orders the groups of the status aggregate.
var crawlStatusOrder = []string{crawlPending, crawlProcessing, crawlTraining, crawlSuccessful, crawlExisting,
	crawlFailed, crawlRestricted, crawlCancelled, crawlAborted}

// maxTrainedURLs is the documented limit of trained web URLs per KB [HELP 155000001338].
const maxTrainedURLs = 4000

const msgCrawlNotFound = "Crawl operation not found" // wording unconfirmed

// CrawlOperation is a discover operation and what it found.
type CrawlOperation struct {
	ID              string       `json:"id"` // 24-hex ObjectId
	LocationID      string       `json:"locationId"`
	KnowledgeBaseID string       `json:"knowledgeBaseId"`
	URL             string       `json:"url"`  // as the client gave it
	Mode            string       `json:"mode"` // Exact, Path or Domain
	PreSelected     []string     `json:"preSelectedUrls,omitempty"`
	AutoTrain       bool         `json:"autoTrain"`
	Status          string       `json:"status"`
	StatusSince     time.Time    `json:"statusSince"` // when Status was entered (lazy progress anchor)
	Entries         []CrawlEntry `json:"entries"`     // discovered pages, in discovery order
	DiscoveredCount int64        `json:"discoveredUrlsCount"`
	TrainedCount    int64        `json:"trainedUrlsCount"`
	Seq             int64        `json:"seq"`
	CreatedAt       time.Time    `json:"createdAt"`
	UpdatedAt       time.Time    `json:"updatedAt"`
}

// CrawlEntry is a page of an operation; Existing marks a page already trained in the KB
// when the operation discovered it.
type CrawlEntry struct {
	URLID    string `json:"urlId"`
	Existing bool   `json:"existing,omitempty"`
}

// CrawledURL is a page of a KB (discovered or trained).
type CrawledURL struct {
	ID              string      `json:"id"` // 24-hex ObjectId
	LocationID      string      `json:"locationId"`
	KnowledgeBaseID string      `json:"knowledgeBaseId"`
	OperationID     string      `json:"operationId"` // the operation that last discovered it
	TrainOpID       string      `json:"trainOpId,omitempty"`
	URL             string      `json:"url"`
	Title           string      `json:"title"`
	Status          string      `json:"status"`
	StatusSince     time.Time   `json:"statusSince"`
	Error           *CrawlError `json:"error,omitempty"`
	Content         string      `json:"content"` // URL of the stored text, once trained
	Seq             int64       `json:"seq"`
	CreatedAt       time.Time   `json:"createdAt"`
	UpdatedAt       time.Time   `json:"updatedAt"`
}

// CrawlError is the error of a Failed status record.
type CrawlError struct {
	Message string `json:"message"`
	Status  int    `json:"status"`
	Name    string `json:"name"`
}

// view is the error of a status record: OAS ErrorDetailsDTO, whose stack, response,
// status, message and name are all required (the SDK 3.1.0 model too); options is optional
// and left out.
func (e *CrawlError) view() map[string]any {
	return map[string]any{
		"message": e.Message, "status": e.Status, "name": e.Name, "response": e.Message,
		"stack": e.Name + ": " + e.Message + "\n    at crawl (emulator)",
	}
}

// crawledURLJSON is the CrawledUrl of GET /knowledge-bases/crawler.
type crawledURLJSON struct {
	ID                  string `json:"id"`
	URL                 string `json:"url"`
	Title               string `json:"title"`
	Status              string `json:"status"`
	LocationID          string `json:"locationId"`
	KnowledgeBaseID     string `json:"knowledgeBaseId"`
	Content             string `json:"content"`
	ContentEditedByUser bool   `json:"contentEditedByUser"`
	UpdatedAt           string `json:"updatedAt"`
}

func crawledURLView(u *CrawledURL) crawledURLJSON {
	return crawledURLJSON{
		ID: u.ID, URL: u.URL, Title: u.Title, Status: u.Status, LocationID: u.LocationID,
		KnowledgeBaseID: u.KnowledgeBaseID, Content: u.Content, UpdatedAt: isoTime(u.UpdatedAt),
	}
}

// normalizeURL returns the canonical form of an absolute http(s) URL (lower-case scheme
// and host, no fragment, "/" for an empty path), or ok=false.
func normalizeURL(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "HTTP" && u.Scheme != "HTTPS") || u.Host == "" || u.User != nil {
		return "", false
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	return u.String(), true
}

// urlKey identifies a page within a KB: its normalised form without a trailing slash
// (https://a.example/docs/ and https://a.example/docs are the same page).
func urlKey(normalized string) string {
	if u, err := url.Parse(normalized); err == nil && u.Path != "/" {
		return strings.TrimSuffix(normalized, "/")
	}
	return normalized
}

// Page names used by the synthesis (deterministic).
var (
	pathChildren = []string{"overview", "features", "pricing", "faq"}
	domainPages  = []string{"/", "/about", "/services", "/pricing", "/contact", "/blog", "/faq", "/team", "/careers", "/testimonials"}
)

// synthesizePages returns the pages a discovery of raw (normalised) finds with mode.
func synthesizePages(raw, mode string) []string {
	out := []string{raw}
	u, _ := url.Parse(raw)
	switch mode {
	case "Path":
		base := strings.TrimSuffix(raw, "/")
		if u.RawQuery != "" {
			b := *u
			b.RawQuery = ""
			base = strings.TrimSuffix(b.String(), "/")
		}
		for _, c := range pathChildren {
			out = append(out, base+"/"+c)
		}
	case "Domain":
		root := u.Scheme + "://" + u.Host
		for _, p := range domainPages {
			if len(out) == 10 {
				break
			}
			if page := root + p; page != raw {
				out = append(out, page)
			}
		}
	}
	return out
}

// pageTitle is the synthetic <title> of a page.
func pageTitle(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	seg := strings.Trim(u.Path, "/")
	if i := strings.LastIndex(seg, "/"); i >= 0 {
		seg = seg[i+1:]
	}
	if seg == "" {
		return "Home | " + u.Host
	}
	words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ") + " | " + u.Host
}

func urlPath(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Path)
	}
	return ""
}

func urlHost(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Hostname()
	}
	return ""
}

// crawlOpsOf returns the operations of a KB in creation order.
func (st *State) crawlOpsOf(kbID string) []*CrawlOperation {
	var out []*CrawlOperation
	for _, op := range st.CrawlOps {
		if op.KnowledgeBaseID == kbID {
			out = append(out, op)
		}
	}
	slices.SortFunc(out, func(a, b *CrawlOperation) int { return cmp.Compare(a.Seq, b.Seq) })
	return out
}

// crawledURLsOf returns the URLs of a KB, createdAt asc.
func (st *State) crawledURLsOf(kbID string) []*CrawledURL {
	var out []*CrawledURL
	for _, u := range st.CrawledURLs {
		if u.KnowledgeBaseID == kbID {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b *CrawledURL) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	return out
}

// trainedCount is the number of URLs of the KB that count against the 4,000 limit:
// trained or in training.
func (st *State) trainedCount(kbID string) int {
	n := 0
	for _, u := range st.CrawledURLs {
		if u.KnowledgeBaseID == kbID && (u.Status == crawlSuccessful || u.Status == crawlTraining) {
			n++
		}
	}
	return n
}

// trainable reports whether train moves a URL to Training: Pending, and retries of
// Failed/Cancelled/Aborted. Restricted, Training and Successful URLs are left as they are.
func trainable(u *CrawledURL) bool {
	switch u.Status {
	case crawlPending, crawlFailed, crawlCancelled, crawlAborted:
		return true
	}
	return false
}

// advanceCrawls replays every due transition of the KB's operations and URLs (see the
// file comment) and reports whether anything changed.
func (st *State) advanceCrawls(kbID string, now time.Time, step time.Duration) bool {
	if len(st.CrawlOps) == 0 {
		return false
	}
	changed := false
	ops := st.crawlOpsOf(kbID)
	for _, op := range ops {
		if op.Status == crawlProcessing {
			if due := op.StatusSince.Add(step); !now.Before(due) {
				st.finishDiscovery(op, due)
				changed = true
			}
		}
	}
	finished := map[string]time.Time{} // operation id -> last training end
	for _, u := range st.CrawledURLs {
		if u.KnowledgeBaseID != kbID || u.Status != crawlTraining {
			continue
		}
		due := u.StatusSince.Add(step)
		if now.Before(due) {
			continue
		}
		changed = true
		u.StatusSince, u.UpdatedAt = due, due
		if strings.Contains(urlPath(u.URL), "fail") {
			u.Status = crawlFailed
			u.Error = &CrawlError{Message: "Failed to extract content from " + u.URL, Status: 422, Name: "IngestError"}
		} else {
			u.Status = crawlSuccessful
			u.Content = "https://storage.emulator.local/knowledge-bases/" + u.KnowledgeBaseID + "/urls/" + u.ID + ".txt"
			if op := st.CrawlOps[u.TrainOpID]; op != nil {
				op.TrainedCount++
			}
		}
		if t, ok := finished[u.TrainOpID]; !ok || due.After(t) {
			finished[u.TrainOpID] = due
		}
	}
	for _, op := range ops {
		if op.Status != crawlTraining || st.opStillTraining(op.ID) {
			continue
		}
		at := op.StatusSince
		if t, ok := finished[op.ID]; ok && t.After(at) {
			at = t
		}
		op.Status, op.StatusSince, op.UpdatedAt = crawlSuccessful, at, at
		changed = true
	}
	return changed
}

func (st *State) opStillTraining(opID string) bool {
	for _, u := range st.CrawledURLs {
		if u.TrainOpID == opID && u.Status == crawlTraining {
			return true
		}
	}
	return false
}

// finishDiscovery ends the Processing step of op at instant at: synthesises its pages,
// records them, and starts training for autoTrain.
func (st *State) finishDiscovery(op *CrawlOperation, at time.Time) {
	st.initKnowledge()
	op.StatusSince, op.UpdatedAt = at, at
	byURL := map[string]*CrawledURL{} // by urlKey
	for _, u := range st.CrawledURLs {
		if u.KnowledgeBaseID == op.KnowledgeBaseID {
			byURL[urlKey(u.URL)] = u
		}
	}
	start, _ := normalizeURL(op.URL) // validated at discover
	newURL := func(raw string) *CrawledURL {
		u := &CrawledURL{
			ID: newObjectID(at), LocationID: op.LocationID, KnowledgeBaseID: op.KnowledgeBaseID, URL: raw,
			Title: pageTitle(raw), Seq: st.nextKBSeq(), CreatedAt: at,
		}
		st.CrawledURLs[u.ID] = u
		byURL[urlKey(raw)] = u
		return u
	}
	if host := urlHost(start); strings.HasSuffix(host, ".invalid") {
		// The site cannot be fetched: the operation fails with its start URL.
		u := byURL[urlKey(start)]
		if u == nil {
			u = newURL(start)
		}
		if u.Status != crawlSuccessful && u.Status != crawlTraining {
			u.Status, u.StatusSince, u.UpdatedAt, u.OperationID = crawlFailed, at, at, op.ID
			u.Error = &CrawlError{Message: "getaddrinfo ENOTFOUND " + host, Status: 0, Name: "FetchError"}
		}
		op.Entries = []CrawlEntry{{URLID: u.ID}}
		op.DiscoveredCount = 0
		op.Status = crawlFailed
		return
	}
	pages := op.PreSelected
	if len(pages) == 0 {
		pages = synthesizePages(start, op.Mode)
	}
	seen := map[string]bool{}
	op.Entries = op.Entries[:0]
	for _, raw := range pages {
		key := urlKey(raw)
		if seen[key] {
			continue
		}
		seen[key] = true
		u := byURL[key]
		switch {
		case u == nil:
			u = newURL(raw)
		case u.Status == crawlSuccessful:
			op.Entries = append(op.Entries, CrawlEntry{URLID: u.ID, Existing: true})
			continue
		case u.Status == crawlTraining:
			op.Entries = append(op.Entries, CrawlEntry{URLID: u.ID})
			continue
		}
		u.OperationID, u.Error, u.StatusSince, u.UpdatedAt = op.ID, nil, at, at
		u.Status = crawlPending
		if strings.Contains(urlPath(raw), "restricted") {
			u.Status = crawlRestricted
		}
		op.Entries = append(op.Entries, CrawlEntry{URLID: u.ID})
	}
	op.DiscoveredCount = int64(len(op.Entries))
	op.Status = crawlSuccessful
	if op.AutoTrain {
		var urls []*CrawledURL
		room := maxTrainedURLs - st.trainedCount(op.KnowledgeBaseID)
		for _, en := range op.Entries {
			if u := st.CrawledURLs[en.URLID]; u != nil && u.Status == crawlPending && len(urls) < room {
				urls = append(urls, u)
			}
		}
		st.startTraining(op, urls, at)
	}
}

// startTraining moves the trainable urls to Training at instant at, for op.
func (st *State) startTraining(op *CrawlOperation, urls []*CrawledURL, at time.Time) int {
	n := 0
	for _, u := range urls {
		if !trainable(u) {
			continue
		}
		u.Status, u.StatusSince, u.UpdatedAt, u.TrainOpID, u.Error = crawlTraining, at, at, op.ID, nil
		n++
	}
	if n > 0 {
		op.Status, op.StatusSince, op.UpdatedAt = crawlTraining, at, at
	}
	return n
}

// entryStatus is the status of an operation's page as its aggregate shows it.
func (st *State) entryStatus(en CrawlEntry) (*CrawledURL, string) {
	u := st.CrawledURLs[en.URLID]
	if u == nil {
		return nil, ""
	}
	if en.Existing {
		return u, crawlExisting
	}
	return u, u.Status
}

// POST /knowledge-bases/crawler: {locationId R, knowledgeBaseId R, url R (absolute
// http/https), option R: Exact|Path|Domain}; LIVE adds preSelectedUrls (crawl only these)
// and autoTrain. 201 {success,data:{operationId,status,url}}.
func (e *Emulator) discoverWebsite(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist(c.vr().liveFields("locationId", "knowledgeBaseId", "url", "option", "preSelectedUrls", "autoTrain")...)
	o.reqStr("locationId")
	kbID, _ := o.reqStr("knowledgeBaseId")
	rawURL, hasURL := o.reqStr("url")
	if _, okURL := normalizeURL(rawURL); hasURL && !okURL {
		o.errs().add("url must be a URL address")
	}
	mode, _ := o.reqEnum("option", "Exact", "Path", "Domain")
	var pre []string
	if list, ok := o.strList("preSelectedUrls", 0); ok {
		for _, s := range list {
			n, ok := normalizeURL(s)
			if !ok {
				o.errs().add("each value in preSelectedUrls must be a URL address")
				break
			}
			pre = append(pre, n)
		}
		pre = dedupe(pre)
	}
	autoTrain, _ := o.boolean("autoTrain")
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	kb := c.kbOf(kbID)
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	c.st.initKnowledge()
	c.st.advanceCrawls(kb.ID, c.now, e.crawlStep())
	op := &CrawlOperation{
		ID: newObjectID(c.now), LocationID: kb.LocationID, KnowledgeBaseID: kb.ID, URL: strings.TrimSpace(rawURL), Mode: mode,
		PreSelected: pre, AutoTrain: autoTrain, Status: crawlProcessing, StatusSince: c.now,
		Entries: []CrawlEntry{}, Seq: c.st.nextKBSeq(), CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.CrawlOps[op.ID] = op
	c.json(http.StatusCreated, envelopeOr(c.vr().DiscoverNoEnvelope, map[string]any{
		"operationId": op.ID, "status": op.Status, "url": op.URL,
	}))
}

// GET /knowledge-bases/crawler/status: locationId R, knowledgeBaseId R, operationId
// (optional: the KB's latest operation).
func (e *Emulator) crawlStatus(c *reqCtx) {
	required := []string{"locationId", "knowledgeBaseId"}
	if c.vr().RejectLiveOnlyFields {
		required = append(required, "operationId") // OAS: required; LIVE: optional
	}
	if msgs := requireQuery(c, required...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	kb := c.kbOf(c.query("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	if c.st.advanceCrawls(kb.ID, c.now, e.crawlStep()) {
		c.markDirty()
	}
	var op *CrawlOperation
	if id := c.query("operationId"); id != "" {
		if o := c.st.CrawlOps[id]; o != nil && o.KnowledgeBaseID == kb.ID {
			op = o
		}
	} else if ops := c.st.crawlOpsOf(kb.ID); len(ops) > 0 {
		op = ops[len(ops)-1]
	}
	if op == nil {
		c.notFound(msgCrawlNotFound)
		return
	}
	c.json(http.StatusOK, envelopeOr(c.vr().CrawlStatusNoEnvelope, c.st.crawlStatusView(op)))
}

func (st *State) crawlStatusView(op *CrawlOperation) map[string]any {
	groups := map[string][]map[string]any{}
	for _, en := range op.Entries {
		u, status := st.entryStatus(en)
		if u == nil {
			continue // deleted since
		}
		rec := map[string]any{"id": u.ID, "url": u.URL, "title": u.Title}
		if status == crawlFailed && u.Error != nil {
			rec["error"] = u.Error.view()
		}
		groups[status] = append(groups[status], rec)
	}
	agg := []map[string]any{}
	for _, s := range crawlStatusOrder {
		if recs := groups[s]; len(recs) > 0 {
			agg = append(agg, map[string]any{"_id": s, "records": recs})
		}
	}
	return map[string]any{
		"aggregate": agg,
		"operationDetails": map[string]any{
			"_id": op.ID, "status": op.Status, "url": op.URL, "mode": op.Mode, "knowledgeBaseId": op.KnowledgeBaseID,
			"locationId": op.LocationID, "discoveredUrlsCount": op.DiscoveredCount, "trainedUrlsCount": op.TrainedCount,
			"createdAt": isoTime(op.CreatedAt), "updatedAt": isoTime(op.UpdatedAt), "__v": 0,
		},
	}
}

// POST /knowledge-bases/crawler/train: {locationId R, knowledgeBaseId R, operationId R,
// urlIds R}. Ids not in the operation → 422; more than 4,000 trained URLs in the KB → 400
// (wording unconfirmed). 201 {success,message,urlIds}.
func (e *Emulator) trainURLs(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("locationId", "knowledgeBaseId", "operationId", "urlIds")
	o.reqStr("locationId")
	kbID, _ := o.reqStr("knowledgeBaseId")
	opID, _ := o.reqStr("operationId")
	ids, _ := o.reqStrList("urlIds", 1)
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	kb := c.kbOf(kbID)
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	c.st.advanceCrawls(kb.ID, c.now, e.crawlStep())
	op := c.st.CrawlOps[opID]
	if op == nil || op.KnowledgeBaseID != kb.ID {
		c.notFound(msgCrawlNotFound)
		return
	}
	ids = dedupe(ids)
	var msgs []string
	var urls []*CrawledURL
	for _, id := range ids {
		in := slices.ContainsFunc(op.Entries, func(en CrawlEntry) bool { return en.URLID == id })
		u := c.st.CrawledURLs[id]
		if !in || u == nil {
			msgs = append(msgs, fmt.Sprintf("urlIds contains %s, which is not a URL of operation %s", id, op.ID))
			continue
		}
		urls = append(urls, u)
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	adding := 0
	for _, u := range urls {
		if trainable(u) {
			adding++
		}
	}
	if c.st.trainedCount(kb.ID)+adding > maxTrainedURLs {
		c.badRequest(fmt.Sprintf("Maximum of %d trained URLs per knowledge base reached", maxTrainedURLs))
		return
	}
	n := c.st.startTraining(op, urls, c.now)
	if c.vr().CrawlerOASAnswers {
		c.json(http.StatusCreated, map[string]any{"success": true})
		return
	}
	c.json(http.StatusCreated, map[string]any{
		"success": true, "message": fmt.Sprintf("Training started for %d URLs", n), "urlIds": ids,
	})
}

// GET /knowledge-bases/crawler: knowledgeBaseId R, locationId R, page (1-based, default 1),
// pageLength (default 20, 1-100), query (case-insensitive URL substring). count is the
// number of matching URLs; discovered and trained pages alike.
func (e *Emulator) listCrawledURLs(c *reqCtx) {
	q := c.r.URL.Query()
	msgs := requireQuery(c, "knowledgeBaseId", "locationId")
	page, m := queryInt(q, "page", 1, 1, math.MaxInt32)
	msgs = append(msgs, m...)
	size, m := queryInt(q, "pageLength", 20, 1, 100)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	size = c.vr().capLimit(size) // page p then starts at (p-1)*cap
	kb := c.kbOf(q.Get("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	if c.st.advanceCrawls(kb.ID, c.now, e.crawlStep()) {
		c.markDirty()
	}
	all := reversedIf(c.vr().ReverseListOrder, c.st.crawledURLsOf(kb.ID))
	if s := strings.ToLower(q.Get("query")); s != "" {
		all = slices.DeleteFunc(all, func(u *CrawledURL) bool { return !strings.Contains(strings.ToLower(u.URL), s) })
	}
	start := min(int((page-1)*size), len(all))
	end := min(start+int(size), len(all))
	items := make([]crawledURLJSON, 0, end-start)
	for _, u := range all[start:end] {
		items = append(items, crawledURLView(u))
	}
	c.json(http.StatusOK, map[string]any{"count": len(all), "urls": items})
}

// DELETE /knowledge-bases/crawler with a JSON body {locationId R, knowledgeBaseId R,
// urlIds R}; LIVE adds deleteAll (every URL of the KB, urlIds then optional), excludeUrlIds
// and search (with deleteAll: only URLs containing it). Unknown ids are skipped (deleting
// what is gone succeeds). 200 {success,deletedCount,message}.
func (e *Emulator) deleteCrawledURLs(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist(c.vr().liveFields("locationId", "knowledgeBaseId", "urlIds", "deleteAll", "excludeUrlIds", "search")...)
	o.reqStr("locationId")
	kbID, _ := o.reqStr("knowledgeBaseId")
	deleteAll, _ := o.boolean("deleteAll")
	var ids []string
	if deleteAll {
		ids, _ = o.strList("urlIds", 0)
	} else {
		ids, _ = o.reqStrList("urlIds", 1)
	}
	exclude, _ := o.strList("excludeUrlIds", 0)
	search, _ := o.str("search")
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	kb := c.kbOf(kbID)
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	c.st.advanceCrawls(kb.ID, c.now, e.crawlStep())
	var targets []*CrawledURL
	if deleteAll {
		s := strings.ToLower(search)
		for _, u := range c.st.crawledURLsOf(kb.ID) {
			if strings.Contains(strings.ToLower(u.URL), s) {
				targets = append(targets, u)
			}
		}
	} else {
		for _, id := range dedupe(ids) {
			if u := c.st.CrawledURLs[id]; u != nil && u.KnowledgeBaseID == kb.ID {
				targets = append(targets, u)
			}
		}
	}
	n := 0
	for _, u := range targets {
		if slices.Contains(exclude, u.ID) {
			continue
		}
		delete(c.st.CrawledURLs, u.ID)
		n++
	}
	if c.vr().CrawlerOASAnswers {
		c.json(http.StatusOK, map[string]any{"success": true})
		return
	}
	c.json(http.StatusOK, map[string]any{"success": true, "deletedCount": n, "message": fmt.Sprintf("Deleted %d URLs", n)})
}

// interruptCrawl sets op and its URLs still in flight to status (Cancelled or Aborted):
// the fault-injection hook of the control plane. The caller holds e.mu.
func (st *State) interruptCrawl(op *CrawlOperation, status string, now time.Time) {
	for _, u := range st.CrawledURLs {
		if u.TrainOpID == op.ID && u.Status == crawlTraining {
			u.Status, u.StatusSince, u.UpdatedAt = status, now, now
		}
	}
	op.Status, op.StatusSince, op.UpdatedAt = status, now, now
}
