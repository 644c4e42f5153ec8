// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

const (
	defaultType = "account"
	defaultRole = "user"
)

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// snake is the attribute name of an API flag: contentAiEnabled → content_ai_enabled.
func snake(camel string) string {
	var b strings.Builder
	for i, r := range camel {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// permissionAttrTypes are the types of the permissions object: one bool per API flag.
var permissionAttrTypes = func() map[string]attr.Type {
	m := make(map[string]attr.Type, len(client.UserPermissionFlags))
	for _, f := range client.UserPermissionFlags {
		m[snake(f)] = types.BoolType
	}
	return m
}()

// permissionDefaults is the permissions object with every flag at the API's default.
func permissionDefaults() types.Object {
	vals := make(map[string]attr.Value, len(client.UserPermissionFlags))
	for _, f := range client.UserPermissionFlags {
		vals[snake(f)] = types.BoolValue(client.UserPermissionDefault(f))
	}
	return types.ObjectValueMust(permissionAttrTypes, vals)
}

// aiPermissionNotes say what the AI-related flags gate (users.md §4.3).
var aiPermissionNotes = map[string]string{
	"contentAiEnabled":     " AI-related: Content AI.",
	"botService":           " AI-related: a bot product (which one is undocumented).",
	"conversationsEnabled": " AI-related: the conversations the AI agents answer in.",
}

func permissionAttributes() map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(client.UserPermissionFlags))
	for _, f := range client.UserPermissionFlags {
		def := client.UserPermissionDefault(f)
		out[snake(f)] = schema.BoolAttribute{
			MarkdownDescription: fmt.Sprintf("The API's `%s`. Defaults to `%t` (the API's default).%s", f, def, aiPermissionNotes[f]),
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(def),
		}
	}
	return out
}

func (r *userResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptySet := types.SetValueMust(types.StringType, nil)
	resp.Schema = schema.Schema{
		MarkdownDescription: "A HighLevel user of a location (a client's staff member, or an integration user) with " +
			"the `permissions` flags and `scopes` that decide what they may do — in particular which AI features " +
			"(`text-ai-agents.write`, `voice-ai-agents.*`, `voice-ai-dashboard.readonly`, …) they may use.\n\n" +
			"The provider calls the Users API with the location's credential (a location Private Integration Token " +
			"with the `users.readonly`, `users.write` and `locations.readonly` scopes, or the agency OAuth app, which " +
			"mints a token for the location). Deleting a user is queued by HighLevel; `destroy` waits until the user " +
			"is gone (see `timeouts`).\n\n" +
			"The password is a write-only argument (`password_wo`, Terraform 1.11+ / OpenTofu 1.11+): it is sent to " +
			"HighLevel, never stored in the plan or state, and sent again only when `password_wo_version` changes.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The user's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id": framework.LocationIDAttribute(),
			"first_name": schema.StringAttribute{
				MarkdownDescription: "The user's first name.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
			"last_name": schema.StringAttribute{
				MarkdownDescription: "The user's last name.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "The user's email, their login. HighLevel cannot change it: changing it destroys the " +
					"user and creates a new one.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{emailValidator{}},
			},
			"phone": schema.StringAttribute{
				MarkdownDescription: "The user's phone number in E.164 form (`+15550100001`). The API may answer it in " +
					"another format; only the digits are compared. Removing the argument clears it remotely.",
				Optional: true,
			},
			"type": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The kind of user: %s (`account` is a sub-account user). Defaults to `%s`. "+
					"With a location credential HighLevel creates `account` users only.", quoted(client.UserTypeValues), defaultType),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultType),
				Validators: []validator.String{stringvalidator.OneOf(client.UserTypeValues...)},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The user's role: %s. Defaults to `%s`.", quoted(client.UserRoleValues), defaultRole),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultRole),
				Validators:          []validator.String{stringvalidator.OneOf(client.UserRoleValues...)},
			},
			"location_ids": schema.SetAttribute{
				MarkdownDescription: "The locations the user may enter. Defaults to `[location_id]`. With a location " +
					"credential HighLevel accepts only the credential's own location; a user who must enter several " +
					"client locations is managed with the agency's credential.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.Set{setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"permissions": schema.SingleNestedAttribute{
				MarkdownDescription: "The user's 38 permission flags, each defaulting to the API's default, so that a flag " +
					"changed in the HighLevel UI shows up as drift. Set only the flags that differ from the default. " +
					"The AI-related flags are `content_ai_enabled`, `bot_service` and `conversations_enabled`; Voice AI, " +
					"Conversation AI and Agent Studio have no flag and are governed by `scopes`.",
				Optional:   true,
				Computed:   true,
				Attributes: permissionAttributes(),
				Default:    objectdefault.StaticValue(permissionDefaults()),
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "Every scope the user has; those not listed are disabled, and the default (none) " +
					"disables all. Values are HighLevel's user scopes (189 in API v1), for example " +
					"`text-ai-agents.write`, `text-ai-agent-goals.readonly`, `text-ai-agent-training.write`, " +
					"`voice-ai-agents.readonly`, `voice-ai-dashboard.readonly`, `conversations.readonly`. The values " +
					"only API v3 lists (" + quoted(client.UserScopesV3Only) + ") make the provider send the request as " +
					"API v3. An unknown value is rejected at plan time with the closest allowed values.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(emptySet),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(scopeValidator{})},
			},
			"scopes_assigned_to_only": schema.SetAttribute{
				MarkdownDescription: "Scopes limited to the data assigned to the user (same values as `scopes`). " +
					"Defaults to none. HighLevel never returns this list, so a change made in the UI cannot be detected.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(emptySet),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(scopeValidator{})},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "The user's password, write-only: sent on create and whenever `password_wo_version` " +
					"changes, never stored in plan or state. Required to create a user. At least 12 characters with an " +
					"upper-case letter, a lower-case letter, a digit and a special character (HighLevel's rule).",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{passwordValidator{}},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number; change it to send `password_wo` again (a password rotation).",
				Optional:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
	}
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.LocationIdentitySchema("The user's ID.")
}
