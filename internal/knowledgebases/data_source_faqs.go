// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*faqsDataSource)(nil)

// NewFAQsDataSource is the highlevel_knowledge_base_faqs data source.
func NewFAQsDataSource() datasource.DataSource { return &faqsDataSource{} }

type faqsDataSource struct {
	data *framework.ProviderData
}

type faqsDataModel struct {
	LocationID      types.String `tfsdk:"location_id"`
	KnowledgeBaseID types.String `tfsdk:"knowledge_base_id"`
	IDs             types.List   `tfsdk:"ids"`
	FAQs            types.List   `tfsdk:"faqs"`
}

var faqItemType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "question": types.StringType, "answer": types.StringType,
	"trained_url_id": types.StringType, "created_at": types.StringType, "updated_at": types.StringType,
}}

func (d *faqsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base_faqs"
}

func (d *faqsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every FAQ of a knowledge base, oldest first (every page of the API's list: ceil(N/100) " +
			"requests for N FAQs, shared with the `highlevel_knowledge_base_faq` resources of the same knowledge base).",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The knowledge base's location. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"knowledge_base_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the knowledge base.",
				Required:            true,
				Validators:          []validator.String{framework.OpaqueID()},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the FAQs, oldest first.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"faqs": schema.ListNestedAttribute{
				MarkdownDescription: "The FAQs, oldest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":       str("The FAQ's ID."),
					"question": str("The question."),
					"answer":   str("The answer."),
					"trained_url_id": str("The crawled page the FAQ was generated from; null for FAQs written by hand " +
						"(the API's `trainedUrlId`, empty for them)."),
					"created_at": str("When the FAQ was created (ISO 8601)."),
					"updated_at": str("When the FAQ was last updated (ISO 8601)."),
				}},
			},
		},
	}
}

func (d *faqsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = framework.ConfigureData(req.ProviderData, &resp.Diagnostics)
}

func (d *faqsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m faqsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.data.Client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	faqs, err := cachedFAQs(ctx, d.data, location, m.KnowledgeBaseID.ValueString())
	if gone(err) {
		resp.Diagnostics.AddAttributeError(pathKnowledgeBaseID, "Cannot list the FAQs",
			"Knowledge base "+m.KnowledgeBaseID.ValueString()+" does not exist in location "+location+": "+err.Error())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the FAQs", err.Error())
		return
	}
	ids := make([]attr.Value, 0, len(faqs))
	items := make([]attr.Value, 0, len(faqs))
	for _, f := range faqs {
		trained := types.StringNull()
		if f.TrainedURLID != "" {
			trained = types.StringValue(f.TrainedURLID)
		}
		ids = append(ids, types.StringValue(f.ID))
		items = append(items, types.ObjectValueMust(faqItemType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(f.ID), "question": types.StringValue(f.Question), "answer": types.StringValue(f.Answer),
			"trained_url_id": trained, "created_at": types.StringValue(f.CreatedAt), "updated_at": types.StringValue(f.UpdatedAt),
		}))
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.FAQs = types.ListValueMust(faqItemType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
