// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// setVariants turns on exactly the named switches (ParseVariants syntax) through the
// control plane and checks the answer.
func (e *env) setVariants(spec string) {
	e.t.Helper()
	v, err := ParseVariants(spec)
	if err != nil {
		e.t.Fatal(err)
	}
	r := e.expect(e.admin("PUT", "/_emulator/variants", v), 200)
	if got := fmt.Sprint(r.body); got != fmt.Sprint(toMap(v)) {
		e.t.Fatalf("PUT variants answered %s", r.raw)
	}
}

// has reports whether the object has member k.
func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func TestVariantsControl(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	e.expect(e.do("GET", "/_emulator/variants", "", nil), 401)
	r := e.expect(e.admin("GET", "/_emulator/variants", nil), 200)
	if len(r.body) != len(VariantNames()) {
		t.Fatalf("GET lists %d members, want %d: %s", len(r.body), len(VariantNames()), r.raw)
	}
	for _, n := range VariantNames() {
		if v := r.body[n]; v != false && v != 0.0 {
			t.Errorf("%s = %v by default", n, v)
		}
	}
	// strict: every switch, cap 50; explicit members override it.
	r = e.expect(e.admin("PUT", "/_emulator/variants", map[string]any{"strict": true, "files_v3_only": false, "page_size_cap": 20}), 200)
	want := StrictVariants()
	want.FilesV3Only, want.PageSizeCap = false, 20
	if e.emu.Variants() != want || r.body["files_v3_only"] != false || r.body["messages_nested"] != true || r.body["page_size_cap"] != 20.0 {
		t.Fatalf("strict PUT: %s / %+v", r.raw, e.emu.Variants())
	}
	// PUT replaces the whole set.
	e.expect(e.admin("PUT", "/_emulator/variants", map[string]any{"messages_nested": true}), 200)
	if e.emu.Variants() != (Variants{MessagesNested: true}) {
		t.Fatalf("PUT is not a replace: %+v", e.emu.Variants())
	}
	for _, bad := range []any{map[string]any{"nope": true}, map[string]any{"page_size_cap": -1}, map[string]any{"strict": "yes"}, "[1]"} {
		if r := e.admin("PUT", "/_emulator/variants", bad); r.status != 400 {
			t.Errorf("PUT %v: %d %s", bad, r.status, r.raw)
		}
	}
	if e.emu.Variants() != (Variants{MessagesNested: true}) {
		t.Fatalf("a refused PUT changed the set: %+v", e.emu.Variants())
	}
	e.expect(e.admin("DELETE", "/_emulator/variants", nil), 200)
	if e.emu.Variants() != (Variants{}) {
		t.Fatalf("DELETE left %+v", e.emu.Variants())
	}
	if err := e.emu.SetVariants(Variants{PageSizeCap: -2}); err == nil {
		t.Error("SetVariants accepted a negative cap")
	}
}

func TestVariantsParseAndStrict(t *testing.T) {
	t.Parallel()
	s := StrictVariants()
	rv := reflect.ValueOf(s)
	for i := range rv.NumField() {
		if f := rv.Field(i); f.IsZero() {
			t.Errorf("StrictVariants leaves %s off", rv.Type().Field(i).Name)
		}
	}
	if len(s.Active()) != len(VariantNames()) || s.Active()[0] != "page_size_cap=50" {
		t.Errorf("Active %v", s.Active())
	}
	for spec, want := range map[string]Variants{
		"":                                   {},
		"none":                               {},
		"messages_nested, page_size_cap":     {MessagesNested: true, PageSizeCap: 50},
		"page_size_cap=7,files_v3_only=true": {PageSizeCap: 7, FilesV3Only: true},
		"strict,-page_size_cap,-files_v3_only,files_v3_only=false": func() Variants {
			v := StrictVariants()
			v.PageSizeCap, v.FilesV3Only = 0, false
			return v
		}(),
	} {
		got, err := ParseVariants(spec)
		if err != nil || got != want {
			t.Errorf("ParseVariants(%q) = %+v, %v; want %+v", spec, got, err, want)
		}
		if again, err := ParseVariants(got.String()); err != nil || again != got {
			t.Errorf("String %q does not parse back: %+v %v", got.String(), again, err)
		}
	}
	for _, bad := range []string{"bogus", "page_size_cap=-1", "page_size_cap=x", "messages_nested=maybe"} {
		if _, err := ParseVariants(bad); err == nil {
			t.Errorf("ParseVariants(%q) accepted", bad)
		}
	}
	// Every switch is in doc.go's table.
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range VariantNames() {
		if !strings.Contains(string(doc), "//\t"+n+" ") && !strings.Contains(string(doc), "//\t"+n+"=") {
			t.Errorf("doc.go's variant table has no row for %s", n)
		}
	}
}

