// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Control-plane routes of the knowledge-base and conversation families (contract §6;
// admin token required, like every /_emulator/ route):
//
//	POST   /_emulator/seed/conversations        seed conversations, messages and generations
//	DELETE /_emulator/seed/conversations?locationId=ID   remove a location's conversations
//	POST   /_emulator/crawler/operations/{operationId}/interrupt   {"status":"Cancelled"|"Aborted"}
//
// POST /_emulator/seed/conversations takes one of two bodies (unknown fields are 400):
//
// Explicit:
//
//	{"locationId":"…","conversations":[{
//	    "contactId","type" (TYPE_PHONE default, TYPE_EMAIL, TYPE_FB_MESSENGER, TYPE_REVIEW, TYPE_GROUP_SMS),
//	    "fullName","contactName","email","phone","assignedTo","starred","unreadCount","inbox",
//	    "messages":[{"body","direction" (inbound default|outbound),"messageType" (default from the
//	        conversation type),"dateAdded" (ISO; default: now minus one second per later message),
//	        "status","source","userId","contentType",
//	        "generation":{"agentId" R,"source" (conversation default|workflow),"prompt","intent",
//	            "responseMessage" (default: the body),"input","mode" (default auto-pilot),
//	            "faqs":[…],"website":[…],"actionLogs":[…],"history":[{"role","content"}]}}]}]}
//
// Bulk (deterministic content, fast: 500 × 20 in a few milliseconds):
//
//	{"locationId":"…","count":500,"messagesPerConversation":20,"agentIds":["…"],
//	 "messageTypes":["TYPE_SMS"],"endDate":"2026-01-01T00:00:00.000Z"}
//
// Bulk conversation i (0-based) has its last message at endDate (default: the emulator
// clock) minus i minutes, so lastMessageDate values are distinct; its message j is
// (messagesPerConversation-1-j) seconds before that, alternating inbound (even j) and
// outbound. messageTypes (default TYPE_SMS) are used round-robin per conversation. With
// agentIds, every outbound message has a generation by agentIds[i % len] (source
// conversation). Agent ids are not checked, so generations of deleted agents can be seeded.
//
// The answer (201): {"locationId","conversationCount","messageCount","generationCount",
// "conversations":[{"id","contactId","messageIds":[…]}]} with message ids oldest first.

// seedBodyLimit caps seed bodies (explicit seeds of many messages are large).
const seedBodyLimit = 64 << 20

// Bulk limits keep a mistyped count from exhausting memory.
const (
	maxSeedConversations = 10000
	maxSeedMessagesEach  = 1000
	maxSeedMessages      = 200000
)

type seedConversationsBody struct {
	LocationID              string             `json:"locationId"`
	Conversations           []seedConversation `json:"conversations"`
	Count                   int                `json:"count"`
	MessagesPerConversation int                `json:"messagesPerConversation"`
	AgentIDs                []string           `json:"agentIds"`
	MessageTypes            []string           `json:"messageTypes"`
	EndDate                 string             `json:"endDate"`
}

type seedConversation struct {
	ContactID   string        `json:"contactId"`
	Type        string        `json:"type"`
	FullName    string        `json:"fullName"`
	ContactName string        `json:"contactName"`
	Email       string        `json:"email"`
	Phone       string        `json:"phone"`
	AssignedTo  string        `json:"assignedTo"`
	Starred     bool          `json:"starred"`
	Inbox       *bool         `json:"inbox"`
	UnreadCount int64         `json:"unreadCount"`
	Messages    []seedMessage `json:"messages"`
}

type seedMessage struct {
	Body        string          `json:"body"`
	Direction   string          `json:"direction"`
	MessageType string          `json:"messageType"`
	DateAdded   string          `json:"dateAdded"`
	Status      string          `json:"status"`
	Source      string          `json:"source"`
	UserID      string          `json:"userId"`
	ContentType string          `json:"contentType"`
	Generation  *seedGeneration `json:"generation"`
}

type seedGeneration struct {
	AgentID         string            `json:"agentId"`
	Source          string            `json:"source"`
	Prompt          string            `json:"prompt"`
	Intent          string            `json:"intent"`
	ResponseMessage *string           `json:"responseMessage"`
	Input           *string           `json:"input"`
	Mode            string            `json:"mode"`
	FAQs            []json.RawMessage `json:"faqs"`
	Website         []json.RawMessage `json:"website"`
	ActionLogs      []json.RawMessage `json:"actionLogs"`
	History         []GenerationTurn  `json:"history"`
}

