// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Lists the API may leave out: a nil slice (absent in the answer) is null, a non-nil one
// (also empty, the API's []) is a value, so that null and [] stay apart (DESIGN.md rule 3).

// StringSetOrNull maps an unordered API string list; absent is null.
func StringSetOrNull(values []string) types.Set {
	if values == nil {
		return types.SetNull(types.StringType)
	}
	return StringSetValue(values)
}

// StringListOrNull maps an ordered API string list; absent is null.
func StringListOrNull(values []string) types.List {
	if values == nil {
		return types.ListNull(types.StringType)
	}
	return StringListValue(values)
}

// StringListValue maps an ordered API string list; absent is an empty list (for lists whose
// server default is []).
func StringListValue(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}