func TestVariantsNotPersisted(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	emu, err := New(Options{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := emu.SetVariants(StrictVariants()); err != nil {
		t.Fatal(err)
	}
	emu.mu.Lock()
	_ = emu.persistLocked()
	emu.mu.Unlock()
	_ = emu.Close()
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "messages_nested") {
		t.Fatal("variants in the data file")
	}
	emu2, err := New(Options{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	defer emu2.Close()
	if emu2.Variants() != (Variants{}) {
		t.Fatalf("restart kept %+v", emu2.Variants())
	}
}

func TestVariantPageSizeCap(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	tok, loc := e.loc(0)
	e.setVariants("page_size_cap=5")
	for i := range 12 {
		e.createAgent(tok, fmt.Sprintf("agent %02d", i))
	}
	// Agents search: 5 a page whatever limit; startAfter pages through all 12.
	seen, after := map[string]bool{}, ""
	for pages := 0; ; pages++ {
		r := e.expect(e.do("GET", "/conversation-ai/agents/search?limit=100&startAfter="+after, tok, nil), 200)
		items := r.list("agents")
		if len(items) > 5 || r.body["count"] != float64(len(items)) || r.body["totalCount"] != 12.0 {
			t.Fatalf("agents page %s", r.raw)
		}
		for _, a := range items {
			seen[a["id"].(string)] = true
			after = a["id"].(string)
		}
		if len(items) < 5 {
			break
		}
	}
	if len(seen) != 12 {
		t.Fatalf("agents: %d of 12", len(seen))
	}
	// Knowledge bases: 7, 5 on the first page, hasMore stays truthful.
	kb := ""
	for i := range 7 {
		kb = e.createKB(tok, loc, fmt.Sprintf("kb %d", i))
	}
	d := e.expect(e.do("GET", "/knowledge-bases/?limit=100&locationId="+loc, tok, nil), 200).data()
	if len(objects(d["knowledgeBases"])) != 5 || d["hasMore"] != true {
		t.Fatalf("kb page %v", d)
	}
	// FAQs: 12 in the last KB.
	for i := range 12 {
		e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": fmt.Sprint("q", i), "answer": "a"}), 201)
	}
	r := e.expect(e.do("GET", "/knowledge-bases/faqs?limit=100&locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200)
	if len(r.list("faqs")) != 5 || r.body["hasMore"] != true || r.body["count"] != 12.0 {
		t.Fatalf("faq page %s", r.raw)
	}
	// Crawled URLs: a Domain crawl gives 10 pages; pageLength 100 → 5 a page, page 2 = items 6-10.
	op := e.expect(e.do("POST", "/knowledge-bases/crawler", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://example.com", "option": "Domain"}), 201).data()["operationId"]
	if op == nil {
		t.Fatal("no operation")
	}
	e.advance(time.Hour)
	var crawled []string
	for page := 1; page <= 3; page++ {
		r := e.expect(e.do("GET", fmt.Sprintf("/knowledge-bases/crawler?pageLength=100&page=%d&locationId=%s&knowledgeBaseId=%s", page, loc, kb), tok, nil), 200)
		if r.body["count"] != 10.0 {
			t.Fatalf("crawler count %s", r.raw)
		}
		for _, u := range r.list("urls") {
			crawled = append(crawled, u["id"].(string))
		}
		if want := []int{5, 5, 0}[page-1]; len(r.list("urls")) != want {
			t.Fatalf("crawler page %d: %d urls, want %d", page, len(r.list("urls")), want)
		}
	}
	if slices.Sort(crawled); len(slices.Compact(crawled)) != 10 {
		t.Fatalf("crawler pages overlap: %v", crawled)
	}
	// Files: 6 uploads, limit 100 → 5.
	for i := range 6 {
		e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": kb, "locationId": loc}, fmt.Sprintf("f%d.pdf", i), []byte("%PDF")), 200)
	}
	fd := e.expect(e.do("GET", "/knowledge-bases/files?limit=100&locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200).data()
	if len(objects(fd["files"])) != 5 || fd["count"] != 6.0 {
		t.Fatalf("files page %v", fd)
	}
	// Conversations, messages, export.
	convs, _ := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 12, "messagesPerConversation": 12}))
	r = e.expect(e.do("GET", "/conversations/search?limit=100&locationId="+loc, tok, nil), 200)
	if len(r.list("conversations")) != 5 || r.body["total"] != 12.0 {
		t.Fatalf("search page %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages?limit=100", tok, nil), 200)
	if len(r.list("messages")) != 5 || r.body["nextPage"] != true {
		t.Fatalf("messages page %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversations/messages/export?limit=100&locationId="+loc, tok, nil), 200)
	if len(r.list("messages")) != 5 || r.body["nextCursor"] == nil || r.body["total"] != 144.0 {
		t.Fatalf("export page %s", r.raw)
	}
	// Below the cap nothing changes.
	if r := e.expect(e.do("GET", "/conversation-ai/agents/search?limit=3", tok, nil), 200); len(r.list("agents")) != 3 {
		t.Fatalf("limit 3 gave %d", len(r.list("agents")))
	}
}

func TestVariantOmitEndOfListMembers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "kb")
	faqs := "/knowledge-bases/faqs?limit=2&locationId=" + loc + "&knowledgeBaseId=" + kb
	for i := range 3 {
		e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": fmt.Sprint("q", i), "answer": "a"}), 201)
	}
	if r := e.expect(e.do("GET", faqs, tok, nil), 200); !has(r.body, "lastFaqId") || r.body["hasMore"] != true {
		t.Fatalf("default faq list %s", r.raw)
	}
	if d := e.expect(e.do("GET", "/knowledge-bases/?limit=1&locationId="+loc, tok, nil), 200).data(); !has(d, "lastKnowledgeBaseId") {
		t.Fatalf("default kb list %v", d)
	}
	e.setVariants("omit_end_of_list_members")
	r := e.expect(e.do("GET", faqs, tok, nil), 200)
	if has(r.body, "lastFaqId") || has(r.body, "hasMore") || r.body["count"] != 3.0 || len(r.list("faqs")) != 2 {
		t.Fatalf("faq list %s", r.raw)
	}
	// The cursor still works: the client takes it from the last item.
	last := r.list("faqs")[1]["id"].(string)
	if r := e.expect(e.do("GET", faqs+"&lastFaqId="+last, tok, nil), 200); len(r.list("faqs")) != 1 || has(r.body, "hasMore") {
		t.Fatalf("faq page 2 %s", r.raw)
	}
	d := e.expect(e.do("GET", "/knowledge-bases/?limit=1&locationId="+loc, tok, nil), 200).data()
	if has(d, "lastKnowledgeBaseId") || d["hasMore"] != false || d["activeCount"] != 1.0 {
		t.Fatalf("kb list %v (hasMore is required by the OAS and stays)", d)
	}
	e.seed(map[string]any{"locationId": loc, "count": 3, "messagesPerConversation": 5})
	exp := "/conversations/messages/export?limit=10&locationId=" + loc
	r = e.expect(e.do("GET", exp, tok, nil), 200)
	cur, _ := r.body["nextCursor"].(string)
	if cur == "" {
		t.Fatalf("export page 1 without a cursor: %s", r.raw)
	}
	r = e.expect(e.do("GET", exp+"&cursor="+url.QueryEscape(cur), tok, nil), 200)
	if has(r.body, "nextCursor") || len(r.list("messages")) != 5 || r.body["total"] != 15.0 {
		t.Fatalf("export last page %s", r.raw)
	}
}

func TestVariantActionsGroupedByType(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	agent := e.createAgent(tok, "Main")
	base := "/conversation-ai/agents/" + agent + "/actions"
	var created []string
	for i, typ := range []string{"stopBot", "triggerWorkflow", "stopBot", "appointmentBooking"} {
		r := e.expect(e.do("POST", base, tok, action(typ, fmt.Sprint(typ, i), validDetails(typ, ""))), 201)
		created = append(created, r.data()["id"].(string))
	}
	list := func() (ids []string) {
		for _, a := range objects(e.expect(e.do("GET", base+"/list", tok, nil), 200).body["data"]) {
			ids = append(ids, a["id"].(string))
		}
		return ids
	}
	if got := list(); !slices.Equal(got, created) {
		t.Fatalf("default order %v, want creation order %v", got, created)
	}
	e.setVariants("actions_grouped_by_type")
	want := []string{created[1], created[3], created[0], created[2]}
	if got := list(); !slices.Equal(got, want) {
		t.Fatalf("grouped order %v, want %v", got, want)
	}
}

func TestVariantAgentShapes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	id := e.createAgent(tok, "Main")
	e.setVariants("agent_goal_object")
	wantGoal := map[string]any{"prompt": "book calls", "type": "custom", "actionId": nil}
	for _, r := range []resp{
		e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200),
		e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"autoPilotMaxMessages": 10}), 200),
		e.expect(e.do("POST", "/conversation-ai/agents", tok, validAgent("Two")), 201),
	} {
		if !reflect.DeepEqual(r.body["goal"], wantGoal) || r.body["personality"] != "friendly" || r.body["locationId"] != loc {
			t.Fatalf("goal object: %s", r.raw)
		}
	}
	e.setVariants("agent_omit_undocumented,omit_write_only_fields")
	r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200)
	for _, k := range []string{"locationId", "createdAt", "updatedAt", "respondToImages", "respondToAudio"} {
		if has(r.body, k) {
			t.Errorf("GET agent has %s: %s", k, r.raw)
		}
	}
	if r.body["goal"] != "book calls" || r.body["autoPilotMaxMessages"] != 10.0 || r.body["id"] != id {
		t.Errorf("GET agent %s", r.raw)
	}
	for _, it := range e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200).list("agents") {
		if has(it, "locationId") || !has(it, "createdAt") {
			t.Errorf("search item %v", it)
		}
	}
	kbr := e.expect(e.do("POST", "/knowledge-bases/", tok, map[string]any{"name": "kb", "description": "secret", "locationId": loc}), 201)
	kb := kbr.data()["id"].(string)
	if has(kbr.data(), "description") || kbr.data()["name"] != "kb" {
		t.Errorf("KB create %s", kbr.raw)
	}
	if d := e.expect(e.do("GET", "/knowledge-bases/"+kb, tok, nil), 200).data(); has(d, "description") || d["locationId"] != loc {
		t.Errorf("KB get %v", d)
	}
	e.setVariants("")
	if d := e.expect(e.do("GET", "/knowledge-bases/"+kb, tok, nil), 200).data(); d["description"] != "secret" {
		t.Errorf("description not stored: %v", d)
	}
}

