// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// idOf reads the id of a resource in state.
func idOf(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// importID returns the import ID "<location_id>/<id>", or "<id>".
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

// childImportID returns "<agent_id>/<id>", or "<location_id>/<agent_id>/<id>", of the action
// at addr.
func childImportID(addr string, withLocation bool) resource.ImportStateIdFunc {
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

// checkDestroyed verifies through the API that every voice agent and action in state is gone.
func checkDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := env.Client(t)
		for _, rs := range s.RootModule().Resources {
			var err error
			switch rs.Type {
			case "highlevel_voice_agent":
				_, err = c.GetVoiceAgent(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			case "highlevel_voice_agent_action":
				_, err = c.GetVoiceAction(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// patchAgent changes an agent out of band, as a person in the HighLevel UI would: only the
// members set in change are sent.
func patchAgent(t *testing.T, env *acctest.Env, id string, change client.VoiceAgentInput) {
	t.Helper()
	if _, err := env.Client(t).PatchVoiceAgent(context.Background(), env.LocationID, id, change, client.VoiceAgentInput{}); err != nil {
		t.Fatalf("edit voice agent %s out of band: %v", id, err)
	}
}

func ptr[T any](v T) *T { return &v }

// lazyString is a configuration variable whose value is read when the step runs, for values
// (such as an id) that an earlier step produces.
type lazyString struct{ p *string }

func (v lazyString) MarshalJSON() ([]byte, error) { return json.Marshal(*v.p) }

// stateFunc is a state check that runs f on the state after apply: with it, the checks of a
// step (through the API, and of attributes in state) cost one `terraform show`, not two.
type stateFunc func(*tfjson.State) error

func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req.State)
}

// stateID is the id of the resource at addr in a JSON state.
func stateID(s *tfjson.State, addr string) (string, error) {
	if s != nil && s.Values != nil && s.Values.RootModule != nil {
		for _, r := range s.Values.RootModule.Resources {
			if r.Address == addr {
				id, _ := r.AttributeValues["id"].(string)
				return id, nil
			}
		}
	}
	return "", fmt.Errorf("%s not in state", addr)
}

// remoteAgentState is remoteAgent as a state check.
func remoteAgentState(t *testing.T, env *acctest.Env, addr string, check func(*client.VoiceAgent) error) stateFunc {
	return func(s *tfjson.State) error {
		id, err := stateID(s, addr)
		if err != nil {
			return err
		}
		a, err := env.Client(t).GetVoiceAgent(context.Background(), env.LocationID, id)
		if err != nil {
			return err
		}
		return check(a)
	}
}

// changeOf finds the planned change of addr.
func changeOf(p *tfjson.Plan, addr string) (*tfjson.Change, error) {
	for _, rc := range p.ResourceChanges {
		if rc.Address == addr && rc.Change != nil {
			return rc.Change, nil
		}
	}
	return nil, fmt.Errorf("%s: not in the plan", addr)
}

// expectObjectChanges checks that, in the plan of addr, the members of the object attribute
// attr whose values change are exactly members: a drift of several members of one nested
// object, each of which must be seen.
func expectObjectChanges(addr, attr string, members ...string) plancheck.PlanCheck {
	return planFunc(func(p *tfjson.Plan) error {
		c, err := changeOf(p, addr)
		if err != nil {
			return err
		}
		before, _ := c.Before.(map[string]any)
		after, _ := c.After.(map[string]any)
		b, _ := before[attr].(map[string]any)
		a, _ := after[attr].(map[string]any)
		var changed []string
		for k := range a {
			if !reflect.DeepEqual(a[k], b[k]) {
				changed = append(changed, k)
			}
		}
		want := slices.Clone(members)
		sort.Strings(changed)
		sort.Strings(want)
		if !slices.Equal(changed, want) {
			return fmt.Errorf("%s: the plan changes %s members %v, want exactly %v", addr, attr, changed, want)
		}
		return nil
	})
}

// expectImportVerified checks that the plan imports imported, and that what the import read
// (its prior value in the plan) equals the state of orig, the same remote object managed since
// its creation, but for the nested paths in ignore ("attr.member"): ImportStateVerify for an
// import block of the configuration.
func expectImportVerified(orig, imported string, ignore ...string) plancheck.PlanCheck {
	return planFunc(func(p *tfjson.Plan) error {
		var o, i *tfjson.ResourceChange
		for _, rc := range p.ResourceChanges {
			switch rc.Address {
			case orig:
				o = rc
			case imported:
				i = rc
			}
		}
		switch {
		case o == nil || i == nil:
			return fmt.Errorf("%s or %s not in the plan", orig, imported)
		case i.Change.Importing == nil:
			return fmt.Errorf("%s: not imported (%v)", imported, i.Change.Actions)
		case !o.Change.Actions.NoOp():
			return fmt.Errorf("%s: %v, want no change", orig, o.Change.Actions)
		}
		want, _ := o.Change.Before.(map[string]any)
		got, _ := i.Change.Before.(map[string]any)
		want, got = withoutPaths(want, ignore), withoutPaths(got, ignore)
		if !reflect.DeepEqual(want, got) {
			return fmt.Errorf("%s imported as\n%v\nwant (the state of %s)\n%v", imported, got, orig, want)
		}
		return nil
	})
}

// withoutPaths copies m without the nested members named "attr.member".
func withoutPaths(m map[string]any, paths []string) map[string]any {
	out := maps.Clone(m)
	for _, p := range paths {
		attr, member, _ := strings.Cut(p, ".")
		if obj, ok := out[attr].(map[string]any); ok {
			obj = maps.Clone(obj)
			delete(obj, member)
			out[attr] = obj
		}
	}
	return out
}

// planFunc is a plan check that runs f on the plan.
type planFunc func(*tfjson.Plan) error

func (f planFunc) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req.Plan)
}
