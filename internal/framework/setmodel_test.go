// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var setStateSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"id":       schema.StringAttribute{Computed: true},
	"count":    schema.Int64Attribute{Optional: true},
	"enabled":  schema.BoolAttribute{Optional: true},
	"channels": schema.SetAttribute{ElementType: types.StringType, Optional: true},
	"rules": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
		Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Required: true}},
	}},
}}

var ruleType = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType}}

type setStateModel struct {
	ID       types.String `tfsdk:"id"`
	Count    types.Int64  `tfsdk:"count"`
	Enabled  types.Bool   `tfsdk:"enabled"`
	Channels types.Set    `tfsdk:"channels"`
	Rules    types.List   `tfsdk:"rules"`
	Scratch  string       `tfsdk:"-"`
}

func TestSetState_sameAsStateSet(t *testing.T) {
	ctx := context.Background()
	rule := types.ObjectValueMust(ruleType.AttrTypes, map[string]attr.Value{"name": types.StringValue("a")})
	for name, m := range map[string]setStateModel{
		"known": {
			ID: types.StringValue("x"), Count: types.Int64Value(3), Enabled: types.BoolValue(true),
			Channels: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("SMS")}),
			Rules:    types.ListValueMust(ruleType, []attr.Value{rule}), Scratch: "ignored",
		},
		"nulls": {
			ID: types.StringValue("x"), Count: types.Int64Null(), Enabled: types.BoolNull(),
			Channels: types.SetNull(types.StringType), Rules: types.ListNull(ruleType),
		},
	} {
		t.Run(name, func(t *testing.T) {
			want := tfsdk.State{Schema: setStateSchema}
			if diags := want.Set(ctx, &m); diags.HasError() {
				t.Fatal(diags)
			}
			got := tfsdk.State{Schema: setStateSchema}
			if diags := SetState(ctx, &got, &m); diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Fatalf("SetState wrote %s, state.Set %s", got.Raw, want.Raw)
			}
			if _, fast := objectOf(ctx, setStateSchema.Type().TerraformType(ctx), &m); !fast {
				t.Fatal("SetState did not assemble the object itself")
			}
			var back setStateModel
			if diags := got.Get(ctx, &back); diags.HasError() {
				t.Fatal(diags)
			}
		})
	}
}

// A model SetState cannot assemble exactly goes through state.Set, which reports what is wrong.
func TestSetState_fallsBackToStateSet(t *testing.T) {
	ctx := context.Background()
	type missingAttribute struct {
		ID types.String `tfsdk:"id"`
	}
	type plainField struct {
		ID string `tfsdk:"id"`
	}
	type zeroSet struct { // a zero types.Set has no element type
		ID       types.String `tfsdk:"id"`
		Count    types.Int64  `tfsdk:"count"`
		Enabled  types.Bool   `tfsdk:"enabled"`
		Channels types.Set    `tfsdk:"channels"`
		Rules    types.List   `tfsdk:"rules"`
	}
	for name, tc := range map[string]struct {
		model   any
		wantErr string // "": no error, and the object is assembled without state.Set
	}{
		"missing attribute":  {missingAttribute{ID: types.StringValue("x")}, "Object defines fields not found in struct"},
		"plain Go field":     {plainField{ID: "x"}, "Object defines fields not found in struct"},
		"untyped zero value": {zeroSet{ID: types.StringValue("x"), Rules: types.ListNull(ruleType)}, "MISSING TYPE"},
		"zero primitives":    {zeroSet{Channels: types.SetNull(types.StringType), Rules: types.ListNull(ruleType)}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			got := tfsdk.State{Schema: setStateSchema}
			diags := SetState(ctx, &got, tc.model)
			want := tfsdk.State{Schema: setStateSchema}
			wantDiags := want.Set(ctx, tc.model)
			if diags.HasError() != wantDiags.HasError() {
				t.Fatalf("SetState: %v; state.Set: %v", diags, wantDiags)
			}
			if tc.wantErr != "" && (!diags.HasError() || !strings.Contains(diags[0].Detail(), tc.wantErr)) {
				t.Fatalf("want an error containing %q, got %v", tc.wantErr, diags)
			}
			if !diags.HasError() && !got.Raw.Equal(want.Raw) {
				t.Fatalf("SetState wrote %s, state.Set %s", got.Raw, want.Raw)
			}
			if _, fast := objectOf(ctx, setStateSchema.Type().TerraformType(ctx), tc.model); fast != (tc.wantErr == "") {
				t.Fatalf("assembled without state.Set: %v", fast)
			}
		})
	}
}

func TestSetLocationIdentity_writesBothAttributes(t *testing.T) {
	ctx := context.Background()
	id := tfsdk.ResourceIdentity{Schema: LocationIdentitySchema("The agent ID.")}
	if diags := SetLocationIdentity(ctx, &id, "loc1", "agent1"); diags.HasError() {
		t.Fatal(diags)
	}
	var got locationIdentity
	if diags := id.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.LocationID.ValueString() != "loc1" || got.ID.ValueString() != "agent1" {
		t.Fatalf("identity = %+v", got)
	}
}
