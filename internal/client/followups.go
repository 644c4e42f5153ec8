// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"net/http"
)

// Follow-up settings (contract §3.3): PATCH /conversation-ai/agents/{agentId}/followup-settings
// writes details.followupSettings of the listed advancedFollowup actions. There is no GET (read
// them back with GetAction → Details.FollowupSettings) and no DELETE (PATCH
// DefaultFollowupSettings instead).

// followupSettingsBody is the PATCH body: {"actionIds":[…],"followupSettings":{…}}, both R.
type followupSettingsBody struct {
	ActionIDs        []string         `json:"actionIds"`
	FollowupSettings FollowupSettings `json:"followupSettings"`
}

// UpdateFollowupSettings replaces the follow-up settings of the given advancedFollowup actions
// of an agent (PATCH …/followup-settings). The API answers {success,data:Action} with one of
// the actions (the emulator: the first listed); the answer's shape is unconfirmed, so the
// result is nil when the API returned no action — re-read with GetAction. The PATCH replaces
// the object whole and is safe to retry.
func (c *Client) UpdateFollowupSettings(ctx context.Context, locationID, agentID string, actionIDs []string, s FollowupSettings) (*Action, error) {
	if err := requireID("agent", agentID); err != nil {
		return nil, err
	}
	if len(actionIDs) == 0 {
		return nil, errors.New("updating follow-up settings of agent " + agentID + ": at least one action id is required")
	}
	for _, id := range actionIDs {
		if err := requireID("action", id); err != nil {
			return nil, err
		}
	}
	if s.DynamicChannelSwitching == nil {
		return nil, errors.New("updating follow-up settings of agent " + agentID + ": dynamicChannelSwitching is required by the API")
	}
	var out Action
	err := c.do(ctx, req{method: http.MethodPatch, path: pathf("/conversation-ai/agents/%s/followup-settings", agentID),
		family: familyConversationAI, locationID: locationID,
		body: followupSettingsBody{ActionIDs: actionIDs, FollowupSettings: s}}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, nil
	}
	return &out, nil
}

// ptrTo returns a pointer to v.
func ptrTo[T any](v T) *T { return &v }
