// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
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
	_ resource.ResourceWithConfigure   = (*credentialResource)(nil)
	_ resource.ResourceWithImportState = (*credentialResource)(nil)
	_ resource.ResourceWithIdentity    = (*credentialResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*credentialResource)(nil)
)

// NewCredentialResource is the highlevel_scope_credential resource.
func NewCredentialResource() resource.Resource { return &credentialResource{now: time.Now} }

type credentialResource struct {
	client *client.Client
	now    func() time.Time
}

// credentialModel is the state of highlevel_scope_credential.
type credentialModel struct {
	ID               types.String `tfsdk:"id"`
	LocationID       types.String `tfsdk:"location_id"`
	ScopeID          types.String `tfsdk:"scope_id"`
	Name             types.String `tfsdk:"name"`
	ExpiresAt        types.String `tfsdk:"expires_at"`
	RotationTriggers types.Map    `tfsdk:"rotation_triggers"`
	Token            types.String `tfsdk:"token"`
	TokenPrefix      types.String `tfsdk:"token_prefix"`
	CreatedAt        types.String `tfsdk:"created_at"`
}

func (r *credentialResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_credential"
}

func (r *credentialResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A **credential** issued under a `highlevel_scope`, for an external app: a bearer token " +
			"(`sct-…`) that can do exactly what the scope allows, in the scope's location. It can also be the `token` of " +
			"another `highlevel` provider configuration, to run part of a configuration with fewer rights.\n\n" +
			"Credentials are immutable: changing `name`, `scope_id`, `location_id` or `expires_at` issues a new credential " +
			"and revokes the old one. Rotate on " +
			"a schedule or on demand by changing `rotation_triggers`; add `lifecycle { create_before_destroy = true }` so " +
			"that the new credential exists before the old one is revoked. Destroying the resource revokes the " +
			"credential at once.\n\n" +
			"!> **The token is stored in the Terraform state** (as a Sensitive value, hidden in plans and output). " +
			"Anyone who can read the state can use it: keep the state in an encrypted backend with restricted access. " +
			"When Terraform itself is the only user of the credential, use the `highlevel_scope_credential` " +
			"**ephemeral resource** instead: its token never reaches the plan or the state.\n\n" +
			"Import brings in the credential's metadata, never its token: the API shows a token only once, when it is " +
			"created, so `token` is null after import." + emulatorOnlyNote,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The credential's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location of the credential's scope. Defaults to the provider's `location_id`; " +
					"set it (e.g. to `highlevel_scope.<name>.location_id`) when the scope lives in another location. " +
					"Changing it issues a new credential.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplace(),
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"scope_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the scope the credential is issued under (20 letters and digits). " +
					"Changing it issues a new credential.",
				Required:      true,
				Validators:    []validator.String{framework.ObjectID("scope id")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("A name that says who uses the credential (e.g. the external app): 1 to "+
					"%d characters, without leading or trailing whitespace. Changing it issues a new credential.", maxNameLength),
				Required:      true,
				Validators:    nameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the credential stops working: an RFC 3339 timestamp such as " +
					"`2030-01-31T23:59:59Z`, which must be in the future when the credential is issued (checked at plan " +
					"time when the value is known). Unset, the credential never expires. Changing it to another instant " +
					"issues a new credential; the same instant written another way (`+01:00`, milliseconds) changes " +
					"nothing. An expired credential stays in state (the plan warns about it) until `expires_at` or " +
					"`rotation_triggers` changes.",
				Optional:   true,
				Validators: []validator.String{framework.RFC3339()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						resp.RequiresReplace = !framework.SameInstant(req.StateValue.ValueString(), req.PlanValue.ValueString())
					},
					"Another instant issues a new credential.", "Another instant issues a new credential.")},
			},
			"rotation_triggers": schema.MapAttribute{
				MarkdownDescription: "Arbitrary values that, when any of them changes, issue a new credential and revoke " +
					"the old one (like `keepers` elsewhere). For example `{ rotated = \"2026-Q1\" }`, or a `time_rotating` " +
					"resource's ID for scheduled rotation. Not sent to the API. Adding triggers to a credential that has none " +
					"(such as one just imported) or removing them does not rotate it: it only records them.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{mapvalidator.SizeAtLeast(1)},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
						// Only a change from some values to others rotates: adding triggers to a credential
						// that has none (e.g. just imported) or removing them changes nothing remotely.
						resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull()
					},
					"A change from some values to others issues a new credential.",
					"A change from some values to others issues a new credential.")},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The credential's secret bearer token (`sct-…`). **Sensitive, and stored in state**: " +
					"see the warning above. The API returns it only when the credential is issued, so it is null after an " +
					"import. Use it as `Authorization: Bearer <token>` with the HighLevel API's `Version` header, or as the " +
					"`token` of a `highlevel` provider configuration.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"token_prefix": schema.StringAttribute{
				MarkdownDescription: "The first 8 characters of the token (e.g. `sct-3f9a`): not a secret, it tells " +
					"credentials apart in logs and in the UI.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the credential was issued (ISO 8601).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *credentialResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("scope_id", "The ID of the credential's scope.", "The credential's ID.")
}

