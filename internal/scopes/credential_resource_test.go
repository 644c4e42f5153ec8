// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// credentials renders, beside the reader scope: the credential "test" with the arguments in
// testArgs; "offset", whose expires_at is written with an offset; "rotating", rotated by
// rotation_triggers (rotationArgs) with create_before_destroy; "expiring", which expires at
// expiring; a second scope with a credential of its own; and a scope "mover" in location
// moverLocation.
func credentials(testArgs, rotationArgs, expiring, moverLocation string) string {
	return credential(testArgs) + `
resource "highlevel_scope" "mover" {
  location_id = "` + moverLocation + `"
  name        = "moving"
  permissions = ["conversations.readonly"]
}

resource "highlevel_scope_credential" "offset" {
  scope_id          = highlevel_scope.reader.id
  name              = "offset"
  expires_at        = "2035-06-30T14:00:00+02:00"
  rotation_triggers = { owner = "ops" }
}

resource "highlevel_scope_credential" "rotating" {
  scope_id = highlevel_scope.reader.id
  name     = "CRM"
` + rotationArgs + `
  lifecycle {
    create_before_destroy = true
  }
}

resource "highlevel_scope_credential" "expiring" {
  scope_id   = highlevel_scope.reader.id
  name       = "short-lived"
  expires_at = "` + expiring + `"
}

resource "highlevel_scope" "second" {
  name        = "second reader"
  permissions = ["conversation-ai.readonly"]
}

resource "highlevel_scope_credential" "second" {
  scope_id = highlevel_scope.second.id
  name     = "second"
}
`
}

