// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"net/http"
)

// Actions of an agent (contract §3.2). Routes carry no locationId: the token's location is used;
// locationID selects that token (OAuth mode) and the limiter bucket. Every answer is enveloped
// {"success":true,"data":…}; a flat answer is accepted too.

// Action types (contract §3.2). The type decides which ActionDetails fields apply.
const (
	ActionTypeTriggerWorkflow    = "triggerWorkflow"
	ActionTypeUpdateContactField = "updateContactField"
	ActionTypeAppointmentBooking = "appointmentBooking"
	ActionTypeStopBot            = "stopBot"
	ActionTypeHumanHandOver      = "humanHandOver"
	ActionTypeAdvancedFollowup   = "advancedFollowup"
	ActionTypeTransferBot        = "transferBot"
)

// ActionTypes lists every action type of the contract, in its order.
func ActionTypes() []string {
	return []string{
		ActionTypeTriggerWorkflow, ActionTypeUpdateContactField, ActionTypeAppointmentBooking,
		ActionTypeStopBot, ActionTypeHumanHandOver, ActionTypeAdvancedFollowup, ActionTypeTransferBot,
	}
}

// Action is an agent action (OAS ActionDataDTO): {id,name,type,agentId,details}.
type Action struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	Type    string        `json:"type"`
	AgentID string        `json:"agentId,omitempty"`
	Details ActionDetails `json:"details"`
}

// ActionDetails is the union of the `details` fields of every action type (contract §3.2,
// §3.3); the comment of each field names the types it belongs to. Which fields are required
// depends on the type and on other fields (see the contract); the API validates them (422).
//
// Absent is distinct from zero: a nil pointer or nil slice is a field the API did not return,
// and is not sent; a pointer to false/0/"" or a non-nil empty slice is sent as false/0/""/[].
// (The tags use omitzero, not omitempty, so that an empty non-nil slice is still sent.) The
// provider sets only the fields of the action's type: the API rejects fields of other types.
// `actionId` (an optional booking reference) is never sent and not decoded.
type ActionDetails struct {
	// triggerWorkflow (R), appointmentBooking (R when TriggerWorkflow).
	WorkflowIDs []string `json:"workflowIds,omitzero"`
	// triggerWorkflow (R), humanHandOver (R).
	TriggerCondition *string `json:"triggerCondition,omitzero"`
	// triggerWorkflow.
	TriggerMessage *string `json:"triggerMessage,omitzero"`

	// updateContactField (R).
	ContactFieldID *string `json:"contactFieldId,omitzero"`
	// updateContactField (R).
	Description *string `json:"description,omitzero"`
	// updateContactField (default []).
	ContactUpdateExamples []string `json:"contactUpdateExamples,omitzero"`

	// appointmentBooking (R).
	CalendarID *string `json:"calendarId,omitzero"`
	// appointmentBooking (R). True requires the five flags below to be false.
	OnlySendLink *bool `json:"onlySendLink,omitzero"`
	// appointmentBooking (R).
	TriggerWorkflow *bool `json:"triggerWorkflow,omitzero"`
	// appointmentBooking (R).
	SleepAfterBooking *bool `json:"sleepAfterBooking,omitzero"`
	// appointmentBooking (R).
	TransferBot *bool `json:"transferBot,omitzero"`
	// appointmentBooking (R, default false).
	RescheduleEnabled *bool `json:"rescheduleEnabled,omitzero"`
	// appointmentBooking (R, default false).
	CancelEnabled *bool `json:"cancelEnabled,omitzero"`
	// appointmentBooking (R when SleepAfterBooking), stopBot and humanHandOver (R when
	// ReactivateEnabled).
	SleepTime *int64 `json:"sleepTime,omitzero"`
	// days|hours|minutes; same rules as SleepTime.
	SleepTimeUnit *string `json:"sleepTimeUnit,omitzero"`
	// appointmentBooking: agent id, R when TransferBot.
	TransferAgent *string `json:"transferAgent,omitzero"`

	// stopBot, humanHandOver, transferBot, advancedFollowup (R).
	Enabled *bool `json:"enabled,omitzero"`
	// stopBot: Goodbye|Custom (R).
	StopBotDetectionType *string `json:"stopBotDetectionType,omitzero"`
	// stopBot (R).
	StopBotTriggerCondition *string `json:"stopBotTriggerCondition,omitzero"`
	// stopBot (R, at least 2).
	StopBotExamples []string `json:"stopBotExamples,omitzero"`
	// stopBot, humanHandOver (R).
	FinalMessage *string `json:"finalMessage,omitzero"`
	// stopBot, humanHandOver (R).
	ReactivateEnabled *bool `json:"reactivateEnabled,omitzero"`
	// stopBot, humanHandOver.
	Tags []string `json:"tags,omitzero"`

	// humanHandOver: contactRequest|lackOfInformation|failedToResolveIssue|custom (R).
	HandoverType *string `json:"handoverType,omitzero"`
	// humanHandOver (R for custom and contactRequest).
	Examples []string `json:"examples,omitzero"`
	// humanHandOver.
	AssignToUserID *string `json:"assignToUserId,omitzero"`
	// humanHandOver.
	SkipAssignToUser *bool `json:"skipAssignToUser,omitzero"`
	// humanHandOver.
	CreateTask *bool `json:"createTask,omitzero"`

	// transferBot: Default|Custom (R).
	TransferBotType *string `json:"transferBotType,omitzero"`
	// transferBot: agent id (R).
	TransferToBot *string `json:"transferToBot,omitzero"`
	// transferBot (R for Custom).
	TransferBotTriggerCondition *string `json:"transferBotTriggerCondition,omitzero"`
	// transferBot (R for Custom, at least 2).
	TransferBotExamples []string `json:"transferBotExamples,omitzero"`

	// advancedFollowup: contactStoppedReplying|contactIsBusy|contactRequested (R).
	ScenarioID *string `json:"scenarioId,omitzero"`
	// advancedFollowup (R).
	FollowupSequence []FollowupStep `json:"followupSequence,omitzero"`
	// advancedFollowup; also written by UpdateFollowupSettings (§3.3).
	FollowupSettings *FollowupSettings `json:"followupSettings,omitzero"`
}

