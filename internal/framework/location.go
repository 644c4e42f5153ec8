// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// LocationIDAttribute is the location_id argument every location-scoped resource has: optional,
// defaulting to the provider's location_id, and changing it replaces the resource.
func LocationIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The HighLevel location (sub-account) the object belongs to. Defaults to the provider's " +
			"`location_id`. Changing it destroys the object and creates it in the new location.",
		Optional: true,
		Computed: true,
		PlanModifiers: []planmodifier.String{
			stringplanmodifier.RequiresReplace(),
			stringplanmodifier.UseStateForUnknown(),
		},
	}
}

// PlanLocationID fills a resource's planned location_id from the provider's default when the
// configuration leaves it null, so that the plan shows the real location (and a change of the
// provider default replaces the resource instead of being ignored), and checks at plan time that
// the provider's token may act in that location (client.CheckLocation: one API read per location
// and run, shared by every resource), so that a token of another location fails the plan before
// anything is created. Call it from ModifyPlan.
func PlanLocationID(ctx context.Context, c *client.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || c.Unavailable() != nil || req.Plan.Raw.IsNull() {
		return // provider not configured (or not known) yet, or a destroy plan
	}
	var configured types.String
	resp.Diagnostics.Append(TopLevel(req.Config.Raw, map[string]any{"location_id": &configured})...)
	if resp.Diagnostics.HasError() || configured.IsUnknown() {
		return
	}
	location := configured.ValueString()
	if configured.IsNull() {
		var err error
		if location, err = c.LocationID(""); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
			return
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("location_id"), location)...)
		if !req.State.Raw.IsNull() {
			var prior types.String
			resp.Diagnostics.Append(TopLevel(req.State.Raw, map[string]any{"location_id": &prior})...)
			if !prior.IsNull() && prior.ValueString() != location {
				resp.RequiresReplace = append(resp.RequiresReplace, path.Root("location_id"))
			}
		}
	}
	if err := c.CheckLocation(ctx, location); err != nil {
		if client.IsLocationMismatch(err) {
			resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Token and location_id do not match", err.Error())
			return
		}
		// Any other failure (the API unreachable during plan) is left to the apply, which checks again.
		tflog.Debug(ctx, "could not check the token's location at plan time", map[string]any{"location_id": location, "error": err.Error()})
	}
}
