// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// FAQs of a knowledge base (contract §3.5 "FAQs"). There is no GET by id (§7.7): the provider
// refreshes every FAQ of a knowledge base from one ListFAQs per knowledge base and run (the
// cache lives in the provider, not here). Create and list carry locationId; routes by id do
// not.

// FAQ is a knowledge-base FAQ.
type FAQ struct {
	ID                string `json:"id"`
	Question          string `json:"question"`
	QuestionLowerCase string `json:"questionLowerCase,omitempty"`
	Answer            string `json:"answer"`
	KnowledgeBaseID   string `json:"knowledgeBaseId"`
	LocationID        string `json:"locationId,omitempty"`
	// TrainedURLID is the crawled page a generated FAQ comes from; "" (or absent) for FAQs
	// created by hand.
	TrainedURLID string `json:"trainedUrlId,omitempty"`
	Deleted      bool   `json:"deleted,omitempty"`
	CreatedAt    string `json:"createdAt,omitempty"`
	UpdatedAt    string `json:"updatedAt,omitempty"`
}

type createFAQBody struct {
	LocationID      string `json:"locationId"`
	KnowledgeBaseID string `json:"knowledgeBaseId"`
	Question        string `json:"question"`
	Answer          string `json:"answer"`
}

type updateFAQBody struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// CreateFAQ adds an FAQ to a knowledge base (POST /knowledge-bases/faqs, 201 {success,faq:FAQ}).
// It is never retried once it may have reached the server.
func (c *Client) CreateFAQ(ctx context.Context, locationID, kbID, question, answer string) (*FAQ, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out FAQ
	err = c.do(ctx, req{method: http.MethodPost, path: "/knowledge-bases/faqs", family: familyKnowledgeBases,
		locationID: loc, body: createFAQBody{LocationID: loc, KnowledgeBaseID: kbID, Question: question, Answer: answer}},
		inEnvelope(&out, "faq", "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateFAQ replaces an FAQ's question and answer (PUT /knowledge-bases/faqs/{id}, full
// replace, both required). The API answers {success:true} only: re-read with ListFAQs.
func (c *Client) UpdateFAQ(ctx context.Context, locationID, id, question, answer string) error {
	if err := requireID("FAQ", id); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodPut, path: pathf("/knowledge-bases/faqs/%s", id), family: familyKnowledgeBases,
		locationID: locationID, body: updateFAQBody{Question: question, Answer: answer}}, successOnly())
}

// DeleteFAQ deletes an FAQ (DELETE /knowledge-bases/faqs/{id}). A 404 is returned as an error
// (IsNotFound).
func (c *Client) DeleteFAQ(ctx context.Context, locationID, id string) error {
	if err := requireID("FAQ", id); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/knowledge-bases/faqs/%s", id), family: familyKnowledgeBases,
		locationID: locationID}, successOnly())
}

// ListFAQs lists every FAQ of a knowledge base (GET /knowledge-bases/faqs), 100 a page,
// following lastFaqId (or the last FAQ's id) until the list is complete (hasMore when the API
// sends it, else count, else a short or empty page; see listProgress): ceil(N/100) calls for N FAQs. The answer is flat
// {count,faqs,lastFaqId,hasMore} (an enveloped one is accepted too). FAQs marked deleted:true
// are left out (§1.4 "Gone").
func (c *Client) ListFAQs(ctx context.Context, locationID, kbID string) ([]FAQ, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var all []FAQ
	guard := cursorGuard{}
	progress := listProgress{what: "FAQs of knowledge base " + kbID}
	cursor := ""
	for {
		q := url.Values{"knowledgeBaseId": {kbID}, "locationId": {loc}, "limit": {strconv.Itoa(listPageSize)}}
		if cursor != "" {
			q.Set("lastFaqId", cursor)
		}
		var page struct {
			Count     *int   `json:"count"`
			Faqs      []FAQ  `json:"faqs"`
			LastFaqID string `json:"lastFaqId"`
			HasMore   *bool  `json:"hasMore"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/knowledge-bases/faqs", family: familyKnowledgeBases,
			locationID: loc, query: q}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, err
		}
		for _, f := range page.Faqs {
			if !f.Deleted {
				all = append(all, f)
			}
		}
		more, err := progress.page(len(page.Faqs), page.HasMore, page.Count)
		if err != nil || !more {
			return all, err
		}
		cursor = page.LastFaqID
		if cursor == "" && len(page.Faqs) > 0 {
			cursor = page.Faqs[len(page.Faqs)-1].ID
		}
		if err := guard.advance("FAQs of knowledge base "+kbID, "lastFaqId", cursor); err != nil {
			return nil, err
		}
	}
}
