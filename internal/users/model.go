// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// userModel is the state of highlevel_user. PasswordWO is write-only: always null in plan
// and state; its value is read from the configuration.
type userModel struct {
	ID                   types.String   `tfsdk:"id"`
	LocationID           types.String   `tfsdk:"location_id"`
	FirstName            types.String   `tfsdk:"first_name"`
	LastName             types.String   `tfsdk:"last_name"`
	Email                types.String   `tfsdk:"email"`
	Phone                types.String   `tfsdk:"phone"`
	Type                 types.String   `tfsdk:"type"`
	Role                 types.String   `tfsdk:"role"`
	LocationIDs          types.Set      `tfsdk:"location_ids"`
	Permissions          types.Object   `tfsdk:"permissions"`
	Scopes               types.Set      `tfsdk:"scopes"`
	ScopesAssignedToOnly types.Set      `tfsdk:"scopes_assigned_to_only"`
	PasswordWO           types.String   `tfsdk:"password_wo"`
	PasswordWOVersion    types.Int64    `tfsdk:"password_wo_version"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// toInput builds the request body from the plan: always the full scopes lists and all 38 flags
// (users.md §2), "" to clear the phone on update (DESIGN.md rule 5). The email goes on create
// only (it cannot change); password is sent when not "".
func (m userModel) toInput(ctx context.Context, forUpdate bool, password string, diags *diag.Diagnostics) client.UserInput {
	in := client.UserInput{
		FirstName:            m.FirstName.ValueString(),
		LastName:             m.LastName.ValueString(),
		Password:             password,
		Phone:                framework.StringPointer(m.Phone),
		Type:                 m.Type.ValueString(),
		Role:                 m.Role.ValueString(),
		LocationIDs:          framework.Strings(ctx, m.LocationIDs, diags),
		Permissions:          permissionsInput(m.Permissions),
		Scopes:               framework.Strings(ctx, m.Scopes, diags),
		ScopesAssignedToOnly: framework.Strings(ctx, m.ScopesAssignedToOnly, diags),
	}
	if !forUpdate {
		in.Email = m.Email.ValueString()
	}
	if forUpdate && in.Phone == nil {
		empty := ""
		in.Phone = &empty
	}
	if in.Scopes == nil {
		in.Scopes = []string{}
	}
	if in.ScopesAssignedToOnly == nil {
		in.ScopesAssignedToOnly = []string{}
	}
	return in
}

// permissionsInput maps the permissions object to the API's 38 flags; a flag that is null or
// unknown gets its default.
func permissionsInput(obj types.Object) map[string]bool {
	attrs := obj.Attributes()
	out := make(map[string]bool, len(client.UserPermissionFlags))
	for _, f := range client.UserPermissionFlags {
		v, _ := attrs[snake(f)].(types.Bool)
		if v.IsNull() || v.IsUnknown() {
			out[f] = client.UserPermissionDefault(f)
		} else {
			out[f] = v.ValueBool()
		}
	}
	return out
}

// permissionsValue maps the API's flags to state; a flag the API leaves out keeps its prior
// value (or its default).
func permissionsValue(api map[string]bool, prior types.Object) types.Object {
	priorAttrs := prior.Attributes()
	vals := make(map[string]attr.Value, len(client.UserPermissionFlags))
	for _, f := range client.UserPermissionFlags {
		name := snake(f)
		switch b, ok := api[f]; {
		case ok:
			vals[name] = types.BoolValue(b)
		default:
			p, _ := priorAttrs[name].(types.Bool)
			if p.IsNull() || p.IsUnknown() {
				p = types.BoolValue(client.UserPermissionDefault(f))
			}
			vals[name] = p
		}
	}
	return types.ObjectValueMust(permissionAttrTypes, vals)
}

// userFromAPI maps the API's user to state (DESIGN.md rule 1). prior is the plan or state the
// answer replaces: it keeps what the API never returns (scopes_assigned_to_only, the password
// version, timeouts) and the written form of values the API may reformat (phone, email case).
func userFromAPI(u *client.User, locationID string, prior userModel) userModel {
	m := userModel{
		ID:                   types.StringValue(u.ID),
		LocationID:           types.StringValue(locationID),
		FirstName:            types.StringValue(u.FirstName),
		LastName:             types.StringValue(u.LastName),
		Email:                types.StringValue(u.Email),
		Phone:                phoneValue(u.Phone, prior.Phone),
		Type:                 types.StringValue(u.Roles.Type),
		Role:                 types.StringValue(u.Roles.Role),
		LocationIDs:          framework.StringSetValue(u.Roles.LocationIDs),
		Permissions:          permissionsValue(u.Permissions, prior.Permissions),
		Scopes:               framework.StringSetValue(u.Scopes),
		ScopesAssignedToOnly: prior.ScopesAssignedToOnly,
		PasswordWO:           types.StringNull(),
		PasswordWOVersion:    prior.PasswordWOVersion,
		Timeouts:             prior.Timeouts,
	}
	if !prior.Email.IsNull() && !prior.Email.IsUnknown() && strings.EqualFold(prior.Email.ValueString(), u.Email) {
		m.Email = prior.Email
	}
	// Every member of the answer is optional in the OAS: a roles member the API leaves out
	// keeps what is known rather than showing a change nobody made.
	m.Type = keepIfAbsent(u.Roles.Type, prior.Type, defaultType)
	m.Role = keepIfAbsent(u.Roles.Role, prior.Role, defaultRole)
	if u.Roles.LocationIDs == nil && !prior.LocationIDs.IsNull() && !prior.LocationIDs.IsUnknown() {
		m.LocationIDs = prior.LocationIDs
	}
	if u.Scopes == nil && !prior.Scopes.IsNull() && !prior.Scopes.IsUnknown() {
		m.Scopes = prior.Scopes
	}
	if m.ScopesAssignedToOnly.IsNull() || m.ScopesAssignedToOnly.IsUnknown() {
		m.ScopesAssignedToOnly = types.SetValueMust(types.StringType, nil) // write-only: unknown after import
	}
	if m.Timeouts.IsNull() || m.Timeouts.IsUnknown() {
		m.Timeouts = timeouts.Value{Object: types.ObjectNull(timeoutAttrTypes)}
	}
	return m
}

var timeoutAttrTypes = map[string]attr.Type{"delete": types.StringType}

// phoneValue keeps the written phone when the API answers the same digits in another format
// (users.md §4.2: "+1 808-868-8888"); "" is null unless the user wrote "".
func phoneValue(api string, prior types.String) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && digits(prior.ValueString()) == digits(api) {
		return prior
	}
	return framework.ClearableStringValue(&api, prior)
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// keepIfAbsent maps a string the API may leave out: absent keeps the prior value, else def.
func keepIfAbsent(api string, prior types.String, def string) types.String {
	switch {
	case api != "":
		return types.StringValue(api)
	case !prior.IsNull() && !prior.IsUnknown():
		return prior
	default:
		return types.StringValue(def)
	}
}
