// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RemoveVanished removes a resource from state after its Read got 404, with a warning, so
// that the next plan re-creates it (DESIGN.md rule 2).
func RemoveVanished(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, kind, id string) {
	tflog.Warn(ctx, "remote object no longer exists; removing it from state", map[string]any{"kind": kind, "id": id})
	resp.Diagnostics.AddWarning(
		fmt.Sprintf("%s %s no longer exists", kind, id),
		fmt.Sprintf("The %s was deleted outside of Terraform (the API answered 404). It has been removed from state; the next apply re-creates it.", kind),
	)
	// The framework wants an identity after every Read, even one that removes the resource.
	// CLIs that do not store identities (Terraform < 1.12, OpenTofu) send none, so it is
	// rebuilt from the state attributes of the same names.
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		for name := range resp.Identity.Schema.GetAttributes() {
			var v types.String
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &v)...)
			resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root(name), v)...)
		}
	}
	resp.State.RemoveResource(ctx)
}
