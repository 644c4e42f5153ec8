// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users_test

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
  scopes                  = ["text-ai-agents.write", "text-ai-agent-goals.write", "voice-ai-dashboard.readonly", "ai-studio.write"]
  scopes_assigned_to_only = ["conversations.readonly"]
  permissions = {
    bot_service        = true
    content_ai_enabled = false
  }
`

func email(t *testing.T, tag string) string {
	return strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name())) + "-" + tag + "@example.com"
}

func TestAccUser_createImportUpdateReplace(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	first, second := email(t, "a"), email(t, "b")
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			// Create with the defaults: every permission flag at the API's default, no scopes.
			{
				Config: userConfig(env, first, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("location_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(env.LocationID)})),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("type"), knownvalue.StringExact("account")),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("role"), knownvalue.StringExact("user")),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("scopes"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("permissions").AtMapKey("contacts_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("highlevel_user.test", tfjsonpath.New("permissions").AtMapKey("bot_service"), knownvalue.Bool(false)),
				},
				Check: checkRemote(t, env, func(u *client.User) error {
					firstID = u.ID
					if len(u.Scopes) != 0 || len(u.Permissions) != 38 || u.Permissions["botService"] || !u.Permissions["contentAiEnabled"] {
						return fmt.Errorf("remote user %+v", u)
					}
					return nil
				}),
			},
			// Import by "<location_id>/<user_id>", by "<user_id>", and with an import block.
			{
				ResourceName:            "highlevel_user.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       importID(true),
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
			{
				ResourceName:            "highlevel_user.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       importID(false),
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
			{
				Config:          userConfigNoVersion(env, first),
				ResourceName:    "highlevel_user.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			// Update in place: every argument (with a v3-only scope), and a password rotation.
			{
				Config: strings.Replace(userConfig(env, first, fullUser), "password_wo_version = 1", "password_wo_version = 2", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_user.test", plancheck.ResourceActionUpdate)},
				},
				Check: checkRemote(t, env, func(u *client.User) error {
					slices.Sort(u.Scopes)
					switch {
					case u.ID != firstID:
						return fmt.Errorf("user replaced (%s → %s), want an update in place", firstID, u.ID)
					case strings.Join(u.Scopes, ",") != "ai-studio.write,text-ai-agent-goals.write,text-ai-agents.write,voice-ai-dashboard.readonly":
						// ai-studio.write is v3-only: the client sent the request as Version v3.
						return fmt.Errorf("scopes %v", u.Scopes)
					case !u.Permissions["botService"] || u.Permissions["contentAiEnabled"] || u.Roles.Role != "admin" || u.Phone != "+15550100001":
						return fmt.Errorf("remote user %+v", u)
					}
					return nil
				}),
			},
			// Removing arguments resets them remotely (phone cleared, defaults back).
			{
				Config: userConfig(env, first, ""),
				Check: checkRemote(t, env, func(u *client.User) error {
					if u.Phone != "" || len(u.Scopes) != 0 || u.Permissions["botService"] || !u.Permissions["contentAiEnabled"] || u.Roles.Role != "user" {
						return fmt.Errorf("remote user not reset: %+v", u)
					}
					return nil
				}),
			},
			// A new email replaces the user (HighLevel cannot change it).
			{
				Config: userConfig(env, second, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_user.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkRemote(t, env, func(u *client.User) error {
					if u.ID == firstID || u.Email != second {
						return fmt.Errorf("user not replaced: %s %s", u.ID, u.Email)
					}
					if _, err := env.Client(t).GetUser(context.Background(), env.LocationID, firstID); !client.IsNotFound(err) {
						return fmt.Errorf("the first user still exists (err %v)", err)
					}
					return nil
				}),
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

// TestAccUser_importGenerateConfig imports a user with an import block and
// -generate-config-out: the generated configuration plans no change (the password, write-only,
// is not generated and not needed for an existing user).
func TestAccUser_importGenerateConfig(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: userConfig(env, email(t, "g"), fullUser)},
			{
				ResourceName:    "highlevel_user.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
			},
		},
	})
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

func TestAccUser_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	var id string
	config := userConfig(env, email(t, "x"), "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources["highlevel_user.test"].Primary.ID
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteUser(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("highlevel_user.test", plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if s.RootModule().Resources["highlevel_user.test"].Primary.ID == id {
						return fmt.Errorf("user was not re-created")
					}
					return nil
				},
			},
		},
	})
}

// importID returns the import ID of highlevel_user.test: "<location_id>/<id>", or "<id>".
func importID(withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources["highlevel_user.test"]
		if !ok {
			return "", fmt.Errorf("highlevel_user.test not in state")
		}
		if withLocation {
			return rs.Primary.Attributes["location_id"] + "/" + rs.Primary.ID, nil
		}
		return rs.Primary.ID, nil
	}
}

// checkRemote reads highlevel_user.test through the public API and checks it.
func checkRemote(t *testing.T, env *acctest.Env, check func(*client.User) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources["highlevel_user.test"]
		if !ok {
			return fmt.Errorf("highlevel_user.test not in state")
		}
		u, err := env.Client(t).GetUser(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
		if err != nil {
			return err
		}
		return check(u)
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
