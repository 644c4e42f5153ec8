// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

// NewUsersDataSource is the highlevel_users data source.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct {
	client *client.Client
}

type usersDataModel struct {
	LocationID types.String `tfsdk:"location_id"`
	Query      types.String `tfsdk:"query"`
	IDs        types.List   `tfsdk:"ids"`
	Users      types.List   `tfsdk:"users"`
}

var userSummaryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":           types.StringType,
	"name":         types.StringType,
	"first_name":   types.StringType,
	"last_name":    types.StringType,
	"email":        types.StringType,
	"phone":        types.StringType,
	"type":         types.StringType,
	"role":         types.StringType,
	"location_ids": types.SetType{ElemType: types.StringType},
	"scopes":       types.SetType{ElemType: types.StringType},
}}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	set := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "All users of a location (every page of the API's search; an incomplete list is an " +
			"error, never a shorter list), optionally filtered by `query`. Users whose deletion HighLevel has queued " +
			"are left out. Use it to import users made in the HighLevel UI, or to audit who has which AI scopes.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to list. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"query": schema.StringAttribute{
				MarkdownDescription: "Only users whose name, email or phone contains this text (the API's search).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the users, in the API's order (by name).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The users, in the API's order (by name). Read one user's permission flags with " +
					"the `highlevel_user` data source.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           str("The user's ID."),
					"name":         str("The user's full name."),
					"first_name":   str("The user's first name."),
					"last_name":    str("The user's last name."),
					"email":        str("The user's email."),
					"phone":        str("The user's phone number."),
					"type":         str("`account` or `agency`."),
					"role":         str("`admin` or `user`."),
					"location_ids": set("The locations the user may enter."),
					"scopes":       set("The user's scopes."),
				}},
			},
		},
	}
}

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m usersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	list, err := d.client.ListUsers(ctx, location, m.Query.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list users", err.Error())
		return
	}
	ids := []attr.Value{}
	users := []attr.Value{}
	for _, u := range list {
		ids = append(ids, types.StringValue(u.ID))
		users = append(users, types.ObjectValueMust(userSummaryType.AttrTypes, map[string]attr.Value{
			"id":           types.StringValue(u.ID),
			"name":         types.StringValue(u.Name),
			"first_name":   types.StringValue(u.FirstName),
			"last_name":    types.StringValue(u.LastName),
			"email":        types.StringValue(u.Email),
			"phone":        types.StringValue(u.Phone),
			"type":         types.StringValue(u.Roles.Type),
			"role":         types.StringValue(u.Roles.Role),
			"location_ids": framework.StringSetValue(u.Roles.LocationIDs),
			"scopes":       framework.StringSetValue(u.Scopes),
		}))
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Users = types.ListValueMust(userSummaryType, users)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
