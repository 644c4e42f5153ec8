// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"fmt"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const agentAddr = "highlevel_voice_agent.test"

// fullVoiceAgent sets every argument.
const fullVoiceAgent = `
resource "highlevel_voice_agent" "test" {
  name                        = %q
  business_name               = "Bright Smile Dental"
  welcome_message             = "Thanks for calling Bright Smile Dental, this is Ava. How can I help?"
  prompt                      = "You book cleanings for Bright Smile Dental. Never give medical advice."
  voice_id                    = "65f1a2b3c4d5e6f708192a3c"
  language                    = "es"
  patience_level              = "low"
  max_call_duration           = 600
  send_idle_reminders         = false
  idle_reminder_after_seconds = 12
  inbound_number              = "+15550001111"
  number_pool_id              = "pool-1"
  call_end_workflow_ids       = ["wf-1", "wf-2"]
  post_call_notification = {
    admins                = false
    all_users             = true
    contact_assigned_user = true
    specific_user_ids     = ["user-1"]
    custom_emails         = ["front@example.com"]
  }
  working_hours = [
    {
      day = "monday"
      intervals = [
        { start_hour = 9, start_minute = 0, end_hour = 12, end_minute = 30 },
        { start_hour = 13, start_minute = 30, end_hour = 17, end_minute = 0 },
      ]
    },
    {
      day       = "sunday"
      intervals = [{ start_hour = 10, start_minute = 0, end_hour = 23, end_minute = 59 }]
    },
  ]
  timezone                = "America/Chicago"
  disable_as_backup_agent = true
  translation = {
    enabled  = true
    language = "en-US"
  }
}
`

