// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Conversations, messages and AI generations (contract §3.4): read-only, for data sources and
// the audit export. The /conversations routes carry locationId where the contract lists it
// (search, export); /conversation-ai/generations carries none. Their shapes are unconfirmed
// (§8), so the decoding is lenient: numbers and strings are accepted for one another where the
// sources disagree, and loosely specified arrays keep their elements as raw JSON.

// Conversation is a conversation, as GET /conversations/search lists it (OAS ConversationSchema)
// or as GET /conversations/{id} returns it (fewer fields).
type Conversation struct {
	ID              string `json:"id"`
	ContactID       string `json:"contactId"`
	LocationID      string `json:"locationId"`
	LastMessageBody string `json:"lastMessageBody,omitempty"`
	LastMessageType string `json:"lastMessageType,omitempty"` // TYPE_*
	// LastMessageDate is epoch milliseconds (§1.3); 0 when absent. Search continues from it.
	LastMessageDate int64 `json:"lastMessageDate,omitempty"`
	// Type is TYPE_PHONE, TYPE_EMAIL, … in search answers; GET answers a number (1 phone,
	// 2 email, 3 FB, 4 review, 5 group SMS), kept here as its decimal text ("1").
	Type        string `json:"type,omitempty"`
	UnreadCount int64  `json:"unreadCount"`
	FullName    string `json:"fullName,omitempty"`
	ContactName string `json:"contactName,omitempty"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Deleted     bool   `json:"deleted,omitempty"`
	Inbox       bool   `json:"inbox,omitempty"`
	AssignedTo  string `json:"assignedTo,omitempty"`
	Starred     bool   `json:"starred,omitempty"`

	sortValue string // the search's `sort[0]`, when the API sends one
}

// UnmarshalJSON decodes leniently: type and lastMessageDate as a number or a string (an ISO
// date becomes epoch ms), unreadCount as a number or a numeric string.
func (cv *Conversation) UnmarshalJSON(b []byte) error {
	type plain Conversation
	var aux struct {
		*plain
		LastMessageDate json.RawMessage   `json:"lastMessageDate"`
		Type            json.RawMessage   `json:"type"`
		UnreadCount     json.RawMessage   `json:"unreadCount"`
		Sort            []json.RawMessage `json:"sort"`
	}
	aux.plain = (*plain)(cv)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	var err error
	if cv.LastMessageDate, err = looseMillis(aux.LastMessageDate); err != nil {
		return fmt.Errorf("conversation lastMessageDate: %w", err)
	}
	cv.Type = looseText(aux.Type)
	if cv.UnreadCount, err = looseInt(aux.UnreadCount); err != nil {
		return fmt.Errorf("conversation unreadCount: %w", err)
	}
	cv.sortValue = ""
	if len(aux.Sort) > 0 {
		cv.sortValue = looseText(aux.Sort[0])
	}
	return nil
}

// ConversationQuery filters SearchConversations (GET /conversations/search). Empty fields are
// not sent.
type ConversationQuery struct {
	ContactID  string
	AssignedTo string
	Query      string
	Status     string // all, read, unread, starred, recents
	Sort       string // asc, desc
	SortBy     string // last_message_date (the API's default), …
	StartDate  *int64 // epoch ms
	EndDate    *int64 // epoch ms
}

// SearchConversations searches the location's conversations (GET /conversations/search,
// {"conversations":[…],"total":N}), 100 a page, continuing with startAfterDate = the sort value
// of the last item (its `sort[0]` when the API sends one, else its lastMessageDate, else the
// lastMessageDate of a GET of that conversation) until the list is complete (see listProgress). maxResults > 0 stops after that many conversations.
func (c *Client) SearchConversations(ctx context.Context, locationID string, q ConversationQuery, maxResults int) ([]Conversation, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	limit := listPageSize
	if maxResults > 0 && maxResults < limit {
		limit = maxResults
	}
	var all []Conversation
	guard := cursorGuard{}
	progress := listProgress{what: "conversations"}
	startAfter := ""
	for {
		v := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(limit)}}
		for k, s := range map[string]string{
			"contactId": q.ContactID, "assignedTo": q.AssignedTo, "query": q.Query, "status": q.Status,
			"sort": q.Sort, "sortBy": q.SortBy,
		} {
			if s != "" {
				v.Set(k, s)
			}
		}
		if q.StartDate != nil {
			v.Set("startDate", strconv.FormatInt(*q.StartDate, 10))
		}
		if q.EndDate != nil {
			v.Set("endDate", strconv.FormatInt(*q.EndDate, 10))
		}
		if startAfter != "" {
			v.Set("startAfterDate", startAfter)
		}
		var page struct {
			Conversations []Conversation `json:"conversations"`
			Total         *int           `json:"total"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/conversations/search", family: familyConversations,
			locationID: loc, query: v}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, err
		}
		all = append(all, page.Conversations...)
		if maxResults > 0 && len(all) >= maxResults {
			return all[:maxResults], nil
		}
		more, err := progress.page(len(page.Conversations), nil, page.Total)
		if err != nil || !more {
			return all, err
		}
		last := page.Conversations[len(page.Conversations)-1]
		startAfter = last.sortValue
		if startAfter == "" && last.LastMessageDate == 0 && last.ID != "" {
			// The official search item schema has neither sort nor lastMessageDate: ask the
			// conversation itself (one or two calls a page).
			if last.LastMessageDate, err = c.lastMessageDate(ctx, loc, last.ID); err != nil {
				return nil, fmt.Errorf("listing conversations: reading the last conversation of a page to continue after it: %w", err)
			}
		}
		if startAfter == "" && last.LastMessageDate != 0 {
			startAfter = strconv.FormatInt(last.LastMessageDate, 10)
		}
		if err := guard.advance("conversations", "startAfterDate", startAfter); err != nil {
			return nil, err
		}
	}
}

