package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RemoveVanished removes a resource from state after its Read got 404, with a warning, so
// that the next plan re-creates it (DESIGN.md rule 2).
func RemoveVanished(ctx context.Context, resp *resource.ReadResponse, kind, id string) {
	tflog.Warn(ctx, "remote object no longer exists; removing it from state", map[string]any{"kind": kind, "id": id})
	resp.Diagnostics.AddWarning(
		fmt.Sprintf("%s %s no longer exists", kind, id),
		fmt.Sprintf("The %s was deleted outside of Terraform (the API answered 404). It has been removed from state; the next apply re-creates it.", kind),
	)
	resp.State.RemoveResource(ctx)
}
