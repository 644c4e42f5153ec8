// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Voice AI: phone agents, their actions and call logs (contract voice-ai.md). Every route
// names its location (query or body, §3.3), so each method resolves it first. Answers are
// flat (no envelope); deletes answer 204 with no body. Agents are updated with PATCH of the
// changed members (PatchVoiceAgent), actions with a full-replace PUT. There is no route that
// lists actions: they come with the agent (VoiceAgent.Actions).

// VoiceAgent is the agent of GET (with Actions), list, create and PATCH (without Actions).
// Pointer members are nil when the API left them out; InboundNumber and NumberPoolID are nil
// when absent or null (§2).
type VoiceAgent struct {
	ID                           string                     `json:"id"`
	LocationID                   string                     `json:"locationId,omitempty"`
	AgentName                    string                     `json:"agentName"`
	BusinessName                 string                     `json:"businessName,omitempty"`
	WelcomeMessage               string                     `json:"welcomeMessage,omitempty"`
	AgentPrompt                  string                     `json:"agentPrompt,omitempty"`
	VoiceID                      string                     `json:"voiceId,omitempty"`
	Language                     string                     `json:"language,omitempty"`
	PatienceLevel                string                     `json:"patienceLevel,omitempty"`
	MaxCallDuration              *int64                     `json:"maxCallDuration,omitempty"`
	SendUserIdleReminders        *bool                      `json:"sendUserIdleReminders,omitempty"`
	ReminderAfterIdleTimeSeconds *int64                     `json:"reminderAfterIdleTimeSeconds,omitempty"`
	InboundNumber                *string                    `json:"inboundNumber,omitempty"`
	NumberPoolID                 *string                    `json:"numberPoolId,omitempty"`
	CallEndWorkflowIDs           []string                   `json:"callEndWorkflowIds,omitempty"`
	SendPostCallNotificationTo   *VoicePostCallNotification `json:"sendPostCallNotificationTo,omitempty"`
	AgentWorkingHours            []VoiceWorkingDay          `json:"agentWorkingHours,omitempty"`
	Timezone                     string                     `json:"timezone,omitempty"`
	IsAgentAsBackupDisabled      *bool                      `json:"isAgentAsBackupDisabled,omitempty"`
	Translation                  *VoiceTranslation          `json:"translation,omitempty"`
	Actions                      []VoiceAgentAction         `json:"actions,omitempty"` // server-managed
}

// VoicePostCallNotification is sendPostCallNotificationTo. When sent, all five members are
// required (§4.1); in answers each may be absent.
type VoicePostCallNotification struct {
	Admins              bool     `json:"admins"`
	AllUsers            bool     `json:"allUsers"`
	ContactAssignedUser bool     `json:"contactAssignedUser"`
	SpecificUsers       []string `json:"specificUsers"`
	CustomEmails        []string `json:"customEmails"`
}

// VoiceWorkingDay is an agentWorkingHours item. DayOfTheWeek is 1 = Monday … 7 = Sunday (not
// the 0 = Sunday numbering of Conversation AI follow-ups, §4.3).
type VoiceWorkingDay struct {
	DayOfTheWeek int64           `json:"dayOfTheWeek"`
	Intervals    []VoiceInterval `json:"intervals"`
}

// VoiceInterval is a working-hours interval on the 24-hour clock (end of day = 23:59).
type VoiceInterval struct {
	StartHour   int64 `json:"startHour"`
	StartMinute int64 `json:"startMinute"`
	EndHour     int64 `json:"endHour"`
	EndMinute   int64 `json:"endMinute"`
}

// VoiceTranslation is the agent's translation setting.
type VoiceTranslation struct {
	Enabled  bool    `json:"enabled"`
	Language *string `json:"language,omitempty"`
}

// VoiceAgentAction is an entry of VoiceAgent.Actions, keyed "id" or "_id" (§5.5).
type VoiceAgentAction struct {
	ID               string                `json:"id"`
	ActionType       string                `json:"actionType"`
	Name             string                `json:"name"`
	ActionParameters VoiceActionParameters `json:"actionParameters"`
}

