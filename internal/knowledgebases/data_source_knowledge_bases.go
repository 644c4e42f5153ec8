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

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*knowledgeBasesDataSource)(nil)

// NewKnowledgeBasesDataSource is the highlevel_knowledge_bases data source.
func NewKnowledgeBasesDataSource() datasource.DataSource { return &knowledgeBasesDataSource{} }

type knowledgeBasesDataSource struct {
	client *client.Client
}

type knowledgeBasesDataModel struct {
	LocationID     types.String `tfsdk:"location_id"`
	NameContains   types.String `tfsdk:"name_contains"`
	IDs            types.List   `tfsdk:"ids"`
	KnowledgeBases types.List   `tfsdk:"knowledge_bases"`
}

var knowledgeBaseSummaryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "created_at": types.StringType,
}}

func (d *knowledgeBasesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_bases"
}

func (d *knowledgeBasesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "All knowledge bases of a location (every page of the API's list), oldest first, " +
			"optionally only those whose name contains some text. Use it to import knowledge bases built in the " +
			"HighLevel UI with `import` blocks and `for_each`.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to list. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"name_contains": schema.StringAttribute{
				MarkdownDescription: "Only knowledge bases whose name contains this text, ignoring case.",
				Optional:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching knowledge bases, oldest first (the API's order).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"knowledge_bases": schema.ListNestedAttribute{
				MarkdownDescription: "The matching knowledge bases, oldest first, as the API lists them. Read one " +
					"knowledge base's description and content counts with the `highlevel_knowledge_base` data source.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         str("The knowledge base's ID."),
					"name":       str("The knowledge base's name."),
					"created_at": str("When the knowledge base was created (ISO 8601)."),
				}},
			},
		},
	}
}

func (d *knowledgeBasesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *knowledgeBasesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m knowledgeBasesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	items, err := d.client.ListKnowledgeBases(ctx, location, m.NameContains.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list knowledge bases", err.Error())
		return
	}
	ids := make([]attr.Value, 0, len(items))
	kbs := make([]attr.Value, 0, len(items))
	for _, it := range items {
		ids = append(ids, types.StringValue(it.ID))
		kbs = append(kbs, types.ObjectValueMust(knowledgeBaseSummaryType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(it.ID), "name": types.StringValue(it.Name), "created_at": types.StringValue(it.CreatedAt),
		}))
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.KnowledgeBases = types.ListValueMust(knowledgeBaseSummaryType, kbs)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
