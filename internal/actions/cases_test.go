// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"fmt"
	"slices"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// typeCase is what the acceptance tests need to know about one action type: a configuration
// that sets every detail field, an update in place, and one out-of-band change per field.
type typeCase struct {
	typ, block string
	full       string // details with every field set
	checkFull  func(*client.Action) error
	updated    string // an update in place, removing optional fields
	checkUpd   func(*client.Action) error
	// drift and drift2 are the out-of-band changes of the first and second drift steps of
	// TestAccAction_types: each step makes all of them at once. Changes that would hide each
	// other (the same field changed twice, a list truncated while its elements change) are
	// in different steps.
	drift, drift2 []drift
}

// drift is an out-of-band change and the fields (leaf paths inside the type's details
// attribute) the next plan must change back.
type drift struct {
	leaves []string
	mutate func(d *client.ActionDetails, spareAgent string)
}

func wantEqual[T comparable](what string, got *T, want T) error {
	if got == nil || *got != want {
		return fmt.Errorf("remote %s is %v, want %v", what, deref(got), want)
	}
	return nil
}

func deref[T any](p *T) any {
	if p == nil {
		return "<absent>"
	}
	return *p
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

var typeCases = []typeCase{
	{
		typ: "triggerWorkflow", block: "trigger_workflow",
		full: `
  trigger_workflow = {
    workflow_ids      = ["wf-b", "wf-a"]
    trigger_condition = "The contact asks for a quote"
    trigger_message   = "Sending you a quote now"
  }`,
		checkFull: func(a *client.Action) error {
			ids := slices.Clone(a.Details.WorkflowIDs)
			slices.Sort(ids)
			if !slices.Equal(ids, []string{"wf-a", "wf-b"}) {
				return fmt.Errorf("remote workflowIds %v", a.Details.WorkflowIDs)
			}
			return firstErr(wantEqual("triggerMessage", a.Details.TriggerMessage, "Sending you a quote now"))
		},
		updated: `
  trigger_workflow = {
    workflow_ids      = ["wf-c"]
    trigger_condition = "The contact asks for an invoice"
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.TriggerMessage != nil {
				return fmt.Errorf("triggerMessage not cleared: %q", *a.Details.TriggerMessage)
			}
			return wantEqual("triggerCondition", a.Details.TriggerCondition, "The contact asks for an invoice")
		},
		drift: []drift{
			{[]string{"workflow_ids"}, func(d *client.ActionDetails, _ string) { d.WorkflowIDs = []string{"wf-x"} }},
			{[]string{"trigger_condition"}, func(d *client.ActionDetails, _ string) { d.TriggerCondition = ptr("changed in the UI") }},
			{[]string{"trigger_message"}, func(d *client.ActionDetails, _ string) { d.TriggerMessage = ptr("changed in the UI") }},
		},
		drift2: []drift{
			{[]string{"trigger_message"}, func(d *client.ActionDetails, _ string) { d.TriggerMessage = nil }},
		},
	},
	{
		typ: "updateContactField", block: "update_contact_field",
		full: `
  update_contact_field = {
    contact_field_id        = "budget"
    description             = "The contact's budget"
    contact_update_examples = ["500 dollars", "about 2k"]
  }`,
		checkFull: func(a *client.Action) error {
			if !slices.Equal(a.Details.ContactUpdateExamples, []string{"500 dollars", "about 2k"}) {
				return fmt.Errorf("remote contactUpdateExamples %v", a.Details.ContactUpdateExamples)
			}
			return wantEqual("contactFieldId", a.Details.ContactFieldID, "budget")
		},
		updated: `
  update_contact_field = {
    contact_field_id = "email"
    description      = "The contact's e-mail address"
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.ContactUpdateExamples == nil || len(a.Details.ContactUpdateExamples) != 0 {
				return fmt.Errorf("contactUpdateExamples not reset to []: %v", a.Details.ContactUpdateExamples)
			}
			return wantEqual("contactFieldId", a.Details.ContactFieldID, "email")
		},
		drift: []drift{
			{[]string{"contact_field_id"}, func(d *client.ActionDetails, _ string) { d.ContactFieldID = ptr("phone") }},
			{[]string{"description"}, func(d *client.ActionDetails, _ string) { d.Description = ptr("changed in the UI") }},
			// Example order is meaningful: a reordering is drift.
			{[]string{"contact_update_examples"}, func(d *client.ActionDetails, _ string) {
				d.ContactUpdateExamples = []string{"about 2k", "500 dollars"}
			}},
		},
	},
	{
		typ: "appointmentBooking", block: "appointment_booking",
		full: `
  appointment_booking = {
    calendar_id         = "cal-1"
    only_send_link      = false
    trigger_workflow    = true
    workflow_ids        = ["wf-1", "wf-2"]
    sleep_after_booking = true
    sleep_time          = 3
    sleep_time_unit     = "hours"
    transfer_bot        = true
    transfer_agent      = highlevel_agent.other.id
    reschedule_enabled  = true
    cancel_enabled      = true
  }`,
		checkFull: func(a *client.Action) error {
			return firstErr(wantEqual("sleepTime", a.Details.SleepTime, 3), wantEqual("sleepTimeUnit", a.Details.SleepTimeUnit, "hours"),
				wantEqual("cancelEnabled", a.Details.CancelEnabled, true), wantEqual("transferBot", a.Details.TransferBot, true))
		},
		updated: `
  appointment_booking = {
    calendar_id         = "cal-2"
    only_send_link      = true
    trigger_workflow    = false
    sleep_after_booking = false
    transfer_bot        = false
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.WorkflowIDs != nil || a.Details.SleepTime != nil || a.Details.TransferAgent != nil {
				return fmt.Errorf("removed fields not cleared: %v %v %v", a.Details.WorkflowIDs, deref(a.Details.SleepTime), deref(a.Details.TransferAgent))
			}
			return firstErr(wantEqual("onlySendLink", a.Details.OnlySendLink, true), wantEqual("rescheduleEnabled", a.Details.RescheduleEnabled, false),
				wantEqual("cancelEnabled", a.Details.CancelEnabled, false))
		},
		drift: []drift{
			{[]string{"calendar_id"}, func(d *client.ActionDetails, _ string) { d.CalendarID = ptr("cal-9") }},
			{[]string{"workflow_ids"}, func(d *client.ActionDetails, _ string) { d.WorkflowIDs = []string{"wf-1"} }},
			{[]string{"sleep_time"}, func(d *client.ActionDetails, _ string) { d.SleepTime = ptr(int64(5)) }},
			{[]string{"sleep_time_unit"}, func(d *client.ActionDetails, _ string) { d.SleepTimeUnit = ptr("days") }},
			{[]string{"transfer_agent"}, func(d *client.ActionDetails, spare string) { d.TransferAgent = ptr(spare) }},
		},
		drift2: []drift{
			{[]string{"only_send_link", "trigger_workflow", "sleep_after_booking", "transfer_bot", "reschedule_enabled", "cancel_enabled"},
				func(d *client.ActionDetails, _ string) {
					d.OnlySendLink, d.TriggerWorkflow, d.SleepAfterBooking, d.TransferBot = ptr(true), ptr(false), ptr(false), ptr(false)
					d.RescheduleEnabled, d.CancelEnabled = ptr(false), ptr(false)
				}},
			{[]string{"trigger_workflow"}, func(d *client.ActionDetails, _ string) { d.TriggerWorkflow = ptr(false) }},
			{[]string{"sleep_after_booking"}, func(d *client.ActionDetails, _ string) { d.SleepAfterBooking = ptr(false) }},
			{[]string{"transfer_bot"}, func(d *client.ActionDetails, _ string) { d.TransferBot = ptr(false) }},
			{[]string{"reschedule_enabled"}, func(d *client.ActionDetails, _ string) { d.RescheduleEnabled = ptr(false) }},
			{[]string{"cancel_enabled"}, func(d *client.ActionDetails, _ string) { d.CancelEnabled = ptr(false) }},
		},
	},
	{
		typ: "stopBot", block: "stop_bot",
		full: `
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Custom"
    stop_bot_trigger_condition = "The contact says goodbye"
    stop_bot_examples          = ["bye", "talk later"]
    final_message              = "Have a great day!"
    reactivate_enabled         = true
    sleep_time                 = 2
    sleep_time_unit            = "days"
    tags                       = ["stopped", "ai"]
  }`,
		checkFull: func(a *client.Action) error {
			if len(a.Details.Tags) != 2 || !slices.Equal(a.Details.StopBotExamples, []string{"bye", "talk later"}) {
				return fmt.Errorf("remote tags %v examples %v", a.Details.Tags, a.Details.StopBotExamples)
			}
			return wantEqual("sleepTimeUnit", a.Details.SleepTimeUnit, "days")
		},
		updated: `
  stop_bot = {
    enabled                    = false
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "The contact is done"
    stop_bot_examples          = ["thanks, that's all", "bye", "see you"]
    final_message              = "Bye!"
    reactivate_enabled         = false
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.Tags != nil || a.Details.SleepTime != nil {
				return fmt.Errorf("removed fields not cleared: tags %v sleep %v", a.Details.Tags, deref(a.Details.SleepTime))
			}
			return firstErr(wantEqual("enabled", a.Details.Enabled, false), wantEqual("stopBotDetectionType", a.Details.StopBotDetectionType, "Goodbye"))
		},
		drift: []drift{
			{[]string{"enabled"}, func(d *client.ActionDetails, _ string) { d.Enabled = ptr(false) }},
			{[]string{"stop_bot_detection_type"}, func(d *client.ActionDetails, _ string) { d.StopBotDetectionType = ptr("Goodbye") }},
			{[]string{"stop_bot_trigger_condition"}, func(d *client.ActionDetails, _ string) { d.StopBotTriggerCondition = ptr("changed in the UI") }},
			{[]string{"stop_bot_examples"}, func(d *client.ActionDetails, _ string) { d.StopBotExamples = []string{"talk later", "bye"} }},
			{[]string{"final_message"}, func(d *client.ActionDetails, _ string) { d.FinalMessage = ptr("changed in the UI") }},
		},
		drift2: []drift{
			{[]string{"reactivate_enabled"}, func(d *client.ActionDetails, _ string) { d.ReactivateEnabled = ptr(false) }},
			{[]string{"sleep_time"}, func(d *client.ActionDetails, _ string) { d.SleepTime = ptr(int64(7)) }},
			{[]string{"sleep_time_unit"}, func(d *client.ActionDetails, _ string) { d.SleepTimeUnit = ptr("hours") }},
			{[]string{"tags"}, func(d *client.ActionDetails, _ string) { d.Tags = []string{"stopped"} }},
		},
	},
	{
		typ: "humanHandOver", block: "human_handover",
		full: `
  human_handover = {
    enabled             = true
    handover_type       = "custom"
    trigger_condition   = "The contact is upset"
    examples            = ["I want a human", "this is useless"]
    final_message       = "A colleague will take over."
    reactivate_enabled  = true
    sleep_time          = 30
    sleep_time_unit     = "minutes"
    assign_to_user_id   = "user-1"
    skip_assign_to_user = false
    create_task         = true
    tags                = ["handover"]
  }`,
		checkFull: func(a *client.Action) error {
			return firstErr(wantEqual("assignToUserId", a.Details.AssignToUserID, "user-1"), wantEqual("skipAssignToUser", a.Details.SkipAssignToUser, false),
				wantEqual("createTask", a.Details.CreateTask, true), wantEqual("handoverType", a.Details.HandoverType, "custom"))
		},
		updated: `
  human_handover = {
    enabled            = true
    handover_type      = "lackOfInformation"
    trigger_condition  = "The agent does not know"
    final_message      = "Let me get someone."
    reactivate_enabled = false
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.Examples != nil || a.Details.AssignToUserID != nil || a.Details.CreateTask != nil || a.Details.Tags != nil {
				return fmt.Errorf("removed fields not cleared: %+v", a.Details)
			}
			return wantEqual("handoverType", a.Details.HandoverType, "lackOfInformation")
		},
		drift: []drift{
			{[]string{"enabled"}, func(d *client.ActionDetails, _ string) { d.Enabled = ptr(false) }},
			{[]string{"handover_type"}, func(d *client.ActionDetails, _ string) { d.HandoverType = ptr("contactRequest") }},
			{[]string{"trigger_condition"}, func(d *client.ActionDetails, _ string) { d.TriggerCondition = ptr("changed in the UI") }},
			{[]string{"examples"}, func(d *client.ActionDetails, _ string) { d.Examples = []string{"I want a human"} }},
			{[]string{"final_message"}, func(d *client.ActionDetails, _ string) { d.FinalMessage = ptr("changed in the UI") }},
			{[]string{"reactivate_enabled"}, func(d *client.ActionDetails, _ string) { d.ReactivateEnabled = ptr(false) }},
		},
		drift2: []drift{
			{[]string{"sleep_time"}, func(d *client.ActionDetails, _ string) { d.SleepTime = ptr(int64(45)) }},
			{[]string{"sleep_time_unit"}, func(d *client.ActionDetails, _ string) { d.SleepTimeUnit = ptr("hours") }},
			{[]string{"assign_to_user_id"}, func(d *client.ActionDetails, _ string) { d.AssignToUserID = ptr("user-2") }},
			{[]string{"skip_assign_to_user"}, func(d *client.ActionDetails, _ string) { d.SkipAssignToUser = ptr(true) }},
			{[]string{"create_task"}, func(d *client.ActionDetails, _ string) { d.CreateTask = ptr(false) }},
			{[]string{"tags"}, func(d *client.ActionDetails, _ string) { d.Tags = []string{"handover", "vip"} }},
		},
	},
	{
		typ: "advancedFollowup", block: "advanced_followup",
		full: `
  advanced_followup = {
    enabled     = true
    scenario_id = "contactStoppedReplying"
    followup_sequence = [
      { id = 1, followup_time = 30, followup_time_unit = "minutes" },
      {
        id                 = 2
        followup_time      = 1
        followup_time_unit = "days"
        ai_enabled_message = false
        custom_message     = "Still interested?"
        trigger_workflow   = true
        workflow_id        = "wf-9"
        contact_requested  = true
      },
    ]
    followup_settings = {
      dynamic_channel_switching = false
      follow_up_hours           = true
      timezone_to_use           = "business"
      working_hours = [
        { day_of_the_week = 1, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 12, end_minute = 0 }, { start_hour = 13, start_minute = 0, end_hour = 17, end_minute = 30 }] },
        { day_of_the_week = 5, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 15, end_minute = 0 }] },
      ]
    }
  }`,
		checkFull: func(a *client.Action) error {
			s := a.Details.FollowupSettings
			if len(a.Details.FollowupSequence) != 2 || s == nil || len(s.WorkingHours) != 2 || len(s.WorkingHours[0].Intervals) != 2 {
				return fmt.Errorf("remote sequence %+v settings %+v", a.Details.FollowupSequence, s)
			}
			return firstErr(wantEqual("customMessage", a.Details.FollowupSequence[1].CustomMessage, "Still interested?"),
				wantEqual("timezoneToUse", s.TimezoneToUse, "business"), wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, false))
		},
		updated: `
  advanced_followup = {
    enabled     = true
    scenario_id = "contactIsBusy"
    followup_sequence = [
      { id = 1, followup_time = 4, followup_time_unit = "hours" },
    ]
    followup_settings = {
      timezone_to_use = "contact"
    }
  }`,
		checkUpd: func(a *client.Action) error {
			s := a.Details.FollowupSettings
			if len(a.Details.FollowupSequence) != 1 || s == nil || len(s.WorkingHours) != 0 {
				return fmt.Errorf("remote sequence %+v settings %+v", a.Details.FollowupSequence, s)
			}
			return firstErr(wantEqual("scenarioId", a.Details.ScenarioID, "contactIsBusy"),
				wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, true), wantEqual("followUpHours", s.FollowUpHours, false))
		},
		drift: []drift{
			{[]string{"enabled"}, func(d *client.ActionDetails, _ string) { d.Enabled = ptr(false) }},
			{[]string{"scenario_id"}, func(d *client.ActionDetails, _ string) { d.ScenarioID = ptr("contactRequested") }},
			{[]string{"followup_sequence.0.id"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[0].ID = 7 }},
			{[]string{"followup_sequence.1.followup_time_unit"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[1].FollowupTimeUnit = "hours" }},
			{[]string{"followup_sequence.0.followup_time"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[0].FollowupTime = 45 }},
			{[]string{"followup_sequence.1.ai_enabled_message"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[1].AIEnabledMessage = ptr(true) }},
			{[]string{"followup_sequence.1.custom_message"}, func(d *client.ActionDetails, _ string) {
				d.FollowupSequence[1].CustomMessage = ptr("changed in the UI")
			}},
			{[]string{"followup_sequence.1.trigger_workflow"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[1].TriggerWorkflow = ptr(false) }},
			{[]string{"followup_sequence.1.workflow_id"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[1].WorkflowID = ptr("wf-10") }},
			{[]string{"followup_sequence.1.contact_requested"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence[1].ContactRequested = ptr(false) }},
		},
		drift2: []drift{
			{[]string{"followup_sequence"}, func(d *client.ActionDetails, _ string) { d.FollowupSequence = d.FollowupSequence[:1] }},
			{[]string{"followup_settings.dynamic_channel_switching"}, func(d *client.ActionDetails, _ string) { d.FollowupSettings.DynamicChannelSwitching = ptr(true) }},
			{[]string{"followup_settings.follow_up_hours"}, func(d *client.ActionDetails, _ string) { d.FollowupSettings.FollowUpHours = ptr(false) }},
			{[]string{"followup_settings.timezone_to_use"}, func(d *client.ActionDetails, _ string) { d.FollowupSettings.TimezoneToUse = ptr("contact") }},
			{[]string{"followup_settings.working_hours"}, func(d *client.ActionDetails, _ string) {
				d.FollowupSettings.WorkingHours[0].Intervals[1].EndHour = 18
			}},
		},
	},
	{
		typ: "transferBot", block: "transfer_bot",
		full: `
  transfer_bot = {
    enabled                        = true
    transfer_bot_type              = "Custom"
    transfer_to_bot                = highlevel_agent.other.id
    transfer_bot_trigger_condition = "The contact asks about billing"
    transfer_bot_examples          = ["billing question", "my invoice"]
  }`,
		checkFull: func(a *client.Action) error {
			return firstErr(wantEqual("transferBotType", a.Details.TransferBotType, "Custom"),
				wantEqual("transferBotTriggerCondition", a.Details.TransferBotTriggerCondition, "The contact asks about billing"))
		},
		updated: `
  transfer_bot = {
    enabled           = false
    transfer_bot_type = "Default"
    transfer_to_bot   = highlevel_agent.other.id
  }`,
		checkUpd: func(a *client.Action) error {
			if a.Details.TransferBotExamples != nil || a.Details.TransferBotTriggerCondition != nil {
				return fmt.Errorf("removed fields not cleared: %+v", a.Details)
			}
			return wantEqual("transferBotType", a.Details.TransferBotType, "Default")
		},
		drift: []drift{
			{[]string{"enabled"}, func(d *client.ActionDetails, _ string) { d.Enabled = ptr(false) }},
			{[]string{"transfer_bot_type"}, func(d *client.ActionDetails, _ string) { d.TransferBotType = ptr("Default") }},
			{[]string{"transfer_to_bot"}, func(d *client.ActionDetails, spare string) { d.TransferToBot = ptr(spare) }},
			{[]string{"transfer_bot_trigger_condition"}, func(d *client.ActionDetails, _ string) { d.TransferBotTriggerCondition = ptr("changed in the UI") }},
			{[]string{"transfer_bot_examples"}, func(d *client.ActionDetails, _ string) {
				d.TransferBotExamples = []string{"billing question", "my invoice", "refund"}
			}},
		},
	},
}