// UnmarshalJSON accepts the id as "id" or "_id".
func (a *VoiceAgentAction) UnmarshalJSON(b []byte) error {
	type plain VoiceAgentAction
	var aux struct {
		plain
		UnderscoreID string `json:"_id"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*a = VoiceAgentAction(aux.plain)
	if a.ID == "" {
		a.ID = aux.UnderscoreID
	}
	return nil
}

// VoiceAgentInput is the body of POST /voice-ai/agents and the desired state a PATCH is
// computed from. A nil member is not sent on create; on PATCH see PatchVoiceAgent.
type VoiceAgentInput struct {
	AgentName                    *string
	BusinessName                 *string
	WelcomeMessage               *string
	AgentPrompt                  *string
	VoiceID                      *string
	Language                     *string
	PatienceLevel                *string
	MaxCallDuration              *int64
	SendUserIdleReminders        *bool
	ReminderAfterIdleTimeSeconds *int64
	InboundNumber                *string // nil: none (null on PATCH clears it)
	NumberPoolID                 *string // nil: none (null on PATCH clears it)
	CallEndWorkflowIDs           []string
	SendPostCallNotificationTo   *VoicePostCallNotification
	AgentWorkingHours            []VoiceWorkingDay
	Timezone                     *string
	IsAgentAsBackupDisabled      *bool
	Translation                  *VoiceTranslation
}

// members renders the input as JSON members. With nulls, a nil InboundNumber/NumberPoolID is
// the JSON null (the API's "clear"); otherwise nil members are left out.
func (in VoiceAgentInput) members(nulls bool) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	put := func(key string, present bool, v any) error {
		if !present {
			return nil
		}
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("voice agent %s: %w", key, err)
		}
		out[key] = b
		return nil
	}
	nullable := func(key string, v *string) error {
		if v == nil && nulls {
			out[key] = json.RawMessage("null")
			return nil
		}
		return put(key, v != nil, v)
	}
	if in.SendPostCallNotificationTo != nil {
		n := *in.SendPostCallNotificationTo
		n.SpecificUsers, n.CustomEmails = orEmptyStrings(n.SpecificUsers), orEmptyStrings(n.CustomEmails)
		in.SendPostCallNotificationTo = &n
	}
	for _, err := range []error{
		put("agentName", in.AgentName != nil, in.AgentName),
		put("businessName", in.BusinessName != nil, in.BusinessName),
		put("welcomeMessage", in.WelcomeMessage != nil, in.WelcomeMessage),
		put("agentPrompt", in.AgentPrompt != nil, in.AgentPrompt),
		put("voiceId", in.VoiceID != nil, in.VoiceID),
		put("language", in.Language != nil, in.Language),
		put("patienceLevel", in.PatienceLevel != nil, in.PatienceLevel),
		put("maxCallDuration", in.MaxCallDuration != nil, in.MaxCallDuration),
		put("sendUserIdleReminders", in.SendUserIdleReminders != nil, in.SendUserIdleReminders),
		put("reminderAfterIdleTimeSeconds", in.ReminderAfterIdleTimeSeconds != nil, in.ReminderAfterIdleTimeSeconds),
		nullable("inboundNumber", in.InboundNumber),
		nullable("numberPoolId", in.NumberPoolID),
		put("callEndWorkflowIds", in.CallEndWorkflowIDs != nil, in.CallEndWorkflowIDs),
		put("sendPostCallNotificationTo", in.SendPostCallNotificationTo != nil, in.SendPostCallNotificationTo),
		put("agentWorkingHours", in.AgentWorkingHours != nil, in.AgentWorkingHours),
		put("timezone", in.Timezone != nil, in.Timezone),
		put("isAgentAsBackupDisabled", in.IsAgentAsBackupDisabled != nil, in.IsAgentAsBackupDisabled),
		put("translation", in.Translation != nil, in.Translation),
	} {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func orEmptyStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// orderedBody marshals members with sorted keys (stable bodies for logs and tests).
type orderedBody map[string]json.RawMessage

func (o orderedBody) MarshalJSON() ([]byte, error) {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k))
		b.WriteByte(':')
		b.Write(o[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// VoiceAgentPatch is the body PatchVoiceAgent sends: the members of desired that differ from
// current, with null for a number or pool that desired no longer has (§4.2).
func VoiceAgentPatch(desired, current VoiceAgentInput) (map[string]json.RawMessage, error) {
	want, err := desired.members(true)
	if err != nil {
		return nil, err
	}
	have, err := current.members(true)
	if err != nil {
		return nil, err
	}
	patch := map[string]json.RawMessage{}
	for k, v := range want {
		if !bytes.Equal(v, have[k]) {
			patch[k] = v
		}
	}
	return patch, nil
}

// CreateVoiceAgent creates an agent (POST /voice-ai/agents, 201). Never retried once it may
// have reached the server.
func (c *Client) CreateVoiceAgent(ctx context.Context, locationID string, in VoiceAgentInput) (*VoiceAgent, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	body, err := in.members(false)
	if err != nil {
		return nil, err
	}
	body["locationId"], _ = json.Marshal(loc)
	var out VoiceAgent
	if err := c.do(ctx, req{method: http.MethodPost, path: "/voice-ai/agents", family: familyVoiceAI,
		locationID: loc, body: orderedBody(body)}, &out); err != nil {
		return nil, err
	}
	return &out, c.checkVoiceLocation(loc, &out)
}

// GetVoiceAgent reads an agent with its actions (GET /voice-ai/agents/{id}); IsNotFound(err)
// when it is gone.
func (c *Client) GetVoiceAgent(ctx context.Context, locationID, id string) (*VoiceAgent, error) {
	if err := requireID("voice agent", id); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out VoiceAgent
	if err := c.do(ctx, req{method: http.MethodGet, path: pathf("/voice-ai/agents/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}}}, &out); err != nil {
		return nil, err
	}
	return &out, c.checkVoiceLocation(loc, &out)
}

// PatchVoiceAgent sends the changed members (VoiceAgentPatch of desired and current) with
// PATCH /voice-ai/agents/{id} and returns the agent (without actions).
func (c *Client) PatchVoiceAgent(ctx context.Context, locationID, id string, desired, current VoiceAgentInput) (*VoiceAgent, error) {
	if err := requireID("voice agent", id); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	patch, err := VoiceAgentPatch(desired, current)
	if err != nil {
		return nil, err
	}
	var out VoiceAgent
	if err := c.do(ctx, req{method: http.MethodPatch, path: pathf("/voice-ai/agents/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}}, body: orderedBody(patch)}, &out); err != nil {
		return nil, err
	}
	return &out, c.checkVoiceLocation(loc, &out)
}

// DeleteVoiceAgent deletes an agent and its actions (204). A 404 is returned (IsNotFound).
func (c *Client) DeleteVoiceAgent(ctx context.Context, locationID, id string) error {
	if err := requireID("voice agent", id); err != nil {
		return err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/voice-ai/agents/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}}}, nil)
}

// checkVoiceLocation fails when an answer names another location than the one asked for.
func (c *Client) checkVoiceLocation(loc string, a *VoiceAgent) error {
	if a.LocationID != "" && a.LocationID != loc {
		return fmt.Errorf("voice agent %s: the API answered for location %s, not %s", a.ID, a.LocationID, loc)
	}
	return nil
}

// voicePageSize is what the paged Voice AI lists ask for: the contract's maximum (§3.4).
const voicePageSize = 50

// voiceMaxPage is the highest page the agents list accepts (§3.4).
const voiceMaxPage = 5000

// voicePage is the envelope of both paged lists.
type voicePage struct {
	Total    *int `json:"total"`
	Page     int  `json:"page"`
	PageSize int  `json:"pageSize"`
}

// pagedVoiceList follows a page/pageSize list to its end (see listProgress): it continues while
// pages are full, asks each next page with the page size the API answered (so that a server
// that caps the size is followed page by page instead of skipped), checks total, and fails
// rather than return a shorter list. fetch gets page and size and returns the items' ids with
// the envelope; handle receives each page (for streaming callers).
func pagedVoiceList(what string, startPage int, fetch func(page, size int) (voicePage, int, error)) error {
	progress := listProgress{what: what}
	size := voicePageSize
	for page := startPage; ; page++ {
		if page > voiceMaxPage {
			return fmt.Errorf("listing %s: more than %d pages; refusing an incomplete list", what, voiceMaxPage)
		}
		env, n, err := fetch(page, size)
		if err != nil {
			return err
		}
		if env.Page != 0 && env.Page != page {
			return fmt.Errorf("listing %s: asked for page %d, the API answered page %d; refusing an incomplete list", what, page, env.Page)
		}
		if env.PageSize > 0 && env.PageSize < size {
			if page != startPage {
				return fmt.Errorf("listing %s: the API changed its page size from %d to %d mid-list; refusing an incomplete list", what, size, env.PageSize)
			}
			// The server capped the first page: page p of the capped size starts at
			// (p-1)*cap, so continue with that size.
			size = env.PageSize
		}
		if n > size {
			return fmt.Errorf("listing %s: page %d holds %d items, more than its size %d", what, page, n, size)
		}
		total := env.Total
		if total != nil && startPage > 1 {
			remaining := *total - (startPage-1)*size
			total = &remaining
		}
		more, err := progress.page(n, nil, total)
		if err != nil {
			return err
		}
		// Without a total, a page shorter than the size the API says it used is the end.
		if more && total == nil && env.PageSize > 0 && n < size {
			more = false
		}
		if !more {
			return nil
		}
	}
}

// ListVoiceAgents lists the location's agents (GET /voice-ai/agents), every page. query
// filters by a name substring ("" = all).
func (c *Client) ListVoiceAgents(ctx context.Context, locationID, query string) ([]VoiceAgent, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var all []VoiceAgent
	seen := map[string]bool{}
	err = pagedVoiceList("voice agents", 1, func(page, size int) (voicePage, int, error) {
		q := url.Values{"locationId": {loc}, "page": {strconv.Itoa(page)}, "pageSize": {strconv.Itoa(size)}}
		if query != "" {
			q.Set("query", query)
		}
		var res struct {
			voicePage
			Agents []VoiceAgent `json:"agents"`
		}
		if err := c.do(ctx, req{method: http.MethodGet, path: "/voice-ai/agents", family: familyVoiceAI,
			locationID: loc, query: q}, &res); err != nil {
			return voicePage{}, 0, err
		}
		for _, a := range res.Agents {
			if err := c.checkVoiceLocation(loc, &a); err != nil {
				return voicePage{}, 0, err
			}
			if !seen[a.ID] { // an agent created while listing shifts the pages
				seen[a.ID] = true
				all = append(all, a)
			}
		}
		return res.voicePage, len(res.Agents), nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// VoiceActionParameters is actionParameters: the union of the eight schemas of §5.2 (which
// members apply depends on the action type). Nil members are not sent.
type VoiceActionParameters struct {
	TriggerPrompt          *string          `json:"triggerPrompt,omitempty"`
	TriggerMessage         *string          `json:"triggerMessage,omitempty"`
	TransferToType         *string          `json:"transferToType,omitempty"`
	TransferToValue        *string          `json:"transferToValue,omitempty"`
	HearWhisperMessage     *bool            `json:"hearWhisperMessage,omitempty"`
	ContactFieldID         *string          `json:"contactFieldId,omitempty"`
	Description            *string          `json:"description,omitempty"`
	Examples               []string         `json:"examples,omitempty"`
	OverwriteExistingValue *bool            `json:"overwriteExistingValue,omitempty"`
	WorkflowID             *string          `json:"workflowId,omitempty"`
	MessageBody            *string          `json:"messageBody,omitempty"`
	CalendarID             *string          `json:"calendarId,omitempty"`
	DaysOfOfferingDates    *int64           `json:"daysOfOfferingDates,omitempty"`
	SlotsPerDay            *int64           `json:"slotsPerDay,omitempty"`
	HoursBetweenSlots      *int64           `json:"hoursBetweenSlots,omitempty"`
	APIDetails             *VoiceAPIDetails `json:"apiDetails,omitempty"`
	SelectedPaths          []string         `json:"selectedPaths,omitempty"`
	KnowledgeBaseID        *string          `json:"knowledgeBaseId,omitempty"`
}

// UnmarshalJSON also takes the OAS example's responsePathsToExtract for selectedPaths (§5.5).
func (p *VoiceActionParameters) UnmarshalJSON(b []byte) error {
	type plain VoiceActionParameters
	var aux struct {
		plain
		ResponsePaths []string `json:"responsePathsToExtract"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*p = VoiceActionParameters(aux.plain)
	if p.SelectedPaths == nil {
		p.SelectedPaths = aux.ResponsePaths
	}
	return nil
}

// VoiceAPIDetails is a custom action's apiDetails (§5.3). AuthenticationValue is write-only:
// the API never returns it, and it is masked in logs.
type VoiceAPIDetails struct {
	URL                    string              `json:"url"`
	Method                 string              `json:"method"`
	AuthenticationRequired *bool               `json:"authenticationRequired,omitempty"`
	AuthenticationValue    *string             `json:"authenticationValue,omitempty"`
	Headers                []VoiceHeader       `json:"headers,omitempty"`
	Parameters             []VoiceAPIParameter `json:"parameters,omitempty"`
}

// VoiceHeader is a custom action's HTTP header; the value may carry credentials.
type VoiceHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// VoiceAPIParameter is a parameter the custom action sends.
type VoiceAPIParameter struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitempty"`
	Type        *string `json:"type,omitempty"`
	Example     *string `json:"example,omitempty"`
}

