// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

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

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const actionAddr = "highlevel_agent_action.test"

// TestAccAction_types runs, for every action type: create with every detail field, import
// (by "<agent_id>/<id>", by "<location_id>/<agent_id>/<id>", with an import block, and with
// -generate-config-out), drift on each detail field changed out of band, update in place,
// deleted out of band then re-created, a type change that replaces the action, and destroy
// checked through the API.
func TestAccAction_types(t *testing.T) {
	for i, tc := range typeCases {
		next := typeCases[(i+1)%len(typeCases)]
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			env := acctest.Shared(t)
			full := env.Config(actionConfig(tc.typ, "Full "+tc.typ, tc.full))
			var agentID, spareID, actionID string

			steps := []resource.TestStep{
				{
					Config: full,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("type"), knownvalue.StringExact(tc.typ)),
						statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
						statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New(tc.block), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New(next.block), knownvalue.Null()),
					},
					Check: resource.ComposeTestCheckFunc(
						func(s *terraform.State) (err error) {
							agentID, _ = stateAttr(s, "highlevel_agent.test", "id")
							spareID, _ = stateAttr(s, "highlevel_agent.spare", "id")
							actionID, err = stateAttr(s, actionAddr, "id")
							return err
						},
						resource.TestCheckResourceAttrPair(actionAddr, "agent_id", "highlevel_agent.test", "id"),
						remoteAction(t, env, actionAddr, func(a *client.Action) error {
							if a.Type != tc.typ || a.Name != "Full "+tc.typ {
								return fmt.Errorf("remote action is %s %q", a.Type, a.Name)
							}
							return tc.checkFull(a)
						}),
					),
				},
				{ResourceName: actionAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: actionImportID(false)},
				{ResourceName: actionAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: actionImportID(true)},
				{ResourceName: actionAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: actionImportID(false)},
				{ResourceName: actionAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: actionImportID(true), GenerateConfig: true},
			}
			steps = append(steps, resource.TestStep{
				PreConfig: func() {
					editAction(t, env, agentID, actionID, func(in *client.ActionInput) { in.Name = "renamed in the UI" })
				},
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf(actionAddr, "name"),
				}},
			})
			for _, d := range tc.drift {
				steps = append(steps, resource.TestStep{
					PreConfig: func() {
						editAction(t, env, agentID, actionID, func(in *client.ActionInput) { d.mutate(&in.Details, spareID) })
					},
					Config: full,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf(actionAddr, tc.block),
						expectDetailChanges(actionAddr, tc.block, d.leaves...),
					}},
					Check: remoteAction(t, env, actionAddr, tc.checkFull),
				})
			}
			steps = append(steps,
				resource.TestStep{
					Config: env.Config(actionConfig(tc.typ, "Updated "+tc.typ, tc.updated)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(actionAddr, plancheck.ResourceActionUpdate),
					}},
					Check: remoteAction(t, env, actionAddr, func(a *client.Action) error {
						if a.ID != actionID || a.Name != "Updated "+tc.typ {
							return fmt.Errorf("remote action %s is named %q", a.ID, a.Name)
						}
						return tc.checkUpd(a)
					}),
				},
				resource.TestStep{
					PreConfig: func() {
						if err := env.Client(t).DeleteAction(context.Background(), env.LocationID, agentID, actionID); err != nil {
							t.Fatal(err)
						}
					},
					Config: env.Config(actionConfig(tc.typ, "Updated "+tc.typ, tc.updated)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(actionAddr, plancheck.ResourceActionCreate),
					}},
					Check: func(s *terraform.State) error {
						if id, _ := stateAttr(s, actionAddr, "id"); id == actionID || id == "" {
							return fmt.Errorf("action was not re-created (id %q)", id)
						}
						return nil
					},
				},
				resource.TestStep{
					Config: env.Config(actionConfig(next.typ, "Replaced", next.full)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(actionAddr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					Check: remoteAction(t, env, actionAddr, func(a *client.Action) error {
						if a.Type != next.typ {
							return fmt.Errorf("remote type %s, want %s", a.Type, next.typ)
						}
						return next.checkFull(a)
					}),
				},
			)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             checkActionsDestroyed(t, env),
				Steps:                    steps,
			})
		})
	}
}
