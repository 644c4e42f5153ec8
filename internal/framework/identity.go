// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// LocationIdentitySchema is the identity of an object addressed by its location and its id.
func LocationIdentitySchema(idDescription string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"location_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The HighLevel location (sub-account) ID.",
			},
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       idDescription,
			},
		},
	}
}

// SetLocationIdentity records the identity of an object. identity is nil on CLIs that do not
// support resource identity (Terraform < 1.12, OpenTofu), and then nothing is done.
func SetLocationIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, locationID, id string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return setIdentity(ctx, identity, locationIdentity{LocationID: types.StringValue(locationID), ID: types.StringValue(id)})
}

// locationIdentity is the model of LocationIdentitySchema.
type locationIdentity struct {
	LocationID types.String `tfsdk:"location_id"`
	ID         types.String `tfsdk:"id"`
}

// ImportLocationScoped imports an object addressed as "<location_id>/<id>" or "<id>" (in the
// provider's location), or by an identity from an import block.
func ImportLocationScoped(ctx context.Context, c *client.Client, req resource.ImportStateRequest, resp *resource.ImportStateResponse, idName string) {
	var location, id string
	if req.ID != "" {
		var err error
		location, id, err = ParseImportID(req.ID, true, "location_id", idName)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import ID", err.Error())
			return
		}
	} else if req.Identity != nil {
		var loc, ident types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("location_id"), &loc)...)
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &ident)...)
		location, id = loc.ValueString(), ident.ValueString()
	}
	if id == "" {
		resp.Diagnostics.AddError("Invalid import", "An import needs an ID (\"<location_id>/<"+idName+">\" or \"<"+idName+">\") or an identity.")
		return
	}
	if c == nil {
		resp.Diagnostics.AddError("Provider not configured", "The provider must be configured before importing.")
		return
	}
	location, err := c.LocationID(location)
	if err != nil {
		resp.Diagnostics.AddError("Missing location for import", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("location_id"), location)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(SetLocationIdentity(ctx, resp.Identity, location, id)...)
}
