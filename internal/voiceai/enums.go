// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import "strings"

// Allowed values and server defaults, from contract voice-ai.md §4.1 and §5.2.
var (
	languages      = []string{"en-US", "pt-BR", "es", "fr", "de", "it", "nl-NL", "multi"}
	patienceLevels = []string{"low", "medium", "high"}
	// days are the names of agentWorkingHours.dayOfTheWeek 1 … 7 (1 = Monday, §4.3).
	days        = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	httpMethods = []string{"GET", "POST"}
	callTypes   = []string{"LIVE", "TRIAL"}
	sortFields  = []string{"duration", "createdAt"}
	sortOrders  = []string{"ascend", "descend"}
)

// Server defaults used as schema defaults, so that removing an argument restores the default
// remotely and a change in the HighLevel UI shows as drift.
const (
	defaultLanguage          = "en-US"
	defaultPatienceLevel     = "high"
	defaultMaxCallDuration   = 300
	defaultIdleReminders     = true
	defaultIdleReminderAfter = 8
)

// actionKinds pairs each nested attribute of highlevel_voice_agent_action with its actionType.
var actionKinds = []struct{ attr, apiType string }{
	{"call_transfer", "CALL_TRANSFER"},
	{"data_extraction", "DATA_EXTRACTION"},
	{"in_call_data_extraction", "IN_CALL_DATA_EXTRACTION"},
	{"workflow_trigger", "WORKFLOW_TRIGGER"},
	{"sms", "SMS"},
	{"appointment_booking", "APPOINTMENT_BOOKING"},
	{"custom_action", "CUSTOM_ACTION"},
	{"knowledge_base", "KNOWLEDGE_BASE"},
}

func actionTypes() []string {
	out := make([]string, len(actionKinds))
	for i, k := range actionKinds {
		out[i] = k.apiType
	}
	return out
}

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}
