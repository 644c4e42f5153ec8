// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

const testPassword = "Str0ng!Passw0rd"

// userConfig is a highlevel_user with the given email and extra arguments.
func userConfig(env *acctest.Env, email, extra string) string {
	return env.Config(fmt.Sprintf(`
resource "highlevel_user" "test" {
  first_name          = "Ada"
  last_name           = "Lovelace"
  email               = %q
  password_wo         = %q
  password_wo_version = 1
%s
}
`, email, testPassword, extra))
}

const fullUser = `
  phone                   = "+15550100001"
  role                    = "admin"
  scopes                  = ["text-ai-agents.write", "text-ai-agent-goals.write", "voice-ai-dashboard.readonly", "ai-studio.write", "copilot.readonly", "text-ai-agent-training.write"]
  scopes_assigned_to_only = ["conversations.readonly"]
  permissions = {
    bot_service        = true
    content_ai_enabled = false
  }
`

func email(t *testing.T, tag string) string {
	return strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name())) + "-" + tag + "@example.com"
}

// otherUser is a second user managed beside highlevel_user.test, deleted out of band during the
// lifecycle test (it is re-created).
func otherUser(email string) string {
	return fmt.Sprintf(`
resource "highlevel_user" "other" {
  first_name          = "Grace"
  last_name           = "Hopper"
  email               = %q
  password_wo         = %q
  password_wo_version = 1
}
`, email, testPassword)
}

// TestAccUser_lifecycle covers the user resource in one run: create (with the defaults, and
// with every argument), import (by ID, with an import block, generating config), drift (every
// permission flag, then a few, the scopes, the name and the role), disappears, update in place
// (removed arguments reset, password rotated), and replacement (a new email).
func TestAccUser_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	first, second, other := email(t, "a"), email(t, "b"), email(t, "o")
	full := userConfig(env, first, fullUser) + otherUser(other)
	var firstID, otherID string
	flipAll := func(in *client.UserInput) {
		for k, v := range in.Permissions {
			in.Permissions[k] = !v
		}
	}
	// A few flags (two of them v3-only) flipped at once: the plan names exactly these.
	someFlags := []string{"botService", "contentAiEnabled", "conversationsEnabled"}
	flipSome := func(in *client.UserInput) {
		for _, k := range someFlags {
			in.Permissions[k] = !in.Permissions[k]
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			// Create: the other user with the defaults (every permission flag at the API's default,
			// no scopes), this one with every argument (with v3-only scopes).
			{
				Config: userConfig(env, first, fullUser) + otherUser(other),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("location_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(env.LocationID)})),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("type"), knownvalue.StringExact("account")),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("role"), knownvalue.StringExact("user")),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("scopes"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("permissions").AtMapKey("contacts_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("highlevel_user.other", tfjsonpath.New("permissions").AtMapKey("bot_service"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("password_wo"), knownvalue.Null()),
					remoteUserState(t, env, "highlevel_user.other", func(u *client.User) error {
						otherID = u.ID
						if len(u.Scopes) != 0 || len(u.Permissions) != 38 || u.Permissions["botService"] || !u.Permissions["contentAiEnabled"] {
							return fmt.Errorf("remote user %+v", u)
						}
						return nil
					}),
					remoteUserState(t, env, "highlevel_user.test", func(u *client.User) error {
						firstID = u.ID
						slices.Sort(u.Scopes)
						switch {
						case strings.Join(u.Scopes, ",") != "ai-studio.write,copilot.readonly,text-ai-agent-goals.write,text-ai-agent-training.write,text-ai-agents.write,voice-ai-dashboard.readonly":
							// ai-studio.write, copilot.readonly and text-ai-agent-training.write are v3-only
							// (valid values): the client sent the request as Version v3.
							return fmt.Errorf("scopes %v", u.Scopes)
						case !u.Permissions["botService"] || u.Permissions["contentAiEnabled"] || u.Roles.Role != "admin" || u.Phone != "+15550100001":
							return fmt.Errorf("remote user %+v", u)
						}
						return nil
					}),
				},
			},
			// Import the user with the defaults with the import command by "<location_id>/<user_id>",
			// and with an import block by "<user_id>" (written as for an existing user: no password).
			{
				ResourceName:            "highlevel_user.other",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       importID("highlevel_user.other", true),
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
			{
				Config: userConfig(env, first, fullUser) + `
resource "highlevel_user" "other" {
  first_name = "Grace"
  last_name  = "Hopper"
  email      = "` + other + `"
}
`,
				ResourceName:      "highlevel_user.other",
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: importID("highlevel_user.other", false),
			},
			// An import block with -generate-config-out: the generated configuration plans no
			// change (the password, write-only, is not generated and not needed for an existing user).
			{
				ResourceName:    "highlevel_user.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
			},
			// Drift, as a person in the HighLevel UI would change the user: every permission flag
			// flipped (the plan names all 38: each one is drift on its own), the name, the role and
			// the scopes (cleared) at once.
			{
				PreConfig: func() {
					editUser(t, env, firstID, func(in *client.UserInput) {
						flipAll(in)
						in.FirstName = "Augusta"
						in.Role = "user"
						in.Scopes = []string{}
					})
				},
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf("highlevel_user.test", "permissions", "first_name", "role", "scopes"),
					expectPermissionChanges(client.UserPermissionFlags),
				}},
			},
			// Drift of a few flags and one more scope; and the other user, deleted out of band
			// (disappears), is re-created.
			{
				PreConfig: func() {
					editUser(t, env, firstID, func(in *client.UserInput) {
						flipSome(in)
						in.Scopes = append(in.Scopes, "voice-ai-agents.readonly")
					})
					if err := env.Client(t).DeleteUser(context.Background(), env.LocationID, otherID); err != nil {
						t.Fatal(err)
					}
				},
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf("highlevel_user.test", "permissions", "scopes"),
					expectPermissionChanges(someFlags),
					plancheck.ExpectResourceAction("highlevel_user.other", plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{remoteUserState(t, env, "highlevel_user.other", func(u *client.User) error {
					if u.ID == otherID {
						return fmt.Errorf("user was not re-created")
					}
					return nil
				})},
			},
			// Update in place: removing arguments resets them remotely (phone cleared, defaults
			// back), and a password rotation.
			{
				Config: strings.Replace(userConfig(env, first, ""), "password_wo_version = 1", "password_wo_version = 2", 1) + otherUser(other),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_user.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{remoteUserState(t, env, "highlevel_user.test", func(u *client.User) error {
					switch {
					case u.ID != firstID:
						return fmt.Errorf("user replaced (%s → %s), want an update in place", firstID, u.ID)
					case u.Phone != "" || len(u.Scopes) != 0 || u.Permissions["botService"] || !u.Permissions["contentAiEnabled"] || u.Roles.Role != "user":
						return fmt.Errorf("remote user not reset: %+v", u)
					}
					return nil
				})},
			},
			// A new email replaces the user (HighLevel cannot change it).
			{
				Config: userConfig(env, second, "") + otherUser(other),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_user.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{remoteUserState(t, env, "highlevel_user.test", func(u *client.User) error {
					if u.ID == firstID || u.Email != second {
						return fmt.Errorf("user not replaced: %s %s", u.ID, u.Email)
					}
					if _, err := env.Client(t).GetUser(context.Background(), env.LocationID, firstID); !client.IsNotFound(err) {
						return fmt.Errorf("the first user still exists (err %v)", err)
					}
					return nil
				})},
			},
		},
	})
}

