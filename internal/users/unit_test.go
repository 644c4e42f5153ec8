// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func TestSnakeNames(t *testing.T) {
	for in, want := range map[string]string{
		"contentAiEnabled": "content_ai_enabled", "botService": "bot_service", "campaignsReadOnly": "campaigns_read_only",
		"facebookAdsReportingEnabled": "facebook_ads_reporting_enabled",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
	seen := map[string]bool{}
	for _, f := range client.UserPermissionFlags {
		if seen[snake(f)] {
			t.Errorf("two flags map to %s", snake(f))
		}
		seen[snake(f)] = true
	}
}

func TestClosestScopes(t *testing.T) {
	cases := map[string]string{
		"text-ai-agents.readonly": "text-ai-agent-goals.readonly",
		"voice-ai-agent.write":    "voice-ai-agents.write",
		"agent-studio.write":      "ai-studio.write",
		"conversation.readonly":   "conversations.readonly",
	}
	for in, want := range cases {
		if got := closestScopes(in, 5); !slices.Contains(got, want) {
			t.Errorf("closest to %q: %v, want %q among them", in, got, want)
		}
	}
	if editDistance("kitten", "sitting") != 3 || editDistance("", "abc") != 3 {
		t.Error("editDistance")
	}
}

// TestToInputSendsEverything: the full scopes lists and all 38 flags always, the phone cleared
// on update, the email on create only, the password only when given.
func TestToInputSendsEverything(t *testing.T) {
	ctx := context.Background()
	vals := map[string]attr.Value{}
	for k := range permissionAttrTypes {
		vals[k] = types.BoolNull()
	}
	vals["bot_service"] = types.BoolValue(true)
	m := userModel{
		FirstName: types.StringValue("Ada"), LastName: types.StringValue("L"), Email: types.StringValue("a@example.com"),
		Phone: types.StringNull(), Type: types.StringValue("account"), Role: types.StringValue("user"),
		LocationIDs: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("loc")}),
		Permissions: types.ObjectValueMust(permissionAttrTypes, vals),
		Scopes:      types.SetNull(types.StringType), ScopesAssignedToOnly: types.SetNull(types.StringType),
	}
	var diags diag.Diagnostics
	in := m.toInput(ctx, true, "", &diags)
	if diags.HasError() || in.Email != "" || in.Password != "" || in.Phone == nil || *in.Phone != "" ||
		in.Scopes == nil || in.ScopesAssignedToOnly == nil || len(in.Permissions) != 38 || !in.Permissions["botService"] || !in.Permissions["contactsEnabled"] {
		t.Errorf("update input %+v %v", in, diags)
	}
	in = m.toInput(ctx, false, "Str0ng!Passw0rd", &diags)
	if in.Email != "a@example.com" || in.Password != "Str0ng!Passw0rd" || in.Phone != nil {
		t.Errorf("create input %+v", in)
	}
}

func TestPhoneKeepsWrittenForm(t *testing.T) {
	if got := phoneValue("+1 808-868-8888", types.StringValue("+18088688888")); got.ValueString() != "+18088688888" {
		t.Errorf("same digits: %v", got)
	}
	if got := phoneValue("+1 808-868-0000", types.StringValue("+18088688888")); got.ValueString() != "+1 808-868-0000" {
		t.Errorf("other digits: %v", got)
	}
	if got := phoneValue("", types.StringNull()); !got.IsNull() {
		t.Errorf("empty: %v", got)
	}
}
