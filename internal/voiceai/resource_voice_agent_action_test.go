// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const actionAddr = "highlevel_voice_agent_action.test"

// actionKinds holds one configuration per action kind, in the form "<attribute> = { … }".
var actionKindConfigs = map[string]string{
	"call_transfer": `call_transfer = {
    trigger_prompt       = "The caller asks for a manager"
    trigger_message      = "Let me put you through to a manager."
    transfer_to_number   = "+15550001234"
    hear_whisper_message = true
  }`,
	"data_extraction": `data_extraction = {
    contact_field_id = "email"
    description      = "The caller's email address"
    examples         = ["ann@example.com", "bob@example.org"]
  }`,
	"in_call_data_extraction": `in_call_data_extraction = {
    contact_field_id         = "first_name"
    description              = "The caller's first name"
    examples                 = ["Ann"]
    overwrite_existing_value = true
  }`,
	"workflow_trigger": `workflow_trigger = {
    trigger_prompt  = "The caller wants a brochure"
    trigger_message = "I'll send you our brochure."
    workflow_id     = "wf-brochure"
  }`,
	"sms": `sms = {
    trigger_prompt  = "The caller asks for the address"
    trigger_message = "I'm texting you our address now."
    message_body    = "Bright Smile Dental, 1 Main Street, Springfield"
  }`,
	"appointment_booking": `appointment_booking = {
    calendar_id            = "cal-cleanings"
    days_of_offering_dates = 5
    slots_per_day          = 3
    hours_between_slots    = 2
  }`,
	"custom_action": `custom_action = {
    trigger_prompt                  = "The caller asks about an order"
    trigger_message                 = "Let me look up your order."
    url                             = "https://api.example.com/orders"
    method                          = "GET"
    authentication_required         = true
    authentication_value_wo         = "wo-secret-7f3a9c"
    authentication_value_wo_version = 1
    headers                         = [{ key = "X-Shop", value = "header-secret-51d2" }]
    parameters                      = [{ name = "order", description = "The order number", type = "string", example = "A-1001" }]
    selected_paths                  = ["$.status", "$.eta"]
  }`,
	"knowledge_base": `knowledge_base = {
    trigger_prompt    = "The caller asks about prices"
    knowledge_base_id = "kb-prices"
  }`,
}

func actionConfig(env *acctest.Env, name, kind string) string {
	return env.Config(fmt.Sprintf(`
resource "highlevel_voice_agent" "agent" {
  name = "Actions host"
}

resource "highlevel_voice_agent_action" "test" {
  agent_id = highlevel_voice_agent.agent.id
  name     = %q
  %s
}
`, name, actionKindConfigs[kind]))
}

// actionKinds are the action kinds, the API's actionType of each, and the kind each one is
// switched to (a replacement).
var actionKinds = []struct{ kind, apiType, next string }{
	{"call_transfer", "CALL_TRANSFER", "sms"},
	{"data_extraction", "DATA_EXTRACTION", "in_call_data_extraction"},
	{"in_call_data_extraction", "IN_CALL_DATA_EXTRACTION", "data_extraction"},
	{"workflow_trigger", "WORKFLOW_TRIGGER", "knowledge_base"},
	{"sms", "SMS", "call_transfer"},
	{"appointment_booking", "APPOINTMENT_BOOKING", "workflow_trigger"},
	{"custom_action", "CUSTOM_ACTION", "appointment_booking"},
	{"knowledge_base", "KNOWLEDGE_BASE", "custom_action"},
}

