// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// Helpers shared by the knowledge-base, conversation and scope tests.

// createKB creates a knowledge base through the API and returns its id.
func (e *env) createKB(token, locID, name string) string {
	e.t.Helper()
	r := e.expect(e.do("POST", "/knowledge-bases/", token, map[string]any{"name": name, "locationId": locID}), 201)
	return r.data()["id"].(string)
}

// advance moves the emulator clock forward through the control plane.
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": d.Seconds()}), 200)
}

// dropScopes removes scopes from a seeded token.
func (e *env) dropScopes(token string, scopes ...string) {
	e.emu.mu.Lock()
	defer e.emu.mu.Unlock()
	t := e.emu.st.Tokens[token]
	t.Scopes = slices.DeleteFunc(slices.Clone(t.Scopes), func(s string) bool { return slices.Contains(scopes, s) })
}

// list returns body[k] as a list of objects.
func (r resp) list(k string) []map[string]any { return objects(r.body[k]) }

func objects(v any) []map[string]any {
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

// keys returns the sorted member names of a body, without traceId.
func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		if k != "traceId" {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

func TestKnowledgeBaseCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	_, loc1 := e.loc(1)
	tok1, _ := e.loc(1)

	r := e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "Support Docs", "description": "faq", "locationId": loc}), 201)
	if r.body["success"] != true {
		t.Fatalf("%s", r.raw)
	}
	kb := r.data()
	id := kb["id"].(string)
	if len(id) != 20 || kb["name"] != "Support Docs" || kb["nameLowerCase"] != "support docs" || kb["description"] != "faq" ||
		kb["locationId"] != loc || kb["deleted"] != false || kb["isDefault"] != false || len(kb["createdAt"].(string)) != 24 {
		t.Errorf("KB %s", r.raw)
	}
	if md := kb["kbMetadata"].(map[string]any); keys(md) != "faqs,files,richText,tables,urls,webSearches" || md["faqs"] != 0.0 {
		t.Errorf("kbMetadata %v", md)
	}
	// Without the trailing slash too (§1.1).
	id2 := e.expect(e.do("POST", "/knowledge-bases", tok, map[string]any{"name": "Second", "locationId": loc}), 201).data()["id"].(string)
	if d := e.expect(e.do("GET", "/knowledge-bases/"+id2, tok, nil), 200).data(); d["description"] != "" {
		t.Errorf("description default %v", d["description"])
	}

	g := e.expect(e.do("GET", "/knowledge-bases/"+id, tok, nil), 200)
	if g.data()["name"] != "Support Docs" || g.data()["updatedAt"] == nil {
		t.Errorf("GET %s", g.raw)
	}
	// PUT is partial and answers {success:true} only.
	u := e.expect(e.do("PUT", "/knowledge-bases/"+id, tok, map[string]any{"name": "Renamed"}), 200)
	if keys(u.body) != "success" || u.body["success"] != true {
		t.Errorf("PUT answer %s", u.raw)
	}
	g = e.expect(e.do("GET", "/knowledge-bases/"+id, tok, nil), 200)
	if g.data()["name"] != "Renamed" || g.data()["description"] != "faq" {
		t.Errorf("after PUT %s", g.raw)
	}
	e.expect(e.do("PUT", "/knowledge-bases/"+id, tok, map[string]any{"description": ""}), 200)
	if g = e.expect(e.do("GET", "/knowledge-bases/"+id, tok, nil), 200); g.data()["description"] != "" || g.data()["name"] != "Renamed" {
		t.Errorf("clear description %s", g.raw)
	}

	// Errors.
	x := e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"locationId": loc, "nameLower": "x"}), 422)
	if !x.hasMessage("name should not be empty") || !x.hasMessage("property nameLower should not exist") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "  ", "locationId": loc}), 422)
	if x = e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "n"}), 422); !x.hasMessage("locationId should not be empty") {
		t.Errorf("%s", x.raw)
	}
	if x = e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "n", "locationId": loc1}), 403); x.str("message") != msgLocation {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/knowledge-bases/", tok, `{"name":`), 400)
	e.expect(e.do("PUT", "/knowledge-bases/"+id, tok, map[string]any{"name": ""}), 422)
	e.expect(e.do("PUT", "/knowledge-bases/"+id, tok, map[string]any{"locationId": loc}), 422)
	e.expect(e.do("PUT", "/knowledge-bases/nope", tok, map[string]any{"name": "x"}), 404)
	if x = e.expect(e.do("GET", "/knowledge-bases/"+id, tok1, nil), 404); x.str("message") != msgKBNotFound || x.str("error") != "Not Found" {
		t.Errorf("other location: %s", x.raw)
	}
	e.expect(e.do("DELETE", "/knowledge-bases/"+id, tok1, nil), 404)
	// Agency tokens and missing scopes: 401.
	e.expect(e.do("GET", "/knowledge-bases/"+id, e.boot.AgencyToken, nil), 401)
	e.expect(e.do("GET", "/knowledge-bases/"+id, e.boot.AgencyPIT, nil), 401)

	d := e.expect(e.do("DELETE", "/knowledge-bases/"+id, tok, nil), 200)
	if keys(d.body) != "success" {
		t.Errorf("DELETE %s", d.raw)
	}
	e.expect(e.do("GET", "/knowledge-bases/"+id, tok, nil), 404)
	e.expect(e.do("DELETE", "/knowledge-bases/"+id, tok, nil), 404)

	// .write never implies .readonly.
	e.dropScopes(tok, "knowledge-bases.readonly")
	e.expect(e.do("GET", "/knowledge-bases/"+id2, tok, nil), 401)
	e.expect(e.do("PUT", "/knowledge-bases/"+id2, tok, map[string]any{"name": "ok"}), 200)
	e.dropScopes(tok, "knowledge-bases.write")
	if x = e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "n", "locationId": loc}), 401); x.str("message") != msgScope {
		t.Errorf("%s", x.raw)
	}
}

func TestKnowledgeBaseLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	var ids []string
	for i := range maxKnowledgeBases {
		ids = append(ids, e.createKB(tok, loc, fmt.Sprintf("KB %d", i)))
	}
	r := e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "16th", "locationId": loc}), 400)
	if r.str("message") != "Maximum of 15 knowledge bases per location reached" || r.str("error") != "Bad Request" {
		t.Errorf("%s", r.raw)
	}
	// Validation (422) comes before the business rule (400).
	e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"locationId": loc}), 422)
	// Other locations are unaffected; a deletion frees a slot.
	e.createKB(tok1, loc1, "elsewhere")
	e.expect(e.do("DELETE", "/knowledge-bases/"+ids[3], tok, nil), 200)
	e.createKB(tok, loc, "again")
}

func TestKnowledgeBaseList(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	e.createKB(tok1, loc1, "other location")
	var ids []string
	for i := range 12 {
		name := fmt.Sprintf("Docs %02d", i)
		if i%3 == 0 {
			name = fmt.Sprintf("Pricing %02d", i)
		}
		ids = append(ids, e.createKB(tok, loc, name))
	}
	list := func(q string) resp {
		return e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+q, tok, nil), 200)
	}
	var seen []string
	cursor := ""
	for page := 0; ; page++ {
		q := "&limit=5"
		if cursor != "" {
			q += "&lastKnowledgeBaseId=" + cursor
		}
		r := list(q)
		d := r.data()
		if d["activeCount"] != 12.0 {
			t.Fatalf("activeCount %v", d["activeCount"])
		}
		for _, kb := range objects(d["knowledgeBases"]) {
			if keys(kb) != "createdAt,id,name" {
				t.Fatalf("list item %v", kb)
			}
			seen = append(seen, kb["id"].(string))
		}
		if d["hasMore"] == false {
			break
		}
		cursor = d["lastKnowledgeBaseId"].(string)
		if page > 5 {
			t.Fatal("no end of list")
		}
	}
	if !slices.Equal(seen, ids) {
		t.Errorf("pages %v, want createdAt asc %v", seen, ids)
	}
	r := list("&query=PRICING")
	if got := objects(r.data()["knowledgeBases"]); len(got) != 4 || r.data()["activeCount"] != 12.0 || r.data()["hasMore"] != false {
		t.Errorf("query %s", r.raw)
	}
	r = e.expect(e.do("GET", "/knowledge-bases?locationId="+loc+"&query=zzz", tok, nil), 200)
	if r.data()["lastKnowledgeBaseId"] != nil || len(objects(r.data()["knowledgeBases"])) != 0 {
		t.Errorf("empty page %s", r.raw)
	}
	if d := list("").data(); len(objects(d["knowledgeBases"])) != 12 || d["hasMore"] != false { // default limit 20
		t.Errorf("default limit %v", d)
	}

	e.expect(e.do("GET", "/knowledge-bases/", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+"&limit=0", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+"&limit=101", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+"&limit=2.5", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+"&lastKnowledgeBaseId=nope", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc1, tok, nil), 403)
	// Unknown sub-paths are NestJS 404s, not the list.
	if r := e.expect(e.do("GET", "/knowledge-bases/a/b", tok, nil), 404); r.str("message") != "Cannot GET /knowledge-bases/a/b" {
		t.Errorf("%s", r.raw)
	}
}