// userConfigNoVersion is the user as an import block would be written for an existing user:
// no password (HighLevel keeps the one it has).
func userConfigNoVersion(env *acctest.Env, email string) string {
	return env.Config(fmt.Sprintf(`
resource "highlevel_user" "test" {
  first_name = "Ada"
  last_name  = "Lovelace"
  email      = %q
}
`, email))
}

func TestAccUser_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: userConfig(env, email(t, "id"), "")},
			{
				Config:          userConfigNoVersion(env, email(t, "id")),
				ResourceName:    "highlevel_user.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// importID returns the import ID of the user at addr: "<location_id>/<id>", or "<id>".
func importID(addr string, withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		if withLocation {
			return rs.Primary.Attributes["location_id"] + "/" + rs.Primary.ID, nil
		}
		return rs.Primary.ID, nil
	}
}

// checkUsersDestroyed verifies through the API that every user in state is gone.
func checkUsersDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_user" {
				continue
			}
			_, err := env.Client(t).GetUser(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("user %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// remoteUserState reads the user at addr through the public API and checks it: a state check,
// so that it shares the step's one `terraform show` with the attribute checks.
func remoteUserState(t *testing.T, env *acctest.Env, addr string, check func(*client.User) error) statecheck.StateCheck {
	return stateFunc(func(s *tfjson.State) error {
		if s != nil && s.Values != nil && s.Values.RootModule != nil {
			for _, r := range s.Values.RootModule.Resources {
				if r.Address != addr {
					continue
				}
				id, _ := r.AttributeValues["id"].(string)
				loc, _ := r.AttributeValues["location_id"].(string)
				u, err := env.Client(t).GetUser(context.Background(), loc, id)
				if err != nil {
					return err
				}
				return check(u)
			}
		}
		return fmt.Errorf("%s not in state", addr)
	})
}

// stateFunc is a state check that runs f on the state after apply.
type stateFunc func(*tfjson.State) error

func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req.State)
}
