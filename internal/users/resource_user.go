// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ resource.ResourceWithConfigure      = (*userResource)(nil)
	_ resource.ResourceWithImportState    = (*userResource)(nil)
	_ resource.ResourceWithIdentity       = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*userResource)(nil)
	_ resource.ResourceWithValidateConfig = (*userResource)(nil)
)

// defaultDeleteTimeout bounds the wait for HighLevel's queued deletion ("a few minutes",
// users.md §6.2) when the configuration has no timeouts block.
const defaultDeleteTimeout = 15 * time.Minute

// deletePoll paces the wait for a queued deletion; a variable so that tests can speed it up.
var deletePoll = framework.Backoff{Initial: 250 * time.Millisecond, Max: 15 * time.Second, Factor: 2}

// NewUserResource is the highlevel_user resource.
func NewUserResource() resource.Resource { return &userResource{} }

type userResource struct {
	client  *client.Client
	created *framework.CreateTracker
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.created = data.Client, data.Created
	}
}

// ModifyPlan fills location_id from the provider, location_ids from location_id when the
// configuration leaves it out, and requires a password on create. Only PlanLocationID's
// location check (once per location and run) may call the API.
func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planCreateNeedsPassword(ctx, req, resp) // first: a missing password costs no API call
	if resp.Diagnostics.HasError() {
		return
	}
	framework.PlanLocationID(ctx, r.client, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var configured types.Set
	var location types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("location_ids"), &configured)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("location_id"), &location)...)
	if resp.Diagnostics.HasError() || !configured.IsNull() || location.IsUnknown() || location.IsNull() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("location_ids"), []string{location.ValueString()})...)
}

// password reads the write-only password from the configuration ("" when null or unknown).
func password(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) string {
	var pw types.String
	diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
	return pw.ValueString()
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	pw := password(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, false, pw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	user, adopted, err := framework.CreateOnce(ctx, r.created, "user", location,
		func(ctx context.Context) (*client.User, string, error) {
			u, err := r.client.CreateUser(ctx, location, in)
			if err != nil {
				return nil, "", err
			}
			return u, u.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) { return r.candidates(ctx, location, in.Email) })
	if err == nil && adopted != "" {
		user, err = r.client.GetUser(ctx, location, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the user", err.Error())
		return
	}
	tflog.Debug(ctx, "created user", map[string]any{"id": user.ID, "location_id": location})
	r.save(ctx, user, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	user, err := r.client.GetUser(ctx, location, state.ID.ValueString())
	if client.IsNotFound(err) {
		framework.RemoveVanished(ctx, req, resp, "user", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the user", err.Error())
		return
	}
	r.save(ctx, user, location, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The password is sent again only when its version changes (write-only attributes have no
	// prior value to compare).
	pw := ""
	if !plan.PasswordWOVersion.Equal(state.PasswordWOVersion) {
		pw = password(ctx, req.Config, &resp.Diagnostics)
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, true, pw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	user, err := r.client.UpdateUser(ctx, location, plan.ID.ValueString(), in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the user", err.Error())
		return
	}
	r.save(ctx, user, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete queues the deletion, then waits until GET answers 404 (users.md §6.2), within the
// delete timeout.
func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, id := state.LocationID.ValueString(), state.ID.ValueString()
	err := r.client.DeleteUser(ctx, location, id)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot delete the user", err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	what := fmt.Sprintf("the queued deletion of user %s", id)
	err = deletePoll.Poll(ctx, what, func(ctx context.Context) (bool, string, error) {
		_, err := r.client.GetUser(ctx, location, id)
		switch {
		case client.IsNotFound(err):
			return true, "deleted", nil
		case err != nil:
			return false, "", err
		}
		return false, "deletion queued; the user is still visible", nil
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot delete the user", err.Error()+
			". HighLevel queues user deletions; raise timeouts { delete = \"30m\" } if it takes longer here.")
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportLocationScoped(ctx, r.client, req, resp, "user_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *userResource) save(ctx context.Context, user *client.User, location string, prior userModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := userFromAPI(user, location, prior)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetLocationIdentity(ctx, identity, location, user.ID)...)
}

// candidates lists the location's users for framework.CreateOnce; the user being created is
// the one with its email (unique per company).
func (r *userResource) candidates(ctx context.Context, location, email string) ([]framework.Candidate, error) {
	users, err := r.client.ListUsers(ctx, location, "")
	if err != nil {
		return nil, err
	}
	out := make([]framework.Candidate, 0, len(users))
	for _, u := range users {
		out = append(out, framework.Candidate{ID: u.ID, Matches: strings.EqualFold(u.Email, email)})
	}
	return out, nil
}
