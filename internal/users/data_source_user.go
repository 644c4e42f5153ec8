// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

// NewUserDataSource is the highlevel_user data source.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct {
	client *client.Client
}

type userDataModel struct {
	ID          types.String `tfsdk:"id"`
	Email       types.String `tfsdk:"email"`
	LocationID  types.String `tfsdk:"location_id"`
	Name        types.String `tfsdk:"name"`
	FirstName   types.String `tfsdk:"first_name"`
	LastName    types.String `tfsdk:"last_name"`
	Phone       types.String `tfsdk:"phone"`
	Type        types.String `tfsdk:"type"`
	Role        types.String `tfsdk:"role"`
	LocationIDs types.Set    `tfsdk:"location_ids"`
	Permissions types.Object `tfsdk:"permissions"`
	Scopes      types.Set    `tfsdk:"scopes"`
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	perms := map[string]schema.Attribute{}
	for _, f := range client.UserPermissionFlags {
		perms[snake(f)] = schema.BoolAttribute{MarkdownDescription: "The API's `" + f + "`.", Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user of a location, found by `id` or by `email` (case-insensitive), with their " +
			"permission flags and scopes. Looking up by email fails when no user of the location has it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The user's ID. Set exactly one of `id` and `email`.",
				Optional:            true, Computed: true,
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "The user's email. Set exactly one of `id` and `email`.",
				Optional:            true, Computed: true,
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location whose credential reads the user. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"name":       str("The user's full name, as the API composes it."),
			"first_name": str("The user's first name."),
			"last_name":  str("The user's last name."),
			"phone":      str("The user's phone number, as the API returns it."),
			"type":       str("The kind of user: `account` or `agency`."),
			"role":       str("The user's role: `admin` or `user`."),
			"location_ids": schema.SetAttribute{
				MarkdownDescription: "The locations the user may enter.", Computed: true, ElementType: types.StringType,
			},
			"permissions": schema.SingleNestedAttribute{
				MarkdownDescription: "The user's 38 permission flags (see the `highlevel_user` resource).",
				Computed:            true,
				Attributes:          perms,
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The user's scopes.", Computed: true, ElementType: types.StringType,
			},
		},
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email")),
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userDataModel
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
		id, err = d.findByEmail(ctx, location, cfg.Email.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("email"), "Cannot find the user", err.Error())
			return
		}
	}
	u, err := d.client.GetUser(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the user", err.Error())
		return
	}
	out := userDataModel{
		ID: types.StringValue(u.ID), Email: types.StringValue(u.Email), LocationID: types.StringValue(location),
		Name: types.StringValue(u.Name), FirstName: types.StringValue(u.FirstName), LastName: types.StringValue(u.LastName),
		Phone: types.StringValue(u.Phone), Type: types.StringValue(u.Roles.Type), Role: types.StringValue(u.Roles.Role),
		LocationIDs: framework.StringSetValue(u.Roles.LocationIDs),
		Permissions: permissionsValue(u.Permissions, types.ObjectNull(permissionAttrTypes)),
		Scopes:      framework.StringSetValue(u.Scopes),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// findByEmail returns the ID of the location's user with this email (case-insensitive); the
// search matches substrings, so the exact match is done here.
func (d *userDataSource) findByEmail(ctx context.Context, location, email string) (string, error) {
	users, err := d.client.ListUsers(ctx, location, email)
	if err != nil {
		return "", err
	}
	byEmail := framework.Lookup{What: "user", Whats: "users", Location: location,
		Is: fmt.Sprintf("has the email %q", email), Are: fmt.Sprintf("have the email %q", email)}
	u, err := framework.FindOne(byEmail, users,
		func(u client.User) bool { return strings.EqualFold(u.Email, email) }, func(u client.User) string { return u.ID })
	return u.ID, err
}
