// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"strings"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Allowed values and bounds, from contract §3.2 and §3.3.
var (
	actionTypes                  = client.ActionTypes()
	actionSleepUnits             = []string{"days", "hours", "minutes"}
	stopBotDetections            = []string{"Goodbye", "Custom"}
	handoverTypes                = []string{"contactRequest", "lackOfInformation", "failedToResolveIssue", "custom"}
	transferBotTypes             = []string{"Default", "Custom"}
	followupScenarios            = []string{"contactStoppedReplying", "contactIsBusy", "contactRequested"}
	followupTimeUnits            = []string{"days", "hours", "minutes"}
	timezoneChoices              = []string{"contact", "business"}
	handoverTypesNeedingExamples = []string{"custom", "contactRequest"}
)

// maxFollowupTime is the upper bound of a follow-up step's followup_time per unit
// (≤60 minutes, ≤24 hours, ≤180 days).
var maxFollowupTime = map[string]int64{"minutes": 60, "hours": 24, "days": 180}

// Server defaults (contract §3.2, §3.3), used as schema defaults so that removing the argument
// restores the default remotely and a change in the UI shows as drift.
const (
	defaultAIEnabledMessage        = true
	defaultStepTriggerWorkflow     = false
	defaultDynamicChannelSwitching = true
	defaultFollowUpHours           = false
)

// blocks maps each action type to the attribute that holds its details, in the contract's order.
var blocks = []struct {
	apiType string
	attr    string
}{
	{client.ActionTypeTriggerWorkflow, "trigger_workflow"},
	{client.ActionTypeUpdateContactField, "update_contact_field"},
	{client.ActionTypeAppointmentBooking, "appointment_booking"},
	{client.ActionTypeStopBot, "stop_bot"},
	{client.ActionTypeHumanHandOver, "human_handover"},
	{client.ActionTypeAdvancedFollowup, "advanced_followup"},
	{client.ActionTypeTransferBot, "transfer_bot"},
}

// blockOf returns the details attribute of an action type, or "" for an unknown type.
func blockOf(apiType string) string {
	for _, b := range blocks {
		if b.apiType == apiType {
			return b.attr
		}
	}
	return ""
}

// combinations lists the allowed type/attribute pairs for messages:
// `triggerWorkflow` → `trigger_workflow`, ….
func combinations() string {
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = "`" + b.apiType + "` → `" + b.attr + "`"
	}
	return strings.Join(parts, ", ")
}

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}
