// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// typeAddr is the address of the action of type case tc in TestAccAction_types.
func typeAddr(tc typeCase) string { return "highlevel_agent_action." + tc.block }

// unmanagedAddr is the advancedFollowup action of TestAccAction_types that does not set its
// follow-up settings inline.
const unmanagedAddr = "highlevel_agent_action.unmanaged"

// allTypesConfig is agentsConfig with one action per type case on highlevel_agent.test, at
// typeAddr(tc), each with the type, name and details that pick returns, and the action at
// unmanagedAddr named unmanagedName.
func allTypesConfig(pick func(i int, tc typeCase) (typ, name, details string), unmanagedName string) string {
	var b strings.Builder
	b.WriteString(agentsConfig)
	for i, tc := range typeCases {
		typ, name, details := pick(i, tc)
		fmt.Fprintf(&b, `
resource "highlevel_agent_action" %q {
  agent_id = highlevel_agent.test.id
  type     = %q
  name     = %q
%s
}
`, tc.block, typ, name, details)
	}
	fmt.Fprintf(&b, `
resource "highlevel_agent_action" "unmanaged" {
  agent_id = highlevel_agent.test.id
  type     = "advancedFollowup"
  name     = %q
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactIsBusy"
    followup_sequence = [{ id = 1, followup_time = 2, followup_time_unit = "hours" }]
  }
}
`, unmanagedName)
	return b.String()
}

