// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

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
	_ resource.ResourceWithConfigure      = (*actionResource)(nil)
	_ resource.ResourceWithImportState    = (*actionResource)(nil)
	_ resource.ResourceWithIdentity       = (*actionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*actionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*actionResource)(nil)
)

// NewActionResource is the highlevel_agent_action resource.
func NewActionResource() resource.Resource { return &actionResource{} }

type actionResource struct {
	client *client.Client
	data   *framework.ProviderData
}

func (r *actionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_action"
}

func (r *actionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.data = data.Client, data
	}
}

func (r *actionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("id"), &id)...)
	if id.IsUnknown() || id.IsNull() || !r.inlineSettings(ctx, req.Config, &resp.Diagnostics) {
		return
	}
	if err := claimFollowupSettings(followupClaims(r.data), id.ValueString(), inlineClaimant); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("advanced_followup").AtName("followup_settings"),
			"Follow-up settings written twice", err.Error()+".")
	}
}

// inlineSettings reports whether the configuration sets advanced_followup.followup_settings.
func (r *actionResource) inlineSettings(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) bool {
	var block types.Object
	diags.Append(config.GetAttribute(ctx, path.Root("advanced_followup"), &block)...)
	if block.IsNull() || block.IsUnknown() {
		return false
	}
	var b advancedFollowupModel
	diags.Append(block.As(ctx, &b, asObject)...)
	return !b.FollowupSettings.IsNull()
}

func (r *actionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan actionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID := plan.LocationID.ValueString(), plan.AgentID.ValueString()
	in := plan.toInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	unlock := r.data.ParentLocks.Lock(agentID)
	defer unlock()
	// A 409 is retried (the API refused the write); a create that may have been applied
	// (connection lost, 5xx) is looked for before it is made again (framework.CreateOnce).
	var action *client.Action
	var adopted string
	err := framework.RetryOnConflict(ctx, "create action on agent "+agentID, func() (err error) {
		action, adopted, err = framework.CreateOnce(ctx, r.data.Created, "action", agentID,
			func(ctx context.Context) (*client.Action, string, error) {
				a, err := r.client.CreateAction(ctx, location, agentID, in)
				if err != nil {
					return nil, "", err
				}
				return a, a.ID, nil
			},
			func(ctx context.Context) ([]framework.Candidate, error) {
				return r.candidates(ctx, location, agentID, in)
			})
		return err
	})
	if err == nil && adopted != "" {
		action, err = r.client.GetAction(ctx, location, agentID, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the action", explain(err, agentID))
		return
	}
	tflog.Debug(ctx, "created action", map[string]any{"id": action.ID, "agent_id": agentID, "type": action.Type})
	r.claimInline(ctx, req.Config, action.ID, &resp.Diagnostics)
	r.save(ctx, action, location, agentID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *actionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state actionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID := state.LocationID.ValueString(), state.AgentID.ValueString()
	// One GET per action (the API has a GET by id), not a list per agent.
	action, err := r.client.GetAction(ctx, location, agentID, state.ID.ValueString())
	if client.IsNotFound(err) && !client.IsRouteNotFound(err) {
		// The action, or its whole agent, is gone: the next apply re-creates it (on the
		// re-created agent, when the agent went too).
		framework.RemoveVanished(ctx, req, resp, "action", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the action", err.Error())
		return
	}
	r.save(ctx, action, location, agentID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *actionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan actionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID, id := plan.LocationID.ValueString(), plan.AgentID.ValueString(), plan.ID.ValueString()
	// The full desired object: PUT replaces the action (DESIGN.md rule 5). Unset follow-up
	// settings are sent as the state holds them (what the API had at refresh), so that they
	// survive the replace.
	in := plan.toInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	unlock := r.data.ParentLocks.Lock(agentID)
	defer unlock()
	var action *client.Action
	err := framework.RetryOnConflict(ctx, "update action "+id, func() (err error) {
		action, err = r.client.UpdateAction(ctx, location, agentID, id, in)
		return err
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the action", explain(err, agentID))
		return
	}
	r.claimInline(ctx, req.Config, action.ID, &resp.Diagnostics)
	r.save(ctx, action, location, agentID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *actionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state actionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agentID, id := state.AgentID.ValueString(), state.ID.ValueString()
	unlock := r.data.ParentLocks.Lock(agentID)
	defer unlock()
	err := framework.RetryOnConflict(ctx, "delete action "+id, func() error {
		return r.client.DeleteAction(ctx, state.LocationID.ValueString(), agentID, id)
	})
	if err != nil && !client.IsNotFound(err) { // 404: already gone, with or without its agent
		resp.Diagnostics.AddError("Cannot delete the action", err.Error())
	}
}

func (r *actionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportChild(ctx, r.client, req, resp, "agent_id", "action_id")
}

// claimInline records, after a write, that this action's inline follow-up settings are
// managed here; a clash is a warning at this point (the action is written already), and the
// highlevel_agent_followup_settings that lists the action reports it as an error.
func (r *actionResource) claimInline(ctx context.Context, config tfsdk.Config, id string, diags *diag.Diagnostics) {
	if !r.inlineSettings(ctx, config, diags) {
		return
	}
	if err := claimFollowupSettings(followupClaims(r.data), id, inlineClaimant); err != nil {
		diags.AddAttributeWarning(path.Root("advanced_followup").AtName("followup_settings"), "Follow-up settings written twice", err.Error()+".")
	}
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *actionResource) save(ctx context.Context, action *client.Action, location, agentID string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := actionFromAPI(ctx, action, location, agentID, diags)
	if diags.HasError() {
		return
	}
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetChildIdentity(ctx, identity, location, "agent_id", m.AgentID.ValueString(), action.ID)...)
}

// candidates lists the agent's actions for framework.CreateOnce, marking those that look like
// the one being created (same type and name). Actions carry no creation time; the list is in
// creation order (contract §1.5), so the position stands in for it.
func (r *actionResource) candidates(ctx context.Context, location, agentID string, in client.ActionInput) ([]framework.Candidate, error) {
	list, err := r.client.ListActions(ctx, location, agentID)
	if err != nil {
		return nil, err
	}
	out := make([]framework.Candidate, 0, len(list))
	for i, a := range list {
		out = append(out, framework.Candidate{ID: a.ID, CreatedAt: fmt.Sprintf("%09d", i), Matches: a.Type == in.Type && a.Name == in.Name})
	}
	return out, nil
}

// explain adds what a 404 on a write means.
func explain(err error, agentID string) string {
	if client.IsNotFound(err) {
		return fmt.Sprintf("%v\n\nAgent %s (or this action) does not exist in this location. If the agent was deleted "+
			"outside of Terraform, run the plan again: the agent and its actions are re-created.", err, agentID)
	}
	return err.Error()
}
