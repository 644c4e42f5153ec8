// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestClearableStringValue(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		name  string
		api   *string
		prior types.String
		want  types.String
	}{
		{"absent", nil, types.StringValue("x"), types.StringNull()},
		{"cleared, was null", s(""), types.StringNull(), types.StringNull()},
		{"cleared, user wrote empty", s(""), types.StringValue(""), types.StringValue("")},
		{"cleared out of band", s(""), types.StringValue("old"), types.StringNull()},
		{"value", s("v"), types.StringNull(), types.StringValue("v")},
	}
	for _, tc := range cases {
		if got := ClearableStringValue(tc.api, tc.prior); !got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestStringsKeepsEmptyDistinctFromNull(t *testing.T) {
	var diags diag.Diagnostics
	ctx := context.Background()
	if got := Strings(ctx, types.SetNull(types.StringType), &diags); got != nil {
		t.Fatalf("null set gave %v, want nil", got)
	}
	empty := Strings(ctx, types.SetValueMust(types.StringType, nil), &diags)
	if empty == nil || len(empty) != 0 {
		t.Fatalf("empty set gave %#v, want a non-nil empty slice (sent as [] to clear)", empty)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestBoolKeepPrior(t *testing.T) {
	yes := true
	if got := BoolKeepPrior(nil, types.BoolValue(false)); !got.Equal(types.BoolValue(false)) {
		t.Fatalf("absent answer must keep the prior value, got %v", got)
	}
	if got := BoolKeepPrior(&yes, types.BoolValue(false)); !got.Equal(types.BoolValue(true)) {
		t.Fatalf("answer must win, got %v", got)
	}
}
