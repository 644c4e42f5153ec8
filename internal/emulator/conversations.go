// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Conversations and messages (contract §3.4), read-only: nothing public creates them, the
// control plane seeds them (POST /_emulator/seed/conversations, seed.go). AI generations
// are in generations.go. All routes use Version 2021-04-15; search and export carry
// locationId (must be the caller's), the others address objects by id (another
// location's id is "not found"). Conversation and message shapes are unconfirmed (§8).
//
// Routing note: Go's ServeMux refuses the overlapping pair
// "GET /conversations/{conversationId}/messages" and "GET /conversations/messages/{id}"
// (both match /conversations/messages/messages and neither is more specific), so the
// message list is registered as "GET /conversations/{conversationId}/{child}" and
// answers NestJS's 404 unless child is "messages".

// ConversationState holds conversations, messages and AI generations (contract §3.4).
type ConversationState struct {
	Conversations map[string]*Conversation `json:"conversations"`
	Messages      map[string]*Message      `json:"messages"`
	Generations   map[string]*Generation   `json:"generations"` // by message id
	// ConversationSeq numbers messages in creation order (tie-break of equal dates).
	ConversationSeq int64 `json:"conversationSeq"`
}

// Conversation is a stored conversation.
type Conversation struct {
	ID          string `json:"id"`
	LocationID  string `json:"locationId"`
	ContactID   string `json:"contactId"`
	Type        string `json:"type"` // TYPE_PHONE, TYPE_EMAIL, …
	FullName    string `json:"fullName"`
	ContactName string `json:"contactName"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	AssignedTo  string `json:"assignedTo,omitempty"`
	Starred     bool   `json:"starred"`
	Inbox       bool   `json:"inbox"`
	UnreadCount int64  `json:"unreadCount"`
	// Last message, denormalised as the real search index does.
	LastMessageBody      string    `json:"lastMessageBody"`
	LastMessageType      string    `json:"lastMessageType"`
	LastMessageDirection string    `json:"lastMessageDirection"`
	LastMessageDate      time.Time `json:"lastMessageDate"`
	MessageIDs           []string  `json:"messageIds"` // dateAdded asc
	DateAdded            time.Time `json:"dateAdded"`
	DateUpdated          time.Time `json:"dateUpdated"`
}

// Message is a stored message.
type Message struct {
	ID             string    `json:"id"`
	LocationID     string    `json:"locationId"`
	ContactID      string    `json:"contactId"`
	ConversationID string    `json:"conversationId"`
	MessageType    string    `json:"messageType"` // TYPE_SMS, …
	Body           string    `json:"body"`
	Direction      string    `json:"direction"` // inbound, outbound
	Status         string    `json:"status"`
	ContentType    string    `json:"contentType"`
	Source         string    `json:"source,omitempty"`
	UserID         string    `json:"userId,omitempty"`
	Attachments    []string  `json:"attachments,omitempty"`
	Seq            int64     `json:"seq"`
	DateAdded      time.Time `json:"dateAdded"`
	DateUpdated    time.Time `json:"dateUpdated"`
}

// conversationTypes are the conversation types and their numbers on
// GET /conversations/{id} (§3.4: 1 phone, 2 email, 3 FB, 4 review, 5 group SMS).
var conversationTypes = map[string]int{
	"TYPE_PHONE": 1, "TYPE_EMAIL": 2, "TYPE_FB_MESSENGER": 3, "TYPE_REVIEW": 4, "TYPE_GROUP_SMS": 5,
}

// messageTypes are the message types and their numeric "type" (numbers unconfirmed: the
// order of HighLevel's MessageType enum as community code shows it).
var messageTypes = map[string]int{
	"TYPE_CALL": 1, "TYPE_SMS": 2, "TYPE_EMAIL": 3, "TYPE_SMS_REVIEW_REQUEST": 4, "TYPE_WEBCHAT": 5,
	"TYPE_SMS_NO_SHOW_REQUEST": 6, "TYPE_CAMPAIGN_SMS": 7, "TYPE_CAMPAIGN_CALL": 8, "TYPE_CAMPAIGN_EMAIL": 9,
	"TYPE_CAMPAIGN_VOICEMAIL": 10, "TYPE_FACEBOOK": 11, "TYPE_CAMPAIGN_FACEBOOK": 12,
	"TYPE_CAMPAIGN_MANUAL_CALL": 13, "TYPE_CAMPAIGN_MANUAL_SMS": 14, "TYPE_GMB": 15, "TYPE_CAMPAIGN_GMB": 16,
	"TYPE_REVIEW": 17, "TYPE_INSTAGRAM": 18, "TYPE_WHATSAPP": 19, "TYPE_CUSTOM_SMS": 20, "TYPE_CUSTOM_EMAIL": 21,
	"TYPE_CUSTOM_PROVIDER_SMS": 22, "TYPE_CUSTOM_PROVIDER_EMAIL": 23, "TYPE_IVR_CALL": 24,
	"TYPE_ACTIVITY_CONTACT": 25, "TYPE_ACTIVITY_INVOICE": 26, "TYPE_ACTIVITY_PAYMENT": 27,
	"TYPE_ACTIVITY_OPPORTUNITY": 28, "TYPE_LIVE_CHAT": 29, "TYPE_LIVE_CHAT_INFO_MESSAGE": 30,
	"TYPE_ACTIVITY_APPOINTMENT": 31,
}

// exportChannels maps the export's channel filter to message types.
var exportChannels = map[string][]string{
	"Call":      {"TYPE_CALL", "TYPE_CAMPAIGN_CALL", "TYPE_CAMPAIGN_MANUAL_CALL", "TYPE_IVR_CALL", "TYPE_CAMPAIGN_VOICEMAIL"},
	"SMS":       {"TYPE_SMS", "TYPE_CAMPAIGN_SMS", "TYPE_CAMPAIGN_MANUAL_SMS", "TYPE_CUSTOM_SMS", "TYPE_CUSTOM_PROVIDER_SMS", "TYPE_SMS_REVIEW_REQUEST", "TYPE_SMS_NO_SHOW_REQUEST"},
	"Email":     {"TYPE_EMAIL", "TYPE_CAMPAIGN_EMAIL", "TYPE_CUSTOM_EMAIL", "TYPE_CUSTOM_PROVIDER_EMAIL"},
	"WhatsApp":  {"TYPE_WHATSAPP"},
	"Instagram": {"TYPE_INSTAGRAM"},
	"Facebook":  {"TYPE_FACEBOOK", "TYPE_CAMPAIGN_FACEBOOK"},
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

const (
	msgConversationNotFound = "Conversation not found" // wording unconfirmed
	msgMessageNotFound      = "Message not found"      // wording unconfirmed
)

func (e *Emulator) registerConversationRoutes(mux *http.ServeMux) {
	conv := routeOpts{scope: "conversations.readonly"}
	convQ := conv
	convQ.location = locQuery
	msg := routeOpts{scope: "conversations/message.readonly"}
	msgQ := msg
	msgQ.location = locQuery
	e.handle(mux, "GET /conversations/search", convQ, e.searchConversations)
	e.handle(mux, "GET /conversations/{conversationId}", conv, e.getConversation)
	e.handle(mux, "GET /conversations/{conversationId}/{child}", msg, e.listMessages)
	e.handle(mux, "GET /conversations/messages/export", msgQ, e.exportMessages)
	e.handle(mux, "GET /conversations/messages/{messageId}", msg, e.getMessage)
	e.handle(mux, "GET /conversation-ai/generations", routeOpts{scope: "conversation-ai.readonly"}, e.getGeneration)
}

// conversationJSON is a conversation of the search (OAS ConversationSchema) plus
// lastMessageDate (ms), the value startAfterDate continues from, and sort, the sort
// values of the search index.
type conversationJSON struct {
	ID                   string  `json:"id"`
	ContactID            string  `json:"contactId"`
	LocationID           string  `json:"locationId"`
	LastMessageBody      string  `json:"lastMessageBody"`
	LastMessageType      string  `json:"lastMessageType"`
	LastMessageDirection string  `json:"lastMessageDirection"`
	LastMessageDate      int64   `json:"lastMessageDate"`
	Type                 string  `json:"type"`
	UnreadCount          int64   `json:"unreadCount"`
	FullName             string  `json:"fullName"`
	ContactName          string  `json:"contactName"`
	Email                string  `json:"email"`
	Phone                string  `json:"phone"`
	AssignedTo           string  `json:"assignedTo,omitempty"`
	Starred              bool    `json:"starred"`
	DateAdded            int64   `json:"dateAdded"`
	DateUpdated          int64   `json:"dateUpdated"`
	Sort                 []int64 `json:"sort"`
}

func conversationView(cv *Conversation) conversationJSON {
	last := cv.LastMessageDate.UnixMilli()
	return conversationJSON{
		ID: cv.ID, ContactID: cv.ContactID, LocationID: cv.LocationID, LastMessageBody: cv.LastMessageBody,
		LastMessageType: cv.LastMessageType, LastMessageDirection: cv.LastMessageDirection, LastMessageDate: last,
		Type: cv.Type, UnreadCount: cv.UnreadCount, FullName: cv.FullName, ContactName: cv.ContactName,
		Email: cv.Email, Phone: cv.Phone, AssignedTo: cv.AssignedTo, Starred: cv.Starred,
		DateAdded: cv.DateAdded.UnixMilli(), DateUpdated: cv.DateUpdated.UnixMilli(), Sort: []int64{last},
	}
}

// messageJSON is the Message object (OAS GetMessageResponseDto).
type messageJSON struct {
	ID             string         `json:"id"`
	Type           int            `json:"type"`
	MessageType    string         `json:"messageType"`
	LocationID     string         `json:"locationId"`
	ContactID      string         `json:"contactId"`
	ConversationID string         `json:"conversationId"`
	DateAdded      string         `json:"dateAdded"`
	DateUpdated    string         `json:"dateUpdated"`
	Body           string         `json:"body"`
	Direction      string         `json:"direction"`
	Status         string         `json:"status"`
	ContentType    string         `json:"contentType"`
	Attachments    []string       `json:"attachments"`
	Meta           map[string]any `json:"meta"`
	Source         string         `json:"source,omitempty"`
	UserID         string         `json:"userId,omitempty"`
}

func messageView(m *Message) messageJSON {
	return messageJSON{
		ID: m.ID, Type: messageTypes[m.MessageType], MessageType: m.MessageType, LocationID: m.LocationID,
		ContactID: m.ContactID, ConversationID: m.ConversationID, DateAdded: isoTime(m.DateAdded),
		DateUpdated: isoTime(m.DateUpdated), Body: m.Body, Direction: m.Direction, Status: m.Status,
		ContentType: m.ContentType, Attachments: orEmpty(m.Attachments), Meta: map[string]any{}, Source: m.Source,
		UserID: m.UserID,
	}
}

func (c *reqCtx) conversationOf(id string) *Conversation {
	cv := c.st.Conversations[id]
	if cv == nil || cv.LocationID != c.locationID() {
		return nil
	}
	return cv
}

func (c *reqCtx) messageOf(id string) *Message {
	m := c.st.Messages[id]
	if m == nil || m.LocationID != c.locationID() {
		return nil
	}
	return m
}

// queryEnum validates an optional query parameter from allowed.
func queryEnum(c *reqCtx, name string, def string, allowed ...string) (string, []string) {
	v := c.query(name)
	if v == "" {
		return def, nil
	}
	if !slices.Contains(allowed, v) {
		return def, []string{name + " must be one of the following values: " + strings.Join(allowed, ", ")}
	}
	return v, nil
}

// GET /conversations/search: locationId R, contactId, assignedTo, query (case-insensitive
// substring of the contact's names, email, phone or the last message), status (all,
// read, unread, starred, recents), sort (asc|desc, default desc), sortBy
// (last_message_date default; last_manual_message_date and score_profile are accepted
// and sort by the last message date too), startAfterDate (ms: the lastMessageDate of the
// previous page's last item), limit (default 20, 1-100), startDate/endDate (ms bounds of
// lastMessageDate). total counts every match.
func (e *Emulator) searchConversations(c *reqCtx) {
	q := c.r.URL.Query()
	msgs := requireQuery(c, "locationId")
	limit, m := queryInt(q, "limit", 20, 1, 100)
	msgs = append(msgs, m...)
	status, m := queryEnum(c, "status", "all", "all", "read", "unread", "starred", "recents")
	msgs = append(msgs, m...)
	order, m := queryEnum(c, "sort", "desc", "asc", "desc")
	msgs = append(msgs, m...)
	_, m = queryEnum(c, "sortBy", "last_message_date", "last_message_date", "last_manual_message_date", "score_profile")
	msgs = append(msgs, m...)
	after, m := queryInt(q, "startAfterDate", -1, 0, math.MaxInt64)
	msgs = append(msgs, m...)
	from, m := queryInt(q, "startDate", 0, 0, math.MaxInt64)
	msgs = append(msgs, m...)
	to, m := queryInt(q, "endDate", math.MaxInt64, 0, math.MaxInt64)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	contact, assigned, text := q.Get("contactId"), q.Get("assignedTo"), strings.ToLower(q.Get("query"))
	var all []*Conversation
	for _, cv := range c.st.Conversations {
		if cv.LocationID != c.locationID() || (contact != "" && cv.ContactID != contact) ||
			(assigned != "" && cv.AssignedTo != assigned) {
			continue
		}
		switch status {
		case "read":
			if cv.UnreadCount > 0 {
				continue
			}
		case "unread":
			if cv.UnreadCount == 0 {
				continue
			}
		case "starred":
			if !cv.Starred {
				continue
			}
		}
		if ms := cv.LastMessageDate.UnixMilli(); ms < from || ms > to {
			continue
		}
		if text != "" && !strings.Contains(strings.ToLower(strings.Join([]string{cv.FullName, cv.ContactName, cv.Email, cv.Phone, cv.LastMessageBody}, "\x00")), text) {
			continue
		}
		all = append(all, cv)
	}
	slices.SortFunc(all, func(a, b *Conversation) int {
		d := cmp.Or(cmp.Compare(a.LastMessageDate.UnixMilli(), b.LastMessageDate.UnixMilli()), strings.Compare(a.ID, b.ID))
		if order == "desc" {
			return -d
		}
		return d
	})
	total := len(all)
	if after >= 0 {
		all = slices.DeleteFunc(all, func(cv *Conversation) bool {
			ms := cv.LastMessageDate.UnixMilli()
			if order == "desc" {
				return ms >= after
			}
			return ms <= after
		})
	}
	page := all[:min(int(limit), len(all))]
	items := make([]conversationJSON, 0, len(page))
	for _, cv := range page {
		items = append(items, conversationView(cv))
	}
	c.json(http.StatusOK, map[string]any{"conversations": c.conversationItems(items), "total": total})
}

// GET /conversations/{id}: the flat GetConversation shape, type as a number.
func (e *Emulator) getConversation(c *reqCtx) {
	cv := c.conversationOf(c.path("conversationId"))
	if cv == nil {
		c.notFound(msgConversationNotFound)
		return
	}
	out := map[string]any{
		"id": cv.ID, "contactId": cv.ContactID, "locationId": cv.LocationID, "deleted": false, "inbox": cv.Inbox,
		"type": conversationTypes[cv.Type], "unreadCount": cv.UnreadCount, "starred": cv.Starred,
	}
	if cv.AssignedTo != "" {
		out["assignedTo"] = cv.AssignedTo
	}
	c.json(http.StatusOK, out)
}

// messagesOf returns a conversation's messages, newest first (dateAdded desc, then
// creation order desc).
func (st *State) messagesOf(cv *Conversation) []*Message {
	out := make([]*Message, 0, len(cv.MessageIDs))
	for _, id := range cv.MessageIDs {
		if m := st.Messages[id]; m != nil {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *Message) int {
		return cmp.Or(b.DateAdded.Compare(a.DateAdded), cmp.Compare(b.Seq, a.Seq))
	})
	return out
}

// GET /conversations/{id}/messages: lastMessageId (cursor), limit (default 20, 1-100),
// type (comma list of TYPE_*). Flat answer {lastMessageId,nextPage,messages} (SDK 3.1.0).
func (e *Emulator) listMessages(c *reqCtx) {
	if c.path("child") != "messages" {
		c.fail(http.StatusNotFound, "Cannot GET "+c.r.URL.Path)
		return
	}
	q := c.r.URL.Query()
	limit, msgs := queryInt(q, "limit", 20, 1, 100)
	var types []string
	if t := q.Get("type"); t != "" {
		for _, s := range strings.Split(t, ",") {
			s = strings.TrimSpace(s)
			if _, ok := messageTypes[s]; !ok {
				msgs = append(msgs, "each value in type must be one of the following values: "+strings.Join(sortedKeys(messageTypes), ", "))
				break
			}
			types = append(types, s)
		}
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	cv := c.conversationOf(c.path("conversationId"))
	if cv == nil {
		c.notFound(msgConversationNotFound)
		return
	}
	all := reversedIf(c.vr().ReverseListOrder, c.st.messagesOf(cv))
	if len(types) > 0 {
		all = slices.DeleteFunc(all, func(m *Message) bool { return !slices.Contains(types, m.MessageType) })
	}
	start := 0
	if after := q.Get("lastMessageId"); after != "" {
		i := slices.IndexFunc(all, func(m *Message) bool { return m.ID == after })
		if i < 0 {
			c.invalid("lastMessageId must be the id of a message of this conversation")
			return
		}
		start = i + 1
	}
	end := min(start+int(limit), len(all))
	items := make([]messageJSON, 0, end-start)
	last := "" // required string: "" on an empty page, never null
	for _, m := range all[start:end] {
		items = append(items, messageView(m))
		last = m.ID
	}
	// Flat, as the official SDK 3.1.0 and OAS d9cbcd5 declare GetMessagesByConversationResponseDto
	// (the nested form of OAS ≤ de87e88 and LIVE 2025-10 is the client's other accepted form).
	page := map[string]any{"lastMessageId": last, "nextPage": end < len(all), "messages": items}
	c.endCursor(page, "lastMessageId") // null_end_cursors
	if c.vr().MessagesNested {
		c.json(http.StatusOK, map[string]any{"messages": page}) // OAS ≤ de87e88, LIVE 2025-10
		return
	}
	c.json(http.StatusOK, page)
}

// GET /conversations/messages/{id}: the flat Message.
func (e *Emulator) getMessage(c *reqCtx) {
	m := c.messageOf(c.path("messageId"))
	if m == nil {
		c.notFound(msgMessageNotFound)
		return
	}
	c.json(http.StatusOK, messageView(m))
}

// parseExportDate accepts epoch milliseconds or an ISO-8601 date(-time).
func parseExportDate(s string) (time.Time, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
		return time.UnixMilli(n).UTC(), true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// Export cursors are opaque to clients: base64url("<unix ns of the sort key>:<seq>") of
// the page's last message; the next page starts strictly after it in the sort order,
// so messages seeded meanwhile never shift pages.
func exportCursor(key time.Time, seq int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%d", key.UnixNano(), seq))
}

func parseExportCursor(s string) (ns, seq int64, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, 0, false
	}
	a, z, found := strings.Cut(string(b), ":")
	if !found {
		return 0, 0, false
	}
	ns, err1 := strconv.ParseInt(a, 10, 64)
	seq, err2 := strconv.ParseInt(z, 10, 64)
	return ns, seq, err1 == nil && err2 == nil
}

// GET /conversations/messages/export: locationId R, limit (default 100, 10-500), cursor,
// sortBy (createdAt|updatedAt, default createdAt), sortOrder (asc|desc, default desc),
// conversationId, contactId, channel (Call, SMS, Email, WhatsApp, Instagram, Facebook;
// absent = every non-email message), startDate/endDate (ISO or ms, bounds of the sortBy
// date). {"messages","nextCursor" (absent on the last page),"total" (every match)}.
func (e *Emulator) exportMessages(c *reqCtx) {
	q := c.r.URL.Query()
	msgs := requireQuery(c, "locationId")
	limit, m := queryInt(q, "limit", 100, 10, 500)
	msgs = append(msgs, m...)
	sortBy, m := queryEnum(c, "sortBy", "createdAt", "createdAt", "updatedAt")
	msgs = append(msgs, m...)
	order, m := queryEnum(c, "sortOrder", "desc", "asc", "desc")
	msgs = append(msgs, m...)
	channel, m := queryEnum(c, "channel", "", "Call", "SMS", "Email", "WhatsApp", "Instagram", "Facebook")
	msgs = append(msgs, m...)
	var from, to time.Time
	var hasFrom, hasTo bool
	if s := q.Get("startDate"); s != "" {
		if from, hasFrom = parseExportDate(s); !hasFrom {
			msgs = append(msgs, "startDate must be a valid ISO 8601 date string or epoch milliseconds")
		}
	}
	if s := q.Get("endDate"); s != "" {
		if to, hasTo = parseExportDate(s); !hasTo {
			msgs = append(msgs, "endDate must be a valid ISO 8601 date string or epoch milliseconds")
		}
	}
	var curNS, curSeq int64
	cursor := q.Get("cursor")
	if cursor != "" {
		var ok bool
		if curNS, curSeq, ok = parseExportCursor(cursor); !ok {
			msgs = append(msgs, "cursor is invalid")
		}
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	key := func(m *Message) time.Time {
		if sortBy == "updatedAt" {
			return m.DateUpdated
		}
		return m.DateAdded
	}
	allowed := exportChannels[channel]
	conv, contact := q.Get("conversationId"), q.Get("contactId")
	var all []*Message
	for _, m := range c.st.Messages {
		if m.LocationID != c.locationID() || (conv != "" && m.ConversationID != conv) || (contact != "" && m.ContactID != contact) {
			continue
		}
		if channel == "" {
			if slices.Contains(exportChannels["Email"], m.MessageType) {
				continue
			}
		} else if !slices.Contains(allowed, m.MessageType) {
			continue
		}
		if k := key(m); (hasFrom && k.Before(from)) || (hasTo && k.After(to)) {
			continue
		}
		all = append(all, m)
	}
	compare := func(a, b *Message) int {
		d := cmp.Or(key(a).Compare(key(b)), cmp.Compare(a.Seq, b.Seq))
		if order == "desc" {
			return -d
		}
		return d
	}
	slices.SortFunc(all, compare)
	total := len(all)
	start := 0
	if cursor != "" {
		start, _ = slices.BinarySearchFunc(all, struct{}{}, func(m *Message, _ struct{}) int {
			d := cmp.Or(cmp.Compare(key(m).UnixNano(), curNS), cmp.Compare(m.Seq, curSeq))
			if order == "desc" {
				d = -d
			}
			if d <= 0 {
				return -1 // at or before the cursor: skip
			}
			return 1
		})
	}
	end := min(start+int(limit), len(all))
	items := make([]messageJSON, 0, end-start)
	for _, m := range all[start:end] {
		items = append(items, messageView(m))
	}
	out := map[string]any{"messages": items, "total": total}
	if end < len(all) && end > start {
		last := all[end-1]
		out["nextCursor"] = exportCursor(key(last), last.Seq)
	}
	// On the last page nextCursor is absent: optional string in OAS ExportMessagesResponseDto
	// and the SDK 3.1.0 model, which declare no null.
	c.endCursor(out, "nextCursor") // null_end_cursors: "Null if no more results"
	c.json(http.StatusOK, out)
}