func TestVariantPrimaryNotExclusive(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	e.setVariants("primary_not_exclusive")
	first := e.createAgent(tok, "First") // primary by default
	body := validAgent("Second")
	body["isPrimary"] = true
	second := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201).str("id")
	third := e.createAgent(tok, "Third")
	e.expect(e.do("PUT", "/conversation-ai/agents/"+third, tok, map[string]any{"autoPilotMaxMessages": 5, "isPrimary": true}), 200)
	for _, id := range []string{first, second, third} {
		if r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200); r.body["isPrimary"] != true {
			t.Errorf("%s lost isPrimary: %s", id, r.raw)
		}
	}
}

func TestVariantConversationSearchItems(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	e.seed(map[string]any{"locationId": loc, "count": 3, "messagesPerConversation": 2})
	search := "/conversations/search?locationId=" + loc
	items := e.expect(e.do("GET", search, tok, nil), 200).list("conversations")
	if !has(items[0], "sort") || !has(items[0], "lastMessageDate") {
		t.Fatalf("default item %v", items[0])
	}
	e.setVariants("conversation_search_no_cursor")
	r := e.expect(e.do("GET", search, tok, nil), 200)
	for _, it := range r.list("conversations") {
		if has(it, "sort") || has(it, "lastMessageDate") || !has(it, "starred") || !has(it, "lastMessageBody") {
			t.Fatalf("no-cursor item %v", it)
		}
	}
	e.setVariants("conversation_search_oas_items")
	oas := []string{"id", "contactId", "locationId", "lastMessageBody", "lastMessageType", "type", "unreadCount", "fullName", "contactName", "email", "phone"}
	for _, it := range e.expect(e.do("GET", search, tok, nil), 200).list("conversations") {
		var keys []string
		for k := range it {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := slices.Sorted(slices.Values(oas))
		if !slices.Equal(keys, want) {
			t.Fatalf("OAS item keys %v, want %v", keys, want)
		}
	}
}

func TestVariantMessagesNested(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	convs, msgs := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 1, "messagesPerConversation": 3}))
	path := "/conversations/" + convs[0] + "/messages?limit=2"
	if r := e.expect(e.do("GET", path, tok, nil), 200); len(r.list("messages")) != 2 || r.body["nextPage"] != true {
		t.Fatalf("default (flat) page %s", r.raw)
	}
	e.setVariants("messages_nested")
	r := e.expect(e.do("GET", path, tok, nil), 200)
	m, _ := r.body["messages"].(map[string]any)
	page := objects(m["messages"])
	if len(r.body) != 2 || len(page) != 2 || m["nextPage"] != true || m["lastMessageId"] != page[1]["id"] || page[0]["id"] != msgs[0][2] {
		t.Fatalf("nested page %s", r.raw)
	}
	r = e.expect(e.do("GET", path+"&lastMessageId="+page[1]["id"].(string), tok, nil), 200)
	if m, _ := r.body["messages"].(map[string]any); len(objects(m["messages"])) != 1 || m["nextPage"] != false {
		t.Fatalf("nested page 2 %s", r.raw)
	}
}

