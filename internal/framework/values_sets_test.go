// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An API list that repeats a value (channels are free strings in the agent search, and nothing
// in the contract forbids repeats elsewhere) must still give a state that can be written: the
// framework rejects a set with duplicate elements ("Duplicate Set Element"). Found by the fuzz
// targets of internal/agents.
func TestStringSetsDropRepeatedValues(t *testing.T) {
	want := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("SMS"), types.StringValue("FB")})
	for name, got := range map[string]types.Set{
		"StringSetValue":  StringSetValue([]string{"SMS", "FB", "SMS", "SMS"}),
		"StringSetOrNull": StringSetOrNull([]string{"SMS", "FB", "FB"}),
	} {
		if !got.Equal(want) || len(got.Elements()) != 2 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
		s := schema.Schema{Attributes: map[string]schema.Attribute{
			"values": schema.SetAttribute{ElementType: types.StringType, Computed: true},
		}}
		st := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
		if d := st.Set(context.Background(), &struct {
			Values types.Set `tfsdk:"values"`
		}{got}); d.HasError() {
			t.Errorf("%s: writing the set to state: %v", name, d)
		}
	}
	if got := StringSetValue([]string{"", ""}); len(got.Elements()) != 1 {
		t.Errorf("repeated empty strings: %v", got)
	}
}
