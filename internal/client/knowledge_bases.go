// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Knowledge bases (contract §3.5). List and create carry locationId (query, body), which must be
// the token's location (§1.7); routes by id carry none. Answers are enveloped
// {"success":true,"data":…}; flat answers are accepted too.

// KnowledgeBase is the KB object of GET and POST (OAS GetKnowledgeBaseByIdDataDTO).
type KnowledgeBase struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	NameLowerCase string `json:"nameLowerCase,omitempty"`
	LocationID    string `json:"locationId,omitempty"`
	// Description is writable but in no documented response (§7.4): nil when the API did not
	// return it (the real API), so drift of it is undetectable there. The emulator returns it.
	Description *string    `json:"description,omitempty"`
	Deleted     bool       `json:"deleted,omitempty"`
	IsDefault   bool       `json:"isDefault,omitempty"`
	KBMetadata  KBMetadata `json:"kbMetadata"`
	CreatedAt   string     `json:"createdAt,omitempty"`
	UpdatedAt   string     `json:"updatedAt,omitempty"`
}

// KBMetadata are the per-kind content counts of a knowledge base.
type KBMetadata struct {
	Faqs        int64 `json:"faqs"`
	Urls        int64 `json:"urls"` // trained URLs
	RichText    int64 `json:"richText"`
	Files       int64 `json:"files"`
	WebSearches int64 `json:"webSearches"`
	Tables      int64 `json:"tables"`
}

// KnowledgeBaseSummary is a knowledge base as GET /knowledge-bases/ lists it: {id,name,createdAt}.
// Import and refresh use GetKnowledgeBase.
type KnowledgeBaseSummary struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"createdAt,omitempty"`
}

// KnowledgeBaseLimit is the documented maximum of knowledge bases per location (§3.5).
const KnowledgeBaseLimit = 15

type createKnowledgeBaseBody struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitzero"`
	LocationID  string  `json:"locationId"`
}

// CreateKnowledgeBase creates a knowledge base (POST /knowledge-bases/, 201 {success,data:KB}).
// description nil is not sent. The 16th of a location is refused (§3.5). It is never retried
// once it may have reached the server. The answer may lack description (§7.4).
func (c *Client) CreateKnowledgeBase(ctx context.Context, locationID, name string, description *string) (*KnowledgeBase, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out KnowledgeBase
	err = c.do(ctx, req{method: http.MethodPost, path: "/knowledge-bases/", family: familyKnowledgeBases,
		locationID: loc, body: createKnowledgeBaseBody{Name: name, Description: description, LocationID: loc}},
		inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetKnowledgeBase reads a knowledge base (GET /knowledge-bases/{id}). IsNotFound(err) when it
// is gone: a 404, or an object with deleted:true (§1.4 "Gone").
func (c *Client) GetKnowledgeBase(ctx context.Context, locationID, id string) (*KnowledgeBase, error) {
	if err := requireID("knowledge base", id); err != nil {
		return nil, err
	}
	path := pathf("/knowledge-bases/%s", id)
	var out KnowledgeBase
	err := c.do(ctx, req{method: http.MethodGet, path: path, family: familyKnowledgeBases, locationID: locationID},
		inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	if out.Deleted {
		return nil, goneError(http.MethodGet, path, "knowledge base "+id)
	}
	return &out, nil
}

type updateKnowledgeBaseBody struct {
	Name        *string `json:"name,omitzero"`
	Description *string `json:"description,omitzero"`
}

// UpdateKnowledgeBase changes a knowledge base's name and/or description (PUT
// /knowledge-bases/{id}, partial: a nil argument is not sent and keeps its value; "" clears a
// description). The API answers {success:true} only: re-read with GetKnowledgeBase. With both
// arguments nil nothing is sent.
func (c *Client) UpdateKnowledgeBase(ctx context.Context, locationID, id string, name *string, description *string) error {
	if err := requireID("knowledge base", id); err != nil {
		return err
	}
	if name == nil && description == nil {
		return nil
	}
	return c.do(ctx, req{method: http.MethodPut, path: pathf("/knowledge-bases/%s", id), family: familyKnowledgeBases,
		locationID: locationID, body: updateKnowledgeBaseBody{Name: name, Description: description}}, successOnly())
}

// DeleteKnowledgeBase deletes a knowledge base (DELETE /knowledge-bases/{id}); the emulator
// cascades to its FAQs, URLs and files and drops it from agents' knowledgeBaseIds (§7.9). A
// 404 is returned as an error (IsNotFound).
func (c *Client) DeleteKnowledgeBase(ctx context.Context, locationID, id string) error {
	if err := requireID("knowledge base", id); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/knowledge-bases/%s", id), family: familyKnowledgeBases,
		locationID: locationID}, successOnly())
}

// ListKnowledgeBases lists the location's knowledge bases (GET /knowledge-bases/), 100 a page,
// following lastKnowledgeBaseId (or the last item's id) until the list is complete (hasMore when
// the API sends it, else activeCount when no query filters, else a short or empty page). query is a case-insensitive name
// substring ("" = all).
func (c *Client) ListKnowledgeBases(ctx context.Context, locationID, query string) ([]KnowledgeBaseSummary, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var all []KnowledgeBaseSummary
	guard := cursorGuard{}
	progress := listProgress{what: "knowledge bases"}
	cursor := ""
	for {
		q := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(listPageSize)}}
		if query != "" {
			q.Set("query", query)
		}
		if cursor != "" {
			q.Set("lastKnowledgeBaseId", cursor)
		}
		var page struct {
			KnowledgeBases      []KnowledgeBaseSummary `json:"knowledgeBases"`
			ActiveCount         *int                   `json:"activeCount"`
			HasMore             *bool                  `json:"hasMore"`
			LastKnowledgeBaseID string                 `json:"lastKnowledgeBaseId"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/knowledge-bases/", family: familyKnowledgeBases,
			locationID: loc, query: q}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, err
		}
		all = append(all, page.KnowledgeBases...)
		total := page.ActiveCount
		if query != "" {
			total = nil
		}
		more, err := progress.page(len(page.KnowledgeBases), page.HasMore, total)
		if err != nil || !more {
			return all, err
		}
		cursor = page.LastKnowledgeBaseID
		if cursor == "" && len(page.KnowledgeBases) > 0 {
			cursor = page.KnowledgeBases[len(page.KnowledgeBases)-1].ID
		}
		if err := guard.advance("knowledge bases", "lastKnowledgeBaseId", cursor); err != nil {
			return nil, err
		}
	}
}

// goneError is the error of an object the API still returns but marks deleted:true (contract
// §1.4: Gone = 404 or deleted:true). It is an *APIError with status 404, so IsNotFound is true
// (and IsRouteNotFound false).
func goneError(method, path, what string) error {
	return &APIError{
		StatusCode: http.StatusNotFound,
		Messages:   []string{what + " is deleted (the API returned it with deleted:true)"},
		Reason:     "Not Found",
		Method:     method,
		Path:       path,
		Attempts:   1,
	}
}