// everyKindConfig is two agents and one action of every kind (highlevel_voice_agent_action.<kind>)
// on the first, each named name and of the kind kindOf returns, plus an SMS action "mover" on
// agent moverOn. extra is appended.
func everyKindConfig(env *acctest.Env, name string, kindOf func(kind, next string) string, moverOn, extra string) string {
	var b strings.Builder
	b.WriteString(`
resource "highlevel_voice_agent" "agent" {
  name = "Actions host"
}

resource "highlevel_voice_agent" "other" {
  name = "Other host"
}
`)
	for _, k := range actionKinds {
		fmt.Fprintf(&b, `
resource "highlevel_voice_agent_action" %q {
  agent_id = highlevel_voice_agent.agent.id
  name     = %q
  %s
}
`, k.kind, name, actionKindConfigs[kindOf(k.kind, k.next)])
	}
	fmt.Fprintf(&b, `
resource "highlevel_voice_agent_action" "mover" {
  agent_id = highlevel_voice_agent.%s.id
  name     = "Text the address"
  %s
}
`, moverOn, actionKindConfigs["sms"])
	return env.Config(b.String() + extra)
}

// TestAccVoiceAction_everyKind creates an action of every kind, imports each (by ID, with an
// import block, generating config), renames them in place and replaces them (switching the kind
// replaces an action; so does moving it to another agent).
func TestAccVoiceAction_everyKind(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	same := func(kind, _ string) string { return kind }
	next := func(_, next string) string { return next }
	base := everyKindConfig(env, "first", same, "agent", "")
	addr := func(kind string) string { return "highlevel_voice_agent_action." + kind }
	// The custom action's authentication_value_wo_version is not returned by the API: it is kept
	// from configuration (the write-only value is never stored), so an import cannot know it.
	const woVersion = "custom_action.authentication_value_wo_version"
	firstIDs := map[string]string{}
	idVars := map[string]*string{}
	// An import block of every kind in the configuration, beside the resource that manages the
	// same action, with the same arguments: imported_<kind>, by "<agent_id>/<id>" for half of the
	// kinds and "<location_id>/<agent_id>/<id>" for the others.
	imports, removed := "", ""
	vars := config.Variables{}
	var importChecks []plancheck.PlanCheck
	for i, k := range actionKinds {
		id := new(string)
		idVars[k.kind] = id
		vars["id_"+k.kind] = lazyString{id}
		idExpr := `"${var.agent}/${var.id_` + k.kind + `}"`
		if i%2 == 1 {
			idExpr = `"${var.location}/${var.agent}/${var.id_` + k.kind + `}"`
		}
		imports += fmt.Sprintf(`
variable "id_%[1]s" {
  type = string
}

import {
  to = highlevel_voice_agent_action.imported_%[1]s
  id = %[2]s
}

resource "highlevel_voice_agent_action" "imported_%[1]s" {
  agent_id = highlevel_voice_agent.agent.id
  name     = "first"
  %[3]s
}
`, k.kind, idExpr, actionKindConfigs[k.kind])
		removed += fmt.Sprintf(`
removed {
  from = highlevel_voice_agent_action.imported_%s
  lifecycle {
    destroy = false
  }
}
`, k.kind)
		if k.kind == "custom_action" {
			// The plan after importing a custom action with an authentication value updates it
			// once: the write-only value cannot be read back, so the provider cannot tell that the
			// remote value matches, and sends it (the documented behaviour).
			importChecks = append(importChecks, expectImportVerified(addr(k.kind), addr("imported_"+k.kind), woVersion),
				acctest.ExpectUpdateOf(addr("imported_"+k.kind), "custom_action"),
				plancheck.ExpectKnownValue(addr("imported_"+k.kind), tfjsonpath.New("custom_action").AtMapKey("authentication_value_wo_version"), knownvalue.Int64Exact(1)))
		} else {
			importChecks = append(importChecks, expectImportVerified(addr(k.kind), addr("imported_"+k.kind)),
				plancheck.ExpectResourceAction(addr("imported_"+k.kind), plancheck.ResourceActionNoop))
		}
	}
	var agentID string
	vars["agent"] = lazyString{&agentID}
	vars["location"] = config.StringVariable(env.LocationID)
	imports += `
variable "agent" {
  type = string
}

variable "location" {
  type = string
}
`
	steps := []resource.TestStep{
		// Create: every kind is sent as its API actionType.
		{
			Config: base,
			ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
				var err error
				if agentID, err = stateID(s, "highlevel_voice_agent.agent"); err != nil {
					return err
				}
				for _, k := range actionKinds {
					id, err := stateID(s, addr(k.kind))
					if err != nil {
						return err
					}
					firstIDs[k.kind], *idVars[k.kind] = id, id
					a, err := env.Client(t).GetVoiceAction(context.Background(), env.LocationID, id)
					if err != nil {
						return err
					}
					if a.ActionType != k.apiType || a.Name != "first" {
						return fmt.Errorf("remote action %s %q, want %s", a.ActionType, a.Name, k.apiType)
					}
				}
				return nil
			})},
		},
		// Import with the import command, by "<agent_id>/<id>" and by "<location_id>/<agent_id>/<id>".
		{ResourceName: addr("custom_action"), ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{woVersion},
			ImportStateIdFunc: childImportID(addr("custom_action"), false)},
		{ResourceName: addr("call_transfer"), ImportState: true, ImportStateVerify: true,
			ImportStateIdFunc: childImportID(addr("call_transfer"), true)},
	}
	// Import with an import block and -generate-config-out, kind by kind. A custom action with an
	// authentication value cannot be generated complete (the value is write-only).
	for _, k := range actionKinds {
		if k.kind != "custom_action" {
			steps = append(steps, resource.TestStep{ResourceName: addr(k.kind), ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: childImportID(addr(k.kind), false), GenerateConfig: true})
		}
	}
	steps = append(steps,
		// Import blocks of every kind: each import reads what the state holds (ImportStateVerify).
		resource.TestStep{
			Config:           base + imports,
			ConfigVariables:  vars,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: importChecks},
		},
		// Rename every action in place (the imported copies are forgotten, not destroyed).
		resource.TestStep{
			Config: everyKindConfig(env, "renamed", same, "agent", removed),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: func() []plancheck.PlanCheck {
					var out []plancheck.PlanCheck
					for _, k := range actionKinds {
						out = append(out, plancheck.ExpectResourceAction(addr(k.kind), plancheck.ResourceActionUpdate))
					}
					return out
				}(),
			},
			ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
				for _, k := range actionKinds {
					id, err := stateID(s, addr(k.kind))
					if err != nil {
						return err
					}
					a, err := env.Client(t).GetVoiceAction(context.Background(), env.LocationID, id)
					if err != nil {
						return err
					}
					if id != firstIDs[k.kind] || a.Name != "renamed" {
						return fmt.Errorf("%s: %s named %q, want %s renamed in place", k.kind, id, a.Name, firstIDs[k.kind])
					}
				}
				return nil
			})},
		},
		// Switch every action to another kind, and move "mover" to the other agent: replacements.
		resource.TestStep{
			Config: everyKindConfig(env, "renamed", next, "other", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: func() []plancheck.PlanCheck {
					out := []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr("mover"), plancheck.ResourceActionDestroyBeforeCreate)}
					for _, k := range actionKinds {
						out = append(out, plancheck.ExpectResourceAction(addr(k.kind), plancheck.ResourceActionDestroyBeforeCreate))
					}
					return out
				}(),
			},
			ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
				c := env.Client(t)
				for _, k := range actionKinds {
					id, _ := stateID(s, addr(k.kind))
					if _, err := c.GetVoiceAction(context.Background(), env.LocationID, firstIDs[k.kind]); !client.IsNotFound(err) {
						return fmt.Errorf("%s: the replaced action %s still exists (%v)", k.kind, firstIDs[k.kind], err)
					}
					if id == firstIDs[k.kind] {
						return fmt.Errorf("%s: not replaced", k.kind)
					}
				}
				other, _ := stateID(s, "highlevel_voice_agent.other")
				a, err := c.GetVoiceAgent(context.Background(), env.LocationID, other)
				if err != nil || len(a.Actions) != 1 {
					return fmt.Errorf("the other agent has %v actions (%v), want 1", a, err)
				}
				a, err = c.GetVoiceAgent(context.Background(), env.LocationID, agentID)
				if err != nil || len(a.Actions) != len(actionKinds) {
					return fmt.Errorf("the first agent has %v actions (%v), want %d", a, err, len(actionKinds))
				}
				return nil
			})},
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps:                    steps,
	})
}