// TestAccAction_types runs one action of every type, side by side on one agent, through the
// lifecycle DESIGN.md "Tests" asks of a resource, so that each configuration is applied once
// for all types: create with every detail field; import (by "<agent_id>/<id>" or
// "<location_id>/<agent_id>/<id>", alternately, with ImportStateVerify; with an import block
// and -generate-config-out; and once with a plain import block); drift on every detail field
// changed out of band, in two steps that each change many fields of every action at once; update
// in place; deleted out of band then re-created; a type change that replaces every action; the
// parent agent deleted out of band (its actions go with it, contract §3.1: the refresh has no
// error and the apply re-creates the agent and the actions on it); and destroy checked through
// the API.
//
// It also carries an advancedFollowup action without inline followup_settings ("unmanaged"):
// settings changed elsewhere show in state without planning a change, and survive an update
// of the action (PUT is a full replace).
func TestAccAction_types(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	next := func(i int) typeCase { return typeCases[(i+1)%len(typeCases)] }
	full := env.Config(allTypesConfig(func(_ int, tc typeCase) (string, string, string) { return tc.typ, "Full " + tc.typ, tc.full }, "unmanaged"))
	updated := env.Config(allTypesConfig(func(_ int, tc typeCase) (string, string, string) { return tc.typ, "Updated " + tc.typ, tc.updated }, "renamed"))
	replaced := env.Config(allTypesConfig(func(i int, _ typeCase) (string, string, string) { return next(i).typ, "Replaced", next(i).full }, "renamed"))
	var agentID, spareID string
	actionIDs := map[string]string{} // address → id at the last capture

	capture := func(s *terraform.State) error {
		agentID, _ = stateAttr(s, "highlevel_agent.test", "id")
		spareID, _ = stateAttr(s, "highlevel_agent.spare", "id")
		for _, addr := range append(addrs(), unmanagedAddr) {
			id, err := stateAttr(s, addr, "id")
			if err != nil || id == "" {
				return fmt.Errorf("%s: no id in state (%v)", addr, err)
			}
			actionIDs[addr] = id
		}
		return nil
	}
	// recreated checks that every action of addrs has a new id, then captures the new ids.
	recreated := func(addrs ...string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			for _, addr := range addrs {
				if id, _ := stateAttr(s, addr, "id"); id == actionIDs[addr] || id == "" {
					return fmt.Errorf("%s was not re-created (id %q)", addr, id)
				}
			}
			return capture(s)
		}
	}
	// eachType composes one check per type case.
	eachType := func(check func(i int, tc typeCase) resource.TestCheckFunc) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		for i, tc := range typeCases {
			checks = append(checks, check(i, tc))
		}
		return resource.ComposeTestCheckFunc(checks...)
	}

	// Create with every detail field.
	create := resource.TestStep{
		Config: full,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(unmanagedAddr, tfjsonpath.New("advanced_followup").AtMapKey("followup_settings"), knownvalue.Null()),
		},
		Check: resource.ComposeTestCheckFunc(capture, eachType(func(_ int, tc typeCase) resource.TestCheckFunc {
			return resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrPair(typeAddr(tc), "agent_id", "highlevel_agent.test", "id"),
				remoteAction(t, env, typeAddr(tc), func(a *client.Action) error {
					if a.Type != tc.typ || a.Name != "Full "+tc.typ {
						return fmt.Errorf("remote action is %s %q", a.Type, a.Name)
					}
					return tc.checkFull(a)
				}),
			)
		})),
	}
	for i, tc := range typeCases {
		create.ConfigStateChecks = append(create.ConfigStateChecks,
			statecheck.ExpectKnownValue(typeAddr(tc), tfjsonpath.New("type"), knownvalue.StringExact(tc.typ)),
			statecheck.ExpectKnownValue(typeAddr(tc), tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
			statecheck.ExpectKnownValue(typeAddr(tc), tfjsonpath.New(tc.block), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(typeAddr(tc), tfjsonpath.New(next(i).block), knownvalue.Null()),
		)
	}
	steps := []resource.TestStep{create}

	// Import every type: ImportStateVerify by one ID form, and an import block (generating the
	// configuration) by the other, the forms alternating between types; once a plain import block.
	for i, tc := range typeCases {
		withLocation := i%2 == 1
		steps = append(steps,
			resource.TestStep{ResourceName: typeAddr(tc), ImportState: true, ImportStateVerify: true, ImportStateIdFunc: actionImportID(typeAddr(tc), withLocation)},
			resource.TestStep{ResourceName: typeAddr(tc), ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: actionImportID(typeAddr(tc), !withLocation), GenerateConfig: true},
		)
	}
	steps = append(steps, resource.TestStep{ResourceName: typeAddr(typeCases[0]), ImportState: true, ImportStateKind: resource.ImportBlockWithID,
		ImportStateIdFunc: actionImportID(typeAddr(typeCases[0]), false)})

	// Drift, in two steps: every change of the step is made out of band to every action at once
	// (the first step also renames each); the plan must change exactly those fields back, leave
	// the actions without a change in the step alone, and the apply must converge remotely.
	for n, pick := range []func(tc typeCase) []drift{
		func(tc typeCase) []drift { return tc.drift },
		func(tc typeCase) []drift { return tc.drift2 },
	} {
		var checks []plancheck.PlanCheck
		for _, tc := range typeCases {
			changes := pick(tc)
			if len(changes) == 0 {
				checks = append(checks, plancheck.ExpectResourceAction(typeAddr(tc), plancheck.ResourceActionNoop))
				continue
			}
			attrs := []string{tc.block}
			if n == 0 {
				attrs = append(attrs, "name")
			}
			checks = append(checks, acctest.ExpectUpdateOf(typeAddr(tc), attrs...), expectDetailChanges(typeAddr(tc), tc.block, driftLeaves(changes)...))
		}
		step := resource.TestStep{
			PreConfig: func() {
				for _, tc := range typeCases {
					changes := pick(tc)
					if len(changes) == 0 {
						continue
					}
					editAction(t, env, agentID, actionIDs[typeAddr(tc)], func(in *client.ActionInput) {
						if n == 0 {
							in.Name = "renamed in the UI"
						}
						for _, d := range changes {
							d.mutate(&in.Details, spareID)
						}
					})
				}
			},
			Config:           full,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
			Check: eachType(func(_ int, tc typeCase) resource.TestCheckFunc {
				return remoteAction(t, env, typeAddr(tc), func(a *client.Action) error {
					if a.Name != "Full "+tc.typ {
						return fmt.Errorf("remote name %q not changed back", a.Name)
					}
					return tc.checkFull(a)
				})
			}),
		}
		if n == 0 {
			// The unmanaged action's settings are changed elsewhere: state shows them, and the
			// plan changes nothing.
			inner := step.PreConfig
			step.PreConfig = func() {
				inner()
				_, err := env.Client(t).UpdateFollowupSettings(context.Background(), env.LocationID, agentID, []string{actionIDs[unmanagedAddr]},
					client.FollowupSettings{DynamicChannelSwitching: ptr(false), TimezoneToUse: ptr("business")})
				if err != nil {
					t.Fatal(err)
				}
			}
			step.ConfigPlanChecks.PreApply = append(step.ConfigPlanChecks.PreApply, plancheck.ExpectResourceAction(unmanagedAddr, plancheck.ResourceActionNoop))
			step.ConfigStateChecks = []statecheck.StateCheck{
				statecheck.ExpectKnownValue(unmanagedAddr, tfjsonpath.New("advanced_followup").AtMapKey("followup_settings").AtMapKey("timezone_to_use"),
					knownvalue.StringExact("business")),
			}
		}
		steps = append(steps, step)
	}

	// Update in place (optional fields removed are cleared remotely); the unmanaged action is
	// renamed and keeps the settings it was given elsewhere.
	updateChecks := []plancheck.PlanCheck{acctest.ExpectUpdateOf(unmanagedAddr, "name")}
	for _, tc := range typeCases {
		updateChecks = append(updateChecks, plancheck.ExpectResourceAction(typeAddr(tc), plancheck.ResourceActionUpdate))
	}
	steps = append(steps, resource.TestStep{
		Config:           updated,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: updateChecks},
		Check: resource.ComposeTestCheckFunc(
			eachType(func(_ int, tc typeCase) resource.TestCheckFunc {
				return remoteAction(t, env, typeAddr(tc), func(a *client.Action) error {
					if a.ID != actionIDs[typeAddr(tc)] || a.Name != "Updated "+tc.typ {
						return fmt.Errorf("remote action %s is named %q", a.ID, a.Name)
					}
					return tc.checkUpd(a)
				})
			}),
			remoteAction(t, env, unmanagedAddr, func(a *client.Action) error {
				s := a.Details.FollowupSettings
				if s == nil {
					return fmt.Errorf("follow-up settings lost by the update")
				}
				return firstErr(wantEqual("timezoneToUse", s.TimezoneToUse, "business"), wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, false))
			}),
		),
	})

	// Disappears: every typed action deleted out of band is planned for creation and re-created.
	disappearChecks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(unmanagedAddr, plancheck.ResourceActionNoop)}
	for _, tc := range typeCases {
		disappearChecks = append(disappearChecks, plancheck.ExpectResourceAction(typeAddr(tc), plancheck.ResourceActionCreate))
	}
	steps = append(steps, resource.TestStep{
		PreConfig: func() {
			for _, addr := range addrs() {
				if err := env.Client(t).DeleteAction(context.Background(), env.LocationID, agentID, actionIDs[addr]); err != nil {
					t.Fatal(err)
				}
			}
		},
		Config:           updated,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: disappearChecks},
		Check:            recreated(addrs()...),
	})

	// A type change replaces each action.
	replaceChecks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(unmanagedAddr, plancheck.ResourceActionNoop)}
	for _, tc := range typeCases {
		replaceChecks = append(replaceChecks, plancheck.ExpectResourceAction(typeAddr(tc), plancheck.ResourceActionDestroyBeforeCreate))
	}
	steps = append(steps, resource.TestStep{
		Config:           replaced,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replaceChecks},
		Check: resource.ComposeTestCheckFunc(recreated(addrs()...), eachType(func(i int, tc typeCase) resource.TestCheckFunc {
			return remoteAction(t, env, typeAddr(tc), func(a *client.Action) error {
				if a.Type != next(i).typ {
					return fmt.Errorf("remote type %s, want %s", a.Type, next(i).typ)
				}
				return next(i).checkFull(a)
			})
		})),
	})

	// The parent agent deleted out of band: the refresh has no error, and the apply re-creates
	// the agent and every action on it.
	parentChecks := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("highlevel_agent.test", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction(unmanagedAddr, plancheck.ResourceActionCreate),
	}
	for _, tc := range typeCases {
		parentChecks = append(parentChecks, plancheck.ExpectResourceAction(typeAddr(tc), plancheck.ResourceActionCreate))
	}
	var oldAgent string
	steps = append(steps, resource.TestStep{
		PreConfig: func() {
			oldAgent = agentID
			if err := env.Client(t).DeleteAgent(context.Background(), env.LocationID, agentID); err != nil {
				t.Fatal(err)
			}
		},
		Config:           replaced,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: parentChecks},
		Check: resource.ComposeTestCheckFunc(
			recreated(append(addrs(), unmanagedAddr)...),
			func(*terraform.State) error {
				if agentID == oldAgent {
					return fmt.Errorf("agent %s not re-created", agentID)
				}
				return nil
			},
			eachType(func(i int, tc typeCase) resource.TestCheckFunc {
				return resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair(typeAddr(tc), "agent_id", "highlevel_agent.test", "id"),
					remoteAction(t, env, typeAddr(tc), next(i).checkFull),
				)
			}),
		),
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkActionsDestroyed(t, env),
		Steps:                    steps,
	})
}

// addrs lists the addresses of the typed actions of TestAccAction_types.
func addrs() []string {
	var out []string
	for _, tc := range typeCases {
		out = append(out, typeAddr(tc))
	}
	return out
}

// driftLeaves is the set of leaves a group of changes touches, sorted.
func driftLeaves(changes []drift) []string {
	var leaves []string
	for _, d := range changes {
		leaves = append(leaves, d.leaves...)
	}
	slices.Sort(leaves)
	return slices.Compact(leaves)
}
