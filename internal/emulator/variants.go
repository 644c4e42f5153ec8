// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// API variants: switches that make the emulator answer another reading of the API that
// the published sources (contract, official OpenAPI files, LIVE pages) also allow, so that
// the provider is tested against every one. All are off by default; with all off the
// emulator answers exactly as before. doc.go has the table switch → ambiguity → source.
//
// Control plane (admin token):
//
//	GET    /_emulator/variants   the current switches (every member, false/0 when off)
//	PUT    /_emulator/variants   replace the whole set: members omitted are off; unknown
//	                             members are 400. {"strict":true} turns every switch on
//	                             (page_size_cap 50 unless given); add "name":false to
//	                             leave one out. Answers the new set.
//	DELETE /_emulator/variants   reset: every switch off
//
// In process: emu.SetVariants(emulator.StrictVariants()) or SetVariants(Variants{…}).
// Binary: highlevel-emulator -variants strict (or a comma list, see ParseVariants).
//
// Switches are process configuration, like rate limits and the crawler delay: they are
// not persisted in the data file, so a restarted emulator starts with the -variants flag
// again (the binary) or with none (New). They take effect on the next request; they never
// change stored objects, only what requests see and which requests are accepted.

// Variants is the set of switches. JSON names are the control plane's and the flag's.
type Variants struct {
	// PageSizeCap > 0: every paged list returns at most this many items a page, whatever
	// limit/pageLength the client asks (agents search, knowledge bases, FAQs, crawled
	// URLs, files, conversations search, messages, messages export). The page's
	// end-of-list members stay truthful; the crawler's page p starts at (p-1)*cap.
	PageSizeCap int `json:"page_size_cap"`
	// OmitEndOfListMembers leaves out, on every page, the end-of-list members the official
	// schema marks optional: FAQ list lastFaqId and hasMore, KB list
	// data.lastKnowledgeBaseId (hasMore is required there). The export's nextCursor is
	// absent on its last page already by default.
	OmitEndOfListMembers bool `json:"omit_end_of_list_members"`
	// NullEndCursors answers null instead of leaving out a cursor with no value (OAS
	// ExportMessagesResponseDto: nextCursor "Null if no more results"): export nextCursor
	// null on the last page, messages lastMessageId null on an empty page, FAQ lastFaqId and
	// KB lastKnowledgeBaseId null on an empty page (unless omit_end_of_list_members).
	NullEndCursors bool `json:"null_end_cursors"`
	// ActionsGroupedByType orders GET …/actions/list by type, in the OAS enum order
	// (fetchActionsForEmployeeResponseDTO: "Grouped actions by type", still an array).
	ActionsGroupedByType bool `json:"actions_grouped_by_type"`
	// AgentGoalObject answers the agent's goal as {"prompt","type":"custom","actionId":null}
	// (the EmployeeListItemDTO shape) on POST, GET and PUT of an agent.
	AgentGoalObject bool `json:"agent_goal_object"`
	// AgentOmitUndocumented leaves out of the Agent object (POST, GET, PUT) the members
	// EmployeeResponseDTO does not list: locationId, createdAt, updatedAt; and locationId
	// of search items (EmployeeListItemDTO has none).
	AgentOmitUndocumented bool `json:"agent_omit_undocumented"`
	// OmitWriteOnlyFields leaves out the fields no documented response has (§7.4):
	// agent respondToImages and respondToAudio, knowledge base description.
	OmitWriteOnlyFields bool `json:"omit_write_only_fields"`
	// PrimaryNotExclusive: isPrimary:true does not clear the location's other agents.
	PrimaryNotExclusive bool `json:"primary_not_exclusive"`
	// AgentPutReplaces: agent PUT is a full replace: every optional member the body omits
	// returns to its create default (businessName absent, mode off, channels [],
	// waitTime 2 seconds, sleep off, knowledgeBaseIds [], respondTo*/sleepOn* false).
	// name, personality, goal, instructions and isPrimary are kept when omitted.
	AgentPutReplaces bool `json:"agent_put_replaces"`
	// AgentEmptyBusinessName answers businessName "" for an agent that never set it
	// (instead of leaving it out).
	AgentEmptyBusinessName bool `json:"agent_empty_business_name"`
	// ReverseListOrder reverses every list order the contract leaves unconfirmed: agents
	// search oldest first; KBs, FAQs, crawled URLs and files newest first; messages oldest
	// first. Cursors still continue after the last item returned.
	ReverseListOrder bool `json:"reverse_list_order"`
	// ConversationSearchNoCursor leaves sort and lastMessageDate out of search items.
	ConversationSearchNoCursor bool `json:"conversation_search_no_cursor"`
	// ConversationSearchOASItems leaves every member outside OAS ConversationSchema out of
	// search items (also lastMessageDirection, starred, assignedTo, dateAdded, dateUpdated).
	ConversationSearchOASItems bool `json:"conversation_search_oas_items"`
	// MessagesNested answers GET /conversations/{id}/messages nested
	// {"messages":{lastMessageId,nextPage,messages}} (OAS ≤ de87e88, LIVE 2025-10) instead
	// of flat (OAS d9cbcd5, SDK 3.1.0).
	MessagesNested bool `json:"messages_nested"`
	// DiscoverRejectsPreselectedURLs: POST /knowledge-bases/crawler with preSelectedUrls is
	// 422 "property preSelectedUrls should not exist" (no official file lists it).
	DiscoverRejectsPreselectedURLs bool `json:"discover_rejects_preselected_urls"`
	// RejectLiveOnlyFields rejects the other LIVE-only request members (422 "property x
	// should not exist"): discover autoTrain; crawler DELETE deleteAll, excludeUrlIds,
	// search; FAQ list query offset and search. Crawl status requires operationId (OAS).
	RejectLiveOnlyFields bool `json:"reject_live_only_fields"`
	// DiscoverNoEnvelope answers discover 201 {operationId,status,url} (LIVE) instead of
	// {success,data:{…}}.
	DiscoverNoEnvelope bool `json:"discover_no_envelope"`
	// CrawlStatusNoEnvelope answers crawl status {aggregate,operationDetails} (LIVE).
	CrawlStatusNoEnvelope bool `json:"crawl_status_no_envelope"`
	// CrawlerOASAnswers answers train and crawler DELETE {success:true} only (OAS), without
	// the LIVE message, urlIds and deletedCount.
	CrawlerOASAnswers bool `json:"crawler_oas_answers"`
	// KBListSlashOnly serves GET/POST /knowledge-bases only with the documented trailing
	// slash; without it NestJS's 404 "Cannot GET /knowledge-bases".
	KBListSlashOnly bool `json:"kb_list_slash_only"`
	// KBDeleteKeepsAgentRefs: deleting a knowledge base leaves its id in agents'
	// knowledgeBaseIds (§7.9 "may remove").
	KBDeleteKeepsAgentRefs bool `json:"kb_delete_keeps_agent_refs"`
	// FilesV3Only: the LIVE-only files routes exist only under Version v3; any other
	// Version gets NestJS's 404 "Cannot <METHOD> <path>" (§1.2: v3-only paths are 404
	// under older values).
	FilesV3Only bool `json:"files_v3_only"`
}

