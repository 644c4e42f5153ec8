// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestCredentialModifyPlanExpiry: an expires_at in the past is an error only when a credential
// is about to be issued; once issued, a credential that expired only gets a warning, so that the
// configuration that issued it keeps planning.
func TestCredentialModifyPlanExpiry(t *testing.T) {
	ctx := context.Background()
	r := &credentialResource{now: func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx)
	obj := func(expires any, id any) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range typ.(tftypes.Object).AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
		vals["location_id"] = tftypes.NewValue(tftypes.String, "loc")
		vals["scope_id"] = tftypes.NewValue(tftypes.String, "aaaaaaaaaaaaaaaaaaaa")
		vals["name"] = tftypes.NewValue(tftypes.String, "n")
		vals["expires_at"] = tftypes.NewValue(tftypes.String, expires)
		vals["id"] = tftypes.NewValue(tftypes.String, id)
		return tftypes.NewValue(typ, vals)
	}
	run := func(state, plan tftypes.Value) (errs, warns []string) {
		req := resource.ModifyPlanRequest{
			Config: tfsdk.Config{Schema: sr.Schema, Raw: plan},
			Plan:   tfsdk.Plan{Schema: sr.Schema, Raw: plan},
			State:  tfsdk.State{Schema: sr.Schema, Raw: state},
		}
		resp := resource.ModifyPlanResponse{Plan: req.Plan}
		r.ModifyPlan(ctx, req, &resp)
		for _, d := range resp.Diagnostics.Errors() {
			errs = append(errs, d.Detail())
		}
		for _, d := range resp.Diagnostics.Warnings() {
			warns = append(warns, d.Detail())
		}
		return errs, warns
	}
	none := tftypes.NewValue(typ, nil)
	past, future := "2030-12-31T00:00:00Z", "2031-06-01T00:00:00Z"

	if errs, _ := run(none, obj(past, nil)); len(errs) != 1 || !strings.Contains(errs[0], "expires_at must be in the future: 2030-12-31T00:00:00Z is 24h0m0s ago") {
		t.Errorf("issuing with a past expiry: %v", errs)
	}
	if errs, warns := run(none, obj(future, nil)); len(errs)+len(warns) != 0 {
		t.Errorf("issuing with a future expiry: %v %v", errs, warns)
	}
	errs, warns := run(obj(past, "cred1"), obj(past, "cred1"))
	if len(errs) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "Credential cred1 expired at 2030-12-31T00:00:00Z") {
		t.Errorf("an issued credential that expired: errors %v, warnings %v", errs, warns)
	}
	if errs, _ := run(obj(past, "cred1"), obj("2030-12-30T00:00:00Z", "cred1")); len(errs) != 1 {
		t.Errorf("replacing with another past expiry must fail: %v", errs)
	}
	if errs, warns := run(obj(past, "cred1"), obj("2030-12-31T01:00:00+01:00", "cred1")); len(errs) != 0 || len(warns) != 1 {
		t.Errorf("the same past instant written another way is no new credential: %v %v", errs, warns)
	}
}