// lastMessageDate returns the date of a conversation's last message, epoch ms, the value its
// search sorts on and continues from: the conversation's lastMessageDate (GET,
// ConversationDto) when the answer has it, else the dateAdded of its newest message (some
// readings of GetConversationByIdResponse have no lastMessageDate). 0 when it has no message.
func (c *Client) lastMessageDate(ctx context.Context, loc, conversationID string) (int64, error) {
	full, err := c.GetConversation(ctx, loc, conversationID)
	if err != nil {
		return 0, err
	}
	if full.LastMessageDate != 0 {
		return full.LastMessageDate, nil
	}
	msgs, err := c.ListMessages(ctx, loc, conversationID, 1)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	ms, err := looseMillis(json.RawMessage(strconv.Quote(msgs[0].DateAdded)))
	if err != nil {
		return 0, fmt.Errorf("the date of message %s: %w", msgs[0].ID, err)
	}
	return ms, nil
}

// GetConversation reads a conversation (GET /conversations/{id}, flat; a {conversation:…}
// envelope is accepted too).
func (c *Client) GetConversation(ctx context.Context, locationID, conversationID string) (*Conversation, error) {
	if err := requireID("conversation", conversationID); err != nil {
		return nil, err
	}
	var out Conversation
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversations/%s", conversationID),
		family: familyConversations, locationID: locationID}, inEnvelope(&out, "conversation", "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Message is a conversation message (OAS GetMessageResponseDto).
type Message struct {
	ID             string `json:"id"`
	Type           int64  `json:"type"`                  // numeric type
	MessageType    string `json:"messageType,omitempty"` // TYPE_SMS, TYPE_EMAIL, …
	LocationID     string `json:"locationId,omitempty"`
	ContactID      string `json:"contactId,omitempty"`
	ConversationID string `json:"conversationId,omitempty"`
	// DateAdded is as the API sends it: ISO-8601 (§1.3); a number is kept as its decimal text.
	DateAdded   string `json:"dateAdded,omitempty"`
	Body        string `json:"body,omitempty"`
	Direction   string `json:"direction,omitempty"` // inbound, outbound
	Status      string `json:"status,omitempty"`    // delivered, read, sent, failed, pending, …
	ContentType string `json:"contentType,omitempty"`
	// Attachments keeps each element as raw JSON (URLs in practice; the shape is not given).
	Attachments []json.RawMessage `json:"attachments,omitempty"`
	// Meta is raw JSON: {callDuration,callStatus,email:{messageIds}} and more.
	Meta                   json.RawMessage `json:"meta,omitempty"`
	Source                 string          `json:"source,omitempty"` // workflow, bulk_actions, campaign, api, app
	UserID                 string          `json:"userId,omitempty"`
	ConversationProviderID string          `json:"conversationProviderId,omitempty"`
	ChatWidgetID           string          `json:"chatWidgetId,omitempty"`
}

// UnmarshalJSON decodes leniently: type as a number or numeric string, dateAdded as a string or
// a number.
func (m *Message) UnmarshalJSON(b []byte) error {
	type plain Message
	var aux struct {
		*plain
		Type      json.RawMessage `json:"type"`
		DateAdded json.RawMessage `json:"dateAdded"`
		Meta      json.RawMessage `json:"meta"`
	}
	aux.plain = (*plain)(m)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	var err error
	if m.Type, err = looseInt(aux.Type); err != nil {
		return fmt.Errorf("message type: %w", err)
	}
	m.DateAdded = looseText(aux.DateAdded)
	m.Meta = nil
	if !isJSONNull(aux.Meta) {
		m.Meta = aux.Meta
	}
	return nil
}

// messagesPage is a page of GET /conversations/{id}/messages.
type messagesPage struct {
	LastMessageID string    `json:"lastMessageId"`
	NextPage      *bool     `json:"nextPage"` // nil when the API leaves it out
	Messages      []Message `json:"messages"`
}

// UnmarshalJSON accepts the nested form {"messages":{"lastMessageId","nextPage","messages":[…]}}
// (OAS ≤ de87e88, the emulator) and the flat form {"lastMessageId","nextPage","messages":[…]}
// (2026-05 spec).
func (p *messagesPage) UnmarshalJSON(b []byte) error {
	var outer struct {
		Messages      json.RawMessage `json:"messages"`
		LastMessageID string          `json:"lastMessageId"`
		NextPage      *bool           `json:"nextPage"`
	}
	if err := json.Unmarshal(b, &outer); err != nil {
		return err
	}
	raw := bytes.TrimSpace(outer.Messages)
	*p = messagesPage{LastMessageID: outer.LastMessageID, NextPage: outer.NextPage}
	switch {
	case len(raw) == 0 || isJSONNull(raw):
		return nil
	case raw[0] == '{':
		type plain messagesPage
		return json.Unmarshal(raw, (*plain)(p))
	default:
		return json.Unmarshal(raw, &p.Messages)
	}
}

// ListMessages lists a conversation's messages (GET /conversations/{id}/messages), newest first,
// 100 a page, following lastMessageId until nextPage is false. maxResults > 0 stops after that many messages.
//
// The API's order is unconfirmed (§1.5): the emulator and the LIVE API answer newest first, but
// nothing documents it. When a page comes oldest first (its dates ascend), the newest messages
// are on the last pages: the list is then read to its end whatever maxResults says, sorted
// newest first, and cut to maxResults, so the answer is the same in both orders.
func (c *Client) ListMessages(ctx context.Context, locationID, conversationID string, maxResults int) ([]Message, error) {
	if err := requireID("conversation", conversationID); err != nil {
		return nil, err
	}
	// Full pages whatever maxResults: a page of one message cannot show the list's order.
	limit := listPageSize
	var all []Message
	guard := cursorGuard{}
	progress := listProgress{what: "messages of conversation " + conversationID}
	cursor, oldestFirst := "", false
	for {
		q := url.Values{"limit": {strconv.Itoa(limit)}}
		if cursor != "" {
			q.Set("lastMessageId", cursor)
		}
		var page messagesPage
		err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversations/%s/messages", conversationID),
			family: familyConversations, locationID: locationID, query: q}, &page)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Messages...)
		if !oldestFirst && datesAscend(page.Messages) {
			oldestFirst = true
		}
		if maxResults > 0 && len(all) >= maxResults && !oldestFirst {
			return all[:maxResults], nil
		}
		more, err := progress.page(len(page.Messages), page.NextPage, nil)
		if err != nil {
			return nil, err
		}
		if !more {
			if oldestFirst {
				sortNewestFirst(all)
			}
			if maxResults > 0 && len(all) > maxResults {
				all = all[:maxResults]
			}
			return all, nil
		}
		cursor = page.LastMessageID
		if cursor == "" && len(page.Messages) > 0 {
			cursor = page.Messages[len(page.Messages)-1].ID
		}
		if err := guard.advance("messages of conversation "+conversationID, "lastMessageId", cursor); err != nil {
			return nil, err
		}
	}
}

