// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*scopeResource)(nil)
	_ resource.ResourceWithImportState = (*scopeResource)(nil)
	_ resource.ResourceWithIdentity    = (*scopeResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeResource)(nil)
)

// NewScopeResource is the highlevel_scope resource.
func NewScopeResource() resource.Resource { return &scopeResource{} }

type scopeResource struct {
	client *client.Client
}

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

// emulatorOnlyNote is added to the description of every type of the family.
const emulatorOnlyNote = "\n\n~> **Emulator only.** HighLevel's public API has no scope or credential endpoints; this " +
	"is an extension that the bundled emulator implements. Against the real API every operation fails with " +
	"\"scope management is not available on this HighLevel API endpoint (emulator-only feature)\" and never " +
	"reports success."

func (r *scopeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A **scope**: what the credentials issued under it may do in one location — a set of " +
			"permissions (OAuth scope names) and, optionally, the only agents they may touch. Issue credentials for an " +
			"external app (Zapier, Make, a client's CRM) with `highlevel_scope_credential`, so that a leaked credential " +
			"only exposes that scope.\n\n" +
			"A change to the scope applies at once to its existing credentials. Deleting the scope revokes all its " +
			"credentials. The API replaces the whole scope on update: removing `description` or `agent_ids` from the " +
			"configuration clears them remotely." + emulatorOnlyNote,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The scope's name: 1 to %d characters, without leading or trailing "+
					"whitespace (the API trims names). Names may repeat.", maxNameLength),
				Required:   true,
				Validators: nameValidators(),
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("What the scope is for, at most %d characters. Removing the argument "+
					"clears it remotely.", maxDescriptionLength),
				Optional:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthAtMost(maxDescriptionLength)},
			},
			"permissions": schema.SetAttribute{
				MarkdownDescription: "What the scope's credentials may do: at least one of " + quoted(permissions()) +
					". `.write` does not include `.readonly`: a credential that must read and write agents needs both " +
					"`conversation-ai.readonly` and `conversation-ai.write`. The provider's own token must hold every " +
					"permission it grants. The `highlevel_scope_permissions` data source lists the accepted names.",
				Required:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(framework.ElementOneOf(permissions()...)),
				},
			},
			"agent_ids": schema.SetAttribute{
				MarkdownDescription: "The only agents of the location the scope's credentials may touch. Leave it unset " +
					"for every agent (it cannot be empty). A restricted credential cannot create agents, and searching " +
					"agents shows only these. Each must be an existing agent of the location: an ID of 20 letters and " +
					"digits (checked at plan time here, although the rest of the provider accepts any ID shape). Deleting " +
					"an agent removes it from the list remotely; removing the argument makes the scope unrestricted.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(framework.ObjectID("agent id")),
				},
			},
			"restricted": schema.BoolAttribute{
				MarkdownDescription: "Whether the scope is limited to `agent_ids`. It stays `true` when deleting agents " +
					"empties the list: the credentials then reach no agent at all (they never widen to every agent).",
				Computed: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the scope was created (ISO 8601).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *scopeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.LocationIdentitySchema("The scope's ID.")
}

func (r *scopeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan fills location_id from the provider, and plans restricted from agent_ids, so that
// it is known at plan time whenever agent_ids is.
func (r *scopeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var agents types.Set
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("agent_ids"), &agents)...)
	if resp.Diagnostics.HasError() {
		return
	}
	restricted := types.BoolUnknown()
	if !agents.IsUnknown() {
		restricted = types.BoolValue(!agents.IsNull() && len(agents.Elements()) > 0)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("restricted"), restricted)...)
}

func (r *scopeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, false, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, err := r.client.CreateScope(ctx, location, in)
	if err != nil {
		addError(&resp.Diagnostics, "Cannot create the scope", err)
		return
	}
	tflog.Debug(ctx, "created scope", map[string]any{"id": scope.ID, "location_id": location})
	r.save(ctx, scope, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *scopeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	scope, err := r.client.GetScope(ctx, location, state.ID.ValueString())
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "scope", state.ID.ValueString())
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Cannot read the scope", err)
		return
	}
	r.save(ctx, scope, location, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *scopeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, true, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, err := r.client.UpdateScope(ctx, location, plan.ID.ValueString(), in)
	if err != nil {
		addError(&resp.Diagnostics, "Cannot update the scope", err)
		return
	}
	r.save(ctx, scope, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *scopeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteScope(ctx, state.LocationID.ValueString(), state.ID.ValueString())
	if err != nil && !gone(err) {
		addError(&resp.Diagnostics, "Cannot delete the scope", err)
	}
}

func (r *scopeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportLocationScoped(ctx, r.client, req, resp, "scope_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *scopeResource) save(ctx context.Context, scope *client.Scope, location string, prior scopeModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := scopeFromAPI(scope, location, prior)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetLocationIdentity(ctx, identity, location, scope.ID)...)
}
