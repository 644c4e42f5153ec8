// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ resource.ResourceWithConfigure   = (*knowledgeBaseResource)(nil)
	_ resource.ResourceWithImportState = (*knowledgeBaseResource)(nil)
	_ resource.ResourceWithIdentity    = (*knowledgeBaseResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*knowledgeBaseResource)(nil)
)

// NewKnowledgeBaseResource is the highlevel_knowledge_base resource.
func NewKnowledgeBaseResource() resource.Resource { return &knowledgeBaseResource{} }

type knowledgeBaseResource struct {
	data *framework.ProviderData
}

// knowledgeBaseModel is the state of highlevel_knowledge_base.
type knowledgeBaseModel struct {
	ID          types.String `tfsdk:"id"`
	LocationID  types.String `tfsdk:"location_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

// descriptionDoc explains the write-only-looking description (contract §7.4).
const descriptionDoc = "The real HighLevel API accepts a description but does not return it, so the provider keeps " +
	"the value it last wrote: a change made in the HighLevel UI cannot be detected as drift there (the emulator " +
	"returns it, and there it is). Removing the argument clears it remotely."

func (r *knowledgeBaseResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base"
}

func (r *knowledgeBaseResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("A knowledge base of a location: the FAQs (`highlevel_knowledge_base_faq`), "+
			"website pages (`highlevel_knowledge_base_website`) and files (`highlevel_knowledge_base_file`) an agent "+
			"answers from. A location has at most %d knowledge bases (the API's limit).\n\n"+
			"To let an agent use the knowledge base, put its `id` in the agent's `knowledge_base_ids` "+
			"(`highlevel_agent`): the API keeps that link on the agent only. Deleting a knowledge base removes it from "+
			"every agent remotely, so an agent that still lists it shows a change in the next plan; let Terraform order "+
			"this by referencing `highlevel_knowledge_base.<name>.id` from the agent.\n\n"+
			"Content counts (FAQs, pages, files) are in the `highlevel_knowledge_base` data source.", client.KnowledgeBaseLimit),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The knowledge base's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "The knowledge base's name. Must not be blank; names may repeat within a location.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "A description of the knowledge base. " + descriptionDoc,
				Optional:            true,
			},
		},
	}
}

func (r *knowledgeBaseResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.LocationIdentitySchema("The knowledge base's ID.")
}

func (r *knowledgeBaseResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = framework.ConfigureData(req.ProviderData, &resp.Diagnostics)
}

func (r *knowledgeBaseResource) client() *client.Client {
	if r.data == nil {
		return nil
	}
	return r.data.Client
}

func (r *knowledgeBaseResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client(), req, resp)
}

func (r *knowledgeBaseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan knowledgeBaseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location := plan.LocationID.ValueString()
	name := plan.Name.ValueString()
	description := framework.StringPointer(plan.Description)
	kb, adopted, err := framework.CreateOnce(ctx, r.data.Created, "knowledge base", location,
		func(ctx context.Context) (*client.KnowledgeBase, string, error) {
			kb, err := c.CreateKnowledgeBase(ctx, location, name, description)
			if err != nil {
				return nil, "", err
			}
			return kb, kb.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) {
			items, err := c.ListKnowledgeBases(ctx, location, "")
			if err != nil {
				return nil, err
			}
			out := make([]framework.Candidate, 0, len(items))
			for _, it := range items {
				out = append(out, framework.Candidate{ID: it.ID, CreatedAt: it.CreatedAt, Created: framework.ParseCreated(it.CreatedAt), Matches: it.Name == name})
			}
			return out, nil
		},
		framework.ByCreationTime)
	if err == nil && adopted != "" {
		kb, err = c.GetKnowledgeBase(ctx, location, adopted)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the knowledge base", createError(err, location, r.countKnowledgeBases(ctx, location, err)))
		return
	}
	tflog.Debug(ctx, "created knowledge base", map[string]any{"id": kb.ID, "location_id": location})
	// The create answer is the API's full object; re-reading is only needed for the real API's
	// missing description, which keeps the planned value (§7.4).
	r.save(ctx, kb, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// countKnowledgeBases counts the location's knowledge bases after a create was refused with
// 400, the API's answer to a business rule such as the 15-per-location limit (§3.5); -1 when
// the create failed otherwise or the count is unknown.
func (r *knowledgeBaseResource) countKnowledgeBases(ctx context.Context, location string, err error) int {
	if !isBadRequest(err) {
		return -1
	}
	kbs, lerr := r.client().ListKnowledgeBases(ctx, location, "")
	if lerr != nil {
		return -1
	}
	return len(kbs)
}

// createError explains a failed create. existing is the location's number of knowledge bases
// after a 400 (-1 when unknown).
func createError(err error, location string, existing int) string {
	switch {
	case isBadRequest(err) && existing >= client.KnowledgeBaseLimit:
		return fmt.Sprintf("Location %s already has %d knowledge bases: the API allows at most %d per location. "+
			"Delete a knowledge base there (or put this one in another location) and apply again.\n\nThe API answered: %v",
			location, existing, client.KnowledgeBaseLimit, err)
	case isBadRequest(err):
		return fmt.Sprintf("%v\n\nThe API answers 400 to a business rule; the one documented for knowledge bases is "+
			"the limit of %d per location.", err, client.KnowledgeBaseLimit)
	}
	return err.Error()
}

func (r *knowledgeBaseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state knowledgeBaseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location := state.LocationID.ValueString()
	kb, err := r.client().GetKnowledgeBase(ctx, location, state.ID.ValueString())
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "knowledge base", state.ID.ValueString())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base", err.Error())
		return
	}
	r.save(ctx, kb, location, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *knowledgeBaseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state knowledgeBaseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location, id := plan.LocationID.ValueString(), plan.ID.ValueString()
	name := plan.Name.ValueString()
	// The PUT is partial: send the whole desired object, and "" to clear a removed description
	// (DESIGN.md rule 5).
	description := framework.StringPointer(plan.Description)
	if description == nil {
		empty := ""
		description = &empty
	}
	if err := c.UpdateKnowledgeBase(ctx, location, id, &name, description); err != nil {
		resp.Diagnostics.AddError("Cannot update the knowledge base", err.Error())
		return
	}
	// The API answers {success:true} only: re-read (DESIGN.md rule 1).
	kb, err := c.GetKnowledgeBase(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base after updating it", err.Error())
		return
	}
	r.save(ctx, kb, location, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *knowledgeBaseResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state knowledgeBaseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, id := state.LocationID.ValueString(), state.ID.ValueString()
	err := r.client().DeleteKnowledgeBase(ctx, location, id)
	if err != nil && !gone(err) {
		resp.Diagnostics.AddError("Cannot delete the knowledge base", err.Error())
		return
	}
	// The delete cascades to the knowledge base's FAQs and pages.
	r.data.Lists.Invalidate(faqListKey(location, id))
	r.data.Lists.Invalidate(pageListKey(location, id))
}

func (r *knowledgeBaseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportLocationScoped(ctx, r.client(), req, resp, "knowledge_base_id")
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *knowledgeBaseResource) save(ctx context.Context, kb *client.KnowledgeBase, location string, prior knowledgeBaseModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := knowledgeBaseFromAPI(kb, location, prior)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetLocationIdentity(ctx, identity, location, kb.ID)...)
}

// knowledgeBaseFromAPI maps the API's knowledge base to state. prior is the plan or state
// the answer replaces.
func knowledgeBaseFromAPI(kb *client.KnowledgeBase, location string, prior knowledgeBaseModel) knowledgeBaseModel {
	return knowledgeBaseModel{
		ID:          types.StringValue(kb.ID),
		LocationID:  types.StringValue(location),
		Name:        types.StringValue(kb.Name),
		Description: descriptionValue(kb.Description, prior.Description),
	}
}

// descriptionValue maps the description, which the real API leaves out of its answers
// (contract §7.4): absent keeps the prior value; "" is null unless the user wrote "".
func descriptionValue(api *string, prior types.String) types.String {
	if api == nil {
		if prior.IsUnknown() {
			return types.StringNull()
		}
		return prior
	}
	return framework.ClearableStringValue(api, prior)
}