func TestKnowledgeBaseDeleteCascade(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "doomed")
	keep := e.createKB(tok, loc, "kept")
	for i := range 3 {
		e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": fmt.Sprint("q", i), "answer": "a"}), 201)
	}
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": keep, "question": "q", "answer": "a"}), 201)
	e.expect(e.do("POST", "/knowledge-bases/crawler", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://example.com/docs", "option": "Path", "autoTrain": true}), 201)
	e.advance(2*time.Hour + time.Second)
	fileID := e.upload(tok, map[string]string{"knowledgeBaseId": kb, "locationId": loc}, "guide.pdf", []byte("%PDF-1.4 test")).data()["fileId"].(string)

	md := e.expect(e.do("GET", "/knowledge-bases/"+kb, tok, nil), 200).data()["kbMetadata"].(map[string]any)
	if md["faqs"] != 3.0 || md["urls"] != 5.0 || md["files"] != 1.0 {
		t.Fatalf("kbMetadata before delete %v", md)
	}
	b := validAgent("Uses KBs")
	b["knowledgeBaseIds"] = []string{kb, keep}
	agent := e.expect(e.do("POST", "/conversation-ai/agents", tok, b), 201).str("id")

	e.expect(e.do("DELETE", "/knowledge-bases/"+kb, tok, nil), 200)
	a := e.expect(e.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200)
	if fmt.Sprint(a.body["knowledgeBaseIds"]) != "["+keep+"]" {
		t.Errorf("agent knowledgeBaseIds %v, want [%s]", a.body["knowledgeBaseIds"], keep)
	}
	e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 404)
	e.expect(e.do("GET", "/knowledge-bases/files/"+fileID, tok, nil), 404)
	e.expect(e.do("GET", "/knowledge-bases/crawler?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 404)
	if f := e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+keep, tok, nil), 200); f.body["count"] != 1.0 {
		t.Errorf("other KB's FAQs touched: %s", f.raw)
	}
	e.emu.mu.Lock()
	for _, f := range e.emu.st.FAQs {
		if f.KnowledgeBaseID == kb {
			t.Errorf("FAQ %s survived", f.ID)
		}
	}
	left := len(e.emu.st.CrawledURLs) + len(e.emu.st.CrawlOps) + len(e.emu.st.KBFiles)
	// A seeded default KB cannot be deleted.
	e.emu.st.KnowledgeBases[keep].IsDefault = true
	e.emu.mu.Unlock()
	if left != 0 {
		t.Errorf("%d crawler/file objects survived", left)
	}
	if r := e.expect(e.do("DELETE", "/knowledge-bases/"+keep, tok, nil), 400); r.str("message") != "The default knowledge base cannot be deleted" {
		t.Errorf("%s", r.raw)
	}
}
