// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

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
	_ resource.ResourceWithConfigure      = (*followupSettingsResource)(nil)
	_ resource.ResourceWithImportState    = (*followupSettingsResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*followupSettingsResource)(nil)
	_ resource.ResourceWithValidateConfig = (*followupSettingsResource)(nil)
)

// NewFollowupSettingsResource is the highlevel_agent_followup_settings resource.
//
// The API (contract §3.3) has one write, a PATCH that sets details.followupSettings of several
// advancedFollowup actions of an agent, no GET and no DELETE. So this resource has no object of
// its own: its ID is "<agent_id>/<action_id>,<action_id>…" (action IDs sorted), it reads the
// settings back from the listed actions (one GET each), and destroying it resets them to the
// documented defaults. It has no resource identity: an identity cannot change, and the action
// list of this resource can change in place.
func NewFollowupSettingsResource() resource.Resource { return &followupSettingsResource{} }

type followupSettingsResource struct {
	client *client.Client
	data   *framework.ProviderData
}

type followupSettingsResourceModel struct {
	ID         types.String `tfsdk:"id"`
	LocationID types.String `tfsdk:"location_id"`
	AgentID    types.String `tfsdk:"agent_id"`
	ActionIDs  types.Set    `tfsdk:"action_ids"`
	followupSettingsModel
}

func (r *followupSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_followup_settings"
}

func (r *followupSettingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := followupSettingsAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "`<agent_id>/<action_id>,<action_id>…`, the action IDs sorted; also the import ID.",
		Computed:            true,
	}
	attrs["location_id"] = framework.LocationIDAttribute()
	attrs["agent_id"] = schema.StringAttribute{
		MarkdownDescription: "The agent whose actions get the settings. Changing it resets the settings of the old " +
			"agent's actions and writes them to the new agent's.",
		Required:      true,
		Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	attrs["action_ids"] = schema.SetAttribute{
		MarkdownDescription: "IDs of the agent's `advancedFollowup` actions that get these settings (at least one). An " +
			"action removed from the set gets the default settings back. None of them may set " +
			"`advanced_followup.followup_settings` in its `highlevel_agent_action`.",
		ElementType: types.StringType,
		Required:    true,
		Validators: []validator.Set{
			setvalidator.SizeAtLeast(1),
			setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
		},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The follow-up settings of several `advancedFollowup` actions of one agent: when follow-ups " +
			"are sent (working hours, whose time zone) and whether they may switch channel.\n\n" +
			"The HighLevel API writes these settings with one `PATCH` over a list of actions and has no way to read or " +
			"delete them as such, so:\n\n" +
			"* they are read back from the listed actions (one `GET` per action); an action whose settings were changed " +
			"elsewhere (e.g. in the HighLevel UI) shows as drift;\n" +
			"* **destroying this resource resets the settings of the listed actions to the API's defaults** " +
			"(`dynamic_channel_switching = true`, `follow_up_hours = false`, no working hours, time zone unset), and so " +
			"does removing an action from `action_ids`;\n" +
			"* an action deleted outside of Terraform is dropped from `action_ids` in state; when all are gone, the " +
			"resource is removed from state.\n\n" +
			"**Use either this resource or the inline `advanced_followup.followup_settings` of `highlevel_agent_action` for " +
			"an action, never both**: both write the same settings and would overwrite each other. Terraform validates " +
			"each resource on its own, so this cannot be checked while validating the configuration; instead the provider " +
			"records which resource writes the settings of each action during a run and stops with an error when a second " +
			"one does: during the plan when the action IDs are known (the actions exist already), otherwise during the " +
			"apply before anything is written. Reference the actions (`highlevel_agent_action.x.id`) rather than " +
			"hard-coding their IDs, so that Terraform orders the two and the check always runs.",
		Attributes: attrs,
	}
}

func (r *followupSettingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := framework.ConfigureData(req.ProviderData, &resp.Diagnostics); data != nil {
		r.client, r.data = data.Client, data
	}
}

func (r *followupSettingsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m followupSettingsResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, p := range validateSettings(ctx, m.followupSettingsModel, path.Empty(), &resp.Diagnostics) {
		resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
	}
}

func (r *followupSettingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan followupSettingsResourceModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids, known := knownIDs(ctx, plan.ActionIDs, &resp.Diagnostics)
	if !known || plan.AgentID.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), settingsID(plan.AgentID.ValueString(), ids))...)
	r.claim(plan.AgentID.ValueString(), ids, &resp.Diagnostics)
}

