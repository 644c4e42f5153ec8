// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The helpers below map API values to Terraform values without confusing null, "" and zero
// (DESIGN.md rule 3), and back.

// StringValue maps an API string that may be absent.
func StringValue(v *string) types.String {
	if v == nil {
		return types.StringNull()
	}
	return types.StringValue(*v)
}

// ClearableStringValue maps an optional API string whose "cleared" form is "": the API answers
// "" once a value was cleared, which is null in configuration unless the user wrote "".
func ClearableStringValue(v *string, prior types.String) types.String {
	if v == nil || (*v == "" && (prior.IsNull() || prior.IsUnknown() || prior.ValueString() != "")) {
		return types.StringNull()
	}
	return types.StringValue(*v)
}

// Int64Value maps an API number that may be absent.
func Int64Value(v *int64) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(*v)
}

// BoolValue maps an API bool that may be absent.
func BoolValue(v *bool) types.Bool {
	if v == nil {
		return types.BoolNull()
	}
	return types.BoolValue(*v)
}

// BoolKeepPrior maps a bool the real API may not echo (contract §7.4): when the answer lacks
// it, the prior value is kept, since nothing better is known.
func BoolKeepPrior(v *bool, prior types.Bool) types.Bool {
	if v == nil {
		return prior
	}
	return types.BoolValue(*v)
}

// StringSetValue maps an API string list that is unordered to a set; nil becomes an empty set.
// A value the API repeats is kept once: a set holds no duplicates, and the framework refuses to
// write a state whose set has any ("Duplicate Set Element"), which would fail the apply or read.
func StringSetValue(values []string) types.Set {
	elems := make([]attr.Value, 0, len(values))
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if seen[v] {
			continue
		}
		seen[v] = true
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// Strings reads a set or list of strings from configuration: null gives nil, known gives a
// non-nil slice (so that an empty value is sent as [] to clear it remotely).
func Strings(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// StringPointer returns nil for a null or unknown value.
func StringPointer(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// Int64Pointer returns nil for a null or unknown value.
func Int64Pointer(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

// BoolPointer returns nil for a null or unknown value.
func BoolPointer(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}
