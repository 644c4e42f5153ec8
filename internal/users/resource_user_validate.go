// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Plan-time checks of highlevel_user (users.md §4.1, §5.4): they judge known values only and
// never call the API.

// allScopes is every value the Users API lists, v1 and v3-only.
var allScopes = slices.Concat(client.UserScopes, client.UserScopesV3Only)

// scopeValidator accepts the user scope values of the API and names the closest allowed values
// for anything else.
type scopeValidator struct{}

func (scopeValidator) Description(context.Context) string {
	return "must be one of HighLevel's user scope values"
}

func (v scopeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (scopeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if slices.Contains(allScopes, s) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown user scope",
		fmt.Sprintf("%q is not a HighLevel user scope. The closest allowed values are: %s. (AI values include "+
			"text-ai-agents.write, text-ai-agent-goals.readonly|write, text-ai-agent-training.write, "+
			"text-ai-agents-dashboard.readonly, voice-ai-agents.readonly|write, voice-ai-agent-goals.readonly|write, "+
			"voice-ai-dashboard.readonly; there is no text-ai-agents.readonly, agent-studio.* or conversation-ai.* user scope.)",
			s, strings.Join(closestScopes(s, 5), ", ")))
}

// closestScopes returns the n allowed values nearest to s by edit distance (ties by name).
func closestScopes(s string, n int) []string {
	type cand struct {
		v string
		d int
	}
	cands := make([]cand, 0, len(allScopes))
	for _, v := range allScopes {
		cands = append(cands, cand{v, editDistance(strings.ToLower(s), strings.ToLower(v))})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].v < cands[j].v
	})
	out := make([]string, 0, n)
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.v)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// passwordValidator applies HighLevel's password rule (OAS-v3, users.md §4.1) to the
// write-only password. The message never repeats the value.
type passwordValidator struct{}

func (passwordValidator) Description(context.Context) string {
	return "must have at least 12 characters, an upper-case letter, a lower-case letter, a digit and a special character"
}

func (v passwordValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v passwordValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if !client.UserPasswordOK(req.ConfigValue.ValueString()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Password too weak",
			"HighLevel requires a password of at least 12 characters with at least one upper-case letter (A-Z), "+
				"one lower-case letter (a-z), one digit (0-9) and one special character (e.g. !, @, #, $).")
	}
}

// emailValidator checks the shape of an email (one @, a dot in the domain, no spaces).
type emailValidator struct{}

func (emailValidator) Description(context.Context) string {
	return `must be an email address such as "ada@example.com"`
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v emailValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t\r\n") || strings.Contains(domain, "@") ||
		!strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid email", fmt.Sprintf("email %s; got %q.", v.Description(ctx), s))
	}
}

// ValidateConfig checks what spans attributes: a password version without a password.
func (r *userResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var pw types.String
	var version types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo_version"), &version)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pw.IsNull() && !pw.IsUnknown() && !version.IsNull() && !version.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("password_wo_version"), "password_wo_version without password_wo",
			"password_wo_version only says when to send password_wo again; set password_wo too.")
	}
}

// planCreateNeedsPassword: the API requires a password on create (users.md §4.1).
func planCreateNeedsPassword(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var pw types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
	if !resp.Diagnostics.HasError() && pw.IsNull() && !pw.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("password_wo"), "Missing password",
			"HighLevel requires a password to create a user: set password_wo (write-only, never stored in state), "+
				"e.g. from a variable marked sensitive or an ephemeral resource.")
	}
}
