// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// agentsConfig declares the agent that owns the test's actions ("test") and two more agents
// that transfer actions can point at ("other", and "spare" for out-of-band edits).
const agentsConfig = `
resource "highlevel_agent" "test" {
  name         = "Front desk"
  personality  = "Friendly"
  goal         = "Book appointments"
  instructions = "Be brief"
}

resource "highlevel_agent" "other" {
  name         = "Billing"
  personality  = "Precise"
  goal         = "Answer billing questions"
  instructions = "Never promise refunds"
}

resource "highlevel_agent" "spare" {
  name         = "Spare"
  personality  = "Calm"
  goal         = "Stand by"
  instructions = "Wait"
}
`

// actionConfig is an action of type typ on highlevel_agent.test with the given details body.
func actionConfig(typ, name, details string) string {
	return agentsConfig + fmt.Sprintf(`
resource "highlevel_agent_action" "test" {
  agent_id = highlevel_agent.test.id
  type     = %q
  name     = %q
%s
}
`, typ, name, details)
}

// stateAttr returns an attribute of a resource in state.
func stateAttr(s *terraform.State, addr, attr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.Attributes[attr], nil
}

// actionImportID returns the "<agent_id>/<id>" or "<location_id>/<agent_id>/<id>" of the
// action at addr.
func actionImportID(addr string, withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		id := rs.Primary.Attributes["agent_id"] + "/" + rs.Primary.ID
		if withLocation {
			id = rs.Primary.Attributes["location_id"] + "/" + id
		}
		return id, nil
	}
}

// remoteAction reads the action at addr through the public API and checks it.
func remoteAction(t *testing.T, env *acctest.Env, addr string, check func(*client.Action) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		a, err := env.Client(t).GetAction(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.Attributes["agent_id"], rs.Primary.ID)
		if err != nil {
			return err
		}
		return check(a)
	}
}

// editAction changes an action out of band, as a person in the HighLevel UI would: read it,
// change its details, write the whole object back.
func editAction(t *testing.T, env *acctest.Env, agentID, id string, mutate func(*client.ActionInput)) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	a, err := c.GetAction(ctx, env.LocationID, agentID, id)
	if err != nil {
		t.Fatalf("read action %s: %v", id, err)
	}
	in := client.ActionInput{Type: a.Type, Name: a.Name, Details: a.Details}
	mutate(&in)
	if _, err := c.UpdateAction(ctx, env.LocationID, agentID, id, in); err != nil {
		t.Fatalf("edit action %s out of band: %v", id, err)
	}
}

// checkActionsDestroyed verifies through the API that every action in state is gone.
func checkActionsDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_agent_action" {
				continue
			}
			_, err := env.Client(t).GetAction(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.Attributes["agent_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("action %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// expectDetailChanges checks that, inside the attribute block of the resource at addr, the
// planned changes are exactly the given leaf paths ("sleep_time", "followup_sequence.1.custom_message",
// "followup_settings.working_hours"): acctest.ExpectUpdateOf names the top-level attribute, this
// names the field a drift-detection run must show.
func expectDetailChanges(addr, block string, leaves ...string) plancheck.PlanCheck {
	return detailChanges{addr: addr, block: block, leaves: leaves}
}

type detailChanges struct {
	addr, block string
	leaves      []string
}

func (d detailChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != d.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		var got []string
		diffLeaves("", before[d.block], after[d.block], &got)
		sort.Strings(got)
		want := slices.Clone(d.leaves)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			resp.Error = fmt.Errorf("%s.%s: expected changes to exactly %v, the plan changes %v", d.addr, d.block, want, got)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", d.addr)
}

// diffLeaves lists the paths under which a and b differ. Objects are walked by key, the
// follow-up sequence by index (its order is meaningful); other lists and sets are leaves.
func diffLeaves(prefix string, a, b any, out *[]string) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for k := range keys {
			diffLeaves(join(k), am[k], bm[k], out)
		}
		return
	}
	al, alok := a.([]any)
	bl, blok := b.([]any)
	if alok && blok && len(al) == len(bl) && strings.HasSuffix(prefix, "followup_sequence") {
		for i := range al {
			diffLeaves(join(fmt.Sprint(i)), al[i], bl[i], out)
		}
		return
	}
	if !reflect.DeepEqual(normaliseSet(prefix, a), normaliseSet(prefix, b)) {
		*out = append(*out, prefix)
	}
}

// normaliseSet sorts the JSON of set attributes, whose order carries no meaning.
func normaliseSet(name string, v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	for _, set := range []string{"workflow_ids", "tags", "working_hours", "action_ids"} {
		if strings.HasSuffix(name, set) {
			out := make([]string, len(list))
			for i, e := range list {
				out[i] = fmt.Sprint(e)
			}
			sort.Strings(out)
			return out
		}
	}
	return v
}

func ptr[T any](v T) *T { return &v }