// claim records that this resource writes the settings of ids (see owners.go).
func (r *followupSettingsResource) claim(agentID string, ids []string, diags *diag.Diagnostics) {
	claims := followupClaims(r.data)
	claimant := fmt.Sprintf("highlevel_agent_followup_settings %s", settingsID(agentID, ids))
	for _, id := range ids {
		if err := claimFollowupSettings(claims, id, claimant); err != nil {
			diags.AddAttributeError(path.Root("action_ids"), "Follow-up settings written twice", err.Error()+".")
		}
	}
}

func (r *followupSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan followupSettingsResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.write(ctx, plan, nil, &resp.State, &resp.Diagnostics)
}

func (r *followupSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state followupSettingsResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	prior, _ := knownIDs(ctx, state.ActionIDs, &resp.Diagnostics)
	r.write(ctx, plan, prior, &resp.State, &resp.Diagnostics)
}

// write PATCHes the planned settings onto the planned actions, resets the actions that left
// the list (prior), and saves the API's answer.
func (r *followupSettingsResource) write(ctx context.Context, plan followupSettingsResourceModel, prior []string, state *tfsdk.State, diags *diag.Diagnostics) {
	location, agentID := plan.LocationID.ValueString(), plan.AgentID.ValueString()
	ids, _ := knownIDs(ctx, plan.ActionIDs, diags)
	settings := plan.toAPI(ctx, diags)
	if diags.HasError() {
		return
	}
	r.claim(agentID, ids, diags)
	if diags.HasError() {
		return
	}
	unlock := r.data.ParentLocks.Lock(agentID)
	defer unlock()
	var answer *client.Action
	err := framework.RetryOnConflict(ctx, "update follow-up settings of agent "+agentID, func() (err error) {
		answer, err = r.client.UpdateFollowupSettings(ctx, location, agentID, ids, settings)
		return err
	})
	if err != nil {
		diags.AddError("Cannot write the follow-up settings", explain(err, agentID))
		return
	}
	if removed := without(prior, ids); len(removed) > 0 {
		if err := r.reset(ctx, location, agentID, removed); err != nil {
			diags.AddError("Cannot reset the follow-up settings of the actions removed from action_ids", err.Error())
			return
		}
	}
	// The PATCH answers with one of the actions (unconfirmed shape): its settings are the
	// API's answer for all of them. Without one, the first action is read back.
	if answer == nil || answer.Details.FollowupSettings == nil {
		if answer, err = r.client.GetAction(ctx, location, agentID, ids[0]); err != nil {
			diags.AddError("Cannot read the follow-up settings back", err.Error())
			return
		}
	}
	r.save(ctx, plan, ids, answer.Details.FollowupSettings, state, diags)
}

func (r *followupSettingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state followupSettingsResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, agentID := state.LocationID.ValueString(), state.AgentID.ValueString()
	ids, _ := knownIDs(ctx, state.ActionIDs, &resp.Diagnostics)
	var existing []string
	var shown *client.FollowupSettings
	for _, id := range ids {
		a, err := r.client.GetAction(ctx, location, agentID, id)
		if client.IsNotFound(err) {
			tflog.Warn(ctx, "action listed in follow-up settings no longer exists", map[string]any{"agent_id": agentID, "action_id": id})
			continue
		}
		if err != nil {
			resp.Diagnostics.AddError("Cannot read the follow-up settings of action "+id, err.Error())
			return
		}
		existing = append(existing, id)
		s := a.Details.FollowupSettings
		if s == nil {
			s = &client.FollowupSettings{} // never set: the API's defaults
		}
		// Show the first action whose settings differ from state, so that a change made to
		// any one of them shows as drift; otherwise the first.
		if shown == nil || (r.sameAsState(ctx, state, shown, &resp.Diagnostics) && !r.sameAsState(ctx, state, s, &resp.Diagnostics)) {
			shown = s
		}
	}
	if len(existing) == 0 {
		framework.RemoveVanished(ctx, req, resp, "follow-up settings", state.ID.ValueString())
		return
	}
	r.save(ctx, state, existing, shown, &resp.State, &resp.Diagnostics)
}