// defaultMessageType of a conversation type.
var defaultMessageType = map[string]string{
	"TYPE_PHONE": "TYPE_SMS", "TYPE_EMAIL": "TYPE_EMAIL", "TYPE_FB_MESSENGER": "TYPE_FACEBOOK",
	"TYPE_REVIEW": "TYPE_REVIEW", "TYPE_GROUP_SMS": "TYPE_SMS",
}

// conversationTypeFor is the conversation type bulk seeds give a message type.
func conversationTypeFor(messageType string) string {
	switch messageType {
	case "TYPE_EMAIL", "TYPE_CAMPAIGN_EMAIL", "TYPE_CUSTOM_EMAIL", "TYPE_CUSTOM_PROVIDER_EMAIL":
		return "TYPE_EMAIL"
	case "TYPE_FACEBOOK", "TYPE_CAMPAIGN_FACEBOOK":
		return "TYPE_FB_MESSENGER"
	case "TYPE_REVIEW":
		return "TYPE_REVIEW"
	}
	return "TYPE_PHONE"
}

// registerSeedControl adds this file's control routes; h wraps them with the admin check.
func (e *Emulator) registerSeedControl(h func(pattern string, fn http.HandlerFunc)) {
	h("POST /_emulator/seed/conversations", e.ctlSeedConversations)
	h("DELETE /_emulator/seed/conversations", e.ctlClearConversations)
	h("POST /_emulator/crawler/operations/{operationId}/interrupt", e.ctlInterruptCrawl)
}

func (st *State) initConversations() {
	if st.Conversations == nil {
		st.Conversations = map[string]*Conversation{}
	}
	if st.Messages == nil {
		st.Messages = map[string]*Message{}
	}
	if st.Generations == nil {
		st.Generations = map[string]*Generation{}
	}
}

func (e *Emulator) ctlSeedConversations(w http.ResponseWriter, r *http.Request) {
	var body seedConversationsBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, seedBodyLimit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		writeNestError(w, http.StatusBadRequest, "invalid control body: "+err.Error())
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Locations[body.LocationID] == nil {
		writeNestError(w, http.StatusBadRequest, "locationId must be the id of an existing location")
		return
	}
	now := e.now().Truncate(time.Millisecond)
	var convs []seedConversation
	var problem string
	switch {
	case len(body.Conversations) > 0 && body.Count > 0:
		problem = "give either conversations or count, not both"
	case len(body.Conversations) > 0:
		convs = body.Conversations
	case body.Count > 0:
		convs, problem = bulkConversations(body, now)
	default:
		problem = "give conversations (explicit) or count (bulk)"
	}
	var plans []seedPlan
	if problem == "" {
		plans, problem = planConversations(convs, now)
	}
	if problem != "" {
		writeNestError(w, http.StatusBadRequest, problem)
		return
	}
	st := e.st
	st.initConversations()
	out := make([]map[string]any, 0, len(plans))
	nMsg, nGen := 0, 0
	for _, p := range plans {
		cv := p.conv
		cv.ID, cv.LocationID = newID(), body.LocationID
		ids := make([]string, 0, len(p.msgs))
		for i, m := range p.msgs {
			st.ConversationSeq++
			m.ID, m.LocationID, m.ContactID, m.ConversationID, m.Seq = newID(), cv.LocationID, cv.ContactID, cv.ID, st.ConversationSeq
			st.Messages[m.ID] = m
			ids = append(ids, m.ID)
			if g := p.gens[i]; g != nil {
				g.MessageID, g.LocationID = m.ID, cv.LocationID
				st.Generations[m.ID] = g
				nGen++
			}
		}
		nMsg += len(ids)
		cv.MessageIDs = ids
		st.Conversations[cv.ID] = cv
		out = append(out, map[string]any{"id": cv.ID, "contactId": cv.ContactID, "messageIds": ids})
	}
	if err := e.persistLocked(); err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusCreated, map[string]any{
		"locationId": body.LocationID, "conversationCount": len(plans), "messageCount": nMsg,
		"generationCount": nGen, "conversations": out,
	})
}

// seedPlan is a validated conversation with its messages (oldest first) and their
// generations (nil where none); ids are assigned when it is stored.
type seedPlan struct {
	conv *Conversation
	msgs []*Message
	gens []*Generation
}

