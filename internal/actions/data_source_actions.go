// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*actionsDataSource)(nil)

// NewActionsDataSource is the highlevel_agent_actions data source.
func NewActionsDataSource() datasource.DataSource { return &actionsDataSource{} }

type actionsDataSource struct {
	client *client.Client
}

type actionsDataModel struct {
	LocationID types.String `tfsdk:"location_id"`
	AgentID    types.String `tfsdk:"agent_id"`
	Type       types.String `tfsdk:"type"`
	IDs        types.List   `tfsdk:"ids"`
	Actions    types.List   `tfsdk:"actions"`
}

// The details of each action are nested objects in exactly the shape of highlevel_agent_action
// (same attribute names, types and descriptions, generated from the resource's schema), not a
// JSON string: values can be read with ordinary references
// (`actions[0].appointment_booking.calendar_id`) and copied into a resource, sets and lists
// compare as Terraform values, and users never meet the API's camelCase names. A JSON string
// would only be shorter to write here; it would make every consumer jsondecode and learn a second
// naming scheme.
var actionItemAttributes = func() map[string]rschema.Attribute {
	attrs := map[string]rschema.Attribute{}
	for name, a := range actionSchema.Attributes {
		if name != "location_id" && name != "agent_id" {
			attrs[name] = a
		}
	}
	return attrs
}()

var actionItemType = rschema.NestedAttributeObject{Attributes: actionItemAttributes}.Type().(types.ObjectType) //nolint:forcetypeassert // the schema's own type

func (d *actionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_actions"
}

func (d *actionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "All actions of a Conversation AI agent, in the order the API lists them (creation order), " +
			"with their details in the shape of `highlevel_agent_action`: for each action, the attribute that goes with its " +
			"type is set and the others are null. Use it to review an agent built in the HighLevel UI, or to import its " +
			"actions with `import` blocks and `for_each`.",
		Attributes: map[string]schema.Attribute{
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The location of the agent. Defaults to the provider's `location_id`.",
				Optional:            true, Computed: true,
			},
			"agent_id": schema.StringAttribute{
				MarkdownDescription: "The agent whose actions are listed.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Only actions of this type: " + quoted(actionTypes) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(actionTypes...)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the listed actions, in the API's order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"actions": schema.ListNestedAttribute{
				MarkdownDescription: "The listed actions, in the API's order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: framework.ComputedDataSourceAttributes(actionItemAttributes)},
			},
		},
	}
}

func (d *actionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *actionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m actionsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	agentID := m.AgentID.ValueString()
	list, err := d.client.ListActions(ctx, location, agentID)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the actions of agent "+agentID, err.Error())
		return
	}
	ids := []attr.Value{}
	items := []attr.Value{}
	for i := range list {
		a := &list[i]
		if !m.Type.IsNull() && a.Type != m.Type.ValueString() {
			continue
		}
		am := actionFromAPI(ctx, a, location, agentID, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		values := map[string]attr.Value{"id": am.ID, "name": am.Name, "type": am.Type}
		for _, b := range blocks {
			values[b.attr] = *am.block(b.attr)
		}
		item, diags := types.ObjectValue(actionItemType.AttrTypes, values)
		resp.Diagnostics.Append(diags...)
		ids = append(ids, am.ID)
		items = append(items, item)
	}
	m.LocationID = types.StringValue(location)
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Actions = types.ListValueMust(actionItemType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
