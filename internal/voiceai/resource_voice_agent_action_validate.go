// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ValidateConfig checks the custom-action rules of contract voice-ai.md §5.2-§5.3 that span
// several attributes, at plan time and without calling the API. (Exactly one action kind is
// ConfigValidators' job; single-attribute rules are validators in the schema).
func (r *voiceActionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m voiceActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.CustomAction.IsNull() || m.CustomAction.IsUnknown() {
		return
	}
	var k customActionModel
	resp.Diagnostics.Append(m.CustomAction.As(ctx, &k, asObject)...)
	if resp.Diagnostics.HasError() {
		return
	}
	at := path.Root("custom_action")
	if !k.URL.IsNull() && !k.URL.IsUnknown() {
		u, err := url.Parse(k.URL.ValueString())
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			resp.Diagnostics.AddAttributeError(at.AtName("url"), "Invalid URL",
				"custom_action.url must be an absolute http or https URL, e.g. https://api.example.com/orders, got "+k.URL.ValueString()+".")
		}
	}
	if !k.Method.IsUnknown() && !k.SelectedPaths.IsUnknown() {
		switch {
		case k.Method.ValueString() == "GET" && k.SelectedPaths.IsNull():
			resp.Diagnostics.AddAttributeError(at.AtName("selected_paths"), "Missing selected_paths",
				"With method = \"GET\", set selected_paths: at least one path in the API's answer for the agent to use (e.g. \"$.status\").")
		case k.Method.ValueString() == "POST" && !k.SelectedPaths.IsNull():
			resp.Diagnostics.AddAttributeError(at.AtName("selected_paths"), "selected_paths with POST",
				"With method = \"POST\", leave selected_paths unset (the API accepts paths only for GET).")
		}
	}
	if k.AuthenticationRequired.ValueBool() && k.AuthenticationValueWO.IsNull() {
		resp.Diagnostics.AddAttributeError(at.AtName("authentication_value_wo"), "Missing authentication value",
			"With authentication_required = true, set authentication_value_wo (the token or key the external API needs).")
	}
	if !k.AuthenticationRequired.ValueBool() && !k.AuthenticationValueWO.IsNull() && !k.AuthenticationValueWO.IsUnknown() {
		resp.Diagnostics.AddAttributeError(at.AtName("authentication_required"), "Authentication value without authentication_required",
			"authentication_value_wo is only sent with authentication_required = true. Set it, or remove the value.")
	}
}
