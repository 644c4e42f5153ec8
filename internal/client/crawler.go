// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Website crawler of a knowledge base (contract §3.5 "Website crawler"): asynchronous, discover
// then train (§7.11). Every route carries locationId and knowledgeBaseId. The LIVE API answers
// discover and status without the {success,data} envelope; both forms are accepted.

// Crawl options of DiscoverWebsite.
const (
	CrawlOptionExact  = "Exact"
	CrawlOptionPath   = "Path"
	CrawlOptionDomain = "Domain"
)

// Crawl statuses, of URLs and of operations (contract §3.5 status table).
const (
	CrawlStatusPending    = "Pending"
	CrawlStatusProcessing = "Processing"
	CrawlStatusTraining   = "Training"
	CrawlStatusSuccessful = "Successful"
	CrawlStatusExisting   = "Existing"
	CrawlStatusFailed     = "Failed"
	CrawlStatusRestricted = "Restricted"
	CrawlStatusCancelled  = "Cancelled"
	CrawlStatusAborted    = "Aborted"
)

// CrawlOperation is the answer of DiscoverWebsite: {operationId,status,url}.
type CrawlOperation struct {
	OperationID string `json:"operationId"`
	Status      string `json:"status"`
	URL         string `json:"url"`
}

// CrawlStatus is the answer of GetCrawlStatus: the operation's URLs grouped by status, and the
// operation itself.
type CrawlStatus struct {
	Aggregate        []CrawlStatusGroup    `json:"aggregate"`
	OperationDetails CrawlOperationDetails `json:"operationDetails"`
}

// CrawlStatusGroup is an entry of CrawlStatus.Aggregate: {_id:<status>,records:[…]}.
type CrawlStatusGroup struct {
	Status  string              `json:"_id"`
	Records []CrawlStatusRecord `json:"records"`
}

// CrawlStatusRecord is a URL of a crawl operation.
type CrawlStatusRecord struct {
	ID    string      `json:"id"`
	URL   string      `json:"url"`
	Title string      `json:"title,omitempty"`
	Error *CrawlError `json:"error,omitempty"` // on Failed records
}

// CrawlError is a record's error{message,status,name,…}; Raw keeps the whole value.
type CrawlError struct {
	Message string
	Name    string
	Status  string // as sent: a number is kept as its decimal text
	Raw     json.RawMessage
}