// VoiceAction is an action (§5.1): {id, actionType, name, actionParameters}.
type VoiceAction struct {
	ID               string                `json:"id"`
	ActionType       string                `json:"actionType"`
	Name             string                `json:"name"`
	ActionParameters VoiceActionParameters `json:"actionParameters"`
}

// VoiceActionInput is the body of POST and PUT /voice-ai/actions (all members required; PUT
// replaces the action whole, so the secret is sent every time).
type VoiceActionInput struct {
	AgentID          string
	ActionType       string
	Name             string
	ActionParameters VoiceActionParameters
}

type voiceActionBody struct {
	AgentID          string                `json:"agentId"`
	LocationID       string                `json:"locationId"`
	ActionType       string                `json:"actionType"`
	Name             string                `json:"name"`
	ActionParameters VoiceActionParameters `json:"actionParameters"`
}

func (c *Client) voiceActionBody(loc string, in VoiceActionInput) voiceActionBody {
	if d := in.ActionParameters.APIDetails; d != nil {
		if d.AuthenticationValue != nil {
			c.secrets.add(*d.AuthenticationValue)
		}
		for _, h := range d.Headers {
			c.secrets.add(h.Value)
		}
	}
	return voiceActionBody{AgentID: in.AgentID, LocationID: loc, ActionType: in.ActionType, Name: in.Name, ActionParameters: in.ActionParameters}
}

