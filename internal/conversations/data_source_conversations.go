// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/conversations/audit"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = (*conversationsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*conversationsDataSource)(nil)
)

// Statuses of the conversation search (contract §3.4).
var statuses = []string{"all", "read", "unread", "starred", "recents"}

// defaultAgentScanLimit bounds the conversations examined for agent_id.
const defaultAgentScanLimit = 100

// NewConversationsDataSource is the highlevel_conversations data source.
func NewConversationsDataSource() datasource.DataSource { return &conversationsDataSource{} }

type conversationsDataSource struct {
	client *client.Client
}

type conversationsModel struct {
	LocationID     types.String `tfsdk:"location_id"`
	AgentID        types.String `tfsdk:"agent_id"`
	ContactID      types.String `tfsdk:"contact_id"`
	AssignedTo     types.String `tfsdk:"assigned_to"`
	Query          types.String `tfsdk:"query"`
	Status         types.String `tfsdk:"status"`
	StartDate      types.String `tfsdk:"start_date"`
	EndDate        types.String `tfsdk:"end_date"`
	MaxResults     types.Int64  `tfsdk:"max_results"`
	AgentScanLimit types.Int64  `tfsdk:"agent_scan_limit"`
	IDs            types.List   `tfsdk:"ids"`
	Conversations  types.List   `tfsdk:"conversations"`
	Truncated      types.Bool   `tfsdk:"truncated"`
}

var conversationType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":                types.StringType,
	"contact_id":        types.StringType,
	"location_id":       types.StringType,
	"type":              types.StringType,
	"full_name":         types.StringType,
	"contact_name":      types.StringType,
	"email":             types.StringType,
	"phone":             types.StringType,
	"assigned_to":       types.StringType,
	"starred":           types.BoolType,
	"unread_count":      types.Int64Type,
	"last_message_body": types.StringType,
	"last_message_type": types.StringType,
	"last_message_date": types.StringType,
	"agent_message_id":  types.StringType,
}}

func (d *conversationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conversations"
}

