// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const agentAddr = "highlevel_voice_agent.test"

const minimalVoiceAgent = `
resource "highlevel_voice_agent" "test" {
  name = %q
}
`

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

func TestAccVoiceAgent_minimalDefaults(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	check := func(name string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New(name), v)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(minimalVoiceAgent, "Front desk")),
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
				},
			},
			{
				Config:            env.Config(fmt.Sprintf(minimalVoiceAgent, "Front desk")),
				ResourceName:      agentAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccVoiceAgent_fullImportAndUpdate(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(fullVoiceAgent, "Bright Smile front desk")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("working_hours").AtSliceIndex(1).AtMapKey("day"), knownvalue.StringExact("sunday")),
					statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("translation").AtMapKey("language"), knownvalue.StringExact("en-US")),
				},
				Check: remoteAgent(t, env, agentAddr, func(a *client.VoiceAgent) error {
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
			},
			// Import by "<location_id>/<id>", by "<id>", with an import block, and generating config.
			{ResourceName: agentAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(agentAddr, true)},
			{ResourceName: agentAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(agentAddr, false)},
			{ResourceName: agentAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{ResourceName: agentAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true},
			// Update in place: removed arguments go back to the API's defaults, or are cleared.
			{
				Config: env.Config(`
resource "highlevel_voice_agent" "test" {
  name          = "Bright Smile (renamed)"
  business_name = "Bright Smile Dental"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(agentAddr, plancheck.ResourceActionUpdate)},
				},
				Check: remoteAgent(t, env, agentAddr, func(a *client.VoiceAgent) error {
					switch {
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
				}),
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

func TestAccVoiceAgent_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	var id string
	config := env.Config(fmt.Sprintf(minimalVoiceAgent, "doomed"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: func(s *terraform.State) (err error) { id, err = idOf(s, agentAddr); return err }},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteVoiceAgent(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(agentAddr, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if now, _ := idOf(s, agentAddr); now == id {
						return fmt.Errorf("voice agent was not re-created")
					}
					return nil
				},
			},
		},
	})
}

// TestAccVoiceAgent_drift changes each attribute out of band through the public API, as a person
// in the HighLevel UI would, and checks that the next plan updates exactly that attribute back.
func TestAccVoiceAgent_drift(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(fmt.Sprintf(fullVoiceAgent, "drifting"))
	no, yes := false, true
	cases := []struct {
		attr   string
		change client.VoiceAgentInput
	}{
		{"name", client.VoiceAgentInput{AgentName: ptr("renamed in the UI")}},
		{"business_name", client.VoiceAgentInput{BusinessName: ptr("Other Dental")}},
		{"welcome_message", client.VoiceAgentInput{WelcomeMessage: ptr("Hi!")}},
		{"prompt", client.VoiceAgentInput{AgentPrompt: ptr("Sell upgrades")}},
		{"voice_id", client.VoiceAgentInput{VoiceID: ptr("65f1a2b3c4d5e6f708192aff")}},
		{"language", client.VoiceAgentInput{Language: ptr("fr")}},
		{"patience_level", client.VoiceAgentInput{PatienceLevel: ptr("high")}},
		{"max_call_duration", client.VoiceAgentInput{MaxCallDuration: ptr(int64(900))}},
		{"send_idle_reminders", client.VoiceAgentInput{SendUserIdleReminders: &yes}},
		{"idle_reminder_after_seconds", client.VoiceAgentInput{ReminderAfterIdleTimeSeconds: ptr(int64(3))}},
		{"inbound_number", client.VoiceAgentInput{InboundNumber: ptr("+15559998888")}},
		{"number_pool_id", client.VoiceAgentInput{NumberPoolID: ptr("pool-x")}},
		{"call_end_workflow_ids", client.VoiceAgentInput{CallEndWorkflowIDs: []string{"wf-9"}}},
		{"post_call_notification", client.VoiceAgentInput{SendPostCallNotificationTo: &client.VoicePostCallNotification{Admins: true}}},
		{"working_hours", client.VoiceAgentInput{AgentWorkingHours: []client.VoiceWorkingDay{}}},
		{"timezone", client.VoiceAgentInput{Timezone: ptr("Europe/Paris")}},
		{"disable_as_backup_agent", client.VoiceAgentInput{IsAgentAsBackupDisabled: &no}},
		{"translation", client.VoiceAgentInput{Translation: &client.VoiceTranslation{Enabled: false}}},
	}
	var id string
	steps := []resource.TestStep{{Config: config, Check: func(s *terraform.State) (err error) { id, err = idOf(s, agentAddr); return err }}}
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			PreConfig: func() { patchAgent(t, env, id, tc.change) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(agentAddr, tc.attr)},
			},
		})
	}
	// A number detached in the UI (PATCH null) is drift on inbound_number too.
	steps = append(steps, resource.TestStep{
		PreConfig: func() {
			_, err := env.Client(t).PatchVoiceAgent(context.Background(), env.LocationID, id,
				client.VoiceAgentInput{}, client.VoiceAgentInput{InboundNumber: ptr("+15550001111")})
			if err != nil {
				t.Fatal(err)
			}
		},
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(agentAddr, "inbound_number")}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps:                    steps,
	})
}
