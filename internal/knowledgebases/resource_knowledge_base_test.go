// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

const kbConfig = `
resource "highlevel_knowledge_base" "test" {
  name        = %q
  description = %q
}
`

const kbNoDescription = `
resource "highlevel_knowledge_base" "test" {
  name = %q
}
`

// checkRemoteKB reads the knowledge base at addr through the public API and checks it.
func checkRemoteKB(t *testing.T, env *acctest.Env, check func(*client.KnowledgeBase) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := attr(s, "highlevel_knowledge_base.test", "id")
		if err != nil {
			return err
		}
		kb, err := env.Client(t).GetKnowledgeBase(context.Background(), env.LocationID, id)
		if err != nil {
			return err
		}
		return check(kb)
	}
}

func remoteDescription(want string) func(*client.KnowledgeBase) error {
	return func(kb *client.KnowledgeBase) error {
		if kb.Description == nil || *kb.Description != want {
			return fmt.Errorf("remote description is %v, want %q", kb.Description, want)
		}
		return nil
	}
}

// TestAccKnowledgeBase_lifecycle covers create, import (by "<id>" with the import command,
// by "<location_id>/<id>" in an import block with generated configuration), out-of-band
// drift, update in place and clearing the description. Replacement is
// TestAccKnowledgeBase_moveLocation; disappearance (with the agent link it breaks) is
// TestAccKnowledgeBase_agentLink.
func TestAccKnowledgeBase_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	str := func(s string) *string { return &s }
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(kbConfig, "Pricing", "Prices and plans")),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("highlevel_knowledge_base.test", "name", "Pricing"),
					resource.TestCheckResourceAttr("highlevel_knowledge_base.test", "description", "Prices and plans"),
					resource.TestCheckResourceAttr("highlevel_knowledge_base.test", "location_id", env.LocationID),
					captureID("highlevel_knowledge_base.test", &firstID),
					checkRemoteKB(t, env, func(kb *client.KnowledgeBase) error {
						if kb.Name != "Pricing" {
							return fmt.Errorf("remote name %q", kb.Name)
						}
						return remoteDescription("Prices and plans")(kb)
					}),
				),
			},
			// Import by "<id>" (verified attribute by attribute), and by "<location_id>/<id>"
			// in an import block whose generated configuration plans no change.
			{ResourceName: "highlevel_knowledge_base.test", ImportState: true, ImportStateVerify: true},
			{
				ResourceName: "highlevel_knowledge_base.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: locationImportID("highlevel_knowledge_base.test"), GenerateConfig: true,
			},
			// Name and description changed out of band (independent attributes): the plan
			// updates exactly those two back, and the apply restores them remotely.
			{
				PreConfig: func() {
					if err := env.Client(t).UpdateKnowledgeBase(context.Background(), env.LocationID, firstID,
						str("Renamed in the UI"), str("changed in the UI")); err != nil {
						t.Fatalf("edit knowledge base out of band: %v", err)
					}
				},
				Config: env.Config(fmt.Sprintf(kbConfig, "Pricing", "Prices and plans")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base.test", "description", "name")},
				},
				Check: checkRemoteKB(t, env, func(kb *client.KnowledgeBase) error {
					if kb.Name != "Pricing" {
						return fmt.Errorf("remote name %q", kb.Name)
					}
					return remoteDescription("Prices and plans")(kb)
				}),
			},
			// Update in place: rename and change the description (the PUT answers {success:true}; the provider re-reads).
			{
				Config: env.Config(fmt.Sprintf(kbConfig, "Pricing 2026", "New prices")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_knowledge_base.test", "description", "name")},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr("highlevel_knowledge_base.test", "id", &firstID),
					checkRemoteKB(t, env, func(kb *client.KnowledgeBase) error {
						if kb.Name != "Pricing 2026" {
							return fmt.Errorf("remote name %q", kb.Name)
						}
						return remoteDescription("New prices")(kb)
					}),
				),
			},
			// Removing the description clears it remotely.
			{
				Config: env.Config(fmt.Sprintf(kbNoDescription, "Pricing 2026")),
				Check: resource.ComposeTestCheckFunc(
					checkNull("highlevel_knowledge_base.test", "description"),
					checkRemoteKB(t, env, remoteDescription("")),
				),
			},
		},
	})
}