// datesAscend reports a page whose first message is older than its last one.
func datesAscend(msgs []Message) bool {
	if len(msgs) < 2 {
		return false
	}
	return compareDates(msgs[0].DateAdded, msgs[len(msgs)-1].DateAdded) < 0
}

// compareDates orders two dateAdded values (ISO-8601, or decimal milliseconds); values that
// do not parse compare as text.
func compareDates(a, b string) int {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	if errA == nil && errB == nil {
		return ta.Compare(tb)
	}
	ma, errA := strconv.ParseInt(a, 10, 64)
	mb, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(ma, mb)
	}
	return strings.Compare(a, b)
}

// OnePageInListOrder returns the messages of a single, last page in the order ListMessages
// returns them: as the API sent them, or newest first when they came oldest first. For the
// tests of code that reads the list.
func OnePageInListOrder(page []Message) []Message {
	if !datesAscend(page) {
		return page
	}
	out := slices.Clone(page)
	sortNewestFirst(out)
	return out
}

// sortNewestFirst orders messages newest first; messages of the same date are reversed
// (the list came oldest first).
func sortNewestFirst(msgs []Message) {
	slices.Reverse(msgs)
	slices.SortStableFunc(msgs, func(x, y Message) int { return compareDates(y.DateAdded, x.DateAdded) })
}

