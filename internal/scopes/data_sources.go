// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
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

var (
	_ datasource.DataSourceWithConfigure        = (*scopeDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*scopeDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*scopesDataSource)(nil)
	_ datasource.DataSource                     = (*permissionsDataSource)(nil)
)

// scopeDataAttributes are the computed attributes of one scope, shared by highlevel_scope and
// the items of highlevel_scopes. Values are the API's: description "" when unset, agent_ids
// empty when the scope covers every agent.
func scopeDataAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	set := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	return map[string]schema.Attribute{
		"id":          str("The scope's ID."),
		"location_id": str("The scope's location."),
		"name":        str("The scope's name."),
		"description": str("The scope's description (`\"\"` when it has none)."),
		"permissions": set("The scope's permissions."),
		"agent_ids":   set("The only agents the scope's credentials may touch; empty when `restricted` is false (every agent)."),
		"restricted":  schema.BoolAttribute{MarkdownDescription: "Whether the scope is limited to `agent_ids` (then an empty list reaches no agent).", Computed: true},
		"created_at":  str("When the scope was created (ISO 8601)."),
		"updated_at":  str("When the scope was last changed (ISO 8601)."),
	}
}

var scopeObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "location_id": types.StringType, "name": types.StringType, "description": types.StringType,
	"permissions": types.SetType{ElemType: types.StringType}, "agent_ids": types.SetType{ElemType: types.StringType},
	"restricted": types.BoolType, "created_at": types.StringType, "updated_at": types.StringType,
}}

