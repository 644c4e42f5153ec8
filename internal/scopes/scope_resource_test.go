// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
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

// twoAgents are agents a scope can be restricted to.
const twoAgents = `
resource "highlevel_agent" "x" {
  name         = "Agent X"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

resource "highlevel_agent" "y" {
  name         = "Agent Y"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`

const minimalScope = `
resource "highlevel_scope" "test" {
  name        = "CRM reader"
  permissions = ["conversations.readonly"]
}
`

const fullScope = twoAgents + `
resource "highlevel_scope" "test" {
  name        = "Zapier for agent X"
  description = "Zapier reads and answers conversations of agent X"
  permissions = ["conversation-ai.readonly", "conversation-ai.write", "conversations.readonly"]
  agent_ids   = [highlevel_agent.x.id]
}
`

// otherScope is a second scope, restricted to agent X, managed beside highlevel_scope.test:
// the lifecycle test clears its agents out of band, then deletes it out of band (it is re-created).
const otherScope = `
resource "highlevel_scope" "other" {
  name        = "Other reader"
  permissions = ["conversation-ai.readonly"]
  agent_ids   = [highlevel_agent.x.id]
}
`

// TestAccScope_lifecycle covers the scope resource in one run: create with the arguments it
// needs only, import (by ID, with an import block, generating config), update in place (every
// argument), drift of every argument, disappears, and removed arguments cleared remotely. The
// replacement (a move to another location, with an agency OAuth provider) is in
// TestAccCredential_lifecycle.
func TestAccScope_lifecycle(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	minimal, full := env.Config(twoAgents+minimalScope+otherScope), env.Config(fullScope+otherScope)
	var scopeID, otherID, agentX, agentY string
	// drift changes the scope out of band through the public API and expects the next plan to
	// update exactly attrs back (each change is drift on its own).
	drift := func(attrs []string, mutate func(*client.ScopeInput), more ...plancheck.PlanCheck) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { editScope(t, env, scopeID, mutate) },
			Config:    full,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: append([]plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_scope.test", attrs...)}, more...),
			},
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			// Create with the arguments it needs only.
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("agent_ids"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("created_at"), knownvalue.NotNull()),
					stateFunc(func(s *tfjson.State) error {
						ids := map[string]*string{"highlevel_agent.x": &agentX, "highlevel_agent.y": &agentY, "highlevel_scope.test": &scopeID, "highlevel_scope.other": &otherID}
						for addr, dst := range ids {
							v, err := stateAttr(s, addr, "id")
							if err != nil {
								return err
							}
							*dst = v
						}
						sc, err := env.Client(t).GetScope(context.Background(), env.LocationID, scopeID)
						if err != nil {
							return err
						}
						if sc.Name != "CRM reader" || !slices.Equal(sc.Permissions, []string{"conversations.readonly"}) || sc.Restricted {
							return fmt.Errorf("remote scope is %+v", sc)
						}
						return nil
					}),
				},
			},
			// Import by "<id>" with the import command.
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateVerify: true},
			// Update in place: every argument.
			{
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(true)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(3)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(true)),
					remoteScopeState(t, env, "highlevel_scope.test", func(s *client.Scope) error {
						if s.ID != scopeID || s.Description == "" || !s.Restricted || !slices.Equal(s.AgentIDs, []string{agentX}) || len(s.Permissions) != 3 {
							return fmt.Errorf("remote scope is %+v", s)
						}
						return nil
					}),
				},
			},
			// Import the full scope by "<location_id>/<id>" with the import command, with an import
			// block, and generating config.
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateVerify: true, ImportStateIdFunc: locationSlashID("highlevel_scope.test")},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true},
			// Drift: changes of different shapes to the same argument need a run each. Clearing the
			// agents of a scope lifts its restriction (the other scope's).
			func() resource.TestStep {
				step := drift([]string{"name", "description", "permissions", "agent_ids"}, func(in *client.ScopeInput) {
					in.Name = "renamed in the UI"
					d := "changed"
					in.Description = &d
					in.Permissions = []string{"conversations.readonly"}
					in.AgentIDs = []string{agentY}
				}, acctest.ExpectUpdateOf("highlevel_scope.other", "agent_ids", "restricted"))
				mutate := step.PreConfig
				step.PreConfig = func() {
					mutate()
					editScope(t, env, otherID, func(in *client.ScopeInput) { in.AgentIDs = []string{} })
				}
				return step
			}(),
			// … and the other scope, deleted out of band (disappears), is re-created.
			func() resource.TestStep {
				step := drift([]string{"description", "permissions", "agent_ids"}, func(in *client.ScopeInput) {
					d := ""
					in.Description = &d
					in.Permissions = append(in.Permissions, "locations.readonly")
					in.AgentIDs = append(in.AgentIDs, agentY)
				}, plancheck.ExpectResourceAction("highlevel_scope.other", plancheck.ResourceActionCreate))
				mutate := step.PreConfig
				step.PreConfig = func() {
					mutate()
					if err := env.Client(t).DeleteScope(context.Background(), env.LocationID, otherID); err != nil {
						t.Fatal(err)
					}
				}
				step.ConfigStateChecks = []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					if now, _ := stateAttr(s, "highlevel_scope.other", "id"); now == otherID {
						return fmt.Errorf("scope was not re-created")
					}
					return nil
				})}
				return step
			}(),
			// The API replaces the whole scope: removed arguments are cleared remotely.
			{
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(false)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{remoteScopeState(t, env, "highlevel_scope.test", func(s *client.Scope) error {
					if s.Description != "" || s.Restricted || len(s.AgentIDs) != 0 || len(s.Permissions) != 1 {
						return fmt.Errorf("removed arguments not cleared remotely: %+v", s)
					}
					return nil
				})},
			},
		},
	})
}

func TestAccScope_importByIdentity(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(fullScope)},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// editScope changes a scope out of band: read it, change it, write the whole object back.
func editScope(t *testing.T, env *acctest.Env, id string, mutate func(*client.ScopeInput)) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	s, err := c.GetScope(ctx, env.LocationID, id)
	if err != nil {
		t.Fatalf("read scope %s: %v", id, err)
	}
	desc := s.Description
	in := client.ScopeInput{Name: s.Name, Description: &desc, Permissions: s.Permissions, AgentIDs: s.AgentIDs}
	mutate(&in)
	if _, err := c.UpdateScope(ctx, env.LocationID, id, in); err != nil {
		t.Fatalf("edit scope %s out of band: %v", id, err)
	}
}

// locationSlashID is the import ID "<location_id>/<id>" of a resource.
func locationSlashID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		loc, err := attr(s, addr, "location_id")
		if err != nil {
			return "", err
		}
		id, _ := attr(s, addr, "id")
		return loc + "/" + id, nil
	}
}