// DefaultStrictPageSizeCap is the page cap of StrictVariants and of "strict".
const DefaultStrictPageSizeCap = 50

// StrictVariants returns every switch on, with a page cap of 50.
func StrictVariants() Variants {
	var v Variants
	rv := reflect.ValueOf(&v).Elem()
	for i := range rv.NumField() {
		if f := rv.Field(i); f.Kind() == reflect.Bool {
			f.SetBool(true)
		}
	}
	v.PageSizeCap = DefaultStrictPageSizeCap
	return v
}

// VariantNames lists every switch's JSON name, in declaration order (page_size_cap first).
func VariantNames() []string {
	t := reflect.TypeFor[Variants]()
	out := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		out = append(out, jsonName(t.Field(i)))
	}
	return out
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// Active lists the JSON names of the switches that are on ("page_size_cap=N" for a cap).
func (v Variants) Active() []string {
	var out []string
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		f, name := rv.Field(i), jsonName(rv.Type().Field(i))
		switch {
		case f.Kind() == reflect.Bool && f.Bool():
			out = append(out, name)
		case f.Kind() == reflect.Int && f.Int() > 0:
			out = append(out, name+"="+strconv.FormatInt(f.Int(), 10))
		}
	}
	return out
}

// String is the ParseVariants form of v ("" when all are off).
func (v Variants) String() string { return strings.Join(v.Active(), ",") }