func (d *conversationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	id := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{framework.OpaqueID()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The conversations of a location, newest first (by the date of their last message), " +
			"optionally filtered by AI agent, contact, assignee, text, status and date range. All pages of the API's " +
			"search are followed up to `max_results` conversations (default 100); `truncated` says whether more exist. " +
			"For a complete export of messages use the `highlevel-export` command instead: it does not go through state.\n\n" +
			"**The agent filter and its cost.** The conversation API has no agent filter: the only link from a conversation " +
			"to an AI agent is the AI generation of each message the agent wrote (`GET /conversation-ai/generations`, whose " +
			"`agentId` names the agent). With `agent_id`, the data source first checks that the agent exists (an unknown " +
			"id is an error, not an empty list), then examines the matching conversations newest first: it lists each " +
			"conversation's messages (one request per 100 messages) and asks for the generation of its outbound messages, " +
			"newest first, until one written by the agent turns up. A conversation the agent wrote in costs about " +
			"`1 + (outbound messages newer than the agent's last one)` requests; one it did not write in costs " +
			"`1 + (all its outbound messages)`. At the provider's default rate limit (95 requests per 10 s), examining 100 " +
			"conversations of 20 messages costs up to about 1,100 requests, two minutes: that is why the scan stops " +
			"after `agent_scan_limit` conversations (default 100). Narrow the search with `start_date`, `contact_id` or " +
			"`status` rather than raising the limit.",
		Attributes: map[string]schema.Attribute{
			"location_id": locationAttribute("whose conversations to read"),
			"agent_id": id("Only conversations in which this Conversation AI agent wrote at least one message (see the " +
				"agent filter above for how it works and what it costs). The agent must exist in the location."),
			"contact_id":  id("Only the conversations of this contact."),
			"assigned_to": id("Only conversations assigned to this user id."),
			"query": schema.StringAttribute{
				MarkdownDescription: "Only conversations matching this text (the API searches the contact's name, e-mail and " +
					"phone and the last message).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only conversations in this state: `all` (the default), `read`, `unread`, `starred` or `recents`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(statuses...)},
			},
			"start_date": schema.StringAttribute{
				MarkdownDescription: "Only conversations whose last message is at or after this time, an RFC 3339 timestamp " +
					"such as `2026-01-01T00:00:00Z` (sent to the API as epoch milliseconds). The API filters on the date of " +
					"the **last** message: a conversation that started earlier and is still active is included.",
				Optional:   true,
				Validators: []validator.String{framework.RFC3339()},
			},
			"end_date": schema.StringAttribute{
				MarkdownDescription: "Only conversations whose last message is at or before this time (RFC 3339). Must not be " +
					"before `start_date`: an inverted range is rejected at plan time.",
				Optional:   true,
				Validators: []validator.String{framework.RFC3339()},
			},
			"max_results": maxResultsAttribute("conversations"),
			"agent_scan_limit": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("With `agent_id`: the most conversations to examine (newest first) while looking "+
					"for the agent's, 1–10,000 (default %d). It bounds the time and requests a plan spends (see the cost above); "+
					"when the scan stops at this limit, `truncated` is `true`.", defaultAgentScanLimit),
				Optional: true, Computed: true,
				Validators: []validator.Int64{
					int64validator.Between(1, maxMaxResults),
					int64validator.AlsoRequires(path.MatchRoot("agent_id")),
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the conversations found, in the order of `conversations`.",
				Computed:            true, ElementType: types.StringType,
			},
			"truncated": schema.BoolAttribute{
				MarkdownDescription: "Whether the list may be incomplete: more conversations match than `max_results` (without " +
					"`agent_id` this is exact: the data source reads one more to know), or, with `agent_id`, the scan stopped " +
					"at `max_results` matches or at `agent_scan_limit` before examining every conversation.",
				Computed: true,
			},
			"conversations": schema.ListNestedAttribute{
				MarkdownDescription: "The conversations found, newest last message first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                str("The conversation's ID."),
					"contact_id":        str("The contact's ID."),
					"location_id":       str("The location's ID."),
					"type":              str("The conversation type: `TYPE_PHONE`, `TYPE_EMAIL`, `TYPE_FB_MESSENGER`, `TYPE_REVIEW`, `TYPE_GROUP_SMS`, …"),
					"full_name":         str("The contact's full name."),
					"contact_name":      str("The contact's name as the conversation shows it."),
					"email":             str("The contact's e-mail address."),
					"phone":             str("The contact's phone number."),
					"assigned_to":       str("The user the conversation is assigned to; null when unassigned."),
					"starred":           schema.BoolAttribute{MarkdownDescription: "Whether the conversation is starred.", Computed: true},
					"unread_count":      schema.Int64Attribute{MarkdownDescription: "How many messages are unread.", Computed: true},
					"last_message_body": str("The text of the last message."),
					"last_message_type": str("The type of the last message (`TYPE_SMS`, `TYPE_EMAIL`, …)."),
					"last_message_date": str("When the last message was sent (RFC 3339, UTC; the API's `lastMessageDate` in epoch milliseconds); null when the API does not say."),
					"agent_message_id": str("With `agent_id`: the newest message of the conversation that the agent wrote (read its " +
						"generation with the `highlevel_ai_generation` data source); null without `agent_id`."),
				}},
			},
		},
	}
}

func (d *conversationsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{framework.TimeRange(path.Root("start_date"), path.Root("end_date"))}
}