// TestAccKnowledgeBase_moveLocation moves a knowledge base to another client location of an
// agency (OAuth): a replacement.
func TestAccKnowledgeBase_moveLocation(t *testing.T) {
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

resource "highlevel_knowledge_base" "test" {
  location_id = %q
  name        = "Moving"
  description = "d"
}
`, b.BaseURL, b.AgencyToken, b.CompanyID, location)
	}
	clientOf := func(loc emulator.BootstrapLocation) *client.Client {
		c, err := client.New(client.Config{BaseURL: b.BaseURL, Token: loc.Token, LocationID: loc.ID})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, loc := range b.Locations {
				kbs, err := clientOf(loc).ListKnowledgeBases(context.Background(), loc.ID, "")
				if err != nil {
					return err
				}
				if len(kbs) != 0 {
					return fmt.Errorf("location %s still has %d knowledge bases", loc.ID, len(kbs))
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config(locA.ID), Check: captureID("highlevel_knowledge_base.test", &firstID)},
			{
				Config: config(locB.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_knowledge_base.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if _, err := clientOf(locA).GetKnowledgeBase(context.Background(), locA.ID, firstID); !client.IsNotFound(err) {
						return fmt.Errorf("the replaced knowledge base %s still exists (err %v)", firstID, err)
					}
					id, _ := attr(s, "highlevel_knowledge_base.test", "id")
					_, err := clientOf(locB).GetKnowledgeBase(context.Background(), locB.ID, id)
					return err
				},
			},
		},
	})
}

func TestAccKnowledgeBase_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(fmt.Sprintf(kbConfig, "Identity", "d"))},
			{ResourceName: "highlevel_knowledge_base.test", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccKnowledgeBase_limit creates 16 knowledge bases in one location: the API refuses the
// 16th, and the error names the limit.
func TestAccKnowledgeBase_limit(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{{
			Config: env.Config(`
resource "highlevel_knowledge_base" "many" {
  count = 16
  name  = "kb ${count.index}"
}
`),
			ExpectError: re(`already has 15 knowledge bases: the API allows at most 15 per location`),
		}},
	})
	// 15 were created (and destroyed by the test): the limit is the API's, not the provider's.
}

// TestAccKnowledgeBase_agentLink links a knowledge base to an agent with the agent's
// knowledge_base_ids, then shows both ways the link can break outside Terraform as drift on
// the agent: the link removed from the agent, and the knowledge base deleted (which the API
// removes from its agents). The second is also the knowledge base's "disappears" test: the
// plan re-creates it.
func TestAccKnowledgeBase_agentLink(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(`
resource "highlevel_knowledge_base" "test" {
  name = "Linked"
}

resource "highlevel_agent" "bot" {
  name               = "Bot"
  personality        = "p"
  goal               = "g"
  instructions       = "i"
  knowledge_base_ids = [highlevel_knowledge_base.test.id]
}
`)
	var kbID, agentID string
	agentKBs := func() []string {
		a, err := env.Client(t).GetAgent(context.Background(), env.LocationID, agentID)
		if err != nil {
			t.Fatal(err)
		}
		return a.KnowledgeBaseIDs
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkKnowledgeBasesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.test", &kbID),
					captureID("highlevel_agent.bot", &agentID),
					func(*terraform.State) error {
						if got := agentKBs(); len(got) != 1 || got[0] != kbID {
							return fmt.Errorf("agent's knowledgeBaseIds = %v, want [%s]", got, kbID)
						}
						return nil
					},
				),
			},
			// The link removed in the UI: the agent's knowledge_base_ids drifts.
			{
				PreConfig: func() {
					editAgentKBs(t, env, agentID, []string{})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectUpdateOf("highlevel_agent.bot", "knowledge_base_ids"),
						plancheck.ExpectResourceAction("highlevel_knowledge_base.test", plancheck.ResourceActionNoop),
					},
				},
				Check: func(*terraform.State) error {
					if got := agentKBs(); len(got) != 1 || got[0] != kbID {
						return fmt.Errorf("link not restored: %v", got)
					}
					return nil
				},
			},
			// The knowledge base deleted in the UI: the API drops it from the agent; the plan
			// re-creates the knowledge base and links the new one.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteKnowledgeBase(context.Background(), env.LocationID, kbID); err != nil {
						t.Fatal(err)
					}
					if got := agentKBs(); len(got) != 0 {
						t.Fatalf("deleting the knowledge base left the agent's knowledgeBaseIds %v", got)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_knowledge_base.test", plancheck.ResourceActionCreate),
						acctest.ExpectUpdateOf("highlevel_agent.bot", "knowledge_base_ids"),
					},
				},
				Check: func(s *terraform.State) error {
					newID, _ := attr(s, "highlevel_knowledge_base.test", "id")
					if got := agentKBs(); len(got) != 1 || got[0] != newID || newID == kbID {
						return fmt.Errorf("agent's knowledgeBaseIds = %v, want the new knowledge base %s", got, newID)
					}
					return nil
				},
			},
		},
	})
}

// editAgentKBs sets an agent's knowledge bases out of band, keeping everything else.
func editAgentKBs(t *testing.T, env *acctest.Env, agentID string, kbIDs []string) {
	t.Helper()
	c := env.Client(t)
	a, err := c.GetAgent(context.Background(), env.LocationID, agentID)
	if err != nil {
		t.Fatal(err)
	}
	in := client.AgentInput{
		Name: a.Name, BusinessName: a.BusinessName, Mode: a.Mode, Channels: a.Channels, IsPrimary: a.IsPrimary,
		WaitTime: a.WaitTime, WaitTimeUnit: a.WaitTimeUnit, SleepEnabled: a.SleepEnabled, SleepTime: a.SleepTime,
		SleepTimeUnit: a.SleepTimeUnit, SleepIndefinitely: a.SleepsIndefinitely(), Personality: a.Personality, Goal: a.Goal,
		Instructions: a.Instructions, AutoPilotMaxMessages: a.AutoPilotMaxMessages, KnowledgeBaseIDs: kbIDs,
		RespondToImages: a.RespondToImages, RespondToAudio: a.RespondToAudio,
		SleepOnManualMessage: a.SleepOnManualMessage, SleepOnWorkflowMessage: a.SleepOnWorkflowMessage,
	}
	if _, err := c.UpdateAgent(context.Background(), env.LocationID, agentID, in); err != nil {
		t.Fatalf("edit agent out of band: %v", err)
	}
}
