// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ValidateConfig checks the rules of contract voice-ai.md §4.3 that span several attributes,
// at plan time and without calling the API.
func (r *voiceAgentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m voiceAgentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, p := range validateVoiceAgent(ctx, m) {
		resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
	}
}

type problem struct {
	path            path.Path
	summary, detail string
}

// validateVoiceAgent returns the translation problems of a configuration (§4.3): translation
// only for agents that do not speak en-US, with a language that is the agent's or en-US.
// Unknown values are not judged.
func validateVoiceAgent(ctx context.Context, m voiceAgentModel) []problem {
	if m.Translation.IsNull() || m.Translation.IsUnknown() || m.Language.IsUnknown() {
		return nil
	}
	var t translationModel
	if d := m.Translation.As(ctx, &t, asObject); d.HasError() || t.Enabled.IsUnknown() || t.Language.IsUnknown() {
		return nil
	}
	lang := defaultLanguage
	if !m.Language.IsNull() {
		lang = m.Language.ValueString()
	}
	at := path.Root("translation")
	switch {
	case !t.Enabled.ValueBool() && !t.Language.IsNull():
		return []problem{{at.AtName("language"), "translation.language without translation",
			"translation.language can only be set with translation.enabled = true (the API drops it otherwise). Remove it or enable translation."}}
	case !t.Enabled.ValueBool():
		return nil
	case lang == "en-US":
		return []problem{{at.AtName("enabled"), "Translation needs another language",
			"Translation can only be enabled when the agent's language is not en-US (it is " + lang + "). Set language to another value, or disable translation."}}
	case t.Language.IsNull():
		return []problem{{at.AtName("language"), "Missing translation language",
			"With translation.enabled = true, set translation.language to the agent's language (" + lang + ") or en-US."}}
	case t.Language.ValueString() != lang && t.Language.ValueString() != "en-US":
		return []problem{{at.AtName("language"), "Invalid translation language",
			"translation.language must be the agent's language (" + lang + ") or en-US, got " + t.Language.ValueString() + "."}}
	}
	return nil
}