func TestVariantNullEndCursors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "kb")
	convs, _ := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 1, "messagesPerConversation": 3}))
	faqs := "/knowledge-bases/faqs?locationId=" + loc + "&knowledgeBaseId=" + kb
	kbs := "/knowledge-bases/?locationId=" + loc + "&query=nomatch"
	msgs := "/conversations/" + convs[0] + "/messages?type=TYPE_EMAIL"
	exp := "/conversations/messages/export?locationId=" + loc
	check := func(null bool) {
		t.Helper()
		for _, c := range []struct {
			name string
			m    map[string]any
			key  string
		}{
			{"faqs", e.expect(e.do("GET", faqs, tok, nil), 200).body, "lastFaqId"},
			{"kbs", e.expect(e.do("GET", kbs, tok, nil), 200).data(), "lastKnowledgeBaseId"},
			{"messages", e.expect(e.do("GET", msgs, tok, nil), 200).body, "lastMessageId"},
			{"export", e.expect(e.do("GET", exp, tok, nil), 200).body, "nextCursor"},
		} {
			v, ok := c.m[c.key]
			if null && (!ok || v != nil) || !null && v == nil && ok {
				t.Errorf("%s: %s = %v (present %v), null wanted: %v", c.name, c.key, v, ok, null)
			}
		}
	}
	check(false)
	e.setVariants("null_end_cursors")
	check(true)
}