// GetMessage reads a message (GET /conversations/messages/{id}, flat; a {message:…} envelope is
// accepted too).
func (c *Client) GetMessage(ctx context.Context, locationID, messageID string) (*Message, error) {
	if err := requireID("message", messageID); err != nil {
		return nil, err
	}
	var out Message
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversations/messages/%s", messageID),
		family: familyConversations, locationID: locationID}, inEnvelope(&out, "message", "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ExportQuery filters ExportMessages (GET /conversations/messages/export). Empty fields are not
// sent.
type ExportQuery struct {
	Limit          int    // page size, 10–500; 0 = 100
	SortBy         string // createdAt (the API's default), updatedAt
	SortOrder      string // asc, desc (the API's default)
	ConversationID string
	ContactID      string
	Channel        string // Call, SMS, Email, WhatsApp, Instagram, Facebook; "" = all non-email
	StartDate      string
	EndDate        string
}

// Limits of ExportQuery.Limit (contract §3.4).
const (
	ExportMinLimit     = 10
	ExportMaxLimit     = 500
	ExportDefaultLimit = 100
)

// ExportMessages fetches one page of the location's messages (GET /conversations/messages/export,
// {"messages":[…],"nextCursor":string|null,"total":N}), so that a caller can stream the export
// and resume it from a saved cursor. cursor "" starts at the beginning; nextCursor "" means the
// export is complete.
func (c *Client) ExportMessages(ctx context.Context, locationID string, q ExportQuery, cursor string) (page []Message, nextCursor string, total int, err error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, "", 0, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = ExportDefaultLimit
	}
	if limit < ExportMinLimit || limit > ExportMaxLimit {
		return nil, "", 0, fmt.Errorf("exporting messages: the page size must be between %d and %d, got %d", ExportMinLimit, ExportMaxLimit, limit)
	}
	v := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(limit)}}
	for k, s := range map[string]string{
		"cursor": cursor, "sortBy": q.SortBy, "sortOrder": q.SortOrder, "conversationId": q.ConversationID,
		"contactId": q.ContactID, "channel": q.Channel, "startDate": q.StartDate, "endDate": q.EndDate,
	} {
		if s != "" {
			v.Set(k, s)
		}
	}
	var res struct {
		Messages   []Message `json:"messages"`
		NextCursor *string   `json:"nextCursor"`
		Total      int       `json:"total"`
	}
	err = c.do(ctx, req{method: http.MethodGet, path: "/conversations/messages/export", family: familyConversations,
		locationID: loc, query: v}, inEnvelope(&res, "data"))
	if err != nil {
		return nil, "", 0, err
	}
	if res.NextCursor != nil {
		nextCursor = *res.NextCursor
	}
	if nextCursor != "" && nextCursor == cursor {
		return nil, "", 0, fmt.Errorf("exporting messages: the API answered the same cursor %q again; stopping", cursor)
	}
	return res.Messages, nextCursor, res.Total, nil
}

