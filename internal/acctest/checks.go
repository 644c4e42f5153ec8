// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ExpectUpdateOf checks that the plan updates the resource at addr in place and that the
// attributes whose values change are exactly attrs: what a person reading the plan of a
// drift-detection run must see.
func ExpectUpdateOf(addr string, attrs ...string) plancheck.PlanCheck {
	return expectUpdateOf{addr: addr, attrs: attrs}
}

type expectUpdateOf struct {
	addr  string
	attrs []string
}

func (e expectUpdateOf) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		if !rc.Change.Actions.Update() {
			resp.Error = fmt.Errorf("%s: expected an in-place update, got %v", e.addr, rc.Change.Actions)
			return
		}
		changed := ChangedAttributes(rc.Change)
		want := slices.Clone(e.attrs)
		sort.Strings(want)
		if !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s: expected changes to exactly %v, the plan changes %v", e.addr, want, changed)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", e.addr)
}

// ChangedAttributes lists the top-level attributes whose planned value differs from the prior
// one, or is unknown, sorted.
func ChangedAttributes(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	unknown, _ := c.AfterUnknown.(map[string]any)
	var names []string
	for k := range mergeKeys(before, after) {
		if u, ok := unknown[k].(bool); ok && u {
			names = append(names, k)
			continue
		}
		if !reflect.DeepEqual(normalise(before[k]), normalise(after[k])) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}

func mergeKeys(a, b map[string]any) map[string]struct{} {
	keys := map[string]struct{}{}
	for k := range a {
		keys[k] = struct{}{}
	}
	for k := range b {
		keys[k] = struct{}{}
	}
	return keys
}

// normalise sorts lists so that a set whose order changed does not count as changed.
func normalise(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = fmt.Sprint(e)
	}
	sort.Strings(out)
	return strings.Join(out, "\x00")
}
