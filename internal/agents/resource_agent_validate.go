// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// ValidateConfig checks the rules of contract §3.1 that span several attributes, at plan time
// and without calling the API.
func (r *agentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// The six attributes validateAgent judges (framework.TopLevel): decoding the whole
	// configuration into the model on every validation of every agent was most of the
	// provider's own CPU in a plan (make bench's profile).
	var m agentModel
	resp.Diagnostics.Append(framework.TopLevel(req.Config.Raw, map[string]any{
		"wait_time": &m.WaitTime, "wait_time_unit": &m.WaitTimeUnit, "sleep_enabled": &m.SleepEnabled,
		"sleep_time": &m.SleepTime, "sleep_time_unit": &m.SleepTimeUnit, "sleep_indefinitely": &m.SleepIndefinitely,
	})...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, p := range validateAgent(m) {
		resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
	}
}

type problem struct {
	path            path.Path
	summary, detail string
}

// validateAgent returns the cross-attribute problems of a configuration. Unknown values
// (known only at apply) are not judged.
func validateAgent(m agentModel) []problem {
	var problems []problem
	known := func(v interface{ IsUnknown() bool }) bool { return !v.IsUnknown() }

	if known(m.WaitTime) && known(m.WaitTimeUnit) && !m.WaitTime.IsNull() {
		unit := defaultWaitTimeUnit
		if !m.WaitTimeUnit.IsNull() {
			unit = m.WaitTimeUnit.ValueString()
		}
		if limit, ok := maxWaitTime[unit]; ok && m.WaitTime.ValueInt64() > limit {
			problems = append(problems, problem{path.Root("wait_time"), "wait_time out of range",
				fmt.Sprintf("wait_time must be between 0 and %d when wait_time_unit is %q (at most 5 minutes or 300 seconds), got %d.",
					limit, unit, m.WaitTime.ValueInt64())})
		}
	}

	if !known(m.SleepEnabled) || !known(m.SleepTime) || !known(m.SleepTimeUnit) || !known(m.SleepIndefinitely) {
		return problems
	}
	hasTime, hasUnit := !m.SleepTime.IsNull(), !m.SleepTimeUnit.IsNull()
	indefinitely := m.SleepIndefinitely.ValueBool()
	if !m.SleepEnabled.ValueBool() {
		for _, set := range []struct {
			on   bool
			name string
		}{{hasTime, "sleep_time"}, {hasUnit, "sleep_time_unit"}, {indefinitely, "sleep_indefinitely"}} {
			if set.on {
				problems = append(problems, problem{path.Root(set.name), set.name + " needs sleep_enabled",
					set.name + " can only be set when sleep_enabled = true (the API rejects a sleep time while sleep is disabled). " +
						"Set sleep_enabled = true or remove " + set.name + "."})
			}
		}
		return problems
	}
	switch {
	case indefinitely && (hasTime || hasUnit):
		problems = append(problems, problem{path.Root("sleep_indefinitely"), "Conflicting sleep settings",
			"With sleep_indefinitely = true, leave sleep_time and sleep_time_unit unset."})
	case !indefinitely && (!hasTime || !hasUnit):
		problems = append(problems, problem{path.Root("sleep_time"), "Missing sleep time",
			"With sleep_enabled = true, set both sleep_time and sleep_time_unit (hours, minutes or seconds; at most 48 hours), " +
				"or set sleep_indefinitely = true."})
	case !indefinitely:
		unit := m.SleepTimeUnit.ValueString()
		if limit, ok := maxSleepTime[unit]; ok && m.SleepTime.ValueInt64() > limit {
			problems = append(problems, problem{path.Root("sleep_time"), "sleep_time out of range",
				fmt.Sprintf("sleep_time must be at most %d when sleep_time_unit is %q (48 hours), got %d.", limit, unit, m.SleepTime.ValueInt64())})
		}
	}
	return problems
}
