// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

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
	_ resource.ResourceWithConfigure        = (*voiceActionResource)(nil)
	_ resource.ResourceWithImportState      = (*voiceActionResource)(nil)
	_ resource.ResourceWithIdentity         = (*voiceActionResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*voiceActionResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*voiceActionResource)(nil)
	_ resource.ResourceWithConfigValidators = (*voiceActionResource)(nil)
)

// NewVoiceAgentActionResource is the highlevel_voice_agent_action resource.
func NewVoiceAgentActionResource() resource.Resource { return &voiceActionResource{} }

type voiceActionResource struct {
	client *client.Client
	data   *framework.ProviderData
}

func (r *voiceActionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_agent_action"
}

func (r *voiceActionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.data = data.Client, data
	}
}

func (r *voiceActionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
}

// secret reads the write-only authentication value from the configuration.
func secret(ctx context.Context, config tfsdk.Config, m voiceActionModel, diags *diag.Diagnostics) types.String {
	if m.CustomAction.IsNull() || m.CustomAction.IsUnknown() {
		return types.StringNull()
	}
	var v types.String
	diags.Append(config.GetAttribute(ctx, path.Root("custom_action").AtName("authentication_value_wo"), &v)...)
	return v
}

func (r *voiceActionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan voiceActionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID := plan.LocationID.ValueString(), plan.AgentID.ValueString()
	in := plan.toInput(ctx, secret(ctx, req.Config, plan, &resp.Diagnostics), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	unlock := r.data.ParentLocks.Lock("voice-agent/" + agentID)
	defer unlock()
	action, adopted, err := framework.CreateOnce(ctx, r.data.Created, "voice action", agentID,
		func(ctx context.Context) (*client.VoiceAction, string, error) {
			a, err := r.client.CreateVoiceAction(ctx, location, in)
			if err != nil {
				return nil, "", err
			}
			return a, a.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) {
			return r.candidates(ctx, location, agentID, in)
		})
	if err == nil && adopted != "" {
		action, err = r.client.GetVoiceAction(ctx, location, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the voice action", explain(err, agentID))
		return
	}
	tflog.Debug(ctx, "created voice action", map[string]any{"id": action.ID, "agent_id": agentID, "type": action.ActionType})
	r.save(ctx, action, location, agentID, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Read costs one GET per action (the API has a GET by id).
func (r *voiceActionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state voiceActionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID := state.LocationID.ValueString(), state.AgentID.ValueString()
	action, err := r.client.GetVoiceAction(ctx, location, state.ID.ValueString())
	if client.IsNotFound(err) {
		// The action, or its whole agent, is gone: the next apply re-creates it.
		framework.RemoveVanished(ctx, req, resp, "voice action", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the voice action", err.Error())
		return
	}
	r.save(ctx, action, location, agentID, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update replaces the action whole (PUT, contract §5.1), with the write-only secret again.
func (r *voiceActionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan voiceActionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID, id := plan.LocationID.ValueString(), plan.AgentID.ValueString(), plan.ID.ValueString()
	in := plan.toInput(ctx, secret(ctx, req.Config, plan, &resp.Diagnostics), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	unlock := r.data.ParentLocks.Lock("voice-agent/" + agentID)
	defer unlock()
	action, err := r.client.UpdateVoiceAction(ctx, location, id, in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the voice action", explain(err, agentID))
		return
	}
	r.save(ctx, action, location, agentID, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *voiceActionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state voiceActionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agentID := state.AgentID.ValueString()
	unlock := r.data.ParentLocks.Lock("voice-agent/" + agentID)
	defer unlock()
	err := r.client.DeleteVoiceAction(ctx, state.LocationID.ValueString(), agentID, state.ID.ValueString())
	if err != nil && !client.IsNotFound(err) { // 404: already gone, with or without its agent
		resp.Diagnostics.AddError("Cannot delete the voice action", err.Error())
	}
}

func (r *voiceActionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportChild(ctx, r.client, req, resp, "agent_id", "action_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *voiceActionResource) save(ctx context.Context, action *client.VoiceAction, location, agentID string, prior voiceActionModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := voiceActionFromAPI(ctx, action, location, agentID, prior, diags)
	if diags.HasError() {
		return
	}
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetChildIdentity(ctx, identity, location, "agent_id", agentID, action.ID)...)
}

// candidates lists the agent's actions (from GET of the agent: there is no list route) for
// framework.CreateOnce, marking those of the same type and name; the agent's list is in
// creation order, so the position stands in for a creation time.
func (r *voiceActionResource) candidates(ctx context.Context, location, agentID string, in client.VoiceActionInput) ([]framework.Candidate, error) {
	agent, err := r.client.GetVoiceAgent(ctx, location, agentID)
	if err != nil {
		return nil, err
	}
	out := make([]framework.Candidate, 0, len(agent.Actions))
	for i, a := range agent.Actions {
		out = append(out, framework.Candidate{ID: a.ID, CreatedAt: fmt.Sprintf("%09d", i), Matches: a.ActionType == in.ActionType && a.Name == in.Name})
	}
	return out, nil
}

// explain adds what a 404 on a write means.
func explain(err error, agentID string) string {
	if client.IsNotFound(err) {
		return fmt.Sprintf("%v\n\nVoice agent %s (or this action) does not exist in this location. If the agent was deleted "+
			"outside of Terraform, run the plan again: the agent and its actions are re-created.", err, agentID)
	}
	return err.Error()
}
