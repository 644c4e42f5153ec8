// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestOpaqueID(t *testing.T) {
	for _, tc := range []struct {
		value types.String
		ok    bool
	}{
		{types.StringValue("tDtDnQdgm2LXpyiqYvZ6"), true},
		{types.StringValue("65f1c0ffee0123456789abcd"), true}, // ObjectId
		{types.StringValue("emp_123"), true},                  // OAS example
		{types.StringValue("a-b"), true},
		{types.StringNull(), true},
		{types.StringUnknown(), true},
		{types.StringValue(""), false},
		{types.StringValue(" tDtDnQdgm2LXpyiqYvZ6"), false},
		{types.StringValue("abc/def"), false},
		{types.StringValue("id?x=1"), false},
		{types.StringValue("a.b"), false},
		{types.StringValue(strings.Repeat("a", 65)), false},
	} {
		resp := &validator.StringResponse{}
		OpaqueID().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("id"), ConfigValue: tc.value}, resp)
		if got := !resp.Diagnostics.HasError(); got != tc.ok {
			t.Errorf("%s: ok = %v, want %v (%v)", tc.value, got, tc.ok, resp.Diagnostics)
		}
		if !tc.ok && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "letters, digits") {
			t.Errorf("%s: the error does not say what is allowed: %s", tc.value, resp.Diagnostics.Errors()[0].Detail())
		}
	}
}
