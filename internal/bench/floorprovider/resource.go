// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// floorResource has the real resource's type name and schema and no-op CRUD: Create and
// Update store the plan (unknowns filled), Read keeps the state, Delete forgets it.
type floorResource struct {
	real resource.Resource
}

// floorResourceWithIdentity adds the real resource's identity schema, for resources that have one.
type floorResourceWithIdentity struct {
	floorResource
	identity resource.ResourceWithIdentity
}

func wrapResource(r resource.Resource) resource.Resource {
	if withIdentity, ok := r.(resource.ResourceWithIdentity); ok {
		return &floorResourceWithIdentity{floorResource: floorResource{real: r}, identity: withIdentity}
	}
	return &floorResource{real: r}
}

var (
	_ resource.ResourceWithImportState = (*floorResource)(nil)
	_ resource.ResourceWithIdentity    = (*floorResourceWithIdentity)(nil)
)

func (r *floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

func (r *floorResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = fillUnknowns(req.Plan.Raw)
	setIdentity(resp.State, resp.Identity)
}

// Read keeps the state; it records the identity too, which a CLI without resource identity
// (Terraform < 1.12) does not store, as the real resources do.
func (r *floorResource) Read(_ context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(resp.State, resp.Identity)
}

func (r *floorResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = fillUnknowns(req.Plan.Raw)
	setIdentity(resp.State, resp.Identity)
}

func (r *floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func (r *floorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

func (r *floorResourceWithIdentity) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.identity.IdentitySchema(ctx, req, resp)
}

// setIdentity fills each identity attribute from the state attribute of the same name (the
// real identities are location_id, id and a parent's id). identity is nil on CLIs without
// resource identity (Terraform < 1.12).
func setIdentity(state tfsdk.State, identity *tfsdk.ResourceIdentity) {
	if identity == nil {
		return
	}
	var attrs map[string]tftypes.Value
	if state.Raw.As(&attrs) != nil {
		return
	}
	typ, ok := identity.Raw.Type().(tftypes.Object)
	if !ok {
		return
	}
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		if v, ok := attrs[name]; ok && v.Type().Equal(t) {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	identity.Raw = tftypes.NewValue(typ, vals)
}