// planConversations validates explicit seed conversations and builds the stored objects.
func planConversations(convs []seedConversation, now time.Time) ([]seedPlan, string) {
	plans := make([]seedPlan, 0, len(convs))
	total := 0
	for ci, sc := range convs {
		where := fmt.Sprintf("conversations[%d]", ci)
		typ := cmp.Or(sc.Type, "TYPE_PHONE")
		if _, ok := conversationTypes[typ]; !ok {
			return nil, where + ".type must be one of " + strings.Join(sortedKeys(conversationTypes), ", ")
		}
		if len(sc.Messages) == 0 {
			return nil, where + ".messages must contain at least 1 message"
		}
		if total += len(sc.Messages); total > maxSeedMessages {
			return nil, fmt.Sprintf("at most %d messages per seed", maxSeedMessages)
		}
		inbox := true
		if sc.Inbox != nil {
			inbox = *sc.Inbox
		}
		cv := &Conversation{
			ContactID: cmp.Or(sc.ContactID, newID()), Type: typ, FullName: sc.FullName,
			ContactName: cmp.Or(sc.ContactName, sc.FullName), Email: sc.Email, Phone: sc.Phone, AssignedTo: sc.AssignedTo,
			Starred: sc.Starred, Inbox: inbox, UnreadCount: sc.UnreadCount,
		}
		p := seedPlan{conv: cv}
		for mi, sm := range sc.Messages {
			mw := fmt.Sprintf("%s.messages[%d]", where, mi)
			dir := cmp.Or(sm.Direction, "inbound")
			if dir != "inbound" && dir != "outbound" {
				return nil, mw + ".direction must be inbound or outbound"
			}
			mt := cmp.Or(sm.MessageType, defaultMessageType[typ])
			if _, ok := messageTypes[mt]; !ok {
				return nil, mw + ".messageType must be a TYPE_* message type, e.g. TYPE_SMS"
			}
			date := now.Add(-time.Duration(len(sc.Messages)-1-mi) * time.Second)
			if sm.DateAdded != "" {
				t, err := time.Parse(time.RFC3339Nano, sm.DateAdded)
				if err != nil {
					return nil, mw + ".dateAdded must be an ISO 8601 date-time"
				}
				date = t.UTC()
			}
			status := sm.Status
			if status == "" {
				status = map[string]string{"inbound": "delivered", "outbound": "sent"}[dir]
			}
			m := &Message{
				MessageType: mt, Body: sm.Body, Direction: dir, Status: status,
				ContentType: cmp.Or(sm.ContentType, "text/plain"), Source: sm.Source, UserID: sm.UserID,
				DateAdded: date, DateUpdated: date,
			}
			var g *Generation
			if sg := sm.Generation; sg != nil {
				if sg.AgentID == "" {
					return nil, mw + ".generation.agentId must be given"
				}
				src := cmp.Or(sg.Source, "conversation")
				if src != "conversation" && src != "workflow" {
					return nil, mw + ".generation.source must be conversation or workflow"
				}
				resp := sm.Body
				if sg.ResponseMessage != nil {
					resp = *sg.ResponseMessage
				}
				g = &Generation{
					AgentID: sg.AgentID, Source: src, Prompt: sg.Prompt, Intent: sg.Intent, ResponseMessage: resp,
					Input: sg.Input, Mode: cmp.Or(sg.Mode, "auto-pilot"), FAQs: sg.FAQs, Website: sg.Website,
					ActionLogs: sg.ActionLogs, History: sg.History,
				}
			}
			p.msgs = append(p.msgs, m)
			p.gens = append(p.gens, g)
		}
		// Messages oldest first (stable: equal dates keep the body's order).
		idx := make([]int, len(p.msgs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return p.msgs[a].DateAdded.Compare(p.msgs[b].DateAdded) })
		msgs, gens := make([]*Message, len(idx)), make([]*Generation, len(idx))
		for i, j := range idx {
			msgs[i], gens[i] = p.msgs[j], p.gens[j]
		}
		p.msgs, p.gens = msgs, gens
		last := p.msgs[len(p.msgs)-1]
		cv.LastMessageBody, cv.LastMessageType, cv.LastMessageDirection = last.Body, last.MessageType, last.Direction
		cv.LastMessageDate, cv.DateAdded, cv.DateUpdated = last.DateAdded, p.msgs[0].DateAdded, last.DateAdded
		plans = append(plans, p)
	}
	return plans, ""
}