func TestVariantCrawlerRequests(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	body := func(extra map[string]any) map[string]any {
		b := map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "url": "https://example.com", "option": "Exact"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	// Off: both LIVE members are accepted.
	ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, body(map[string]any{"preSelectedUrls": []string{"https://example.com/a"}, "autoTrain": true})), 201)

	ce.setVariants("discover_rejects_preselected_urls")
	r := ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, body(map[string]any{"preSelectedUrls": []string{"https://example.com/a"}})), 422)
	if !slices.Equal(r.messages(), []string{"property preSelectedUrls should not exist"}) {
		t.Fatalf("preSelectedUrls: %s", r.raw)
	}
	op := ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, body(map[string]any{"autoTrain": false})), 201).data()["operationId"].(string)

	ce.setVariants("reject_live_only_fields")
	r = ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, body(map[string]any{"autoTrain": true})), 422)
	if !slices.Equal(r.messages(), []string{"property autoTrain should not exist"}) {
		t.Fatalf("autoTrain: %s", r.raw)
	}
	del := map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "urlIds": []string{}, "deleteAll": true, "search": "x", "excludeUrlIds": []string{}}
	r = ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, del), 422)
	if !r.hasMessage("property deleteAll should not exist") || !r.hasMessage("property excludeUrlIds should not exist") || !r.hasMessage("property search should not exist") {
		t.Fatalf("crawler DELETE: %s", r.raw)
	}
	faqs := "/knowledge-bases/faqs?locationId=" + ce.loc + "&knowledgeBaseId=" + ce.kb
	ce.expect(ce.do("GET", faqs, ce.tok, nil), 200)
	if r := ce.expect(ce.do("GET", faqs+"&offset=0&search=x", ce.tok, nil), 422); !r.hasMessage("property offset should not exist") || !r.hasMessage("property search should not exist") {
		t.Fatalf("faq query: %s", r.raw)
	}
	st := "/knowledge-bases/crawler/status?locationId=" + ce.loc + "&knowledgeBaseId=" + ce.kb
	if r := ce.expect(ce.do("GET", st, ce.tok, nil), 422); !r.hasMessage("operationId should not be empty") {
		t.Fatalf("status without operationId: %s", r.raw)
	}
	ce.expect(ce.do("GET", st+"&operationId="+op, ce.tok, nil), 200)
}

