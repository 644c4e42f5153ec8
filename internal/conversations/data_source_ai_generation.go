// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"context"
	"fmt"

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

var _ datasource.DataSourceWithConfigure = (*generationDataSource)(nil)

// NewAIGenerationDataSource is the highlevel_ai_generation data source.
func NewAIGenerationDataSource() datasource.DataSource { return &generationDataSource{} }

type generationDataSource struct {
	client *client.Client
}

type generationModel struct {
	LocationID      types.String `tfsdk:"location_id"`
	MessageID       types.String `tfsdk:"message_id"`
	Source          types.String `tfsdk:"source"`
	AgentID         types.String `tfsdk:"agent_id"`
	Mode            types.String `tfsdk:"mode"`
	Prompt          types.String `tfsdk:"prompt"`
	Intent          types.String `tfsdk:"intent"`
	Input           types.String `tfsdk:"input"`
	ResponseMessage types.String `tfsdk:"response_message"`
	FAQs            types.List   `tfsdk:"faqs"`
	Website         types.List   `tfsdk:"website"`
	ActionLogs      types.List   `tfsdk:"action_logs"`
	History         types.List   `tfsdk:"history"`
}

var turnType = types.ObjectType{AttrTypes: map[string]attr.Type{"role": types.StringType, "content": types.StringType}}

var generationSources = []string{client.GenerationSourceConversation, client.GenerationSourceWorkflow}

func (d *generationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ai_generation"
}

func (d *generationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	jsonAttr := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{
			MarkdownDescription: desc + " The API does not document the elements' shape, so each element is a normalised " +
				"JSON string (compact, keys sorted): read it with `jsondecode`, count with `length`.",
			Computed: true, ElementType: types.StringType,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The AI generation behind one message: which Conversation AI agent wrote it, what it was asked " +
			"(prompt, input, conversation history), how it understood it (intent), which knowledge it used (FAQs and " +
			"website pages) and which actions it took. Use it to check an agent's answers before go-live, e.g. in a " +
			"`check` block or a `postcondition` that fails when an answer used no knowledge source. A message that no agent " +
			"wrote has no generation: that is an error.",
		Attributes: map[string]schema.Attribute{
			"location_id": locationAttribute("of the message"),
			"message_id": schema.StringAttribute{
				MarkdownDescription: "The message's ID (an outbound message an AI agent wrote; see " +
					"`highlevel_conversations.conversations[*].agent_message_id` and `highlevel_conversation_messages`).",
				Required:   true,
				Validators: []validator.String{framework.OpaqueID()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Where the message was generated: `conversation` (the default: an agent answering in a " +
					"conversation) or `workflow` (an AI step of a workflow; such messages have `source = \"workflow\"`).",
				Optional: true, Computed: true,
				Validators: []validator.String{stringvalidator.OneOf(generationSources...)},
			},
			"agent_id":         str("The ID of the agent that wrote the message."),
			"mode":             str("The agent's mode when it wrote the message: `off`, `suggestive` or `auto-pilot`."),
			"prompt":           str("The prompt the agent was given."),
			"intent":           str("The intent the agent recognised; null when the API returns none."),
			"input":            str("The input the agent answered (usually the contact's last message)."),
			"response_message": str("The answer the agent generated (the API's `responseMessage`)."),
			"faqs":             jsonAttr("The knowledge-base FAQs the agent used (empty when it used none)."),
			"website":          jsonAttr("The trained website pages the agent used (empty when it used none)."),
			"action_logs":      jsonAttr("The actions the agent took while answering (the API's `actionLogs`)."),
			"history": schema.ListNestedAttribute{
				MarkdownDescription: "The conversation the agent saw, oldest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"role":    str("`user` (the contact) or `assistant` (the agent)."),
					"content": str("The text of that turn."),
				}},
			},
		},
	}
}

func (d *generationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ConfigureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *generationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m generationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := d.client.LocationID(m.LocationID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("location_id"), "Missing location", err.Error())
		return
	}
	source := m.Source.ValueString()
	if source == "" {
		source = client.GenerationSourceConversation
	}
	msgID := m.MessageID.ValueString()
	g, err := d.client.GetGeneration(ctx, location, msgID, source)
	if client.IsNotFound(err) && !client.IsRouteNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("message_id"), "No AI generation for this message", fmt.Sprintf(
			"Message %q of location %s has no AI generation with source %q: either the message does not exist, or no "+
				"agent wrote it, or it was generated elsewhere (try source = %q). The API said: %v",
			msgID, location, source, otherSource(source), err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the AI generation", err.Error())
		return
	}
	history := make([]attr.Value, 0, len(g.History))
	for _, t := range g.History {
		history = append(history, types.ObjectValueMust(turnType.AttrTypes, map[string]attr.Value{
			"role": types.StringValue(t.Role), "content": types.StringValue(t.Content),
		}))
	}
	m.LocationID = types.StringValue(location)
	m.Source = types.StringValue(source)
	m.AgentID = types.StringValue(g.AgentID)
	m.Mode = types.StringValue(g.Mode)
	m.Prompt = types.StringValue(g.Prompt)
	m.Intent = framework.StringValue(g.Intent)
	m.Input = types.StringValue(g.Input)
	m.ResponseMessage = types.StringValue(g.ResponseMessage)
	m.FAQs = jsonList(g.FAQs)
	m.Website = jsonList(g.Website)
	m.ActionLogs = jsonList(g.ActionLogs)
	m.History = types.ListValueMust(turnType, history)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func otherSource(s string) string {
	if s == client.GenerationSourceWorkflow {
		return client.GenerationSourceConversation
	}
	return client.GenerationSourceWorkflow
}