func (r *credentialResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan fills location_id from the provider, rejects an expires_at that is not in the
// future when a credential is about to be issued, and warns about a credential that has expired.
//
// The future check is here rather than in a validator on purpose: a validator would also run on
// every later plan, and once the date passed it would fail the configuration that issued the
// credential, with no way out but editing it.
func (r *credentialResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// The location (and its check against the token, an API read) comes last, so that a
	// plan this check rejects costs no API call.
	defer func() {
		if !resp.Diagnostics.HasError() {
			framework.PlanLocationID(ctx, r.client, req, resp)
		}
	}()
	if req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("expires_at"), &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expires_at"), &prior)...)
	}
	if resp.Diagnostics.HasError() || planned.IsNull() || planned.IsUnknown() {
		return
	}
	now := r.now()
	issuing := req.State.Raw.IsNull() || !framework.SameInstant(prior.ValueString(), planned.ValueString())
	problem := framework.FutureTimeProblem("expires_at", planned.ValueString(), now)
	switch {
	case problem == "":
	case issuing:
		resp.Diagnostics.AddAttributeError(path.Root("expires_at"), "expires_at is not in the future",
			problem+" A credential can only be issued with an expiry in the future; set a later time, or remove "+
				"expires_at for a credential that never expires.")
	default:
		var id types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
		resp.Diagnostics.AddAttributeWarning(path.Root("expires_at"), "Credential expired",
			fmt.Sprintf("Credential %s expired at %s and no longer authenticates. Set a later expires_at, or change "+
				"rotation_triggers, to issue a new one.", id.ValueString(), planned.ValueString()))
	}
}

func (r *credentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan credentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, scopeID := plan.LocationID.ValueString(), plan.ScopeID.ValueString()
	cred, err := r.client.CreateCredential(ctx, location, scopeID, client.CredentialInput{
		Name:      plan.Name.ValueString(),
		ExpiresAt: framework.StringPointer(plan.ExpiresAt),
	})
	if err != nil {
		addError(&resp.Diagnostics, "Cannot issue the credential", err)
		return
	}
	// Only ids: the token is never logged.
	tflog.Debug(ctx, "issued scope credential", map[string]any{"id": cred.ID, "scope_id": scopeID, "token_prefix": cred.TokenPrefix})
	plan.Token = types.StringValue(cred.Token)
	r.save(ctx, cred, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *credentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state credentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	cred, err := r.client.GetCredential(ctx, location, state.ScopeID.ValueString(), state.ID.ValueString())
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "scope credential", state.ID.ValueString())
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Cannot read the credential", err)
		return
	}
	r.save(ctx, cred, location, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update only happens when a change needs no new credential: rotation_triggers are added or
// removed (e.g. after an import), or expires_at is written another way for the same instant.
// Nothing is sent to the API.
func (r *credentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state credentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.RotationTriggers = plan.RotationTriggers
	state.ExpiresAt = plan.ExpiresAt // the same instant as in state (another one replaces the credential)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
	resp.Diagnostics.Append(framework.SetChildIdentity(ctx, resp.Identity, state.LocationID.ValueString(),
		"scope_id", state.ScopeID.ValueString(), state.ID.ValueString())...)
}

func (r *credentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state credentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteCredential(ctx, state.LocationID.ValueString(), state.ScopeID.ValueString(), state.ID.ValueString())
	if err != nil && !gone(err) {
		addError(&resp.Diagnostics, "Cannot revoke the credential", err)
	}
}

// ImportState accepts "<scope_id>/<credential_id>", "<location_id>/<scope_id>/<credential_id>" or
// an identity. The token cannot be imported: the API never shows it again.
func (r *credentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportChild(ctx, r.client, req, resp, "scope_id", "credential_id")
}

// save writes the API's answer to state and identity. The token comes from prior (the API
// returns it only on create); rotation_triggers are Terraform's own.
func (r *credentialResource) save(ctx context.Context, cred *client.Credential, location string, prior credentialModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := credentialModel{
		ID:               types.StringValue(cred.ID),
		LocationID:       types.StringValue(location),
		ScopeID:          types.StringValue(cred.ScopeID),
		Name:             types.StringValue(cred.Name),
		ExpiresAt:        framework.TimeValueKeepingForm(cred.ExpiresAt, prior.ExpiresAt),
		RotationTriggers: prior.RotationTriggers,
		Token:            prior.Token,
		TokenPrefix:      types.StringValue(cred.TokenPrefix),
		CreatedAt:        types.StringValue(cred.CreatedAt),
	}
	if cred.ScopeID == "" {
		m.ScopeID = prior.ScopeID
	}
	if m.Token.IsUnknown() {
		m.Token = types.StringNull()
	}
	if m.RotationTriggers.IsUnknown() {
		m.RotationTriggers = types.MapNull(types.StringType)
	}
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetChildIdentity(ctx, identity, location, "scope_id", m.ScopeID.ValueString(), cred.ID)...)
}
