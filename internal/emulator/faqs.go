// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
)

// FAQs of a knowledge base (contract §3.5). There is no GET by id: clients refresh with
// the paged list. Answers vary by route: the list is flat {count,faqs,lastFaqId,hasMore},
// create is {success,faq}, PUT and DELETE are {success:true}.

// FAQ is a stored FAQ. TrainedURLID is "" for manual FAQs (emulator choice, unconfirmed);
// the emulator does not generate FAQs from crawled pages.
type FAQ struct {
	ID              string    `json:"id"`
	LocationID      string    `json:"locationId"`
	KnowledgeBaseID string    `json:"knowledgeBaseId"`
	Question        string    `json:"question"`
	Answer          string    `json:"answer"`
	TrainedURLID    string    `json:"trainedUrlId"`
	Seq             int64     `json:"seq"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

const msgFAQNotFound = "FAQ not found" // wording unconfirmed

type faqJSON struct {
	ID                string `json:"id"`
	Question          string `json:"question"`
	QuestionLowerCase string `json:"questionLowerCase"`
	Answer            string `json:"answer"`
	KnowledgeBaseID   string `json:"knowledgeBaseId"`
	LocationID        string `json:"locationId"`
	TrainedURLID      string `json:"trainedUrlId"`
	Deleted           bool   `json:"deleted"`
	CreatedAt         string `json:"createdAt"`
	UpdatedAt         string `json:"updatedAt"`
}

func faqView(f *FAQ) faqJSON {
	return faqJSON{
		ID: f.ID, Question: f.Question, QuestionLowerCase: strings.ToLower(f.Question), Answer: f.Answer,
		KnowledgeBaseID: f.KnowledgeBaseID, LocationID: f.LocationID, TrainedURLID: f.TrainedURLID,
		CreatedAt: isoTime(f.CreatedAt), UpdatedAt: isoTime(f.UpdatedAt),
	}
}

// faqsOf returns the FAQs of a KB, createdAt asc.
func (st *State) faqsOf(kbID string) []*FAQ {
	var out []*FAQ
	for _, f := range st.FAQs {
		if f.KnowledgeBaseID == kbID {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *FAQ) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	return out
}

// faqOf returns the caller's FAQ id, or nil.
func (c *reqCtx) faqOf(id string) *FAQ {
	f := c.st.FAQs[id]
	if f == nil || f.LocationID != c.locationID() {
		return nil
	}
	return f
}

// GET /knowledge-bases/faqs: knowledgeBaseId R, locationId R, limit (default 10, 1-100),
// lastFaqId (cursor); LIVE adds offset (applied after the cursor) and search
// (case-insensitive substring of question or answer). count is every FAQ of the KB, as
// the contract says, whatever the search; hasMore says whether items follow the page.
func (e *Emulator) listFAQs(c *reqCtx) {
	q := c.r.URL.Query()
	msgs := requireQuery(c, "knowledgeBaseId", "locationId")
	limit, m := queryInt(q, "limit", 10, 1, 100)
	msgs = append(msgs, m...)
	offset, m := queryInt(q, "offset", 0, 0, math.MaxInt32)
	msgs = append(msgs, c.liveQueryErrors("offset", "search")...)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	kb := c.kbOf(q.Get("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	all := reversedIf(c.vr().ReverseListOrder, c.st.faqsOf(kb.ID))
	matched := all
	if s := strings.ToLower(q.Get("search")); s != "" {
		matched = slices.DeleteFunc(slices.Clone(all), func(f *FAQ) bool {
			return !strings.Contains(strings.ToLower(f.Question), s) && !strings.Contains(strings.ToLower(f.Answer), s)
		})
	}
	start := 0
	if after := q.Get("lastFaqId"); after != "" {
		i := slices.IndexFunc(matched, func(f *FAQ) bool { return f.ID == after })
		if i < 0 {
			c.invalid("lastFaqId must be the id of an FAQ of this knowledge base")
			return
		}
		start = i + 1
	}
	start = min(start+int(offset), len(matched))
	end := min(start+int(limit), len(matched))
	items := make([]faqJSON, 0, end-start)
	var last any
	for _, f := range matched[start:end] {
		items = append(items, faqView(f))
		last = f.ID
	}
	out := map[string]any{"count": len(all), "faqs": items, "lastFaqId": last, "hasMore": end < len(matched)}
	if last == nil {
		delete(out, "lastFaqId") // an empty page has no last id: absent, not null (optional string in OAS and SDK 3.1.0)
	}
	c.endCursor(out, "lastFaqId") // null_end_cursors
	if c.vr().OmitEndOfListMembers {
		delete(out, "lastFaqId") // both optional in OAS ListFaqsResponseDTO
		delete(out, "hasMore")
	}
	c.json(http.StatusOK, out)
}

// POST /knowledge-bases/faqs: {locationId R, knowledgeBaseId R, question R, answer R}.
func (e *Emulator) createFAQ(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("locationId", "knowledgeBaseId", "question", "answer")
	o.reqStr("locationId")
	kbID, _ := o.reqStr("knowledgeBaseId")
	question := reqText(o, "question")
	answer := reqText(o, "answer")
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
	f := &FAQ{
		ID: newID(), LocationID: kb.LocationID, KnowledgeBaseID: kb.ID, Question: question, Answer: answer,
		Seq: c.st.nextKBSeq(), CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.FAQs[f.ID] = f
	c.json(http.StatusCreated, map[string]any{"success": true, "faq": faqView(f)})
}

// PUT /knowledge-bases/faqs/{id}: full replace {question R, answer R}; {success:true}.
func (e *Emulator) updateFAQ(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("question", "answer")
	question := reqText(o, "question")
	answer := reqText(o, "answer")
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	f := c.faqOf(c.path("faqId"))
	if f == nil {
		c.notFound(msgFAQNotFound)
		return
	}
	f.Question, f.Answer, f.UpdatedAt = question, answer, c.now
	c.json(http.StatusOK, map[string]any{"success": true})
}

func (e *Emulator) deleteFAQ(c *reqCtx) {
	f := c.faqOf(c.path("faqId"))
	if f == nil {
		c.notFound(msgFAQNotFound)
		return
	}
	delete(c.st.FAQs, f.ID)
	c.json(http.StatusOK, map[string]any{"success": true})
}
