// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"fmt"
	"sync"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// Two resources can write the follow-up settings of one advancedFollowup action: the action's
// inline advanced_followup.followup_settings and a highlevel_agent_followup_settings that lists
// the action (contract §3.3: the PATCH writes details.followupSettings). Used together they would
// overwrite each other on every apply.
//
// Terraform validates and plans each resource on its own, so the clash cannot be seen in
// ValidateConfig. What the provider can see is every resource it plans and applies in one run,
// through the same configured provider: each writer claims the actions it writes (from its
// configuration, in ModifyPlan and again in Create/Update), and the second claimant of an
// action gets an error. A highlevel_agent_followup_settings depends on the actions it lists,
// so Terraform plans and applies those actions first: the clash is reported at plan time when
// the action IDs are already known (the actions exist), and otherwise at apply time, before the
// PATCH. Actions listed by hard-coded IDs (no reference, hence no ordering) are caught when the
// settings happen to be planned second; the documentation of both resources warns about it.

const (
	inlineClaimant = "the inline advanced_followup.followup_settings of its highlevel_agent_action"
)

var followupOwners sync.Map // *framework.ProviderData → *framework.Claims

// followupClaims returns the claims of one configured provider (nil before Configure).
func followupClaims(data *framework.ProviderData) *framework.Claims {
	if data == nil {
		return nil
	}
	v, _ := followupOwners.LoadOrStore(data, &framework.Claims{})
	return v.(*framework.Claims) //nolint:forcetypeassert // followupOwners holds nothing else
}

// claimFollowupSettings records that claimant writes the follow-up settings of actionID and
// returns an error naming both writers when another one already does.
func claimFollowupSettings(claims *framework.Claims, actionID, claimant string) error {
	if claims == nil || actionID == "" {
		return nil
	}
	other, conflict := claims.Claim(actionID, claimant)
	if !conflict {
		return nil
	}
	return fmt.Errorf("the follow-up settings of action %s are written both by %s and by %s. They would overwrite "+
		"each other on every apply. Keep one writer: remove followup_settings from the highlevel_agent_action, "+
		"or remove the action from the action_ids of highlevel_agent_followup_settings", actionID, other, claimant)
}