func TestAccVoiceAction_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: actionConfig(env, "identity", "sms")},
			{ResourceName: actionAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// editAction changes an action out of band: read it, change it, write the whole action back.
func editAction(t *testing.T, env *acctest.Env, agentID, id string, mutate func(*client.VoiceActionInput)) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	a, err := c.GetVoiceAction(ctx, env.LocationID, id)
	if err != nil {
		t.Fatalf("read voice action %s: %v", id, err)
	}
	in := client.VoiceActionInput{AgentID: agentID, ActionType: a.ActionType, Name: a.Name, ActionParameters: a.ActionParameters}
	if d := in.ActionParameters.APIDetails; d != nil && d.AuthenticationRequired != nil && *d.AuthenticationRequired {
		d.AuthenticationValue = ptr("changed-in-the-ui")
	}
	mutate(&in)
	if _, err := c.UpdateVoiceAction(ctx, env.LocationID, id, in); err != nil {
		t.Fatalf("edit voice action %s out of band: %v", id, err)
	}
}

// TestAccVoiceAction_drift changes an action out of band (its name and five members of its custom
// action at once) and checks that the next plan updates exactly those back; then deletes that
// action out of band and, in the same run, another agent with its action: all are re-created.
func TestAccVoiceAction_drift(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := actionConfig(env, "Order lookup", "custom_action") + `
resource "highlevel_voice_agent" "other" {
  name = "Other host"
}

resource "highlevel_voice_agent_action" "other" {
  agent_id = highlevel_voice_agent.other.id
  name     = "Text the address"
  ` + actionKindConfigs["sms"] + `
}
`
	ids := map[string]string{}
	save := stateFunc(func(s *tfjson.State) error {
		for _, a := range []string{"highlevel_voice_agent.agent", "highlevel_voice_agent.other", actionAddr, "highlevel_voice_agent_action.other"} {
			id, err := stateID(s, a)
			if err != nil {
				return err
			}
			ids[a] = id
		}
		return nil
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{save}},
			// Each change is drift on its own: the plan must name each of them, and nothing else.
			{
				PreConfig: func() {
					editAction(t, env, ids["highlevel_voice_agent.agent"], ids[actionAddr], func(in *client.VoiceActionInput) {
						in.Name = "renamed in the UI"
						in.ActionParameters.TriggerMessage = ptr("One moment.")
						in.ActionParameters.APIDetails.URL = "https://other.example.com"
						in.ActionParameters.APIDetails.Headers[0].Value = "changed"
						in.ActionParameters.SelectedPaths = []string{"$.other"}
						in.ActionParameters.APIDetails.Parameters = nil
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf(actionAddr, "name", "custom_action"),
						expectObjectChanges(actionAddr, "custom_action", "trigger_message", "url", "headers", "selected_paths", "parameters"),
						plancheck.ExpectResourceAction("highlevel_voice_agent_action.other", plancheck.ResourceActionNoop),
					},
				},
			},
			// Disappears: the action deleted out of band is re-created; the other agent deleted out
			// of band (its action with it) is re-created with its action.
			{
				PreConfig: func() {
					c := env.Client(t)
					if err := c.DeleteVoiceAction(context.Background(), env.LocationID, ids["highlevel_voice_agent.agent"], ids[actionAddr]); err != nil {
						t.Fatal(err)
					}
					if err := c.DeleteVoiceAgent(context.Background(), env.LocationID, ids["highlevel_voice_agent.other"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(actionAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_voice_agent.agent", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("highlevel_voice_agent.other", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_voice_agent_action.other", plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					for _, a := range []string{"highlevel_voice_agent.other", actionAddr, "highlevel_voice_agent_action.other"} {
						if now, _ := stateID(s, a); now == ids[a] {
							return fmt.Errorf("%s was not re-created", a)
						}
					}
					return nil
				})},
			},
		},
	})
}