// sameAsState reports whether s maps to the settings of state.
func (r *followupSettingsResource) sameAsState(ctx context.Context, state followupSettingsResourceModel, s *client.FollowupSettings, diags *diag.Diagnostics) bool {
	m := followupSettingsFromAPI(ctx, s, diags)
	return m.DynamicChannelSwitching.Equal(state.DynamicChannelSwitching) && m.FollowUpHours.Equal(state.FollowUpHours) &&
		m.WorkingHours.Equal(state.WorkingHours) && m.TimezoneToUse.Equal(state.TimezoneToUse)
}

func (r *followupSettingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state followupSettingsResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agentID := state.AgentID.ValueString()
	ids, _ := knownIDs(ctx, state.ActionIDs, &resp.Diagnostics)
	unlock := r.data.ParentLocks.Lock(agentID)
	defer unlock()
	if err := r.reset(ctx, state.LocationID.ValueString(), agentID, ids); err != nil {
		resp.Diagnostics.AddError("Cannot reset the follow-up settings", err.Error())
	}
}

// reset PATCHes the documented defaults onto ids (there is no DELETE, contract §3.3). Actions
// or an agent that no longer exist need no reset. The caller holds the agent's lock.
func (r *followupSettingsResource) reset(ctx context.Context, location, agentID string, ids []string) error {
	patch := func(ids []string) error {
		return framework.RetryOnConflict(ctx, "reset follow-up settings of agent "+agentID, func() error {
			_, err := r.client.UpdateFollowupSettings(ctx, location, agentID, ids, client.DefaultFollowupSettings())
			return err
		})
	}
	err := patch(ids)
	if err == nil || client.IsNotFound(err) {
		return nil
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
		return err
	}
	// 422: some listed action is gone (or no longer an advancedFollowup action). Reset those
	// that are left.
	var left []string
	for _, id := range ids {
		a, gerr := r.client.GetAction(ctx, location, agentID, id)
		switch {
		case client.IsNotFound(gerr):
		case gerr != nil:
			return gerr
		case a.Type == client.ActionTypeAdvancedFollowup:
			left = append(left, id)
		}
	}
	if len(left) == 0 {
		return nil
	}
	if err := patch(left); err != nil && !client.IsNotFound(err) {
		return err
	}
	return nil
}

func (r *followupSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	location, agentID, list, err := framework.ParseChildImportID(req.ID, "agent_id", "action_id>,<action_id…")
	var ids []string
	if err == nil {
		for _, id := range strings.Split(list, ",") {
			if id = strings.TrimSpace(id); id == "" {
				err = fmt.Errorf("import ID %q has an empty action ID", req.ID)
				break
			}
			ids = append(ids, id)
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	if r.client == nil {
		resp.Diagnostics.AddError("Provider not configured", "The provider must be configured before importing.")
		return
	}
	if location, err = r.client.LocationID(location); err != nil {
		resp.Diagnostics.AddError("Missing location for import", err.Error())
		return
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("location_id"), location)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("agent_id"), agentID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("action_ids"), framework.StringSetValue(ids))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), settingsID(agentID, ids))...)
}

// save writes the API's settings and the action IDs to state.
func (r *followupSettingsResource) save(ctx context.Context, prior followupSettingsResourceModel, ids []string,
	s *client.FollowupSettings, state *tfsdk.State, diags *diag.Diagnostics) {
	if s == nil {
		s = &client.FollowupSettings{}
	}
	m := followupSettingsResourceModel{
		ID:                    settingsID(prior.AgentID.ValueString(), ids),
		LocationID:            prior.LocationID,
		AgentID:               prior.AgentID,
		ActionIDs:             framework.StringSetValue(ids),
		followupSettingsModel: followupSettingsFromAPI(ctx, s, diags),
	}
	diags.Append(framework.SetState(ctx, state, &m)...)
}

// settingsID is "<agent_id>/<sorted action ids, comma-separated>".
func settingsID(agentID string, ids []string) types.String {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	return types.StringValue(agentID + "/" + strings.Join(sorted, ","))
}

// knownIDs reads a set of IDs, sorted; known is false when the set or an element is unknown.
func knownIDs(ctx context.Context, set types.Set, diags *diag.Diagnostics) (ids []string, known bool) {
	if set.IsNull() || set.IsUnknown() {
		return nil, !set.IsUnknown()
	}
	for _, e := range set.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	ids = framework.Strings(ctx, set, diags)
	slices.Sort(ids)
	return ids, true
}

// without returns the elements of a that are not in b.
func without(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}