// ParseVariants reads the -variants flag: a comma list of switch names (VariantNames),
// "strict" for every switch, "-name" to turn one off again, "page_size_cap=N" (a bare
// "page_size_cap" is 50). "" and "none" are all off. Items apply left to right, e.g.
// "strict,-files_v3_only,page_size_cap=20".
func ParseVariants(spec string) (Variants, error) {
	var v Variants
	rv := reflect.ValueOf(&v).Elem()
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		switch item {
		case "", "none":
			continue
		case "strict":
			v = StrictVariants()
			continue
		}
		name, val, hasVal := strings.Cut(item, "=")
		off := strings.HasPrefix(name, "-")
		name = strings.TrimPrefix(name, "-")
		i := slices.Index(VariantNames(), name)
		if i < 0 {
			return Variants{}, fmt.Errorf("unknown variant %q (known: strict, %s)", name, strings.Join(VariantNames(), ", "))
		}
		f := rv.Field(i)
		switch f.Kind() {
		case reflect.Bool:
			if hasVal {
				b, err := strconv.ParseBool(val)
				if err != nil {
					return Variants{}, fmt.Errorf("variant %s: %w", name, err)
				}
				f.SetBool(b && !off)
			} else {
				f.SetBool(!off)
			}
		case reflect.Int:
			n := DefaultStrictPageSizeCap
			if hasVal {
				var err error
				if n, err = strconv.Atoi(val); err != nil || n < 0 {
					return Variants{}, fmt.Errorf("variant %s: want a whole number ≥ 0, got %q", name, val)
				}
			}
			if off {
				n = 0
			}
			f.SetInt(int64(n))
		}
	}
	return v, v.validate()
}

func (v Variants) validate() error {
	if v.PageSizeCap < 0 {
		return fmt.Errorf("page_size_cap must be 0 (off) or positive")
	}
	return nil
}

// SetVariants replaces the emulator's switches (see Variants); the zero value turns every
// switch off.
func (e *Emulator) SetVariants(v Variants) error {
	if err := v.validate(); err != nil {
		return err
	}
	e.ctl.variants.Store(&v)
	e.log.Info("emulator variants", "active", v.String())
	return nil
}

// Variants returns the current switches.
func (e *Emulator) Variants() Variants {
	if p := e.ctl.variants.Load(); p != nil {
		return *p
	}
	return Variants{}
}

// vr returns the switches for a handler.
func (c *reqCtx) vr() Variants { return c.e.Variants() }

// --- control plane ---

func (e *Emulator) registerVariantControl(h func(string, http.HandlerFunc)) {
	h("GET /_emulator/variants", func(w http.ResponseWriter, _ *http.Request) {
		writeControlJSON(w, http.StatusOK, e.Variants())
	})
	h("PUT /_emulator/variants", e.ctlVariantsPut)
	h("DELETE /_emulator/variants", func(w http.ResponseWriter, _ *http.Request) {
		_ = e.SetVariants(Variants{})
		writeControlJSON(w, http.StatusOK, e.Variants())
	})
}

