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
	_ resource.ResourceWithConfigure   = (*faqResource)(nil)
	_ resource.ResourceWithImportState = (*faqResource)(nil)
	_ resource.ResourceWithIdentity    = (*faqResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*faqResource)(nil)
)

// NewFAQResource is the highlevel_knowledge_base_faq resource.
func NewFAQResource() resource.Resource { return &faqResource{} }

type faqResource struct {
	data *framework.ProviderData
}

// faqModel is the state of highlevel_knowledge_base_faq.
type faqModel struct {
	ID              types.String `tfsdk:"id"`
	LocationID      types.String `tfsdk:"location_id"`
	KnowledgeBaseID types.String `tfsdk:"knowledge_base_id"`
	Question        types.String `tfsdk:"question"`
	Answer          types.String `tfsdk:"answer"`
}

func (r *faqResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base_faq"
}

// knowledgeBaseIDAttribute is the knowledge_base_id of a knowledge base's content.
func knowledgeBaseIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The ID of the knowledge base the " + what + " belongs to (`highlevel_knowledge_base.<name>.id`). " +
			"Changing it destroys the " + what + " and creates it in the other knowledge base.",
		Required:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:    []validator.String{framework.OpaqueID()},
	}
}

func (r *faqResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A question and its answer in a knowledge base. Agents that use the knowledge base answer " +
			"from it.\n\n" +
			"The API has no way to read one FAQ by its ID: refreshing reads every FAQ of the knowledge base in one " +
			"paged list per run (ceil(N/100) requests for N FAQs), shared by all the FAQs of that knowledge base. " +
			"Manage many FAQs from a file with `for_each` and `yamldecode` or `csvdecode`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The FAQ's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id":       framework.LocationIDAttribute(),
			"knowledge_base_id": knowledgeBaseIDAttribute("FAQ"),
			"question": schema.StringAttribute{
				MarkdownDescription: "The question. Must not be blank; no length limit is documented.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
			"answer": schema.StringAttribute{
				MarkdownDescription: "The answer. Must not be blank; no length limit is documented.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
		},
	}
}

func (r *faqResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("knowledge_base_id", "The ID of the FAQ's knowledge base.", "The FAQ's ID.")
}

func (r *faqResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = framework.ConfigureData(req.ProviderData, &resp.Diagnostics)
}

func (r *faqResource) client() *client.Client {
	if r.data == nil {
		return nil
	}
	return r.data.Client
}

func (r *faqResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client(), req, resp)
}