// CreateVoiceAction creates an action on an agent (POST /voice-ai/actions, 201).
func (c *Client) CreateVoiceAction(ctx context.Context, locationID string, in VoiceActionInput) (*VoiceAction, error) {
	if err := requireID("voice agent", in.AgentID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out VoiceAction
	if err := c.do(ctx, req{method: http.MethodPost, path: "/voice-ai/actions", family: familyVoiceAI,
		locationID: loc, body: c.voiceActionBody(loc, in)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetVoiceAction reads an action (GET /voice-ai/actions/{id}); IsNotFound(err) when gone.
func (c *Client) GetVoiceAction(ctx context.Context, locationID, id string) (*VoiceAction, error) {
	if err := requireID("voice action", id); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out VoiceAction
	if err := c.do(ctx, req{method: http.MethodGet, path: pathf("/voice-ai/actions/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateVoiceAction replaces an action (PUT /voice-ai/actions/{id}, full body).
func (c *Client) UpdateVoiceAction(ctx context.Context, locationID, id string, in VoiceActionInput) (*VoiceAction, error) {
	if err := requireIDs("voice action", id, "voice agent", in.AgentID); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out VoiceAction
	if err := c.do(ctx, req{method: http.MethodPut, path: pathf("/voice-ai/actions/%s", id), family: familyVoiceAI,
		locationID: loc, body: c.voiceActionBody(loc, in)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteVoiceAction deletes an action of an agent (204). A 404 is returned (IsNotFound).
func (c *Client) DeleteVoiceAction(ctx context.Context, locationID, agentID, id string) error {
	if err := requireIDs("voice action", id, "voice agent", agentID); err != nil {
		return err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/voice-ai/actions/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}, "agentId": {agentID}}}, nil)
}

// VoiceCallLog is a call the agent took (§6, CallLogDTO).
type VoiceCallLog struct {
	ID                  string            `json:"id"`
	AgentID             string            `json:"agentId"`
	IsAgentDeleted      bool              `json:"isAgentDeleted"`
	CreatedAt           string            `json:"createdAt"`
	Duration            float64           `json:"duration"`
	TrialCall           bool              `json:"trialCall"`
	ExecutedCallActions []VoiceCallAction `json:"executedCallActions"`
	Summary             string            `json:"summary"`
	Transcript          string            `json:"transcript"`
	ContactID           string            `json:"contactId,omitempty"`
	FromNumber          string            `json:"fromNumber,omitempty"`
	MessageID           string            `json:"messageId,omitempty"`
	// Translation is free-form: the schema says {enabled,language}, the example
	// {translatedTranscript} (§6).
	Translation   json.RawMessage `json:"translation,omitempty"`
	ExtractedData json.RawMessage `json:"extractedData,omitempty"`
}

// VoiceCallAction is an executed action of a call.
type VoiceCallAction struct {
	ActionID          string          `json:"actionId,omitempty"`
	ActionType        string          `json:"actionType"`
	ActionName        string          `json:"actionName"`
	ActionParameters  json.RawMessage `json:"actionParameters,omitempty"`
	ExecutedAt        string          `json:"executedAt,omitempty"`
	TriggerReceivedAt string          `json:"triggerReceivedAt,omitempty"`
}

// VoiceCallLogFilter holds the filters of GET /voice-ai/dashboard/call-logs (§6). Zero
// members are not sent.
type VoiceCallLogFilter struct {
	AgentID     string
	ContactIDs  []string
	CallType    string // LIVE or TRIAL
	Start, End  time.Time
	ActionTypes []string
	SortBy      string // duration or createdAt
	Sort        string // ascend or descend (only with SortBy)
}

func (f VoiceCallLogFilter) query(loc string) url.Values {
	q := url.Values{"locationId": {loc}}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("agentId", f.AgentID)
	set("contactId", strings.Join(f.ContactIDs, ","))
	set("callType", f.CallType)
	if !f.Start.IsZero() || !f.End.IsZero() {
		q.Set("startDate", strconv.FormatInt(f.Start.UnixMilli(), 10))
		q.Set("endDate", strconv.FormatInt(f.End.UnixMilli(), 10))
	}
	set("actionType", strings.Join(f.ActionTypes, ","))
	set("sortBy", f.SortBy)
	set("sort", f.Sort)
	return q
}

// ListVoiceCallLogs lists every call log that matches the filter, all pages.
func (c *Client) ListVoiceCallLogs(ctx context.Context, locationID string, f VoiceCallLogFilter) ([]VoiceCallLog, error) {
	var all []VoiceCallLog
	err := c.EachVoiceCallLogPage(ctx, locationID, f, 1, func(_ int, logs []VoiceCallLog) error {
		all = append(all, logs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// EachVoiceCallLogPage calls fn with every page of call logs from startPage (1-based) on, for
// exports that resume at a page. It fails rather than stop early (see pagedVoiceList).
func (c *Client) EachVoiceCallLogPage(ctx context.Context, locationID string, f VoiceCallLogFilter, startPage int,
	fn func(page int, logs []VoiceCallLog) error) error {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return err
	}
	if startPage < 1 {
		startPage = 1
	}
	return pagedVoiceList("voice call logs", startPage, func(page, size int) (voicePage, int, error) {
		q := f.query(loc)
		q.Set("page", strconv.Itoa(page))
		q.Set("pageSize", strconv.Itoa(size))
		var res struct {
			voicePage
			CallLogs []VoiceCallLog `json:"callLogs"`
		}
		if err := c.do(ctx, req{method: http.MethodGet, path: "/voice-ai/dashboard/call-logs", family: familyVoiceAI,
			locationID: loc, query: q}, &res); err != nil {
			return voicePage{}, 0, err
		}
		if len(res.CallLogs) > 0 {
			if err := fn(page, res.CallLogs); err != nil {
				return voicePage{}, 0, err
			}
		}
		return res.voicePage, len(res.CallLogs), nil
	})
}

// GetVoiceCallLog reads one call log (GET /voice-ai/dashboard/call-logs/{id}).
func (c *Client) GetVoiceCallLog(ctx context.Context, locationID, id string) (*VoiceCallLog, error) {
	if err := requireID("call log", id); err != nil {
		return nil, err
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out VoiceCallLog
	if err := c.do(ctx, req{method: http.MethodGet, path: pathf("/voice-ai/dashboard/call-logs/%s", id), family: familyVoiceAI,
		locationID: loc, query: url.Values{"locationId": {loc}}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
