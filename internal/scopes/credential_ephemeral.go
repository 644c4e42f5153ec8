// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure = (*credentialEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithClose     = (*credentialEphemeral)(nil)
)

// Defaults and bounds of the ephemeral credential's lifetime.
const (
	defaultEphemeralTTL  = time.Hour
	minEphemeralTTL      = time.Minute
	maxEphemeralTTL      = 7 * 24 * time.Hour
	defaultEphemeralName = "Terraform run (ephemeral)"
	privateOpened        = "credential"
)

// NewCredentialEphemeralResource is the highlevel_scope_credential ephemeral resource.
func NewCredentialEphemeralResource() ephemeral.EphemeralResource {
	return &credentialEphemeral{now: time.Now}
}

type credentialEphemeral struct {
	client *client.Client
	now    func() time.Time
}

type credentialEphemeralModel struct {
	ScopeID     types.String `tfsdk:"scope_id"`
	LocationID  types.String `tfsdk:"location_id"`
	Name        types.String `tfsdk:"name"`
	TTL         types.String `tfsdk:"ttl"`
	ID          types.String `tfsdk:"id"`
	Token       types.String `tfsdk:"token"`
	TokenPrefix types.String `tfsdk:"token_prefix"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

// openedCredential is what Close needs to revoke the credential (ids only, never the token).
type openedCredential struct {
	LocationID string `json:"location_id"`
	ScopeID    string `json:"scope_id"`
	ID         string `json:"id"`
	ExpiresAt  string `json:"expires_at"`
}

func (e *credentialEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_credential"
}

func (e *credentialEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Issues a short-lived credential under a `highlevel_scope` for the duration of one Terraform " +
			"run, **without the token ever reaching the plan or the state** (needs Terraform 1.10 or later, or OpenTofu " +
			"1.11 or later). Use it where Terraform itself is the credential's only user: as the `token` of a second " +
			"`highlevel` provider configuration that must work with fewer rights, or to pass the token to another " +
			"provider's ephemeral or write-only argument.\n\n" +
			"**Lifecycle.** Terraform opens an ephemeral resource whenever it needs the value — once during `plan` and " +
			"again during `apply` — and closes it at the end of that command. Each open issues a new credential; each " +
			"close **revokes** it. So a credential from this ephemeral resource never outlives the command that issued " +
			"it, and it cannot be handed to an external app for later use (use the `highlevel_scope_credential` " +
			"resource for that). Every credential also expires on its own after `ttl`: the safety net for a command " +
			"that never closes it — one that is killed, and also one whose apply fails (Terraform 1.11 and OpenTofu " +
			"1.12 were seen to skip closing ephemeral resources then).\n\n" +
			"When the credential configures a provider, give `scope_id` from a variable or a managed resource rather " +
			"than a data source: `terraform destroy` does not read data sources, so the provider configuration would " +
			"not be known.\n\n" +
			"Why not a write-only argument: write-only arguments carry a secret *from* the configuration *into* a " +
			"provider; here the API creates the secret, so there is nothing to write. An ephemeral result is the " +
			"mechanism that keeps a secret the provider *returns* out of state, and its `token` can itself feed other " +
			"providers' write-only arguments." + emulatorOnlyNote,
		Attributes: map[string]schema.Attribute{
			"scope_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the scope to issue the credential under (20 letters and digits).",
				Required:            true,
				Validators:          []validator.String{framework.ObjectID("scope id")},
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location of the scope. Defaults to the provider's `location_id`.",
				Optional:            true,
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The credential's name, as the scope's credential list shows it while the "+
					"run lasts: 1 to %d characters. Defaults to `%s`.", maxNameLength, defaultEphemeralName),
				Optional:   true,
				Computed:   true,
				Validators: nameValidators(),
			},
			"ttl": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long the credential stays valid if it is not revoked at the end of "+
					"the run, as a Go duration (`30m`, `2h`): between %s and %s. Defaults to `%s`. Choose it longer than "+
					"your longest run: the credential stops working when it expires.", fmtDuration(minEphemeralTTL),
					fmtDuration(maxEphemeralTTL), fmtDuration(defaultEphemeralTTL)),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{durationBetween{minEphemeralTTL, maxEphemeralTTL}},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The credential's ID.",
				Computed:            true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The credential's secret bearer token (`sct-…`). Ephemeral: never stored in plan or state.",
				Computed:            true,
				Sensitive:           true,
			},
			"token_prefix": schema.StringAttribute{
				MarkdownDescription: "The first 8 characters of the token (not a secret).",
				Computed:            true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the credential expires if it is not revoked first (ISO 8601).",
				Computed:            true,
			},
		},
	}
}

func (e *credentialEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (e *credentialEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m credentialEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if e.client == nil {
		resp.Diagnostics.AddError("Provider not configured", "The highlevel provider must be configured before it can issue a credential.")
		return
	}
	location, err := e.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	ttl := defaultEphemeralTTL
	if !m.TTL.IsNull() {
		ttl, _ = time.ParseDuration(m.TTL.ValueString()) // validated
	}
	if m.Name.IsNull() {
		m.Name = types.StringValue(defaultEphemeralName)
	}
	expires := e.now().Add(ttl).UTC().Format("2006-01-02T15:04:05.000Z")
	cred, err := e.client.CreateCredential(ctx, location, m.ScopeID.ValueString(), client.CredentialInput{
		Name: m.Name.ValueString(), ExpiresAt: &expires,
	})
	if err != nil {
		addError(&resp.Diagnostics, "Cannot issue the ephemeral credential", err)
		return
	}
	tflog.Debug(ctx, "issued ephemeral scope credential", map[string]any{"id": cred.ID, "scope_id": cred.ScopeID, "token_prefix": cred.TokenPrefix})
	opened, _ := json.Marshal(openedCredential{LocationID: location, ScopeID: m.ScopeID.ValueString(), ID: cred.ID, ExpiresAt: expires})
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateOpened, opened)...)

	m.LocationID = types.StringValue(location)
	m.TTL = types.StringValue(fmtDuration(ttl))
	m.ID = types.StringValue(cred.ID)
	m.Token = types.StringValue(cred.Token)
	m.TokenPrefix = types.StringValue(cred.TokenPrefix)
	m.ExpiresAt = framework.StringValue(cred.ExpiresAt)
	if m.ExpiresAt.IsNull() {
		m.ExpiresAt = types.StringValue(expires)
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// Close revokes the credential Open issued. A credential already gone (revoked, or its scope
// deleted during the run) is fine; any other failure is an error, because the credential then
// stays valid until it expires.
func (e *credentialEphemeral) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, privateOpened)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || len(raw) == 0 {
		return
	}
	var opened openedCredential
	if err := json.Unmarshal(raw, &opened); err != nil {
		resp.Diagnostics.AddError("Cannot revoke the ephemeral credential", "Its private data is unreadable: "+err.Error())
		return
	}
	if e.client == nil {
		resp.Diagnostics.AddError("Cannot revoke the ephemeral credential", fmt.Sprintf(
			"The provider is not configured. Credential %s of scope %s stays valid until %s.", opened.ID, opened.ScopeID, opened.ExpiresAt))
		return
	}
	err := e.client.DeleteCredential(ctx, opened.LocationID, opened.ScopeID, opened.ID)
	if err != nil && !gone(err) {
		addError(&resp.Diagnostics, "Cannot revoke the ephemeral credential", fmt.Errorf(
			"%w; credential %s of scope %s stays valid until %s unless it is revoked by hand", err, opened.ID, opened.ScopeID, opened.ExpiresAt))
		return
	}
	tflog.Debug(ctx, "revoked ephemeral scope credential", map[string]any{"id": opened.ID, "scope_id": opened.ScopeID})
}

// fmtDuration renders d the way users write it: "1h", "30m", "1h30m".
func fmtDuration(d time.Duration) string {
	s := d.String()
	for _, suffix := range []string{"m0s", "h0m"} {
		if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix {
			s = s[:len(s)-len(suffix)+1]
		}
	}
	return s
}

// durationBetween validates a Go duration string within [min, max].
type durationBetween struct{ min, max time.Duration }

func (v durationBetween) Description(context.Context) string {
	return fmt.Sprintf("must be a duration such as \"30m\" or \"2h\" (units s, m, h), between %s and %s",
		fmtDuration(v.min), fmtDuration(v.max))
}

func (v durationBetween) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationBetween) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d < v.min || d > v.max {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}