// TestAccCredential_lifecycle covers the credential resource in one run (on an emulator of its
// own: it moves the emulator's clock): issue, import (by ID, with import blocks, generating
// config), replacement (a credential has no update: another name or expiry is a new one, and
// the old one is revoked), rotation by rotation_triggers (issued before the old one is revoked),
// expiry, an offset expiry kept as written, and disappears (revoked, or its scope deleted). The
// provider acts as an agency managing two client locations with one OAuth app: a scope moved
// to the other location (the only change that replaces a scope) is replaced.
func TestAccCredential_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	locA, locB := b.Locations[0], b.Locations[1]
	provider := fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  location_id = %q
  oauth {
    access_token = %q
    company_id   = %q
  }
}
`, b.BaseURL, locA.ID, b.AgencyToken, b.CompanyID)
	inB, err := client.New(client.Config{BaseURL: b.BaseURL, Token: locB.Token, LocationID: locB.ID})
	if err != nil {
		t.Fatal(err)
	}
	const (
		test, offset, rotating, expiring = "highlevel_scope_credential.test", "highlevel_scope_credential.offset",
			"highlevel_scope_credential.rotating", "highlevel_scope_credential.expiring"
		zapier = `  name       = "Zapier"
  expires_at = "2035-06-30T12:00:00.000Z"`
		renamed = `  name       = "Zapier (renamed)"
  expires_at = "2035-06-30T12:00:00.000Z"`
	)
	expires := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
	round := func(r string) string { return fmt.Sprintf("  rotation_triggers = { rotated = %q }", r) }
	// The scope "mover" is in location A until the step that moves it to B.
	cfg := func(testArgs, rotationArgs string, mover emulator.BootstrapLocation) string {
		return provider + credentials(testArgs, rotationArgs, expires, mover.ID)
	}
	ids := map[string]string{}
	var token, expiringToken, scopeID, renamedID string
	tokens := map[string]string{} // of "rotating", by round
	get := func(s *tfjson.State, addr, name string) string { v, _ := stateAttr(s, addr, name); return v }
	// rotated checks the rotating credential after round r: its token works, the tokens of every
	// other round get 401, and the scope has one credential of that name.
	rotated := func(s *tfjson.State, r string) error {
		tok := get(s, rotating, "token")
		tokens[r] = tok
		if err := expectStatus(t, env, tok, "GET", searchAgents, 200); err != nil {
			return err
		}
		for other, old := range tokens {
			if other != r {
				if err := expectStatus(t, env, old, "GET", searchAgents, 401); err != nil {
					return fmt.Errorf("token of rotation %q still works: %w", other, err)
				}
			}
		}
		left, err := env.Client(t).ListCredentials(context.Background(), env.LocationID, scopeID)
		if err != nil {
			return err
		}
		n := 0
		for _, c := range left {
			if c.Name == "CRM" {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("the scope has %d rotating credentials after rotation %q, want 1", n, r)
		}
		return nil
	}
	action := func(addr string, a plancheck.ResourceActionType) plancheck.PlanCheck {
		return plancheck.ExpectResourceAction(addr, a)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyedIn(t, env, inB),
		Steps: []resource.TestStep{
			// Issue: the token works for what the scope allows, and only that; an expiry written
			// with an offset is kept as written (no diff after apply) and sent in UTC.
			{
				Config: cfg(zapier, round("2026-Q1"), locA),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(test, tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue(test, tfjsonpath.New("expires_at"), knownvalue.StringExact("2035-06-30T12:00:00.000Z")),
					statecheck.ExpectKnownValue(test, tfjsonpath.New("rotation_triggers"), knownvalue.Null()),
					statecheck.ExpectKnownValue(test, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectSensitiveValue(test, tfjsonpath.New("token")),
					statecheck.ExpectKnownValue(offset, tfjsonpath.New("expires_at"), knownvalue.StringExact("2035-06-30T14:00:00+02:00")),
					stateFunc(func(s *tfjson.State) error {
						for _, addr := range []string{test, offset, "highlevel_scope_credential.second", "highlevel_scope.second", "highlevel_scope.mover"} {
							ids[addr] = get(s, addr, "id")
						}
						token, expiringToken, scopeID = get(s, test, "token"), get(s, expiring, "token"), get(s, test, "scope_id")
						if prefix := get(s, test, "token_prefix"); !fullToken.MatchString(token) || prefix != token[:8] {
							return fmt.Errorf("token %.8s… and prefix %q do not match", token, prefix)
						}
						c, err := env.Client(t).GetCredential(context.Background(), env.LocationID, scopeID, ids[test])
						if err != nil {
							return err
						}
						if c.Name != "Zapier" || c.ExpiresAt == nil || *c.ExpiresAt != "2035-06-30T12:00:00.000Z" {
							return fmt.Errorf("remote credential is %+v", c)
						}
						if c, err = env.Client(t).GetCredential(context.Background(), env.LocationID, scopeID, ids[offset]); err != nil {
							return err
						}
						if c.ExpiresAt == nil || *c.ExpiresAt != "2035-06-30T12:00:00.000Z" {
							return fmt.Errorf("remote expiresAt of the offset credential %v", c.ExpiresAt)
						}
						for _, try := range []error{
							expectStatus(t, env, token, "GET", searchAgents, 200),
							expectStatus(t, env, token, "POST", createAgent, 403),
							expectStatus(t, env, expiringToken, "GET", searchAgents, 200),
							rotated(s, "2026-Q1"),
						} {
							if try != nil {
								return try
							}
						}
						return nil
					}),
				},
			},
			// Import brings the metadata, never the token: with the import command by
			// "<scope_id>/<id>", with an import block by "<location_id>/<scope_id>/<id>".
			{
				ResourceName: test, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"token"}, ImportStateIdFunc: scopeSlashID(test, false),
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for _, s := range states {
						if s.Attributes["id"] == ids[test] && s.Attributes["token"] != "" {
							return fmt.Errorf("import brought a token")
						}
					}
					return nil
				},
			},
			{ResourceName: test, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: scopeSlashID(test, true)},
			// An import of the offset expiry (which gets the API's UTC form) plans an in-place update
			// of the state only, never a new credential; so do the rotation_triggers an import lacks.
			{
				ResourceName:       offset,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateIdFunc:  scopeSlashID(offset, false),
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf(offset, "expires_at", "rotation_triggers"),
				}},
			},
			{ResourceName: test, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: scopeSlashID(test, false), GenerateConfig: true},
			// Another name is a new credential, and the old one is revoked; a rotation issues the
			// new credential before it revokes the old one; a revoked credential (disappears) is
			// issued again; and once its expiry passes, a credential stops working but stays.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteCredential(context.Background(), env.LocationID, scopeID, ids[offset]); err != nil {
						t.Fatal(err)
					}
					env.Control(t, "POST", "/_emulator/clock/advance", map[string]any{"seconds": 7200}, nil)
				},
				Config: cfg(renamed, round("2026-Q2"), locA),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					action(test, plancheck.ResourceActionDestroyBeforeCreate),
					action(rotating, plancheck.ResourceActionCreateBeforeDestroy),
					action(offset, plancheck.ResourceActionCreate),
					action("highlevel_scope.reader", plancheck.ResourceActionNoop),
					action(expiring, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					newToken := get(s, test, "token")
					if newToken == token {
						return fmt.Errorf("the credential was not replaced")
					}
					if now := get(s, offset, "id"); now == ids[offset] {
						return fmt.Errorf("credential was not re-issued after its revocation")
					}
					for _, try := range []error{
						expectStatus(t, env, token, "GET", searchAgents, 401),
						expectStatus(t, env, newToken, "GET", searchAgents, 200),
						expectStatus(t, env, expiringToken, "GET", searchAgents, 401),
						rotated(s, "2026-Q2"),
					} {
						if try != nil {
							return try
						}
					}
					return nil
				})},
			},
			// Another expiry instant is a new credential too, removing it as well; the rotation
			// again; deleting a scope revokes its credentials: both are re-created; and a scope moved
			// to another location is replaced (deleted in A, created in B).
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteScope(context.Background(), env.LocationID, ids["highlevel_scope.second"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(`  name = "Zapier (renamed)"`, round("2026-Q3"), locB),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					action("highlevel_scope.mover", plancheck.ResourceActionDestroyBeforeCreate),
					action(test, plancheck.ResourceActionDestroyBeforeCreate),
					action(rotating, plancheck.ResourceActionCreateBeforeDestroy),
					action("highlevel_scope.second", plancheck.ResourceActionCreate),
					action("highlevel_scope_credential.second", plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(test, tfjsonpath.New("expires_at"), knownvalue.Null()),
					stateFunc(func(s *tfjson.State) error {
						if now := get(s, "highlevel_scope_credential.second", "id"); now == ids["highlevel_scope_credential.second"] {
							return fmt.Errorf("credential was not re-issued after the scope's deletion")
						}
						renamedID = get(s, test, "id")
						moved := get(s, "highlevel_scope.mover", "id")
						if _, err := env.Client(t).GetScope(context.Background(), locA.ID, ids["highlevel_scope.mover"]); !client.IsNotFound(err) {
							return fmt.Errorf("the moved scope is still in location A (%v)", err)
						}
						if _, err := inB.GetScope(context.Background(), locB.ID, moved); err != nil {
							return fmt.Errorf("the moved scope is not in location B: %w", err)
						}
						return rotated(s, "2026-Q3")
					}),
				},
			},
			// Removing the triggers, or adding them to a credential without any, only records them.
			{
				Config: cfg(`  name = "Zapier (renamed)"
  rotation_triggers = { owner = "ops" }`, "", locB),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf(rotating, "rotation_triggers"),
					acctest.ExpectUpdateOf(test, "rotation_triggers"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(s *tfjson.State) error {
					if get(s, rotating, "token") != tokens["2026-Q3"] {
						return fmt.Errorf("removing the triggers rotated the credential")
					}
					if get(s, test, "id") != renamedID {
						return fmt.Errorf("adding triggers rotated the credential")
					}
					return nil
				})},
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

// scopeSlashID is the import ID "<scope_id>/<id>", or "<location_id>/<scope_id>/<id>", of the
// credential at addr.
func scopeSlashID(addr string, withLocation bool) resource.ImportStateIdFunc {
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