// FollowupStep is an item of ActionDetails.FollowupSequence (contract §3.2).
type FollowupStep struct {
	ID               int64   `json:"id"`               // step number (R)
	FollowupTimeUnit string  `json:"followupTimeUnit"` // days|hours|minutes (R)
	FollowupTime     int64   `json:"followupTime"`     // R; ≤60 min, ≤24 h, ≤180 days
	AIEnabledMessage *bool   `json:"aiEnabledMessage,omitzero"`
	CustomMessage    *string `json:"customMessage,omitzero"` // R when AIEnabledMessage is false (emulator)
	TriggerWorkflow  *bool   `json:"triggerWorkflow,omitzero"`
	WorkflowID       *string `json:"workflowId,omitzero"` // R when TriggerWorkflow
	ContactRequested *bool   `json:"contactRequested,omitzero"`
}

// FollowupSettings are the follow-up settings of advancedFollowup actions (contract §3.3).
type FollowupSettings struct {
	DynamicChannelSwitching *bool        `json:"dynamicChannelSwitching,omitzero"` // R on PATCH (default true)
	FollowUpHours           *bool        `json:"followUpHours,omitzero"`
	WorkingHours            []WorkingDay `json:"workingHours,omitzero"`
	TimezoneToUse           *string      `json:"timezoneToUse,omitzero"` // contact|business
}

// DefaultFollowupSettings is what the provider PATCHes to "delete" follow-up settings, which
// have no DELETE route (contract §3.3, unconfirmed defaults):
// {dynamicChannelSwitching:true, followUpHours:false, workingHours:[]}.
func DefaultFollowupSettings() FollowupSettings {
	return FollowupSettings{DynamicChannelSwitching: ptrTo(true), FollowUpHours: ptrTo(false), WorkingHours: []WorkingDay{}}
}

