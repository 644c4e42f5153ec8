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

	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

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