func (r *faqResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan faqModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location, kbID := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString()
	question, answer := plan.Question.ValueString(), plan.Answer.ValueString()
	defer r.data.Lists.Invalidate(faqListKey(location, kbID))
	faq, adopted, err := framework.CreateOnce(ctx, r.data.Created, "FAQ", location+"/"+kbID,
		func(ctx context.Context) (*client.FAQ, string, error) {
			f, err := c.CreateFAQ(ctx, location, kbID, question, answer)
			if err != nil {
				return nil, "", err
			}
			return f, f.ID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) {
			faqs, err := c.ListFAQs(ctx, location, kbID)
			if err != nil {
				return nil, err
			}
			out := make([]framework.Candidate, 0, len(faqs))
			for _, f := range faqs {
				out = append(out, framework.Candidate{ID: f.ID, CreatedAt: f.CreatedAt, Created: framework.ParseCreated(f.CreatedAt), Matches: f.Question == question && f.Answer == answer})
			}
			return out, nil
		},
		framework.ByCreationTime)
	if err == nil && adopted != "" {
		r.data.Lists.Invalidate(faqListKey(location, kbID))
		faq, err = r.find(ctx, location, kbID, adopted)
	}
	if gone(err) {
		resp.Diagnostics.AddAttributeError(pathKnowledgeBaseID, "Cannot create the FAQ",
			fmt.Sprintf("Knowledge base %s does not exist in location %s: %v", kbID, location, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the FAQ", err.Error())
		return
	}
	tflog.Debug(ctx, "created FAQ", map[string]any{"id": faq.ID, "knowledge_base_id": kbID})
	r.save(ctx, faq, location, kbID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *faqResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state faqModel // what finds the FAQ; the rest comes from the API
	resp.Diagnostics.Append(framework.TopLevel(req.State.Raw, map[string]any{
		"id": &state.ID, "location_id": &state.LocationID, "knowledge_base_id": &state.KnowledgeBaseID,
	})...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID, id := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString(), state.ID.ValueString()
	faq, err := r.find(ctx, location, kbID, id)
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "FAQ", id)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the FAQ", err.Error())
		return
	}
	r.save(ctx, faq, location, kbID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *faqResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan faqModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID, id := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString(), plan.ID.ValueString()
	err := r.client().UpdateFAQ(ctx, location, id, plan.Question.ValueString(), plan.Answer.ValueString())
	r.data.Lists.Invalidate(faqListKey(location, kbID))
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the FAQ", err.Error())
		return
	}
	// The API answers {success:true} only: re-read from a list fetched after the update,
	// which the FAQs updated at the same time share (DESIGN.md rule 1).
	faqs, err := freshFAQs(ctx, r.data, location, kbID)
	var faq *client.FAQ
	if err == nil {
		faq, err = findFAQ(faqs, kbID, id)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the FAQ after updating it", err.Error())
		return
	}
	r.save(ctx, faq, location, kbID, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *faqResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state faqModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString()
	err := r.client().DeleteFAQ(ctx, location, state.ID.ValueString())
	r.data.Lists.Invalidate(faqListKey(location, kbID))
	if err != nil && !gone(err) {
		resp.Diagnostics.AddError("Cannot delete the FAQ", err.Error())
	}
}

// ImportState takes "<knowledge_base_id>/<faq_id>" or "<location_id>/<knowledge_base_id>/<faq_id>",
// or an identity.
func (r *faqResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportChild(ctx, r.client(), req, resp, "knowledge_base_id", "faq_id")
}

// find returns the FAQ id of a knowledge base from the run's shared list. The error is a
// not-found one (client.IsNotFound) when the FAQ or its knowledge base is gone.
func (r *faqResource) find(ctx context.Context, location, kbID, id string) (*client.FAQ, error) {
	faq, ok, err := cachedFAQ(ctx, r.data, location, kbID, id)
	if err != nil || ok {
		return faq, err
	}
	return nil, faqNotFound(kbID, id)
}

// findFAQ returns the FAQ id of a knowledge base's list, or a not-found error.
func findFAQ(faqs []client.FAQ, kbID, id string) (*client.FAQ, error) {
	for i := range faqs {
		if faqs[i].ID == id {
			return &faqs[i], nil
		}
	}
	return nil, faqNotFound(kbID, id)
}

func faqNotFound(kbID, id string) error {
	return notFound("GET", "/knowledge-bases/faqs", fmt.Sprintf("FAQ %s is not in knowledge base %s", id, kbID))
}

// save writes the API's answer to state and identity (DESIGN.md rule 1).
func (r *faqResource) save(ctx context.Context, faq *client.FAQ, location, kbID string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m := faqFromAPI(faq, location, kbID)
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetChildIdentity(ctx, identity, location, "knowledge_base_id", kbID, faq.ID)...)
}

// faqFromAPI maps the API's FAQ to state. The knowledge base is the one the FAQ was read
// from (the answer may leave knowledgeBaseId out).
func faqFromAPI(f *client.FAQ, location, kbID string) faqModel {
	return faqModel{
		ID:              types.StringValue(f.ID),
		LocationID:      types.StringValue(location),
		KnowledgeBaseID: types.StringValue(kbID),
		Question:        types.StringValue(f.Question),
		Answer:          types.StringValue(f.Answer),
	}
}