// bulkConversations synthesises the bulk form as explicit conversations (deterministic
// content, see the file comment).
func bulkConversations(b seedConversationsBody, now time.Time) ([]seedConversation, string) {
	per := b.MessagesPerConversation
	if per == 0 {
		per = 20
	}
	switch {
	case b.Count > maxSeedConversations:
		return nil, fmt.Sprintf("count must be at most %d", maxSeedConversations)
	case per < 1 || per > maxSeedMessagesEach:
		return nil, fmt.Sprintf("messagesPerConversation must be within 1-%d", maxSeedMessagesEach)
	case b.Count*per > maxSeedMessages:
		return nil, fmt.Sprintf("count × messagesPerConversation must be at most %d", maxSeedMessages)
	}
	types := b.MessageTypes
	if len(types) == 0 {
		types = []string{"TYPE_SMS"}
	}
	for _, t := range types {
		if _, ok := messageTypes[t]; !ok {
			return nil, "messageTypes must hold TYPE_* message types, e.g. TYPE_SMS; got " + t
		}
	}
	for _, a := range b.AgentIDs {
		if a == "" {
			return nil, "agentIds must not contain empty ids"
		}
	}
	end := now
	if b.EndDate != "" {
		t, err := time.Parse(time.RFC3339Nano, b.EndDate)
		if err != nil {
			return nil, "endDate must be an ISO 8601 date-time"
		}
		end = t.UTC()
	}
	convs := make([]seedConversation, b.Count)
	for i := range convs {
		n := i + 1
		mt := types[i%len(types)]
		last := end.Add(-time.Duration(i) * time.Minute)
		sc := seedConversation{
			Type: conversationTypeFor(mt), FullName: fmt.Sprintf("Contact %04d", n), Email: fmt.Sprintf("contact%04d@example.com", n),
			Phone: fmt.Sprintf("+1555020%04d", n%10000), Starred: i%10 == 0, UnreadCount: int64(i % 3),
			Messages: make([]seedMessage, per),
		}
		for j := range sc.Messages {
			sm := seedMessage{
				MessageType: mt, Direction: "inbound", Source: "app",
				DateAdded: last.Add(-time.Duration(per-1-j) * time.Second).Format(time.RFC3339Nano),
				Body:      fmt.Sprintf("Hello, this is contact %04d with question %d.", n, j/2+1),
			}
			if j%2 == 1 {
				sm.Direction = "outbound"
				sm.Body = fmt.Sprintf("Thanks for your question %d! Here is what you need to know, contact %04d.", j/2+1, n)
				if len(b.AgentIDs) > 0 {
					sm.Generation = &seedGeneration{
						AgentID: b.AgentIDs[i%len(b.AgentIDs)], Source: "conversation",
						Prompt: "You are a helpful assistant for the business. Answer briefly.", Intent: "question",
						FAQs: []json.RawMessage{}, Website: []json.RawMessage{}, ActionLogs: []json.RawMessage{},
					}
				}
			}
			sc.Messages[j] = sm
		}
		convs[i] = sc
	}
	return convs, ""
}

func (e *Emulator) ctlClearConversations(w http.ResponseWriter, r *http.Request) {
	loc := r.URL.Query().Get("locationId")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Locations[loc] == nil {
		writeNestError(w, http.StatusBadRequest, "locationId must be the id of an existing location")
		return
	}
	n := 0
	for id, cv := range e.st.Conversations {
		if cv.LocationID == loc {
			delete(e.st.Conversations, id)
			n++
		}
	}
	for id, m := range e.st.Messages {
		if m.LocationID == loc {
			delete(e.st.Messages, id)
			delete(e.st.Generations, id)
		}
	}
	if err := e.persistLocked(); err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusOK, map[string]any{"success": true, "deletedConversations": n})
}

// ctlInterruptCrawl is the crawler's fault injection: the operation (brought up to the
// clock first) and its URLs still training take the status Cancelled or Aborted.
func (e *Emulator) ctlInterruptCrawl(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status string `json:"status"`
	}
	if !readControl(w, r, &body) {
		return
	}
	if body.Status != crawlCancelled && body.Status != crawlAborted {
		writeNestError(w, http.StatusBadRequest, "status must be Cancelled or Aborted")
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	op := e.st.CrawlOps[r.PathValue("operationId")]
	if op == nil {
		writeNestError(w, http.StatusNotFound, msgCrawlNotFound)
		return
	}
	now := e.now()
	e.st.advanceCrawls(op.KnowledgeBaseID, now, e.crawlStep())
	e.st.interruptCrawl(op, body.Status, now)
	if err := e.persistLocked(); err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusOK, e.st.crawlStatusView(op))
}
