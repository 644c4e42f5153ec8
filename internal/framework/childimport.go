// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Children are objects addressed by their parent and their own id (an agent's actions): their
// import ID is "<parent_id>/<child_id>", or "<location_id>/<parent_id>/<child_id>" for a location
// other than the provider's, and their identity is (location_id, <parent attribute>, id).

// ParseChildImportID splits "<parent>/<child>" (location left to the provider's default, returned
// as "") or "<location_id>/<parent>/<child>". parentName and childName name the parts in the
// error message, e.g. ParseChildImportID(id, "agent_id", "action_id").
func ParseChildImportID(id, parentName, childName string) (location, parent, child string, err error) {
	parts := strings.Split(id, "/")
	for _, p := range parts {
		if p == "" {
			parts = nil
			break
		}
	}
	switch len(parts) {
	case 2:
		return "", parts[0], parts[1], nil
	case 3:
		return parts[0], parts[1], parts[2], nil
	}
	return "", "", "", fmt.Errorf("import ID %q must be %q or %q", id,
		"<"+parentName+">/<"+childName+">", "<location_id>/<"+parentName+">/<"+childName+">")
}

// ChildIdentitySchema is the identity of a child object: location_id, parentAttr and id.
func ChildIdentitySchema(parentAttr, parentDescription, idDescription string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"location_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The HighLevel location (sub-account) ID.",
			},
			parentAttr: identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       parentDescription,
			},
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       idDescription,
			},
		},
	}
}

// SetChildIdentity records the identity of a child object. identity is nil on CLIs without
// resource identity (Terraform < 1.12, OpenTofu), and then nothing is done.
func SetChildIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, locationID, parentAttr, parentID, id string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	var diags diag.Diagnostics
	diags.Append(identity.SetAttribute(ctx, path.Root("location_id"), locationID)...)
	diags.Append(identity.SetAttribute(ctx, path.Root(parentAttr), parentID)...)
	diags.Append(identity.SetAttribute(ctx, path.Root("id"), id)...)
	return diags
}

// ImportChild imports a child object by an import ID (see ParseChildImportID) or by an identity
// from an import block, and sets location_id, parentAttr and id in state and identity; Read
// fills the rest. childName names the child's id in messages ("action_id").
func ImportChild(ctx context.Context, c *client.Client, req resource.ImportStateRequest, resp *resource.ImportStateResponse, parentAttr, childName string) {
	var location, parent, id string
	if req.ID != "" {
		var err error
		location, parent, id, err = ParseChildImportID(req.ID, parentAttr, childName)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import ID", err.Error())
			return
		}
	} else if req.Identity != nil {
		var loc, par, ident types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("location_id"), &loc)...)
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(parentAttr), &par)...)
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &ident)...)
		location, parent, id = loc.ValueString(), par.ValueString(), ident.ValueString()
	}
	if parent == "" || id == "" {
		resp.Diagnostics.AddError("Invalid import", fmt.Sprintf("An import needs an ID (%q or %q) or an identity with %s and id.",
			"<"+parentAttr+">/<"+childName+">", "<location_id>/<"+parentAttr+">/<"+childName+">", parentAttr))
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
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(parentAttr), parent)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(SetChildIdentity(ctx, resp.Identity, location, parentAttr, parent, id)...)
}
