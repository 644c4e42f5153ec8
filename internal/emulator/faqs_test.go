// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
	"testing"
)

func TestFAQCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	kb := e.createKB(tok, loc, "faqs")

	r := e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{
		"locationId": loc, "knowledgeBaseId": kb, "question": "What Are Your Hours?", "answer": "9 to 5",
	}), 201)
	f, _ := r.body["faq"].(map[string]any)
	id, _ := f["id"].(string)
	if r.body["success"] != true || len(id) != 20 || f["questionLowerCase"] != "what are your hours?" || f["trainedUrlId"] != "" ||
		f["knowledgeBaseId"] != kb || f["locationId"] != loc || f["deleted"] != false || f["answer"] != "9 to 5" {
		t.Fatalf("create %s", r.raw)
	}
	l := e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200)
	if keys(l.body) != "count,faqs,hasMore,lastFaqId" || l.body["count"] != 1.0 || l.str("lastFaqId") != id || l.body["hasMore"] != false {
		t.Errorf("list %s", l.raw)
	}
	// PUT is a full replace answering {success:true} only.
	u := e.expect(e.do("PUT", "/knowledge-bases/faqs/"+id, tok, map[string]any{"question": "Opening hours?", "answer": "8 to 6"}), 200)
	if keys(u.body) != "success" {
		t.Errorf("PUT %s", u.raw)
	}
	got := e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200).list("faqs")[0]
	if got["question"] != "Opening hours?" || got["answer"] != "8 to 6" || got["questionLowerCase"] != "opening hours?" {
		t.Errorf("after PUT %v", got)
	}

	// Errors.
	x := e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": " ", "extra": 1}), 422)
	if !x.hasMessage("question should not be empty") || !x.hasMessage("answer should not be empty") || !x.hasMessage("property extra should not exist") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": 5, "answer": "a"}), 422)
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": "nope", "question": "q", "answer": "a"}), 404)
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc1, "knowledgeBaseId": kb, "question": "q", "answer": "a"}), 403)
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok1, map[string]any{"locationId": loc1, "knowledgeBaseId": kb, "question": "q", "answer": "a"}), 404)
	if x = e.expect(e.do("PUT", "/knowledge-bases/faqs/"+id, tok, map[string]any{"question": "only"}), 422); !x.hasMessage("answer should not be empty") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("PUT", "/knowledge-bases/faqs/"+id, tok, map[string]any{"question": "q", "answer": "a", "knowledgeBaseId": kb}), 422)
	if x = e.expect(e.do("PUT", "/knowledge-bases/faqs/nope", tok, map[string]any{"question": "q", "answer": "a"}), 404); x.str("message") != "FAQ not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("PUT", "/knowledge-bases/faqs/"+id, tok1, map[string]any{"question": "q", "answer": "a"}), 404)
	// No GET by id (§3.5): a NestJS unknown-route 404.
	if x = e.expect(e.do("GET", "/knowledge-bases/faqs/"+id, tok, nil), 404); x.str("message") != "Cannot GET /knowledge-bases/faqs/"+id {
		t.Errorf("%s", x.raw)
	}

	if d := e.expect(e.do("DELETE", "/knowledge-bases/faqs/"+id, tok, nil), 200); keys(d.body) != "success" {
		t.Errorf("DELETE %s", d.raw)
	}
	e.expect(e.do("DELETE", "/knowledge-bases/faqs/"+id, tok, nil), 404)
	if l = e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200); l.body["count"] != 0.0 || l.body["lastFaqId"] != nil {
		t.Errorf("after delete %s", l.raw)
	}
}

func TestFAQPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	_, loc1 := e.loc(1)
	kb := e.createKB(tok, loc, "faqs")
	other := e.createKB(tok, loc, "other")
	e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": other, "question": "q", "answer": "a"}), 201)
	var ids []string
	for i := range 25 {
		q := fmt.Sprintf("Question %02d", i)
		if i%5 == 0 {
			q = fmt.Sprintf("Refund policy %02d", i)
		}
		r := e.expect(e.do("POST", "/knowledge-bases/faqs", tok, map[string]any{"locationId": loc, "knowledgeBaseId": kb, "question": q, "answer": "answer"}), 201)
		ids = append(ids, r.body["faq"].(map[string]any)["id"].(string))
	}
	base := "/knowledge-bases/faqs?locationId=" + loc + "&knowledgeBaseId=" + kb
	var seen []string
	var sizes []int
	cursor := ""
	for {
		q := base
		if cursor != "" {
			q += "&lastFaqId=" + cursor
		}
		r := e.expect(e.do("GET", q, tok, nil), 200) // default limit 10
		if r.body["count"] != 25.0 {
			t.Fatalf("count %v", r.body["count"])
		}
		faqs := r.list("faqs")
		sizes = append(sizes, len(faqs))
		for _, f := range faqs {
			seen = append(seen, f["id"].(string))
		}
		if r.body["hasMore"] == false {
			break
		}
		cursor = r.str("lastFaqId")
	}
	if !slices.Equal(seen, ids) || fmt.Sprint(sizes) != "[10 10 5]" {
		t.Errorf("pages %v: %v, want createdAt asc %v", sizes, seen, ids)
	}
	r := e.expect(e.do("GET", base+"&limit=100", tok, nil), 200)
	if len(r.list("faqs")) != 25 || r.body["hasMore"] != false {
		t.Errorf("limit 100 %d", len(r.list("faqs")))
	}
	// LIVE offset (after the cursor) and search (count stays the KB's total).
	r = e.expect(e.do("GET", base+"&offset=20&limit=3", tok, nil), 200)
	if l := r.list("faqs"); len(l) != 3 || l[0]["id"] != ids[20] || r.body["hasMore"] != true {
		t.Errorf("offset %s", r.raw)
	}
	r = e.expect(e.do("GET", base+"&lastFaqId="+ids[9]+"&offset=1&limit=1", tok, nil), 200)
	if l := r.list("faqs"); len(l) != 1 || l[0]["id"] != ids[11] {
		t.Errorf("cursor+offset %s", r.raw)
	}
	r = e.expect(e.do("GET", base+"&search=REFUND", tok, nil), 200)
	if l := r.list("faqs"); len(l) != 5 || r.body["count"] != 25.0 || r.body["hasMore"] != false {
		t.Errorf("search %s", r.raw)
	}

	for _, q := range []string{"&limit=0", "&limit=101", "&limit=x", "&offset=-1", "&lastFaqId=nope"} {
		e.expect(e.do("GET", base+q, tok, nil), 422)
	}
	x := e.expect(e.do("GET", "/knowledge-bases/faqs", tok, nil), 422)
	if !x.hasMessage("knowledgeBaseId should not be empty") || !x.hasMessage("locationId should not be empty") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc1+"&knowledgeBaseId="+kb, tok, nil), 403)
	e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId=nope", tok, nil), 404)
}
