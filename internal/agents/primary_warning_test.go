// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// Two agents of one location that both set is_primary = true get a warning at plan time; an
// agent that is not primary, or the same agent planned again, does not.
func TestWarnSecondPrimary(t *testing.T) {
	ctx := context.Background()
	r := &agentResource{primary: &framework.Claims{}}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	objType := sr.Schema.Type().TerraformType(ctx).(tftypes.Object) //nolint:forcetypeassert // a resource schema is an object
	plan := func(name string, primary bool) tfsdk.Plan {
		vals := map[string]tftypes.Value{}
		for attr, typ := range objType.AttributeTypes {
			vals[attr] = tftypes.NewValue(typ, nil)
		}
		vals["name"] = tftypes.NewValue(tftypes.String, name)
		vals["location_id"] = tftypes.NewValue(tftypes.String, "loc1")
		vals["is_primary"] = tftypes.NewValue(tftypes.Bool, primary)
		return tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(objType, vals)}
	}
	warnings := func(name string, primary bool) int {
		p := plan(name, primary)
		resp := &resource.ModifyPlanResponse{Plan: p}
		r.warnSecondPrimary(resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		return resp.Diagnostics.WarningsCount()
	}
	for _, c := range []struct {
		name    string
		primary bool
		want    int
	}{{"front desk", true, 0}, {"front desk", true, 0}, {"after hours", false, 0}, {"after hours", true, 1}} {
		if got := warnings(c.name, c.primary); got != c.want {
			t.Fatalf("%q is_primary=%v: %d warnings, want %d", c.name, c.primary, got, c.want)
		}
	}
}