// WorkingDay is an entry of FollowupSettings.WorkingHours. A nil Intervals is sent as [].
type WorkingDay struct {
	DayOfTheWeek int64      `json:"dayOfTheWeek"` // 0 = Sunday … 6
	Intervals    []Interval `json:"intervals"`
}

// MarshalJSON sends a nil Intervals as [] rather than null.
func (d WorkingDay) MarshalJSON() ([]byte, error) {
	type plain WorkingDay
	if d.Intervals == nil {
		d.Intervals = []Interval{}
	}
	return json.Marshal(plain(d))
}

// Interval is a working-hours interval on the 24 h clock.
type Interval struct {
	StartHour   int64 `json:"startHour"`
	StartMinute int64 `json:"startMinute"`
	EndHour     int64 `json:"endHour"`
	EndMinute   int64 `json:"endMinute"`
}

// ActionInput is the body of POST and PUT …/actions: {type,name,details}, all required. PUT
// is a full replace, so Update sends the full desired details.
type ActionInput struct {
	Type    string        `json:"type"`
	Name    string        `json:"name"`
	Details ActionDetails `json:"details"`
}

// CreateAction creates an action on an agent (POST /conversation-ai/agents/{agentId}/actions,
// 201 {success,data:Action}). It is never retried once it may have reached the server.
func (c *Client) CreateAction(ctx context.Context, locationID, agentID string, in ActionInput) (*Action, error) {
	if err := requireID("agent", agentID); err != nil {
		return nil, err
	}
	var out Action
	err := c.do(ctx, req{method: http.MethodPost, path: pathf("/conversation-ai/agents/%s/actions", agentID),
		family: familyConversationAI, locationID: locationID, body: in}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetAction reads an action (GET /conversation-ai/agents/{agentId}/actions/{actionId});
// IsNotFound(err) when it is gone or belongs to another agent.
func (c *Client) GetAction(ctx context.Context, locationID, agentID, actionID string) (*Action, error) {
	if err := requireIDs("agent", agentID, "action", actionID); err != nil {
		return nil, err
	}
	var out Action
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/agents/%s/actions/%s", agentID, actionID),
		family: familyConversationAI, locationID: locationID}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListActions lists all actions of an agent (GET /conversation-ai/agents/{agentId}/actions/list;
// no paging).
func (c *Client) ListActions(ctx context.Context, locationID, agentID string) ([]Action, error) {
	if err := requireID("agent", agentID); err != nil {
		return nil, err
	}
	var out []Action
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/agents/%s/actions/list", agentID),
		family: familyConversationAI, locationID: locationID}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateAction replaces an action (PUT /conversation-ai/agents/{agentId}/actions/{actionId},
// full replace). Changing the type is rejected by the emulator (422); the provider replaces the
// resource instead.
func (c *Client) UpdateAction(ctx context.Context, locationID, agentID, actionID string, in ActionInput) (*Action, error) {
	if err := requireIDs("agent", agentID, "action", actionID); err != nil {
		return nil, err
	}
	var out Action
	err := c.do(ctx, req{method: http.MethodPut, path: pathf("/conversation-ai/agents/%s/actions/%s", agentID, actionID),
		family: familyConversationAI, locationID: locationID, body: in}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteAction deletes an action (DELETE /conversation-ai/agents/{agentId}/actions/{actionId},
// 200 {success,data:{id}}). A 404 is returned as an error (IsNotFound); the caller decides
// whether that means success.
func (c *Client) DeleteAction(ctx context.Context, locationID, agentID, actionID string) error {
	if err := requireIDs("agent", agentID, "action", actionID); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/conversation-ai/agents/%s/actions/%s", agentID, actionID),
		family: familyConversationAI, locationID: locationID}, nil)
}

// requireIDs is requireID for several (kind, id) pairs.
func requireIDs(kindsAndIDs ...string) error {
	for i := 0; i+1 < len(kindsAndIDs); i += 2 {
		if err := requireID(kindsAndIDs[i], kindsAndIDs[i+1]); err != nil {
			return err
		}
	}
	return nil
}
