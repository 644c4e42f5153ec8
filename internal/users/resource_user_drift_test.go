// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestAccUser_drift changes a user out of band through the public API, as a person in the
// HighLevel UI would: every permission flag (all 38 at once, then single AI flags), the scopes
// and the locations. Each next plan must update exactly what changed, and the apply converges.
func TestAccUser_drift(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := userConfig(env, email(t, "d"), `
  scopes = ["text-ai-agents.write", "voice-ai-agents.readonly"]
`)
	var id string
	flipAll := func(in *client.UserInput) {
		for k, v := range in.Permissions {
			in.Permissions[k] = !v
		}
	}
	steps := []resource.TestStep{{
		Config: config,
		Check: func(s *terraform.State) error {
			id = s.RootModule().Resources["highlevel_user.test"].Primary.ID
			return nil
		},
	}}
	// Every flag flipped: the plan names all 38 (each one is drift on its own).
	steps = append(steps, resource.TestStep{
		PreConfig: func() { editUser(t, env, id, flipAll) },
		Config:    config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				acctest.ExpectUpdateOf("highlevel_user.test", "permissions"),
				expectPermissionChanges(client.UserPermissionFlags),
			},
		},
	})
	for _, tc := range []struct {
		attr   string
		flags  []string
		mutate func(*client.UserInput)
	}{
		{"permissions", []string{"botService"}, func(in *client.UserInput) { in.Permissions["botService"] = true }},
		{"permissions", []string{"contentAiEnabled"}, func(in *client.UserInput) { in.Permissions["contentAiEnabled"] = false }},
		{"permissions", []string{"conversationsEnabled"}, func(in *client.UserInput) { in.Permissions["conversationsEnabled"] = false }},
		{"scopes", nil, func(in *client.UserInput) { in.Scopes = append(in.Scopes, "voice-ai-dashboard.readonly") }},
		{"scopes", nil, func(in *client.UserInput) { in.Scopes = []string{} }},
		{"first_name", nil, func(in *client.UserInput) { in.FirstName = "Augusta" }},
		{"role", nil, func(in *client.UserInput) { in.Role = "admin" }},
	} {
		checks := []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_user.test", tc.attr)}
		if tc.flags != nil {
			checks = append(checks, expectPermissionChanges(tc.flags))
		}
		steps = append(steps, resource.TestStep{
			PreConfig:        func() { editUser(t, env, id, tc.mutate) },
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps:                    steps,
	})
}

// editUser changes a user out of band: read it, change it, write every member back.
func editUser(t *testing.T, env *acctest.Env, id string, mutate func(*client.UserInput)) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	u, err := c.GetUser(ctx, env.LocationID, id)
	if err != nil {
		t.Fatalf("read user %s: %v", id, err)
	}
	in := client.UserInput{
		FirstName: u.FirstName, LastName: u.LastName, Type: u.Roles.Type, Role: u.Roles.Role,
		LocationIDs: u.Roles.LocationIDs, Permissions: maps.Clone(u.Permissions), Scopes: u.Scopes,
	}
	mutate(&in)
	if _, err := c.UpdateUser(ctx, env.LocationID, id, in); err != nil {
		t.Fatalf("edit user %s out of band: %v", id, err)
	}
}

// expectPermissionChanges checks that the plan changes exactly these permission flags.
func expectPermissionChanges(flags []string) plancheck.PlanCheck {
	return permissionChanges{flags: flags}
}

type permissionChanges struct{ flags []string }

func (p permissionChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != "highlevel_user.test" {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		b, _ := before["permissions"].(map[string]any)
		a, _ := after["permissions"].(map[string]any)
		var changed []string
		for k := range a {
			if !reflect.DeepEqual(a[k], b[k]) {
				changed = append(changed, k)
			}
		}
		want := make([]string, 0, len(p.flags))
		for _, f := range p.flags {
			want = append(want, snake(f))
		}
		sort.Strings(changed)
		sort.Strings(want)
		if !reflect.DeepEqual(changed, want) {
			resp.Error = fmt.Errorf("the plan changes the permission flags %v, want %v", changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("highlevel_user.test not in the plan")
}

func snake(camel string) string {
	var b strings.Builder
	for i, r := range camel {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