// Generation is the AI generation behind a message (GET /conversation-ai/generations, flat).
// FAQs, Website and ActionLogs keep their elements as raw JSON: their shape is not given.
type Generation struct {
	Prompt          string            `json:"prompt"`
	Intent          *string           `json:"intent,omitempty"`
	ResponseMessage string            `json:"responseMessage"`
	FAQs            []json.RawMessage `json:"faqs,omitempty"`
	Website         []json.RawMessage `json:"website,omitempty"`
	AgentID         string            `json:"agentId"`
	// Input is the input text; when the API sends something other than a string, its JSON.
	Input      string            `json:"input,omitempty"`
	ActionLogs []json.RawMessage `json:"actionLogs,omitempty"`
	History    []GenerationTurn  `json:"history,omitempty"`
	Mode       string            `json:"mode,omitempty"`
}

// UnmarshalJSON decodes input leniently (a string, or any JSON kept as text).
func (g *Generation) UnmarshalJSON(b []byte) error {
	type plain Generation
	var aux struct {
		*plain
		Input json.RawMessage `json:"input"`
	}
	aux.plain = (*plain)(g)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	g.Input = looseText(aux.Input)
	return nil
}

// GenerationTurn is an entry of Generation.History.
type GenerationTurn struct {
	Role    string `json:"role"`
	Content string `json:"content"` // a non-string content is kept as its JSON
}

// UnmarshalJSON decodes content leniently.
func (t *GenerationTurn) UnmarshalJSON(b []byte) error {
	var aux struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	t.Role, t.Content = aux.Role, looseText(aux.Content)
	return nil
}

// Generation sources of GetGeneration.
const (
	GenerationSourceConversation = "conversation"
	GenerationSourceWorkflow     = "workflow"
)

// GetGeneration reads the AI generation of a message (GET /conversation-ai/generations?messageId=
// &source=); source "" means "conversation". IsNotFound(err) when the message has no
// generation. Its AgentID is the agent that wrote the message.
func (c *Client) GetGeneration(ctx context.Context, locationID, messageID, source string) (*Generation, error) {
	if err := requireID("message", messageID); err != nil {
		return nil, err
	}
	if source == "" {
		source = GenerationSourceConversation
	}
	var out Generation
	err := c.do(ctx, req{method: http.MethodGet, path: "/conversation-ai/generations", family: familyConversationAI,
		locationID: locationID, query: url.Values{"messageId": {messageID}, "source": {source}}}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}