func TestVariantCrawlerAnswers(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	ce.setVariants("discover_no_envelope,crawl_status_no_envelope,crawler_oas_answers")
	r := ce.expect(ce.do("POST", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "url": "https://example.com", "option": "Path"}), 201)
	op, _ := r.body["operationId"].(string)
	if !objectID.MatchString(op) || r.body["status"] != "Processing" || r.body["url"] != "https://example.com" || has(r.body, "success") || has(r.body, "data") {
		t.Fatalf("flat discover %s", r.raw)
	}
	ce.advance(testStep)
	st := "/knowledge-bases/crawler/status?locationId=" + ce.loc + "&knowledgeBaseId=" + ce.kb + "&operationId=" + op
	r = ce.expect(ce.do("GET", st, ce.tok, nil), 200)
	det, _ := r.body["operationDetails"].(map[string]any)
	agg := objects(r.body["aggregate"])
	if has(r.body, "success") || det["_id"] != op || det["status"] != "Successful" || len(agg) != 1 || agg[0]["_id"] != "Pending" {
		t.Fatalf("flat status %s", r.raw)
	}
	recs := ids(objects(agg[0]["records"]))
	r = ce.expect(ce.do("POST", "/knowledge-bases/crawler/train", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "operationId": op, "urlIds": recs[:2]}), 201)
	if len(r.body) != 2 || r.body["success"] != true { // success and traceId
		t.Fatalf("train %s", r.raw)
	}
	r = ce.expect(ce.do("DELETE", "/knowledge-bases/crawler", ce.tok, map[string]any{"locationId": ce.loc, "knowledgeBaseId": ce.kb, "urlIds": recs[4:]}), 200)
	if len(r.body) != 2 || r.body["success"] != true {
		t.Fatalf("delete %s", r.raw)
	}
	if n := ce.urls("").body["count"]; n != 4.0 {
		t.Fatalf("count after delete %v", n)
	}
}

func TestVariantKnowledgeBaseRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	e.setVariants("kb_list_slash_only,kb_delete_keeps_agent_refs")
	if r := e.expect(e.do("GET", "/knowledge-bases?locationId="+loc, tok, nil), 404); r.str("message") != "Cannot GET /knowledge-bases" {
		t.Fatalf("no slash: %s", r.raw)
	}
	e.expect(e.do("POST", "/knowledge-bases", tok, map[string]any{"name": "x", "locationId": loc}), 404)
	kb := e.createKB(tok, loc, "kb") // with the slash
	e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc, tok, nil), 200)

	body := validAgent("A")
	body["knowledgeBaseIds"] = []string{kb}
	agent := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201).str("id")
	e.expect(e.do("DELETE", "/knowledge-bases/"+kb, tok, nil), 200)
	e.expect(e.do("GET", "/knowledge-bases/"+kb, tok, nil), 404)
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200); fmt.Sprint(r.body["knowledgeBaseIds"]) != "["+kb+"]" {
		t.Fatalf("agent lost the deleted KB id: %s", r.raw)
	}
	// Off: the cascade removes it.
	e.setVariants("")
	kb2 := e.createKB(tok, loc, "kb2")
	e.expect(e.do("PUT", "/conversation-ai/agents/"+agent, tok, map[string]any{"autoPilotMaxMessages": 5, "knowledgeBaseIds": []string{kb2}}), 200)
	e.expect(e.do("DELETE", "/knowledge-bases/"+kb2, tok, nil), 200)
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200); fmt.Sprint(r.body["knowledgeBaseIds"]) != "[]" {
		t.Fatalf("cascade off: %s", r.raw)
	}
}

