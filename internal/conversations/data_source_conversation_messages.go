// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var _ datasource.DataSourceWithConfigure = (*messagesDataSource)(nil)

// NewConversationMessagesDataSource is the highlevel_conversation_messages data source.
func NewConversationMessagesDataSource() datasource.DataSource { return &messagesDataSource{} }

type messagesDataSource struct {
	client *client.Client
}

type messagesModel struct {
	LocationID     types.String `tfsdk:"location_id"`
	ConversationID types.String `tfsdk:"conversation_id"`
	MaxResults     types.Int64  `tfsdk:"max_results"`
	IDs            types.List   `tfsdk:"ids"`
	Messages       types.List   `tfsdk:"messages"`
	Truncated      types.Bool   `tfsdk:"truncated"`
}

var messageType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":              types.StringType,
	"type":            types.Int64Type,
	"message_type":    types.StringType,
	"direction":       types.StringType,
	"status":          types.StringType,
	"body":            types.StringType,
	"content_type":    types.StringType,
	"date_added":      types.StringType,
	"source":          types.StringType,
	"user_id":         types.StringType,
	"contact_id":      types.StringType,
	"conversation_id": types.StringType,
	"attachments":     types.ListType{ElemType: types.StringType},
	"meta":            types.StringType,
}}

func (d *messagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conversation_messages"
}

func (d *messagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The messages of one conversation, newest first, following the API's pages up to " +
			"`max_results` messages (default 100); `truncated` says whether the conversation holds more. Read who wrote an " +
			"outbound message, and with what, with the `highlevel_ai_generation` data source.",
		Attributes: map[string]schema.Attribute{
			"location_id": locationAttribute("of the conversation"),
			"conversation_id": schema.StringAttribute{
				MarkdownDescription: "The conversation's ID. A conversation that does not exist in the location is an error.",
				Required:            true,
				Validators:          []validator.String{framework.OpaqueID()},
			},
			"max_results": maxResultsAttribute("messages"),
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the messages read, newest first.",
				Computed:            true, ElementType: types.StringType,
			},
			"truncated": truncatedAttribute("messages"),
			"messages": schema.ListNestedAttribute{
				MarkdownDescription: "The messages read, newest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              str("The message's ID."),
					"type":            schema.Int64Attribute{MarkdownDescription: "The message type as a number (the API's `type`).", Computed: true},
					"message_type":    str("The message type: `TYPE_SMS`, `TYPE_EMAIL`, `TYPE_LIVE_CHAT`, … (the API's `messageType`)."),
					"direction":       str("`inbound` (from the contact) or `outbound` (to the contact; AI agents' answers are outbound)."),
					"status":          str("Delivery status: `delivered`, `read`, `sent`, `failed`, `pending`, …"),
					"body":            str("The message text."),
					"content_type":    str("The body's content type, e.g. `text/plain`."),
					"date_added":      str("When the message was sent (ISO 8601, as the API returns it)."),
					"source":          str("What sent it: `workflow`, `bulk_actions`, `campaign`, `api`, `app`; null when the API does not say."),
					"user_id":         str("The user who sent it; null when not sent by a user."),
					"contact_id":      str("The contact's ID."),
					"conversation_id": str("The conversation's ID."),
					"attachments": schema.ListAttribute{
						MarkdownDescription: "The attachments: their URLs, or normalised JSON for attachments that are not plain strings.",
						Computed:            true, ElementType: types.StringType,
					},
					"meta": str("Channel details (call duration and status, e-mail message ids, …) as normalised JSON " +
						"(read it with `jsondecode`); null when the API sends none."),
				}},
			},
		},
	}
}

func (d *messagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *messagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m messagesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	limit := maxResults(m.MaxResults)
	conv := m.ConversationID.ValueString()
	msgs, err := d.client.ListMessages(ctx, location, conv, limit+1)
	if client.IsNotFound(err) && !client.IsRouteNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("conversation_id"), "Conversation not found",
			fmt.Sprintf("No conversation with id %q exists in location %s (%v).", conv, location, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the conversation's messages", err.Error())
		return
	}
	truncated := false
	if len(msgs) > limit {
		msgs, truncated = msgs[:limit], true
	}
	ids := make([]attr.Value, 0, len(msgs))
	objs := make([]attr.Value, 0, len(msgs))
	for _, msg := range msgs {
		ids = append(ids, types.StringValue(msg.ID))
		objs = append(objs, messageValue(msg))
	}
	m.LocationID = types.StringValue(location)
	m.MaxResults = types.Int64Value(int64(limit))
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Messages = types.ListValueMust(messageType, objs)
	m.Truncated = types.BoolValue(truncated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// messageValue maps a message.
func messageValue(msg client.Message) attr.Value {
	attachments := make([]attr.Value, 0, len(msg.Attachments))
	for _, a := range msg.Attachments {
		attachments = append(attachments, types.StringValue(textOrJSON(a)))
	}
	meta := types.StringNull()
	if len(msg.Meta) > 0 {
		meta = types.StringValue(canonicalJSON(msg.Meta))
	}
	return types.ObjectValueMust(messageType.AttrTypes, map[string]attr.Value{
		"id":              types.StringValue(msg.ID),
		"type":            types.Int64Value(msg.Type),
		"message_type":    types.StringValue(msg.MessageType),
		"direction":       types.StringValue(msg.Direction),
		"status":          types.StringValue(msg.Status),
		"body":            types.StringValue(msg.Body),
		"content_type":    types.StringValue(msg.ContentType),
		"date_added":      types.StringValue(msg.DateAdded),
		"source":          stringOrNull(msg.Source),
		"user_id":         stringOrNull(msg.UserID),
		"contact_id":      types.StringValue(msg.ContactID),
		"conversation_id": types.StringValue(msg.ConversationID),
		"attachments":     types.ListValueMust(types.StringType, attachments),
		"meta":            meta,
	})
}
