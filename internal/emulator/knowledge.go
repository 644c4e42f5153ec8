// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Knowledge bases (contract §3.5). The family is split over several files:
// knowledge.go (KBs and the family's state), faqs.go, crawler.go (website sources and
// their asynchronous crawl/training state machine) and files.go (LIVE file uploads).
// Every route carries locationId (query or body) where the contract says so; it must be
// the caller's (403, checked by the router). Objects addressed by id in the path belong
// to the caller's location or are "not found" (§1.7).

// KnowledgeState holds the knowledge-base family (contract §3.5). JSON names must not
// collide with the other families' embedded states (State flattens them).
type KnowledgeState struct {
	KnowledgeBases map[string]*KnowledgeBase  `json:"knowledgeBases"`
	FAQs           map[string]*FAQ            `json:"faqs"`
	CrawlOps       map[string]*CrawlOperation `json:"crawlOperations"`
	CrawledURLs    map[string]*CrawledURL     `json:"crawledUrls"`
	KBFiles        map[string]*KBFile         `json:"kbFiles"`
	// KBSeq numbers every object of the family in creation order, so that "createdAt asc"
	// lists are total orders even for objects created in the same instant.
	KBSeq int64 `json:"kbSeq"`
}

// KnowledgeBase is a stored knowledge base. Deleted KBs are removed from the map (a later
// GET is a 404); Deleted stays for objects inserted by other families' tests.
type KnowledgeBase struct {
	ID          string    `json:"id"`
	LocationID  string    `json:"locationId"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	IsDefault   bool      `json:"isDefault,omitempty"`
	Deleted     bool      `json:"deleted"`
	Seq         int64     `json:"seq"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// maxKnowledgeBases is the documented limit per location [OAS create summary].
const maxKnowledgeBases = 15

const (
	msgKBNotFound = "Knowledge base not found" // wording unconfirmed (§1.4)
	msgKBLimit    = "Maximum of 15 knowledge bases per location reached"
)

// initKnowledge makes the family's maps non-nil before a write (a state loaded from a file
// written before the family existed has none).
func (st *State) initKnowledge() {
	if st.KnowledgeBases == nil {
		st.KnowledgeBases = map[string]*KnowledgeBase{}
	}
	if st.FAQs == nil {
		st.FAQs = map[string]*FAQ{}
	}
	if st.CrawlOps == nil {
		st.CrawlOps = map[string]*CrawlOperation{}
	}
	if st.CrawledURLs == nil {
		st.CrawledURLs = map[string]*CrawledURL{}
	}
	if st.KBFiles == nil {
		st.KBFiles = map[string]*KBFile{}
	}
}

func (st *State) nextKBSeq() int64 {
	st.KBSeq++
	return st.KBSeq
}

// hasKnowledgeBase reports whether id is a live knowledge base of the location (used by
// agent validation for knowledgeBaseIds).
func (st *State) hasKnowledgeBase(locationID, id string) bool {
	kb := st.KnowledgeBases[id]
	return kb != nil && kb.LocationID == locationID && !kb.Deleted
}

// kbOf returns the caller's live knowledge base id, or nil.
func (c *reqCtx) kbOf(id string) *KnowledgeBase {
	kb := c.st.KnowledgeBases[id]
	if kb == nil || kb.Deleted || kb.LocationID != c.locationID() {
		return nil
	}
	return kb
}

// knowledgeBasesOf returns the live KBs of a location, createdAt asc.
func (st *State) knowledgeBasesOf(locationID string) []*KnowledgeBase {
	var out []*KnowledgeBase
	for _, kb := range st.KnowledgeBases {
		if kb.LocationID == locationID && !kb.Deleted {
			out = append(out, kb)
		}
	}
	slices.SortFunc(out, func(a, b *KnowledgeBase) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	return out
}

func (e *Emulator) registerKnowledgeRoutes(mux *http.ServeMux) {
	read := routeOpts{scope: "knowledge-bases.readonly"}
	write := routeOpts{scope: "knowledge-bases.write"}
	readQ, writeQ, writeB := read, write, write
	readQ.location, writeQ.location, writeB.location = locQuery, locQuery, locBody

	// §1.1: documented with its trailing slash; the emulator accepts both forms.
	for _, p := range []string{"/knowledge-bases", "/knowledge-bases/{$}"} {
		e.handle(mux, "GET "+p, readQ, e.listKnowledgeBases)
		e.handle(mux, "POST "+p, writeB, e.createKnowledgeBase)
	}
	e.handle(mux, "GET /knowledge-bases/{knowledgeBaseId}", read, e.getKnowledgeBase)
	e.handle(mux, "PUT /knowledge-bases/{knowledgeBaseId}", write, e.updateKnowledgeBase)
	e.handle(mux, "DELETE /knowledge-bases/{knowledgeBaseId}", write, e.deleteKnowledgeBase)

	// FAQs: no GET by id (§3.5).
	e.handle(mux, "GET /knowledge-bases/faqs", readQ, e.listFAQs)
	e.handle(mux, "POST /knowledge-bases/faqs", writeB, e.createFAQ)
	e.handle(mux, "PUT /knowledge-bases/faqs/{faqId}", write, e.updateFAQ)
	e.handle(mux, "DELETE /knowledge-bases/faqs/{faqId}", write, e.deleteFAQ)

	// Website crawler.
	e.handle(mux, "POST /knowledge-bases/crawler", writeB, e.discoverWebsite)
	e.handle(mux, "GET /knowledge-bases/crawler/status", readQ, e.crawlStatus)
	e.handle(mux, "POST /knowledge-bases/crawler/train", writeB, e.trainURLs)
	e.handle(mux, "GET /knowledge-bases/crawler", readQ, e.listCrawledURLs)
	e.handle(mux, "DELETE /knowledge-bases/crawler", writeB, e.deleteCrawledURLs)

	// Files (LIVE only). The upload is multipart: its locationId is checked by the handler.
	upload := write
	upload.maxBody = maxFileSize + 1<<20 // multipart overhead; larger bodies get the router's 413
	e.handle(mux, "POST /knowledge-bases/files", upload, e.uploadFile)
	e.handle(mux, "GET /knowledge-bases/files", readQ, e.listFiles)
	e.handle(mux, "GET /knowledge-bases/files/{fileId}", read, e.getFile)
	e.handle(mux, "DELETE /knowledge-bases/files/{fileId}", write, e.deleteFile)
}

// kbMetadata are the per-kind counts of a KB. urls counts trained URLs (§3.5 step 5);
// richText, webSearches and tables have no endpoint in the contract and stay 0.
type kbMetadata struct {
	FAQs        int `json:"faqs"`
	URLs        int `json:"urls"`
	RichText    int `json:"richText"`
	Files       int `json:"files"`
	WebSearches int `json:"webSearches"`
	Tables      int `json:"tables"`
}

// kbJSON is the KB object [OAS GetKnowledgeBaseByIdDataDTO] plus description, which the
// real API accepts but does not document in responses; the emulator returns it (§7.4,
// unconfirmed).
type kbJSON struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	NameLowerCase string     `json:"nameLowerCase"`
	Description   string     `json:"description"`
	LocationID    string     `json:"locationId"`
	Deleted       bool       `json:"deleted"`
	IsDefault     bool       `json:"isDefault"`
	KBMetadata    kbMetadata `json:"kbMetadata"`
	CreatedAt     string     `json:"createdAt"`
	UpdatedAt     string     `json:"updatedAt"`
}

func (st *State) kbView(kb *KnowledgeBase) kbJSON {
	var md kbMetadata
	for _, f := range st.FAQs {
		if f.KnowledgeBaseID == kb.ID {
			md.FAQs++
		}
	}
	for _, u := range st.CrawledURLs {
		if u.KnowledgeBaseID == kb.ID && u.Status == crawlSuccessful {
			md.URLs++
		}
	}
	for _, f := range st.KBFiles {
		if f.KnowledgeBaseID == kb.ID {
			md.Files++
		}
	}
	return kbJSON{
		ID: kb.ID, Name: kb.Name, NameLowerCase: strings.ToLower(kb.Name), Description: kb.Description,
		LocationID: kb.LocationID, Deleted: kb.Deleted, IsDefault: kb.IsDefault, KBMetadata: md,
		CreatedAt: isoTime(kb.CreatedAt), UpdatedAt: isoTime(kb.UpdatedAt),
	}
}

// requireQuery adds "<name> should not be empty" for each missing query parameter.
func requireQuery(c *reqCtx, names ...string) []string {
	var msgs []string
	for _, n := range names {
		if c.query(n) == "" {
			msgs = append(msgs, n+" should not be empty")
		}
	}
	return msgs
}

// reqText validates a required string that must not be blank (the emulator's rule for
// names, questions and answers: the contract documents no length limits).
func reqText(o *obj, field string) string {
	s, ok := o.reqStr(field)
	if ok && strings.TrimSpace(s) == "" {
		o.errs().add("%s should not be empty", o.name(field))
		return ""
	}
	return s
}

// optText validates an optional string that must not be blank when given.
func optText(o *obj, field string) (string, bool) {
	s, ok := o.str(field)
	if ok && strings.TrimSpace(s) == "" {
		o.errs().add("%s should not be empty", o.name(field))
		return "", false
	}
	return s, ok
}

// GET /knowledge-bases/: locationId R, query (case-insensitive name substring), limit
// (default 20, 1-100), lastKnowledgeBaseId (cursor). activeCount counts every live KB of
// the location, unfiltered; lastKnowledgeBaseId is the page's last id (absent when empty).
func (e *Emulator) listKnowledgeBases(c *reqCtx) {
	if c.kbPathRefused() {
		return
	}
	q := c.r.URL.Query()
	msgs := requireQuery(c, "locationId")
	limit, m := queryInt(q, "limit", 20, 1, 100)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	all := reversedIf(c.vr().ReverseListOrder, c.st.knowledgeBasesOf(c.locationID()))
	query := strings.ToLower(q.Get("query"))
	matched := slices.DeleteFunc(slices.Clone(all), func(kb *KnowledgeBase) bool {
		return !strings.Contains(strings.ToLower(kb.Name), query)
	})
	start := 0
	if after := q.Get("lastKnowledgeBaseId"); after != "" {
		i := slices.IndexFunc(matched, func(kb *KnowledgeBase) bool { return kb.ID == after })
		if i < 0 {
			// Emulator choice (as for agents): an unknown cursor is an error, not an empty page.
			c.invalid("lastKnowledgeBaseId must be the id of a knowledge base of this location")
			return
		}
		start = i + 1
	}
	end := min(start+int(limit), len(matched))
	items := make([]map[string]any, 0, end-start)
	var last any
	for _, kb := range matched[start:end] {
		items = append(items, map[string]any{"id": kb.ID, "name": kb.Name, "createdAt": isoTime(kb.CreatedAt)})
		last = kb.ID
	}
	data := map[string]any{
		"knowledgeBases": items, "activeCount": len(all), "hasMore": end < len(matched), "lastKnowledgeBaseId": last,
	}
	if last == nil || c.vr().OmitEndOfListMembers {
		// Optional in OAS and SDK 3.1.0 (a string, never null): absent on an empty page.
		delete(data, "lastKnowledgeBaseId") // hasMore is required
	}
	if !c.vr().OmitEndOfListMembers {
		c.endCursor(data, "lastKnowledgeBaseId") // null_end_cursors
	}
	c.json(http.StatusOK, envelope{Success: true, Data: data})
}

// POST /knowledge-bases/: {name R, description, locationId R}; the 16th of a location is a
// 400 (status and wording unconfirmed). Names may repeat.
func (e *Emulator) createKnowledgeBase(c *reqCtx) {
	if c.kbPathRefused() {
		return
	}
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("name", "description", "locationId")
	name := reqText(o, "name")
	desc, _ := o.str("description")
	o.reqStr("locationId")
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	loc := c.locationID()
	if len(c.st.knowledgeBasesOf(loc)) >= maxKnowledgeBases {
		c.badRequest(msgKBLimit)
		return
	}
	c.st.initKnowledge()
	kb := &KnowledgeBase{
		ID: newID(), LocationID: loc, Name: name, Description: desc, Seq: c.st.nextKBSeq(),
		CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.KnowledgeBases[kb.ID] = kb
	c.json(http.StatusCreated, envelope{Success: true, Data: c.kbAnswer(kb)})
}

func (e *Emulator) getKnowledgeBase(c *reqCtx) {
	kb := c.kbOf(c.path("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	// kbMetadata.urls counts trained URLs: bring the KB's crawls up to the clock first.
	if c.st.advanceKnowledgeBase(kb.ID, c.now, e.crawlStep()) {
		c.markDirty()
	}
	c.json(http.StatusOK, envelope{Success: true, Data: c.kbAnswer(kb)})
}

// PUT /knowledge-bases/{id}: partial {name?, description?}; answers {success:true} only.
func (e *Emulator) updateKnowledgeBase(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("name", "description")
	name, hasName := optText(o, "name")
	desc, hasDesc := o.str("description")
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	kb := c.kbOf(c.path("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	if hasName {
		kb.Name = name
	}
	if hasDesc {
		kb.Description = desc
	}
	kb.UpdatedAt = c.now
	c.json(http.StatusOK, map[string]any{"success": true})
}

// DELETE /knowledge-bases/{id} cascades (all unconfirmed, §3.5): its FAQs, crawl
// operations, crawled URLs and files go, and agents' knowledgeBaseIds drop it. A seeded
// default KB cannot be deleted (400).
func (e *Emulator) deleteKnowledgeBase(c *reqCtx) {
	kb := c.kbOf(c.path("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	if kb.IsDefault {
		c.badRequest("The default knowledge base cannot be deleted")
		return
	}
	restore := c.keepAgentKBRefs(kb.LocationID)
	c.st.deleteKnowledgeBaseCascade(kb)
	restore()
	c.json(http.StatusOK, map[string]any{"success": true})
}

func (st *State) deleteKnowledgeBaseCascade(kb *KnowledgeBase) {
	for id, f := range st.FAQs {
		if f.KnowledgeBaseID == kb.ID {
			delete(st.FAQs, id)
		}
	}
	for id, op := range st.CrawlOps {
		if op.KnowledgeBaseID == kb.ID {
			delete(st.CrawlOps, id)
		}
	}
	for id, u := range st.CrawledURLs {
		if u.KnowledgeBaseID == kb.ID {
			delete(st.CrawledURLs, id)
		}
	}
	for id, f := range st.KBFiles {
		if f.KnowledgeBaseID == kb.ID {
			delete(st.KBFiles, id)
		}
	}
	for _, a := range st.agentsOf(kb.LocationID) {
		a.KnowledgeBaseIDs = slices.DeleteFunc(a.KnowledgeBaseIDs, func(id string) bool { return id == kb.ID })
	}
	delete(st.KnowledgeBases, kb.ID)
}

// advanceKnowledgeBase brings the KB's crawl operations, crawled URLs and files up to the
// emulator clock (lazy asynchronous progress, see crawler.go). It reports whether
// anything changed, so that a GET persists the new state.
func (st *State) advanceKnowledgeBase(kbID string, now time.Time, step time.Duration) bool {
	a := st.advanceCrawls(kbID, now, step)
	b := st.advanceFiles(kbID, now, step)
	return a || b
}
