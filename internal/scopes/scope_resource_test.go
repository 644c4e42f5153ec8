// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"fmt"
	"slices"
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
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
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

func TestAccScope_lifecycle(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	var agentX string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			// Create with the arguments it needs only.
			{
				Config: env.Config(twoAgents + minimalScope),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("agent_ids"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					capture("highlevel_agent.x", map[string]*string{"id": &agentX}),
					checkScope(t, env, "highlevel_scope.test", func(s *client.Scope) error {
						if s.Name != "CRM reader" || !slices.Equal(s.Permissions, []string{"conversations.readonly"}) || s.Restricted {
							return fmt.Errorf("remote scope is %+v", s)
						}
						return nil
					}),
				),
			},
			// Import by "<id>", by "<location_id>/<id>", and with an import block.
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateVerify: true},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateVerify: true, ImportStateIdFunc: locationSlashID("highlevel_scope.test")},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			// Update in place: every argument.
			{
				Config: env.Config(fullScope),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(true)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(3)),
					statecheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(true)),
				},
				Check: checkScope(t, env, "highlevel_scope.test", func(s *client.Scope) error {
					if s.Description == "" || !s.Restricted || !slices.Equal(s.AgentIDs, []string{agentX}) || len(s.Permissions) != 3 {
						return fmt.Errorf("remote scope is %+v", s)
					}
					return nil
				}),
			},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateVerify: true},
			// The API replaces the whole scope: removed arguments are cleared remotely.
			{
				Config: env.Config(twoAgents + minimalScope),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("highlevel_scope.test", tfjsonpath.New("restricted"), knownvalue.Bool(false)),
					},
				},
				Check: checkScope(t, env, "highlevel_scope.test", func(s *client.Scope) error {
					if s.Description != "" || s.Restricted || len(s.AgentIDs) != 0 || len(s.Permissions) != 1 {
						return fmt.Errorf("removed arguments not cleared remotely: %+v", s)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccScope_importGenerateConfig(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(fullScope)},
			{ResourceName: "highlevel_scope.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true},
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

// TestAccScope_drift changes each argument out of band through the public API and checks that
// the next plan updates exactly that attribute back.
func TestAccScope_drift(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	config := env.Config(fullScope)
	var scopeID, agentY string
	cases := []struct {
		attrs  []string
		mutate func(in *client.ScopeInput)
	}{
		{[]string{"name"}, func(in *client.ScopeInput) { in.Name = "renamed in the UI" }},
		{[]string{"description"}, func(in *client.ScopeInput) { d := "changed"; in.Description = &d }},
		{[]string{"description"}, func(in *client.ScopeInput) { d := ""; in.Description = &d }},
		{[]string{"permissions"}, func(in *client.ScopeInput) { in.Permissions = []string{"conversations.readonly"} }},
		{[]string{"permissions"}, func(in *client.ScopeInput) { in.Permissions = append(in.Permissions, "locations.readonly") }},
		{[]string{"agent_ids"}, func(in *client.ScopeInput) { in.AgentIDs = []string{agentY} }},
		{[]string{"agent_ids"}, func(in *client.ScopeInput) { in.AgentIDs = append(in.AgentIDs, agentY) }},
		{[]string{"agent_ids", "restricted"}, func(in *client.ScopeInput) { in.AgentIDs = []string{} }},
	}
	steps := []resource.TestStep{{
		Config: config,
		Check: resource.ComposeTestCheckFunc(
			capture("highlevel_scope.test", map[string]*string{"id": &scopeID}),
			capture("highlevel_agent.y", map[string]*string{"id": &agentY}),
		),
	}}
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			PreConfig: func() { editScope(t, env, scopeID, tc.mutate) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_scope.test", tc.attrs...)},
			},
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps:                    steps,
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

func TestAccScope_disappears(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: env.Config(minimalScope), Check: capture("highlevel_scope.test", map[string]*string{"id": &id})},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteScope(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(minimalScope),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if now, _ := attr(s, "highlevel_scope.test", "id"); now == id {
						return fmt.Errorf("scope was not re-created")
					}
					return nil
				},
			},
		},
	})
}

// TestAccScope_replace moves a scope to another location (the only change that replaces it), as
// an agency managing two client locations with one OAuth provider.
func TestAccScope_replace(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	locA, locB := b.Locations[0], b.Locations[1]
	config := func(location string) string {
		return fmt.Sprintf(`
provider "highlevel" {
  base_url = %q
  oauth {
    access_token = %q
    company_id   = %q
  }
}

resource "highlevel_scope" "test" {
  location_id = %q
  name        = "moving"
  permissions = ["conversations.readonly"]
}
`, b.BaseURL, b.AgencyToken, b.CompanyID, location)
	}
	var first string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, loc := range b.Locations {
				c, _ := client.New(client.Config{BaseURL: b.BaseURL, Token: loc.Token, LocationID: loc.ID})
				left, err := c.ListScopes(context.Background(), loc.ID)
				if err != nil {
					return err
				}
				if len(left) != 0 {
					return fmt.Errorf("location %s still has %d scopes", loc.ID, len(left))
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config(locA.ID), Check: capture("highlevel_scope.test", map[string]*string{"id": &first})},
			{
				Config: config(locB.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_scope.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					id, _ := attr(s, "highlevel_scope.test", "id")
					if id == first {
						return fmt.Errorf("scope was not replaced")
					}
					c, _ := client.New(client.Config{BaseURL: b.BaseURL, Token: locB.Token, LocationID: locB.ID})
					_, err := c.GetScope(context.Background(), locB.ID, id)
					return err
				},
			},
		},
	})
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