func (d *conversationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *conversationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m conversationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	q := client.ConversationQuery{
		ContactID: m.ContactID.ValueString(), AssignedTo: m.AssignedTo.ValueString(), Query: m.Query.ValueString(),
		Status: m.Status.ValueString(),
	}
	if q.StartDate, err = rfc3339ToMillis(m.StartDate); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("start_date"), "Invalid timestamp", err.Error())
		return
	}
	if q.EndDate, err = rfc3339ToMillis(m.EndDate); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("end_date"), "Invalid timestamp", err.Error())
		return
	}
	limit := maxResults(m.MaxResults)

	var found []client.Conversation
	agentMessages := map[string]string{}
	truncated := false
	if agent := m.AgentID.ValueString(); agent != "" {
		if err := audit.CheckAgent(ctx, d.client, location, agent); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("agent_id"), "Unknown agent", err.Error())
			return
		}
		scanLimit := defaultAgentScanLimit
		if !m.AgentScanLimit.IsNull() && !m.AgentScanLimit.IsUnknown() {
			scanLimit = int(m.AgentScanLimit.ValueInt64())
		}
		m.AgentScanLimit = types.Int64Value(int64(scanLimit))
		candidates, err := d.client.SearchConversations(ctx, location, q, scanLimit+1)
		if err != nil {
			resp.Diagnostics.AddError("Cannot search conversations", err.Error())
			return
		}
		if len(candidates) > scanLimit {
			candidates, truncated = candidates[:scanLimit], true
		}
		matcher := &audit.AgentMatcher{Client: d.client, LocationID: location, AgentID: agent}
		examined := 0
		for _, cv := range candidates {
			if len(found) == limit {
				truncated = true // conversations are left unexamined
				break
			}
			examined++
			msgID, err := matcher.NewestAgentMessage(ctx, cv.ID)
			if err != nil {
				resp.Diagnostics.AddError("Cannot check the conversation's agent", err.Error())
				return
			}
			if msgID != "" {
				found = append(found, cv)
				agentMessages[cv.ID] = msgID
			}
		}
		tflog.Debug(ctx, "agent filter", map[string]any{
			"agent_id": agent, "conversations_examined": examined, "conversations_matched": len(found),
			"requests": matcher.Calls + len(candidates)/100 + 2,
		})
	} else {
		m.AgentScanLimit = types.Int64Null()
		found, err = d.client.SearchConversations(ctx, location, q, limit+1)
		if err != nil {
			resp.Diagnostics.AddError("Cannot search conversations", err.Error())
			return
		}
		if len(found) > limit {
			found, truncated = found[:limit], true
		}
	}

	ids := make([]attr.Value, 0, len(found))
	objs := make([]attr.Value, 0, len(found))
	for _, cv := range found {
		ids = append(ids, types.StringValue(cv.ID))
		objs = append(objs, conversationValue(cv, location, agentMessages[cv.ID]))
	}
	m.LocationID = types.StringValue(location)
	m.MaxResults = types.Int64Value(int64(limit))
	m.IDs = types.ListValueMust(types.StringType, ids)
	m.Conversations = types.ListValueMust(conversationType, objs)
	m.Truncated = types.BoolValue(truncated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// conversationValue maps a search result.
func conversationValue(cv client.Conversation, location, agentMessageID string) attr.Value {
	loc := cv.LocationID
	if loc == "" {
		loc = location
	}
	return types.ObjectValueMust(conversationType.AttrTypes, map[string]attr.Value{
		"id":                types.StringValue(cv.ID),
		"contact_id":        types.StringValue(cv.ContactID),
		"location_id":       types.StringValue(loc),
		"type":              types.StringValue(cv.Type),
		"full_name":         types.StringValue(cv.FullName),
		"contact_name":      types.StringValue(cv.ContactName),
		"email":             types.StringValue(cv.Email),
		"phone":             types.StringValue(cv.Phone),
		"assigned_to":       stringOrNull(cv.AssignedTo),
		"starred":           types.BoolValue(cv.Starred),
		"unread_count":      types.Int64Value(cv.UnreadCount),
		"last_message_body": types.StringValue(cv.LastMessageBody),
		"last_message_type": types.StringValue(cv.LastMessageType),
		"last_message_date": millisToRFC3339(cv.LastMessageDate),
		"agent_message_id":  stringOrNull(agentMessageID),
	})
}
