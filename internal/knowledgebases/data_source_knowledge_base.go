// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = (*knowledgeBaseDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*knowledgeBaseDataSource)(nil)
)

// NewKnowledgeBaseDataSource is the highlevel_knowledge_base data source.
func NewKnowledgeBaseDataSource() datasource.DataSource { return &knowledgeBaseDataSource{} }

type knowledgeBaseDataSource struct {
	client *client.Client
}

type knowledgeBaseDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	LocationID  types.String `tfsdk:"location_id"`
	Description types.String `tfsdk:"description"`
	IsDefault   types.Bool   `tfsdk:"is_default"`
	KBMetadata  types.Object `tfsdk:"kb_metadata"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

var kbMetadataType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"faqs": types.Int64Type, "urls": types.Int64Type, "rich_text": types.Int64Type,
	"files": types.Int64Type, "web_searches": types.Int64Type, "tables": types.Int64Type,
}}

func (d *knowledgeBaseDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base"
}

func (d *knowledgeBaseDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	num := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One knowledge base of a location, found by `id` or by its exact `name`, with the counts " +
			"of its content. Looking up by name fails when no knowledge base or more than one of the location has that name.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The knowledge base's ID. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The knowledge base's exact name (case-sensitive). Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to look in. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "The description. Null on the real HighLevel API, which does not return it (the emulator does).",
				Computed:            true,
			},
			"is_default": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the location's default knowledge base (which cannot be deleted).",
				Computed:            true,
			},
			"kb_metadata": schema.SingleNestedAttribute{
				MarkdownDescription: "How much content the knowledge base holds (the API's `kbMetadata`).",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"faqs":         num("Number of FAQs."),
					"urls":         num("Number of trained web pages."),
					"rich_text":    num("Number of rich-text entries."),
					"files":        num("Number of files."),
					"web_searches": num("Number of web searches."),
					"tables":       num("Number of tables."),
				},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the knowledge base was created (ISO 8601).", Computed: true},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the knowledge base was last updated (ISO 8601).", Computed: true},
		},
	}
}

func (d *knowledgeBaseDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *knowledgeBaseDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *knowledgeBaseDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg knowledgeBaseDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	id := cfg.ID.ValueString()
	if id == "" {
		id, err = d.findByName(ctx, location, cfg.Name.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Cannot find the knowledge base", err.Error())
			return
		}
	}
	kb, err := d.client.GetKnowledgeBase(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base", err.Error())
		return
	}
	md := kb.KBMetadata
	out := knowledgeBaseDataModel{
		ID:          types.StringValue(kb.ID),
		Name:        types.StringValue(kb.Name),
		LocationID:  types.StringValue(location),
		Description: framework.StringValue(kb.Description),
		IsDefault:   types.BoolValue(kb.IsDefault),
		KBMetadata: types.ObjectValueMust(kbMetadataType.AttrTypes, map[string]attr.Value{
			"faqs": types.Int64Value(md.Faqs), "urls": types.Int64Value(md.Urls), "rich_text": types.Int64Value(md.RichText),
			"files": types.Int64Value(md.Files), "web_searches": types.Int64Value(md.WebSearches), "tables": types.Int64Value(md.Tables),
		}),
		CreatedAt: types.StringValue(kb.CreatedAt),
		UpdatedAt: types.StringValue(kb.UpdatedAt),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// findByName returns the ID of the one knowledge base of the location named exactly name (the
// list's query matches substrings, ignoring case).
func (d *knowledgeBaseDataSource) findByName(ctx context.Context, location, name string) (string, error) {
	items, err := d.client.ListKnowledgeBases(ctx, location, name)
	if err != nil {
		return "", err
	}
	kb, err := framework.FindOne(framework.ByName("knowledge base", "knowledge bases", location, name), items,
		func(kb client.KnowledgeBaseSummary) bool { return kb.Name == name }, func(kb client.KnowledgeBaseSummary) string { return kb.ID })
	return kb.ID, err
}
