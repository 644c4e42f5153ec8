// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"context"
	"fmt"

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
	_ resource.ResourceWithConfigure      = (*agentResource)(nil)
	_ resource.ResourceWithImportState    = (*agentResource)(nil)
	_ resource.ResourceWithIdentity       = (*agentResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*agentResource)(nil)
	_ resource.ResourceWithValidateConfig = (*agentResource)(nil)
)

// NewAgentResource is the highlevel_agent resource.
func NewAgentResource() resource.Resource { return &agentResource{} }

type agentResource struct {
	client  *client.Client
	primary *framework.Claims
	created *framework.CreateTracker
}

func (r *agentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func (r *agentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.primary, r.created = data.Client, data.PrimaryAgents, data.Created
	}
}

func (r *agentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || r.primary == nil {
		return
	}
	r.warnSecondPrimary(resp)
}

// warnSecondPrimary warns when two agents of one location both set is_primary = true: the API
// keeps only the last one written as primary, so the plans would flip back and forth.
func (r *agentResource) warnSecondPrimary(resp *resource.ModifyPlanResponse) {
	// Three attributes (framework.TopLevel): decoding the whole model on every plan of every
	// agent costs more than the rest of ModifyPlan.
	var primary types.Bool
	var location, name types.String
	resp.Diagnostics.Append(framework.TopLevel(resp.Plan.Raw, map[string]any{"is_primary": &primary, "location_id": &location, "name": &name})...)
	if resp.Diagnostics.HasError() || !primary.ValueBool() || location.IsUnknown() || name.IsUnknown() {
		return
	}
	if other, conflict := r.primary.Claim(location.ValueString(), name.ValueString()); conflict {
		resp.Diagnostics.AddAttributeWarning(path.Root("is_primary"), "Two primary agents",
			fmt.Sprintf("Agents %q and %q both set is_primary = true in location %s. A location has one primary agent: "+
				"setting it on one takes it from the other, so every plan would show a change. Set it on one agent only.",
				other, name.ValueString(), location.ValueString()))
	}
}

func (r *agentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan agentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, false, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, adopted, err := framework.CreateOnce(ctx, r.created, "agent", location,
		func(ctx context.Context) (*client.Agent, string, error) {
			a, err := r.client.CreateAgent(ctx, location, in)
			if err != nil {
				return nil, "", err
			}
			return a, a.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) { return r.candidates(ctx, location, in) },
		framework.ByCreationTime)
	if err == nil && adopted != "" {
		agent, err = r.client.GetAgent(ctx, location, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the agent", err.Error())
		return
	}
	tflog.Debug(ctx, "created agent", map[string]any{"id": agent.ID, "location_id": location})
	r.save(ctx, agent, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *agentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// Only what agentFromAPI takes from the prior state: the rest comes from the API.
	var state agentModel
	resp.Diagnostics.Append(framework.TopLevel(req.State.Raw, map[string]any{
		"id": &state.ID, "location_id": &state.LocationID, "business_name": &state.BusinessName,
		"sleep_indefinitely": &state.SleepIndefinitely, "respond_to_images": &state.RespondToImages,
		"respond_to_audio": &state.RespondToAudio,
	})...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	agent, err := r.client.GetAgent(ctx, location, state.ID.ValueString())
	// A 404 for an unknown route ("Cannot GET /x") says nothing about the agent.
	if client.IsNotFound(err) && !client.IsRouteNotFound(err) {
		framework.RemoveVanished(ctx, req, resp, "agent", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the agent", err.Error())
		return
	}
	r.save(ctx, agent, location, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *agentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan agentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, true, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := r.client.UpdateAgent(ctx, location, plan.ID.ValueString(), in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the agent", err.Error())
		return
	}
	r.save(ctx, agent, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *agentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteAgent(ctx, state.LocationID.ValueString(), state.ID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the agent", err.Error())
	}
}

func (r *agentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportLocationScoped(ctx, r.client, req, resp, "agent_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *agentResource) save(ctx context.Context, agent *client.Agent, location string, prior agentModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := agentFromAPI(agent, location, prior)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetLocationIdentity(ctx, identity, location, agent.ID)...)
}

// candidates lists the location's agents for framework.CreateOnce, marking those that look
// like the one being created (same name, mode and goal).
func (r *agentResource) candidates(ctx context.Context, location string, in client.AgentInput) ([]framework.Candidate, error) {
	items, err := r.client.ListAgents(ctx, location, "")
	if err != nil {
		return nil, err
	}
	out := make([]framework.Candidate, 0, len(items))
	for _, it := range items {
		matches := it.Name == in.Name && (in.Mode == nil || it.Mode == *in.Mode) && (in.Goal == nil || it.Goal == *in.Goal)
		out = append(out, framework.Candidate{ID: it.ID, CreatedAt: it.CreatedAt, Created: framework.ParseCreated(it.CreatedAt), Matches: matches})
	}
	return out, nil
}