// TestAccVoiceAgent_lifecycle covers the voice agent resource in one run: a minimal agent (the
// API's defaults) and a full one (every argument) created together, imported four ways, changed
// out of band (every attribute is drift), deleted out of band (re-created), and updated in place.
// The replacement (another location) is TestAccVoiceAgent_moveLocation.
func TestAccVoiceAgent_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	const minAddr = "highlevel_voice_agent.min"
	config := env.Config(fmt.Sprintf(fullVoiceAgent, "Bright Smile front desk") + `
resource "highlevel_voice_agent" "min" {
  name = "Front desk"
}
`)
	check := func(name string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(minAddr, tfjsonpath.New(name), v)
	}
	var id, minID string
	no, yes := false, true
	// Every attribute changed out of band at once, as a person in the HighLevel UI would: the plan
	// must update exactly these attributes (each one is drift on its own; none interacts with
	// another: the translation stays valid for the new language).
	drift := []struct {
		attr   string
		change func(*client.VoiceAgentInput)
	}{
		{"name", func(in *client.VoiceAgentInput) { in.AgentName = ptr("renamed in the UI") }},
		{"business_name", func(in *client.VoiceAgentInput) { in.BusinessName = ptr("Other Dental") }},
		{"welcome_message", func(in *client.VoiceAgentInput) { in.WelcomeMessage = ptr("Hi!") }},
		{"prompt", func(in *client.VoiceAgentInput) { in.AgentPrompt = ptr("Sell upgrades") }},
		{"voice_id", func(in *client.VoiceAgentInput) { in.VoiceID = ptr("65f1a2b3c4d5e6f708192aff") }},
		{"language", func(in *client.VoiceAgentInput) { in.Language = ptr("fr") }},
		{"patience_level", func(in *client.VoiceAgentInput) { in.PatienceLevel = ptr("high") }},
		{"max_call_duration", func(in *client.VoiceAgentInput) { in.MaxCallDuration = ptr(int64(900)) }},
		{"send_idle_reminders", func(in *client.VoiceAgentInput) { in.SendUserIdleReminders = &yes }},
		{"idle_reminder_after_seconds", func(in *client.VoiceAgentInput) { in.ReminderAfterIdleTimeSeconds = ptr(int64(3)) }},
		{"inbound_number", func(in *client.VoiceAgentInput) { in.InboundNumber = ptr("+15559998888") }},
		{"number_pool_id", func(in *client.VoiceAgentInput) { in.NumberPoolID = ptr("pool-x") }},
		{"call_end_workflow_ids", func(in *client.VoiceAgentInput) { in.CallEndWorkflowIDs = []string{"wf-9"} }},
		{"post_call_notification", func(in *client.VoiceAgentInput) {
			in.SendPostCallNotificationTo = &client.VoicePostCallNotification{Admins: true}
		}},
		{"working_hours", func(in *client.VoiceAgentInput) { in.AgentWorkingHours = []client.VoiceWorkingDay{} }},
		{"timezone", func(in *client.VoiceAgentInput) { in.Timezone = ptr("Europe/Paris") }},
		{"disable_as_backup_agent", func(in *client.VoiceAgentInput) { in.IsAgentAsBackupDisabled = &no }},
		{"translation", func(in *client.VoiceAgentInput) { in.Translation = &client.VoiceTranslation{Enabled: false} }},
	}
	var driftAttrs []string
	var everything client.VoiceAgentInput
	for _, d := range drift {
		driftAttrs = append(driftAttrs, d.attr)
		d.change(&everything)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			// Create: the minimal agent gets the API's defaults; the full one is sent whole (API
			// day numbers, notification, number).
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					check("name", knownvalue.StringExact("Front desk")),
					check("location_id", knownvalue.StringExact(env.LocationID)),
					check("language", knownvalue.StringExact("en-US")),
					check("patience_level", knownvalue.StringExact("high")),
					check("max_call_duration", knownvalue.Int64Exact(300)),
					check("send_idle_reminders", knownvalue.Bool(true)),
					check("idle_reminder_after_seconds", knownvalue.Int64Exact(8)),
					check("inbound_number", knownvalue.Null()),
					check("number_pool_id", knownvalue.Null()),
					check("call_end_workflow_ids", knownvalue.SetSizeExact(0)),
					check("working_hours", knownvalue.ListSizeExact(0)),
					check("timezone", knownvalue.StringExact("America/New_York")),
					check("disable_as_backup_agent", knownvalue.Bool(false)),
					check("business_name", knownvalue.StringExact(t.Name())), // the location's name
					check("welcome_message", knownvalue.StringExact("Hello, thank you for calling "+t.Name()+". How can I help you today?")),
					check("prompt", knownvalue.NotNull()),
					check("voice_id", knownvalue.NotNull()),
					check("post_call_notification", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"admins": knownvalue.Bool(true), "all_users": knownvalue.Bool(false), "contact_assigned_user": knownvalue.Bool(false),
						"specific_user_ids": knownvalue.SetSizeExact(0), "custom_emails": knownvalue.SetSizeExact(0),
					})),
					check("translation", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"enabled": knownvalue.Bool(false), "language": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("working_hours").AtSliceIndex(1).AtMapKey("day"), knownvalue.StringExact("sunday")),
					statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("translation").AtMapKey("language"), knownvalue.StringExact("en-US")),
					remoteAgentState(t, env, agentAddr, func(a *client.VoiceAgent) error {
						id = a.ID
						switch {
						case len(a.AgentWorkingHours) != 2 || a.AgentWorkingHours[1].DayOfTheWeek != 7 || a.AgentWorkingHours[0].DayOfTheWeek != 1:
							return fmt.Errorf("working hours %+v: sunday must be API day 7, monday 1", a.AgentWorkingHours)
						case a.InboundNumber == nil || *a.InboundNumber != "+15550001111" || a.Timezone != "America/Chicago":
							return fmt.Errorf("remote agent %+v", a)
						case a.SendPostCallNotificationTo == nil || !a.SendPostCallNotificationTo.AllUsers:
							return fmt.Errorf("notification %+v", a.SendPostCallNotificationTo)
						}
						return nil
					}),
					stateFunc(func(s *tfjson.State) (err error) { minID, err = stateID(s, minAddr); return err }),
				},
			},
			// Import by "<id>" (the minimal agent), by "<location_id>/<id>", with an import block,
			// and generating config.
			{ResourceName: minAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(minAddr, false)},
			{ResourceName: agentAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(agentAddr, true)},
			{ResourceName: agentAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: importID(agentAddr, false)},
			{ResourceName: agentAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true},
			// Drift: every attribute of the full agent at once; the apply converges.
			{
				PreConfig: func() { patchAgent(t, env, id, everything) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf(agentAddr, driftAttrs...),
						plancheck.ExpectResourceAction(minAddr, plancheck.ResourceActionNoop),
					},
				},
			},
			// A number detached in the UI (PATCH null) is drift on inbound_number too; and the
			// minimal agent, deleted out of band, is re-created.
			{
				PreConfig: func() {
					_, err := env.Client(t).PatchVoiceAgent(context.Background(), env.LocationID, id,
						client.VoiceAgentInput{}, client.VoiceAgentInput{InboundNumber: ptr("+15550001111")})
					if err != nil {
						t.Fatal(err)
					}
					if err := env.Client(t).DeleteVoiceAgent(context.Background(), env.LocationID, minID); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf(agentAddr, "inbound_number"),
						plancheck.ExpectResourceAction(minAddr, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					if now, _ := stateID(s, minAddr); now == minID {
						return fmt.Errorf("voice agent was not re-created")
					}
					return nil
				})},
			},
			// Update in place: removed arguments go back to the API's defaults, or are cleared.
			{
				Config: env.Config(`
resource "highlevel_voice_agent" "test" {
  name          = "Bright Smile (renamed)"
  business_name = "Bright Smile Dental"
}

resource "highlevel_voice_agent" "min" {
  name = "Front desk"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(agentAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{remoteAgentState(t, env, agentAddr, func(a *client.VoiceAgent) error {
					switch {
					case a.ID != id:
						return fmt.Errorf("agent replaced (%s → %s), want an update in place", id, a.ID)
					case a.AgentName != "Bright Smile (renamed)":
						return fmt.Errorf("name %q", a.AgentName)
					case a.InboundNumber != nil || a.NumberPoolID != nil:
						return fmt.Errorf("number %v / pool %v not cleared", a.InboundNumber, a.NumberPoolID)
					case len(a.CallEndWorkflowIDs) != 0 || len(a.AgentWorkingHours) != 0:
						return fmt.Errorf("workflows %v / hours %v not cleared", a.CallEndWorkflowIDs, a.AgentWorkingHours)
					case a.Language != "en-US" || a.PatienceLevel != "high" || *a.MaxCallDuration != 300 || !*a.SendUserIdleReminders ||
						*a.ReminderAfterIdleTimeSeconds != 8 || *a.IsAgentAsBackupDisabled:
						return fmt.Errorf("defaults not restored: %+v", a)
					case a.Translation == nil || a.Translation.Enabled:
						return fmt.Errorf("translation not disabled: %+v", a.Translation)
					case !a.SendPostCallNotificationTo.Admins || a.SendPostCallNotificationTo.AllUsers || len(a.SendPostCallNotificationTo.CustomEmails) != 0:
						return fmt.Errorf("notification not reset: %+v", a.SendPostCallNotificationTo)
					case a.Timezone != "America/Chicago" || a.WelcomeMessage == "":
						return fmt.Errorf("server-filled values must be kept: %+v", a)
					}
					return nil
				})},
			},
		},
	})
}

func TestAccVoiceAgent_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(fmt.Sprintf(fullVoiceAgent, "identity"))},
			{ResourceName: agentAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}