func (e *Emulator) ctlVariantsPut(w http.ResponseWriter, r *http.Request) {
	// Decode into a map first: "strict" sets the base, explicit members override it.
	var raw map[string]json.RawMessage
	if !readControl(w, r, &raw) {
		return
	}
	var v Variants
	if s, ok := raw["strict"]; ok {
		var strict bool
		if err := json.Unmarshal(s, &strict); err != nil {
			writeNestError(w, http.StatusBadRequest, "invalid control body: strict must be a boolean")
			return
		}
		if strict {
			v = StrictVariants()
		}
		delete(raw, "strict")
	}
	rest, _ := json.Marshal(raw)
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		writeNestError(w, http.StatusBadRequest, "invalid control body: "+err.Error())
		return
	}
	if err := e.SetVariants(v); err != nil {
		writeNestError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeControlJSON(w, http.StatusOK, v)
}

// --- hooks used by the handlers ---

// capLimit applies page_size_cap to the page size a client asked for.
func (v Variants) capLimit(limit int64) int64 {
	if v.PageSizeCap > 0 && limit > int64(v.PageSizeCap) {
		return int64(v.PageSizeCap)
	}
	return limit
}

// liveFields filters a whitelist: the LIVE-only request members a switch rejects are
// removed, so that o.whitelist answers "property x should not exist" for them.
func (v Variants) liveFields(fields ...string) []string {
	return slices.DeleteFunc(fields, func(f string) bool {
		switch f {
		case "preSelectedUrls":
			return v.DiscoverRejectsPreselectedURLs
		case "autoTrain", "deleteAll", "excludeUrlIds", "search":
			return v.RejectLiveOnlyFields
		}
		return false
	})
}

// liveQueryErrors lists the LIVE-only query parameters present that a switch rejects.
func (c *reqCtx) liveQueryErrors(names ...string) []string {
	if !c.vr().RejectLiveOnlyFields {
		return nil
	}
	var msgs []string
	q := c.r.URL.Query()
	for _, n := range names {
		if q.Has(n) {
			msgs = append(msgs, "property "+n+" should not exist")
		}
	}
	return msgs
}

// toMap turns a view struct into a map whose members the hooks can drop or replace.
func toMap(v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // views are plain data
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		panic(err)
	}
	return m
}

// agentAnswer is the Agent object of POST, GET and PUT under the switches.
func (c *reqCtx) agentAnswer(a *Agent) any {
	v := c.vr()
	if !v.AgentGoalObject && !v.AgentOmitUndocumented && !v.OmitWriteOnlyFields && !v.AgentEmptyBusinessName {
		return agentView(a)
	}
	m := toMap(agentView(a))
	if _, ok := m["businessName"]; !ok && v.AgentEmptyBusinessName {
		m["businessName"] = ""
	}
	if v.AgentGoalObject {
		m["goal"] = listGoal{Prompt: a.Goal, Type: "custom"}
	}
	if v.AgentOmitUndocumented {
		delete(m, "locationId")
		delete(m, "createdAt")
		delete(m, "updatedAt")
	}
	if v.OmitWriteOnlyFields {
		delete(m, "respondToImages")
		delete(m, "respondToAudio")
	}
	return m
}

// agentListAnswer is a search item under the switches.
func (c *reqCtx) agentListAnswer(a *Agent) any {
	v := c.vr()
	if !v.AgentOmitUndocumented && !v.AgentEmptyBusinessName {
		return agentListView(a)
	}
	m := toMap(agentListView(a))
	if v.AgentOmitUndocumented {
		delete(m, "locationId")
	}
	if _, ok := m["businessName"]; !ok && v.AgentEmptyBusinessName {
		m["businessName"] = ""
	}
	return m
}

// resetAgentOptionals sets an agent's optional members to their create defaults
// (agent_put_replaces).
func resetAgentOptionals(a *Agent) {
	a.BusinessName, a.Mode, a.Channels, a.WaitTime, a.WaitTimeUnit = nil, "off", []string{}, 2, "seconds"
	a.SleepEnabled, a.SleepTime, a.SleepTimeUnit = false, nil, nil
	a.KnowledgeBaseIDs, a.RespondToImages, a.RespondToAudio = []string{}, false, false
	a.SleepOnManualMessage, a.SleepOnWorkflowMessage = false, false
}