type scopeDataModel struct {
	ID          types.String `tfsdk:"id"`
	LocationID  types.String `tfsdk:"location_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Permissions types.Set    `tfsdk:"permissions"`
	AgentIDs    types.Set    `tfsdk:"agent_ids"`
	Restricted  types.Bool   `tfsdk:"restricted"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

func scopeDataFromAPI(s *client.Scope, location string) scopeDataModel {
	loc := s.LocationID
	if loc == "" {
		loc = location
	}
	return scopeDataModel{
		ID:          types.StringValue(s.ID),
		LocationID:  types.StringValue(loc),
		Name:        types.StringValue(s.Name),
		Description: types.StringValue(s.Description),
		Permissions: framework.StringSetValue(s.Permissions),
		AgentIDs:    framework.StringSetValue(s.AgentIDs),
		Restricted:  types.BoolValue(s.Restricted),
		CreatedAt:   types.StringValue(s.CreatedAt),
		UpdatedAt:   types.StringValue(s.UpdatedAt),
	}
}

func (m scopeDataModel) object() types.Object {
	return types.ObjectValueMust(scopeObjectType.AttrTypes, map[string]attr.Value{
		"id": m.ID, "location_id": m.LocationID, "name": m.Name, "description": m.Description,
		"permissions": m.Permissions, "agent_ids": m.AgentIDs, "restricted": m.Restricted,
		"created_at": m.CreatedAt, "updated_at": m.UpdatedAt,
	})
}

// NewScopeDataSource is the highlevel_scope data source.
func NewScopeDataSource() datasource.DataSource { return &scopeDataSource{} }

type scopeDataSource struct{ client *client.Client }

func (d *scopeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (d *scopeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := scopeDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The scope's ID. Set exactly one of `id` and `name`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{framework.ObjectID("scope id")},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The scope's exact name (case-sensitive). Set exactly one of `id` and `name`; looking up " +
			"by name fails when no scope or more than one scope of the location has that name.",
		Optional: true, Computed: true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["location_id"] = schema.StringAttribute{
		MarkdownDescription: "The location to look in. Defaults to the provider's `location_id`.",
		Optional:            true, Computed: true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One scope of a location, found by `id` or by its exact `name`." + emulatorOnlyNote,
		Attributes:          attrs,
	}
}

func (d *scopeDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *scopeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scopeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg scopeDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(cfg.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	var scope *client.Scope
	if id := cfg.ID.ValueString(); id != "" {
		scope, err = d.client.GetScope(ctx, location, id)
		if err != nil {
			addError(&resp.Diagnostics, "Cannot read the scope", err)
			return
		}
	} else {
		all, err := d.client.ListScopes(ctx, location)
		if err != nil {
			addError(&resp.Diagnostics, "Cannot list scopes", err)
			return
		}
		if scope, err = findByName(all, location, cfg.Name.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Cannot find the scope", err.Error())
			return
		}
	}
	out := scopeDataFromAPI(scope, location)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// findByName returns the one scope named exactly name.
func findByName(all []client.Scope, location, name string) (*client.Scope, error) {
	s, err := framework.FindOne(framework.ByName("scope", "scopes", location, name), all,
		func(s client.Scope) bool { return s.Name == name }, func(s client.Scope) string { return s.ID })
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// NewScopesDataSource is the highlevel_scopes data source.
func NewScopesDataSource() datasource.DataSource { return &scopesDataSource{} }

type scopesDataSource struct{ client *client.Client }

type scopesDataModel struct {
	LocationID   types.String `tfsdk:"location_id"`
	NameContains types.String `tfsdk:"name_contains"`
	Permission   types.String `tfsdk:"permission"`
	AgentID      types.String `tfsdk:"agent_id"`
	IDs          types.List   `tfsdk:"ids"`
	Scopes       types.List   `tfsdk:"scopes"`
}

func (d *scopesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scopes"
}

func (d *scopesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "All scopes of a location (every page of the API's list), oldest first, optionally " +
			"filtered. Use it to audit who may do what, or to import existing scopes with `import` blocks and " +
			"`for_each`." + emulatorOnlyNote,
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location to list. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"name_contains": schema.StringAttribute{
				MarkdownDescription: "Only scopes whose name contains this text, ignoring case.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"permission": schema.StringAttribute{
				MarkdownDescription: "Only scopes that grant this permission, one of " + quoted(permissions()) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(permissions()...)},
			},
			"agent_id": schema.StringAttribute{
				MarkdownDescription: "Only scopes whose credentials may touch this agent: unrestricted scopes, and " +
					"restricted scopes that list it.",
				Optional:   true,
				Validators: []validator.String{framework.ObjectID("agent id")},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching scopes, oldest first.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"scopes": schema.ListNestedAttribute{
				MarkdownDescription: "The matching scopes, oldest first.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: scopeDataAttributes()},
			},
		},
	}
}

func (d *scopesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scopesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m scopesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	all, err := d.client.ListScopes(ctx, location)
	if err != nil {
		addError(&resp.Diagnostics, "Cannot list scopes", err)
		return
	}
	ids, items := []attr.Value{}, []attr.Value{}
	for i := range all {
		s := &all[i]
		if !matchesFilters(s, m) {
			continue
		}
		ids = append(ids, types.StringValue(s.ID))
		items = append(items, scopeDataFromAPI(s, location).object())
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Scopes = types.ListValueMust(scopeObjectType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func matchesFilters(s *client.Scope, m scopesDataModel) bool {
	if v := m.NameContains.ValueString(); v != "" && !strings.Contains(strings.ToLower(s.Name), strings.ToLower(v)) {
		return false
	}
	if v := m.Permission.ValueString(); v != "" && !slices.Contains(s.Permissions, v) {
		return false
	}
	if v := m.AgentID.ValueString(); v != "" && s.Restricted && !slices.Contains(s.AgentIDs, v) {
		return false
	}
	return true
}

// NewPermissionsDataSource is the highlevel_scope_permissions data source.
func NewPermissionsDataSource() datasource.DataSource { return &permissionsDataSource{} }

type permissionsDataSource struct{}

type permissionsModel struct {
	Names    types.List `tfsdk:"names"`
	ReadOnly types.List `tfsdk:"read_only"`
	Write    types.List `tfsdk:"write"`
}

func (d *permissionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_permissions"
}

func (d *permissionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The permission names a `highlevel_scope` accepts (" + quoted(permissions()) + "), so that " +
			"modules can validate their inputs, e.g. `contains(data.highlevel_scope_permissions.all.names, var.permission)` " +
			"in a variable's `validation` block. It makes no API call: the list is the provider's copy of the API " +
			"contract, so it matches the provider version in use.",
		Attributes: map[string]schema.Attribute{
			"names": schema.ListAttribute{
				MarkdownDescription: "Every accepted permission name.",
				Computed:            true, ElementType: types.StringType,
			},
			"read_only": schema.ListAttribute{
				MarkdownDescription: "The names that only allow reading (`….readonly`).",
				Computed:            true, ElementType: types.StringType,
			},
			"write": schema.ListAttribute{
				MarkdownDescription: "The names that allow writing (`….write`). A write permission does not include the " +
					"matching read permission.",
				Computed: true, ElementType: types.StringType,
			},
		},
	}
}

func (d *permissionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	var readOnly, write []string
	for _, p := range permissions() {
		if strings.HasSuffix(p, ".readonly") {
			readOnly = append(readOnly, p)
		} else {
			write = append(write, p)
		}
	}
	m := permissionsModel{
		Names:    framework.StringListValue(permissions()),
		ReadOnly: framework.StringListValue(readOnly),
		Write:    framework.StringListValue(write),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