func TestVariantFilesV3Only(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "files")
	e.setVariants("files_v3_only")
	fields := map[string]string{"knowledgeBaseId": kb, "locationId": loc}
	if r := e.expect(e.upload(tok, fields, "a.pdf", []byte("%PDF")), 404); r.str("message") != "Cannot POST /knowledge-bases/files" {
		t.Fatalf("upload under 2021-04-15: %s", r.raw)
	}
	body, ctype := multipartBody(t, fields, "a.pdf", []byte("%PDF"))
	id := e.expect(e.do("POST", "/knowledge-bases/files", tok, body, withVersion("v3"), func(r *http.Request) { r.Header.Set("Content-Type", ctype) }), 200).data()["fileId"].(string)
	list := "/knowledge-bases/files?locationId=" + loc + "&knowledgeBaseId=" + kb
	e.expect(e.do("GET", list, tok, nil), 404)
	e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok, nil), 404)
	e.expect(e.do("DELETE", "/knowledge-bases/files/"+id, tok, nil), 404)
	if d := e.expect(e.do("GET", list, tok, nil, withVersion("v3")), 200).data(); d["count"] != 1.0 {
		t.Fatalf("v3 list %v", d)
	}
	e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok, nil, withVersion("v3")), 200)
	e.expect(e.do("DELETE", "/knowledge-bases/files/"+id, tok, nil, withVersion("v3")), 200)
}

func TestVariantAgentPutReplacesAndBusinessName(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "kb")
	body := validAgent("Full")
	for k, v := range map[string]any{"businessName": "Acme", "mode": "auto-pilot", "channels": []string{"SMS"}, "waitTime": 30,
		"knowledgeBaseIds": []string{kb}, "respondToImages": true, "sleepEnabled": true, "sleepTime": 2, "sleepTimeUnit": "hours"} {
		body[k] = v
	}
	id := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201).str("id")
	put := func() resp {
		return e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"autoPilotMaxMessages": 9}), 200)
	}
	if r := put(); r.body["businessName"] != "Acme" || r.body["mode"] != "auto-pilot" || r.body["sleepTime"] != 2.0 {
		t.Fatalf("default PUT merges: %s", r.raw)
	}
	e.setVariants("agent_put_replaces")
	r := put()
	want := map[string]any{"mode": "off", "waitTime": 2.0, "waitTimeUnit": "seconds", "sleepEnabled": false, "respondToImages": false,
		"autoPilotMaxMessages": 9.0, "name": "Full", "goal": "book calls", "isPrimary": true}
	for k, v := range want {
		if r.body[k] != v {
			t.Errorf("replace PUT %s = %v, want %v", k, r.body[k], v)
		}
	}
	if has(r.body, "businessName") || has(r.body, "sleepTime") || fmt.Sprint(r.body["channels"], r.body["knowledgeBaseIds"]) != "[] []" {
		t.Errorf("replace PUT %s", r.raw)
	}
	e.setVariants("agent_empty_business_name")
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200); r.body["businessName"] != "" || !has(r.body, "businessName") {
		t.Errorf("empty businessName: %s", r.raw)
	}
	if it := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200).list("agents")[0]; it["businessName"] != "" {
		t.Errorf("search item %v", it)
	}
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"autoPilotMaxMessages": 9, "businessName": "B"}), 200)
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200); r.body["businessName"] != "B" {
		t.Errorf("set businessName: %s", r.raw)
	}
}

func TestVariantReverseListOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	tok, loc := e.loc(0)
	var agents, kbs, faqs, files []string
	for i := range 3 {
		agents = append(agents, e.createAgent(tok, fmt.Sprint("a", i)))
		kbs = append(kbs, e.createKB(tok, loc, fmt.Sprint("kb", i)))
		e.advance(time.Second) // distinct createdAt
	}
	kb := kbs[0]
	for i := range 3 {
		r := e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": fmt.Sprint("q", i), "answer": "a"}), 201)
		faqs = append(faqs, r.body["faq"].(map[string]any)["id"].(string))
		f := e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": kb, "locationId": loc}, fmt.Sprintf("f%d.pdf", i), []byte("%PDF")), 200)
		files = append(files, f.data()["fileId"].(string))
	}
	convs, msgs := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 1, "messagesPerConversation": 3}))
	idsOf := func(list []map[string]any, key string) (out []string) {
		for _, m := range list {
			out = append(out, m[key].(string))
		}
		return out
	}
	// Two-item pages, then the cursor: the whole list comes back in the switched order.
	listAll := func() map[string][]string {
		got := map[string][]string{}
		r := e.expect(e.do("GET", "/conversation-ai/agents/search?limit=2", tok, nil), 200)
		got["agents"] = idsOf(r.list("agents"), "id")
		r = e.expect(e.do("GET", "/conversation-ai/agents/search?limit=2&startAfter="+got["agents"][1], tok, nil), 200)
		got["agents"] = append(got["agents"], idsOf(r.list("agents"), "id")...)
		d := e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc, tok, nil), 200).data()
		got["kbs"] = idsOf(objects(d["knowledgeBases"]), "id")
		got["faqs"] = idsOf(e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200).list("faqs"), "id")
		got["files"] = idsOf(objects(e.expect(e.do("GET", "/knowledge-bases/files?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200).data()["files"]), "id")
		got["messages"] = idsOf(e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages", tok, nil), 200).list("messages"), "id")
		got["urls"] = idsOf(e.expect(e.do("GET", "/knowledge-bases/crawler?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200).list("urls"), "id")
		return got
	}
	e.expect(e.do("POST", "/knowledge-bases/crawler", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://example.com", "option": "Path"}), 201)
	e.advance(time.Hour)
	rev := func(s []string) []string { s = slices.Clone(s); slices.Reverse(s); return s }
	urls := listAll()["urls"]
	want := map[string][]string{"agents": rev(agents), "kbs": kbs, "faqs": faqs, "files": files, "messages": rev(msgs[0]), "urls": urls}
	if got := listAll(); len(urls) != 5 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("default orders\n got %v\nwant %v", got, want)
	}
	e.setVariants("reverse_list_order")
	want = map[string][]string{"agents": agents, "kbs": rev(kbs), "faqs": rev(faqs), "files": rev(files), "messages": msgs[0], "urls": rev(urls)}
	if got := listAll(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("reversed orders\n got %v\nwant %v", got, want)
	}
}

// TestVariantsStrictFlow drives one object of each family through the API with every
// switch on (the in-process helper), as a client that handles every variant would.
func TestVariantsStrictFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	if err := e.emu.SetVariants(StrictVariants()); err != nil {
		t.Fatal(err)
	}
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "kb")
	body := validAgent("Strict")
	body["knowledgeBaseIds"] = []string{kb}
	a := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201)
	if g, _ := a.body["goal"].(map[string]any); g["prompt"] != "book calls" || has(a.body, "locationId") || a.body["businessName"] != "" {
		t.Fatalf("agent %s", a.raw)
	}
	id := a.str("id")
	e.expect(e.do("POST", "/conversation-ai/agents/"+id+"/actions", tok, action("stopBot", "s", validDetails("stopBot", ""))), 201)
	if l := objects(e.expect(e.do("GET", "/conversation-ai/agents/"+id+"/actions/list", tok, nil), 200).body["data"]); len(l) != 1 {
		t.Fatalf("actions %v", l)
	}
	for i := range 60 {
		e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": fmt.Sprint("q", i), "answer": "a"}), 201)
	}
	seen, after := map[string]bool{}, ""
	for {
		r := e.expect(e.do("GET", "/knowledge-bases/faqs?limit=100&locationId="+loc+"&knowledgeBaseId="+kb+"&lastFaqId="+after, tok, nil), 200)
		page := r.list("faqs")
		for _, f := range page {
			seen[f["id"].(string)], after = true, f["id"].(string)
		}
		if len(page) < DefaultStrictPageSizeCap {
			break
		}
	}
	if len(seen) != 60 {
		t.Fatalf("FAQs paged: %d of 60", len(seen))
	}
	op := e.expect(e.do("POST", "/knowledge-bases/crawler", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://example.com", "option": "Exact"}), 201).str("operationId")
	e.advance(time.Hour)
	st := e.expect(e.do("GET", "/knowledge-bases/crawler/status?locationId="+loc+"&knowledgeBaseId="+kb+"&operationId="+op, tok, nil), 200)
	url0 := objects(objects(st.body["aggregate"])[0]["records"])[0]["id"].(string)
	e.expect(e.do("POST", "/knowledge-bases/crawler/train", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "operationId": op, "urlIds": []string{url0}}), 201)
	body2, ctype := multipartBody(t, map[string]string{"knowledgeBaseId": kb, "locationId": loc}, "a.pdf", []byte("%PDF"))
	e.expect(e.do("POST", "/knowledge-bases/files", tok, body2, withVersion("v3"), func(r *http.Request) { r.Header.Set("Content-Type", ctype) }), 200)
	convs, _ := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 2, "messagesPerConversation": 2}))
	if m, _ := e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages", tok, nil), 200).body["messages"].(map[string]any); len(objects(m["messages"])) != 2 {
		t.Fatalf("messages %v", m)
	}
	e.expect(e.do("DELETE", "/knowledge-bases/"+kb, tok, nil), 200)
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200); fmt.Sprint(r.body["knowledgeBaseIds"]) != "["+kb+"]" {
		t.Fatalf("agent after KB delete %s", r.raw)
	}
}
