// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestStringListsKeepNullApartFromEmpty(t *testing.T) {
	cases := []struct {
		name string
		got  attr.Value
		want attr.Value
	}{
		{"set absent", StringSetOrNull(nil), types.SetNull(types.StringType)},
		{"set empty", StringSetOrNull([]string{}), types.SetValueMust(types.StringType, []attr.Value{})},
		{"set values", StringSetOrNull([]string{"b", "a"}), types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})},
		{"list absent", StringListOrNull(nil), types.ListNull(types.StringType)},
		{"list empty", StringListOrNull([]string{}), types.ListValueMust(types.StringType, []attr.Value{})},
		{"list keeps order", StringListOrNull([]string{"b", "a"}), types.ListValueMust(types.StringType, []attr.Value{types.StringValue("b"), types.StringValue("a")})},
		{"list default absent is empty", StringListValue(nil), types.ListValueMust(types.StringType, []attr.Value{})},
	}
	for _, tc := range cases {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