// UnmarshalJSON accepts an object {message,status,name,…} or a plain string.
func (e *CrawlError) UnmarshalJSON(b []byte) error {
	e.Raw = append(json.RawMessage(nil), b...)
	if s, ok := stringOrNil(b); ok {
		e.Message = s
		return nil
	}
	var v struct {
		Message json.RawMessage `json:"message"`
		Name    string          `json:"name"`
		Status  json.RawMessage `json:"status"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil //nolint:nilerr // an unexpected shape is not an error: Raw has it
	}
	e.Message = looseText(v.Message)
	e.Name = v.Name
	e.Status = looseText(v.Status)
	return nil
}

// Error returns the message (or the raw value).
func (e *CrawlError) Error() string {
	switch {
	case e == nil:
		return ""
	case e.Message != "":
		return e.Message
	default:
		return string(e.Raw)
	}
}

// CrawlOperationDetails is the operation of a crawl status answer. The Mongo field `_id` is the
// operation id.
type CrawlOperationDetails struct {
	ID                  string          `json:"_id"`
	Status              string          `json:"status"`
	URL                 string          `json:"url"`
	Mode                string          `json:"mode"`
	KnowledgeBaseID     string          `json:"knowledgeBaseId"`
	LocationID          string          `json:"locationId"`
	DiscoveredURLsCount int64           `json:"discoveredUrlsCount"`
	TrainedURLsCount    int64           `json:"trainedUrlsCount"`
	CreatedAt           string          `json:"createdAt,omitempty"`
	UpdatedAt           string          `json:"updatedAt,omitempty"`
	RobotsFileData      json.RawMessage `json:"robotsFileData,omitempty"`
}

// Records returns every URL record of the status with its status, in the answer's order.
func (s *CrawlStatus) Records() []CrawlStatusRecordWithStatus {
	var out []CrawlStatusRecordWithStatus
	for _, g := range s.Aggregate {
		for _, r := range g.Records {
			out = append(out, CrawlStatusRecordWithStatus{CrawlStatusRecord: r, Status: g.Status})
		}
	}
	return out
}

// CrawlStatusRecordWithStatus is a record with the status of its group.
type CrawlStatusRecordWithStatus struct {
	CrawlStatusRecord
	Status string
}

// CrawledURL is a discovered or trained page of a knowledge base (GET /knowledge-bases/crawler).
type CrawledURL struct {
	ID                  string `json:"id"`
	URL                 string `json:"url"`
	Title               string `json:"title,omitempty"`
	Status              string `json:"status"` // Pending = discovered, untrained; Successful = trained
	LocationID          string `json:"locationId,omitempty"`
	KnowledgeBaseID     string `json:"knowledgeBaseId,omitempty"`
	Content             string `json:"content,omitempty"` // URL of the stored text
	ContentEditedByUser bool   `json:"contentEditedByUser,omitempty"`
	UpdatedAt           string `json:"updatedAt,omitempty"`
}

type discoverBody struct {
	LocationID      string   `json:"locationId"`
	KnowledgeBaseID string   `json:"knowledgeBaseId"`
	URL             string   `json:"url"`
	Option          string   `json:"option"`
	PreSelectedURLs []string `json:"preSelectedUrls,omitempty"`
	AutoTrain       *bool    `json:"autoTrain,omitzero"`
}

// DiscoverWebsite starts a crawl that discovers pages for a knowledge base (POST
// /knowledge-bases/crawler, 201 {success,data:{operationId,status,url}} or flat). option is
// Exact, Path or Domain. preSelectedURLs (LIVE) crawls only those pages and is sent when
// non-empty; autoTrain (LIVE) is sent when non-nil. It is never retried once it may have
// reached the server.
func (c *Client) DiscoverWebsite(ctx context.Context, locationID, kbID, siteURL, option string, preSelectedURLs []string, autoTrain *bool) (*CrawlOperation, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out CrawlOperation
	err = c.do(ctx, req{method: http.MethodPost, path: "/knowledge-bases/crawler", family: familyKnowledgeBases,
		locationID: loc, body: discoverBody{LocationID: loc, KnowledgeBaseID: kbID, URL: siteURL, Option: option,
			PreSelectedURLs: preSelectedURLs, AutoTrain: autoTrain}}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	if out.OperationID == "" {
		return nil, fmt.Errorf("POST /knowledge-bases/crawler: the answer has no operationId")
	}
	return &out, nil
}

// GetCrawlStatus reads the status of a crawl operation (GET /knowledge-bases/crawler/status);
// operationID "" asks for the knowledge base's latest operation (LIVE).
func (c *Client) GetCrawlStatus(ctx context.Context, locationID, kbID, operationID string) (*CrawlStatus, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	q := url.Values{"locationId": {loc}, "knowledgeBaseId": {kbID}}
	if operationID != "" {
		q.Set("operationId", operationID)
	}
	var out CrawlStatus
	err = c.do(ctx, req{method: http.MethodGet, path: "/knowledge-bases/crawler/status", family: familyKnowledgeBases,
		locationID: loc, query: q}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

type trainBody struct {
	LocationID      string   `json:"locationId"`
	KnowledgeBaseID string   `json:"knowledgeBaseId"`
	OperationID     string   `json:"operationId"`
	URLIDs          []string `json:"urlIds"`
}

// TrainURLs trains discovered pages of a crawl operation (POST /knowledge-bases/crawler/train,
// 201 {success:true,…}). Ids not in the operation give 422; past 4,000 trained URLs per
// knowledge base the API answers 400. It is never retried once it may have reached the server.
func (c *Client) TrainURLs(ctx context.Context, locationID, kbID, operationID string, urlIDs []string) error {
	if err := requireIDs("knowledge base", kbID, "crawl operation", operationID); err != nil {
		return err
	}
	if len(urlIDs) == 0 {
		return errors.New("training pages of knowledge base " + kbID + ": no URL ids given")
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodPost, path: "/knowledge-bases/crawler/train", family: familyKnowledgeBases,
		locationID: loc, body: trainBody{LocationID: loc, KnowledgeBaseID: kbID, OperationID: operationID, URLIDs: urlIDs}},
		successOnly())
}

// ListCrawledURLs lists the discovered and trained pages of a knowledge base (GET
// /knowledge-bases/crawler), pages 1, 2, … until count is reached (see listProgress). The page
// size is asked as 100; when the server answers fewer (its own cap), the next pages ask for that
// size, so that page numbers address the same items whichever page size the server applies.
// query is a URL substring ("" = all).
func (c *Client) ListCrawledURLs(ctx context.Context, locationID, kbID, query string) ([]CrawledURL, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var all []CrawledURL
	progress := listProgress{what: "crawled pages of knowledge base " + kbID}
	size, page := listPageSize, 1
	for {
		q := url.Values{
			"knowledgeBaseId": {kbID}, "locationId": {loc},
			"page": {strconv.Itoa(page)}, "pageLength": {strconv.Itoa(size)},
		}
		if query != "" {
			q.Set("query", query)
		}
		var res struct {
			Count *int         `json:"count"`
			URLs  []CrawledURL `json:"urls"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/knowledge-bases/crawler", family: familyKnowledgeBases,
			locationID: loc, query: q}, inEnvelope(&res, "data"))
		if err != nil {
			return nil, err
		}
		all = append(all, res.URLs...)
		more, err := progress.page(len(res.URLs), nil, res.Count)
		if err != nil || !more {
			return all, err
		}
		if n := len(res.URLs); n < size {
			size = n // the server's cap: continue in pages of that size
		}
		if len(all)%size != 0 {
			return nil, fmt.Errorf("listing %s: the API changed its page size mid-list (%d items after page %d of %d); refusing an incomplete list",
				progress.what, len(all), page, size)
		}
		page = len(all)/size + 1
	}
}

type deleteURLsBody struct {
	LocationID      string   `json:"locationId"`
	KnowledgeBaseID string   `json:"knowledgeBaseId"`
	URLIDs          []string `json:"urlIds"`
}

// DeleteCrawledURLs removes pages from a knowledge base (DELETE /knowledge-bases/crawler with a
// JSON body {locationId,knowledgeBaseId,urlIds}). With no ids nothing is sent.
func (c *Client) DeleteCrawledURLs(ctx context.Context, locationID, kbID string, urlIDs []string) error {
	if err := requireID("knowledge base", kbID); err != nil {
		return err
	}
	if len(urlIDs) == 0 {
		return nil
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: "/knowledge-bases/crawler", family: familyKnowledgeBases,
		locationID: loc, body: deleteURLsBody{LocationID: loc, KnowledgeBaseID: kbID, URLIDs: urlIDs}}, successOnly())
}
