// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// readerScope can search agents and nothing else.
const readerScope = `
resource "highlevel_scope" "reader" {
  name        = "agent reader"
  permissions = ["conversation-ai.readonly"]
}
`

// credential renders a highlevel_scope_credential "test" under the reader scope with extra
// arguments.
func credential(extra string) string {
	return readerScope + `
resource "highlevel_scope_credential" "test" {
  scope_id = highlevel_scope.reader.id
` + extra + `
}
`
}

const (
	searchAgents = "/conversation-ai/agents/search"
	createAgent  = "/conversation-ai/agents"
)

func TestAccCredential_lifecycle(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	first := credential(`  name       = "Zapier"
  expires_at = "2035-06-30T12:00:00.000Z"`)
	var token, id, scopeID, oldToken string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("expires_at"), knownvalue.StringExact("2035-06-30T12:00:00.000Z")),
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("rotation_triggers"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectSensitiveValue("highlevel_scope_credential.test", tfjsonpath.New("token")),
				},
				Check: resource.ComposeTestCheckFunc(
					capture("highlevel_scope_credential.test", map[string]*string{"token": &token, "id": &id, "scope_id": &scopeID}),
					func(s *terraform.State) error {
						prefix, _ := attr(s, "highlevel_scope_credential.test", "token_prefix")
						if !fullToken.MatchString(token) || prefix != token[:8] {
							return fmt.Errorf("token %.8s… and prefix %q do not match", token, prefix)
						}
						c, err := env.Client(t).GetCredential(context.Background(), env.LocationID, scopeID, id)
						if err != nil {
							return err
						}
						if c.Name != "Zapier" || c.ExpiresAt == nil || *c.ExpiresAt != "2035-06-30T12:00:00.000Z" {
							return fmt.Errorf("remote credential is %+v", c)
						}
						// The token works for what the scope allows, and only that.
						if err := expectStatus(t, env, token, "GET", searchAgents, 200); err != nil {
							return err
						}
						return expectStatus(t, env, token, "POST", createAgent, 403)
					},
				),
			},
			// Import brings the metadata, never the token.
			{
				ResourceName: "highlevel_scope_credential.test", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"token"}, ImportStateIdFunc: scopeSlashID(false),
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for _, s := range states {
						if s.Attributes["id"] == id && s.Attributes["token"] != "" {
							return fmt.Errorf("import brought a token")
						}
					}
					return nil
				},
			},
			{
				ResourceName: "highlevel_scope_credential.test", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"token"}, ImportStateIdFunc: scopeSlashID(true),
			},
			{
				ResourceName: "highlevel_scope_credential.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: scopeSlashID(false),
			},
			// Credentials are immutable: another name is a new credential, and the old one is revoked.
			{
				Config: env.Config(credential(`  name       = "Zapier (renamed)"
  expires_at = "2035-06-30T12:00:00.000Z"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_scope_credential.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					oldToken = token
					newToken, _ := attr(s, "highlevel_scope_credential.test", "token")
					if newToken == oldToken {
						return fmt.Errorf("the credential was not replaced")
					}
					if err := expectStatus(t, env, oldToken, "GET", searchAgents, 401); err != nil {
						return err
					}
					return expectStatus(t, env, newToken, "GET", searchAgents, 200)
				},
			},
			// Another expiry instant is a new credential too; removing it as well.
			{
				Config: env.Config(credential(`  name = "Zapier (renamed)"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_scope_credential.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("expires_at"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccCredential_rotation changes rotation_triggers: a new credential is issued before the
// old one is revoked (create_before_destroy), and the old token gets 401 afterwards.
func TestAccCredential_rotation(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	config := func(round string) string {
		return env.Config(credential(fmt.Sprintf(`  name              = "CRM"
  rotation_triggers = { rotated = %q }
  lifecycle {
    create_before_destroy = true
  }`, round)))
	}
	tokens := map[string]string{}
	var scopeID string
	step := func(round string, action plancheck.ResourceActionType) resource.TestStep {
		s := resource.TestStep{
			Config: config(round),
			Check: func(s *terraform.State) error {
				tok, _ := attr(s, "highlevel_scope_credential.test", "token")
				scopeID, _ = attr(s, "highlevel_scope.reader", "id")
				tokens[round] = tok
				if err := expectStatus(t, env, tok, "GET", searchAgents, 200); err != nil {
					return err
				}
				for r, old := range tokens {
					if r != round {
						if err := expectStatus(t, env, old, "GET", searchAgents, 401); err != nil {
							return fmt.Errorf("token of rotation %q still works: %w", r, err)
						}
					}
				}
				left, err := env.Client(t).ListCredentials(context.Background(), env.LocationID, scopeID)
				if err != nil {
					return err
				}
				if len(left) != 1 {
					return fmt.Errorf("the scope has %d credentials after rotation %q, want 1", len(left), round)
				}
				return nil
			},
		}
		if action != "" {
			s.ConfigPlanChecks = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("highlevel_scope_credential.test", action),
			}}
		}
		return s
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			step("2026-Q1", ""),
			step("2026-Q2", plancheck.ResourceActionCreateBeforeDestroy),
			step("2026-Q3", plancheck.ResourceActionCreateBeforeDestroy),
			// Removing the triggers, or adding them to a credential without any, only records them.
			{
				Config: env.Config(credential(`  name = "CRM"
  lifecycle {
    create_before_destroy = true
  }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf("highlevel_scope_credential.test", "rotation_triggers"),
				}},
				Check: resource.TestCheckResourceAttrWith("highlevel_scope_credential.test", "token", func(tok string) error {
					if tok != tokens["2026-Q3"] {
						return fmt.Errorf("removing the triggers rotated the credential")
					}
					return nil
				}),
			},
			{
				Config: config("2026-Q3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf("highlevel_scope_credential.test", "rotation_triggers"),
				}},
				Check: resource.TestCheckResourceAttrWith("highlevel_scope_credential.test", "token", func(tok string) error {
					if tok != tokens["2026-Q3"] {
						return fmt.Errorf("adding triggers rotated the credential")
					}
					return nil
				}),
			},
		},
	})
}

// TestAccCredential_equivalentForms: expires_at written with an offset is kept as written (no
// diff after apply), and an import of it (which gets the API's UTC form) plans an in-place
// update of the state only, never a new credential; so do the rotation_triggers an import lacks.
func TestAccCredential_equivalentForms(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	config := env.Config(credential(`  name              = "offset"
  expires_at        = "2035-06-30T14:00:00+02:00"
  rotation_triggers = { owner = "ops" }`))
	var id, scopeID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_scope_credential.test", tfjsonpath.New("expires_at"), knownvalue.StringExact("2035-06-30T14:00:00+02:00")),
				},
				Check: resource.ComposeTestCheckFunc(
					capture("highlevel_scope_credential.test", map[string]*string{"id": &id, "scope_id": &scopeID}),
					func(*terraform.State) error {
						c, err := env.Client(t).GetCredential(context.Background(), env.LocationID, scopeID, id)
						if err != nil {
							return err
						}
						if c.ExpiresAt == nil || *c.ExpiresAt != "2035-06-30T12:00:00.000Z" {
							return fmt.Errorf("remote expiresAt %v", c.ExpiresAt)
						}
						return nil
					},
				),
			},
			{
				Config:             config,
				ResourceName:       "highlevel_scope_credential.test",
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateIdFunc:  scopeSlashID(false),
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf("highlevel_scope_credential.test", "expires_at", "rotation_triggers"),
				}},
			},
		},
	})
}

func TestAccCredential_importGenerateConfig(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(credential(`  name = "generated"
  expires_at = "2035-06-30T12:00:00.000Z"`))},
			{
				ResourceName: "highlevel_scope_credential.test", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: scopeSlashID(false), GenerateConfig: true,
			},
		},
	})
}

func TestAccCredential_importByIdentity(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(credential(`  name = "identity"`))},
			{ResourceName: "highlevel_scope_credential.test", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccCredential_disappears revokes the credential out of band (the only change the API
// allows on a credential: it has no update), then deletes its scope.
func TestAccCredential_disappears(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	config := env.Config(credential(`  name = "doomed"`))
	var id, scopeID string
	recreated := func(what string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if now, _ := attr(s, "highlevel_scope_credential.test", "id"); now == id {
				return fmt.Errorf("credential was not re-issued after %s", what)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: capture("highlevel_scope_credential.test", map[string]*string{"id": &id, "scope_id": &scopeID})},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteCredential(context.Background(), env.LocationID, scopeID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope_credential.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_scope.reader", plancheck.ResourceActionNoop),
					},
				},
				Check: resource.ComposeTestCheckFunc(recreated("revocation"),
					capture("highlevel_scope_credential.test", map[string]*string{"id": &id, "scope_id": &scopeID})),
			},
			// Deleting the scope revokes its credentials: both are re-created.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteScope(context.Background(), env.LocationID, scopeID); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_scope_credential.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("highlevel_scope.reader", plancheck.ResourceActionCreate),
					},
				},
				Check: recreated("the scope's deletion"),
			},
		},
	})
}

// TestAccCredential_expiry: the emulator stops accepting a credential once expires_at passes;
// the credential stays in state (its metadata is still readable).
func TestAccCredential_expiry(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	expires := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
	config := env.Config(credential(`  name       = "short-lived"
  expires_at = "` + expires + `"`))
	var token string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					capture("highlevel_scope_credential.test", map[string]*string{"token": &token}),
					func(*terraform.State) error { return expectStatus(t, env, token, "GET", searchAgents, 200) },
				),
			},
			{
				PreConfig: func() {
					env.Control(t, "POST", "/_emulator/clock/advance", map[string]any{"seconds": 7200}, nil)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_scope_credential.test", plancheck.ResourceActionNoop)},
				},
				Check: func(*terraform.State) error { return expectStatus(t, env, token, "GET", searchAgents, 401) },
			},
		},
	})
}

// scopeSlashID is highlevel_scope_credential.test's import ID "<scope_id>/<id>", or
// "<location_id>/<scope_id>/<id>".
func scopeSlashID(withLocation bool) resource.ImportStateIdFunc {
	const addr = "highlevel_scope_credential.test"
	return func(s *terraform.State) (string, error) {
		var parts []string
		names := []string{"scope_id", "id"}
		if withLocation {
			names = append([]string{"location_id"}, names...)
		}
		for _, n := range names {
			v, err := attr(s, addr, n)
			if err != nil {
				return "", err
			}
			parts = append(parts, v)
		}
		return strings.Join(parts, "/"), nil
	}
}