// reversedIf reverses s in place when on (reverse_list_order); s is a fresh slice.
func reversedIf[T any](on bool, s []T) []T {
	if on {
		slices.Reverse(s)
	}
	return s
}

// clearsPrimary reports whether isPrimary:true clears the location's other agents.
func (c *reqCtx) clearsPrimary() bool { return !c.vr().PrimaryNotExclusive }

// actionTypeOrder is the OAS enum order of action types (ActionDataDTO.type).
var actionTypeOrder = []string{"triggerWorkflow", "updateContactField", "appointmentBooking", "stopBot", "humanHandOver", "advancedFollowup", "transferBot"}

// groupActions orders the actions list by type when the switch is on (stable: creation
// order within a type).
func (c *reqCtx) groupActions(list []actionJSON) []actionJSON {
	if c.vr().ActionsGroupedByType {
		slices.SortStableFunc(list, func(a, b actionJSON) int {
			return slices.Index(actionTypeOrder, a.Type) - slices.Index(actionTypeOrder, b.Type)
		})
	}
	return list
}

// kbAnswer is the KB object of POST and GET under the switches.
func (c *reqCtx) kbAnswer(kb *KnowledgeBase) any {
	if !c.vr().OmitWriteOnlyFields {
		return c.st.kbView(kb)
	}
	m := toMap(c.st.kbView(kb))
	delete(m, "description")
	return m
}

// kbPathRefused answers 404 for /knowledge-bases without its slash under kb_list_slash_only.
func (c *reqCtx) kbPathRefused() bool {
	if c.vr().KBListSlashOnly && !strings.HasSuffix(c.r.URL.Path, "/") {
		c.fail(http.StatusNotFound, "Cannot "+c.r.Method+" "+c.r.URL.Path)
		return true
	}
	return false
}

// keepAgentKBRefs snapshots the agents' knowledgeBaseIds of a location when
// kb_delete_keeps_agent_refs is on; the returned func restores them after the cascade.
func (c *reqCtx) keepAgentKBRefs(locationID string) func() {
	if !c.vr().KBDeleteKeepsAgentRefs {
		return func() {}
	}
	saved := map[*Agent][]string{}
	for _, a := range c.st.agentsOf(locationID) {
		saved[a] = slices.Clone(a.KnowledgeBaseIDs)
	}
	return func() {
		for a, ids := range saved {
			a.KnowledgeBaseIDs = ids
		}
	}
}

// filesRefused answers 404 on the files routes unless Version is v3 (files_v3_only).
func (c *reqCtx) filesRefused() bool {
	if c.vr().FilesV3Only && c.r.Header.Get("Version") != "v3" {
		c.fail(http.StatusNotFound, "Cannot "+c.r.Method+" "+c.r.URL.Path)
		return true
	}
	return false
}

// endCursor applies null_end_cursors: a cursor member that is absent or "" becomes null.
func (c *reqCtx) endCursor(m map[string]any, key string) {
	if !c.vr().NullEndCursors {
		return
	}
	if v, ok := m[key]; !ok || v == "" {
		m[key] = nil
	}
}

// envelopeOr answers {success,data} or, when flat, data alone.
func envelopeOr(flat bool, data any) any {
	if flat {
		return data
	}
	return envelope{Success: true, Data: data}
}

// conversationItems are the search items under the switches.
func (c *reqCtx) conversationItems(items []conversationJSON) any {
	v := c.vr()
	if !v.ConversationSearchNoCursor && !v.ConversationSearchOASItems {
		return items
	}
	oas := []string{"id", "contactId", "locationId", "lastMessageBody", "lastMessageType", "type", "unreadCount", "fullName", "contactName", "email", "phone"}
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		m := toMap(it)
		delete(m, "sort")
		delete(m, "lastMessageDate")
		if v.ConversationSearchOASItems {
			for k := range m {
				if !slices.Contains(oas, k) {
					delete(m, k)
				}
			}
		}
		out = append(out, m)
	}
	return out
}
