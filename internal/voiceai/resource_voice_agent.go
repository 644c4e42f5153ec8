// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ resource.ResourceWithConfigure      = (*voiceAgentResource)(nil)
	_ resource.ResourceWithImportState    = (*voiceAgentResource)(nil)
	_ resource.ResourceWithIdentity       = (*voiceAgentResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*voiceAgentResource)(nil)
	_ resource.ResourceWithValidateConfig = (*voiceAgentResource)(nil)
)

// NewVoiceAgentResource is the highlevel_voice_agent resource.
func NewVoiceAgentResource() resource.Resource { return &voiceAgentResource{} }

type voiceAgentResource struct {
	client  *client.Client
	created *framework.CreateTracker
}

func (r *voiceAgentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_agent"
}

func (r *voiceAgentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.created = data.Client, data.Created
	}
}

func (r *voiceAgentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
}

func (r *voiceAgentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan voiceAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	in := plan.toInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, adopted, err := framework.CreateOnce(ctx, r.created, "voice agent", location,
		func(ctx context.Context) (*client.VoiceAgent, string, error) {
			a, err := r.client.CreateVoiceAgent(ctx, location, in)
			if err != nil {
				return nil, "", err
			}
			return a, a.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) { return r.candidates(ctx, location, in) })
	if err == nil && adopted != "" {
		agent, err = r.client.GetVoiceAgent(ctx, location, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the voice agent", err.Error())
		return
	}
	tflog.Debug(ctx, "created voice agent", map[string]any{"id": agent.ID, "location_id": location})
	r.save(ctx, agent, location, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *voiceAgentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state voiceAgentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	agent, err := r.client.GetVoiceAgent(ctx, location, state.ID.ValueString())
	if client.IsNotFound(err) {
		framework.RemoveVanished(ctx, req, resp, "voice agent", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the voice agent", err.Error())
		return
	}
	r.save(ctx, agent, location, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update sends a PATCH of the members that differ between the plan and the refreshed state
// (contract §2: "Agent update = PATCH with the changed members"); a removed argument differs
// as its default, or as null for the number and the pool, so it is cleared remotely.
func (r *voiceAgentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state voiceAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := plan.LocationID.ValueString()
	desired, current := plan.toInput(ctx, &resp.Diagnostics), state.toInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := r.client.PatchVoiceAgent(ctx, location, plan.ID.ValueString(), desired, current)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the voice agent", err.Error())
		return
	}
	r.save(ctx, agent, location, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *voiceAgentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state voiceAgentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteVoiceAgent(ctx, state.LocationID.ValueString(), state.ID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the voice agent", err.Error())
	}
}

func (r *voiceAgentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportLocationScoped(ctx, r.client, req, resp, "voice_agent_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *voiceAgentResource) save(ctx context.Context, agent *client.VoiceAgent, location string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := voiceAgentFromAPI(agent, location)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetLocationIdentity(ctx, identity, location, agent.ID)...)
}

// candidates lists the location's voice agents for framework.CreateOnce, marking those with
// the name being created. Voice agents carry no creation time; the list is in creation order
// (contract §3.4, emulator), so the position stands in for it.
func (r *voiceAgentResource) candidates(ctx context.Context, location string, in client.VoiceAgentInput) ([]framework.Candidate, error) {
	items, err := r.client.ListVoiceAgents(ctx, location, "")
	if err != nil {
		return nil, err
	}
	out := make([]framework.Candidate, 0, len(items))
	for i, it := range items {
		matches := in.AgentName != nil && it.AgentName == *in.AgentName
		out = append(out, framework.Candidate{ID: it.ID, CreatedAt: fmt.Sprintf("%09d", i), Matches: matches})
	}
	return out, nil
}
