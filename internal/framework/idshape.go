// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// objectIDPattern is the shape of the API's object ids: 20 letters and digits (contract §1.3),
// e.g. tDtDnQdgm2LXpyiqYvZ6.
var objectIDPattern = regexp.MustCompile(`^[A-Za-z0-9]{20}$`)

// IsObjectID reports whether s has the shape of an API object id (20 characters [A-Za-z0-9]).
func IsObjectID(s string) bool { return objectIDPattern.MatchString(s) }

// ObjectID validates that a string has the shape of an API object id, 20 letters and digits
// (contract §1.3). what names the id in the message ("agent id"). Null and unknown values are
// not judged. The contract lets the client accept any id (OAS examples include `emp_123`), so
// only use it where the family asks for plan-time id checks.
func ObjectID(what string) validator.String { return objectIDValidator{what: what} }

type objectIDValidator struct{ what string }

func (v objectIDValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a HighLevel %s: exactly 20 letters and digits, e.g. tDtDnQdgm2LXpyiqYvZ6", v.what)
}

func (v objectIDValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v objectIDValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || IsObjectID(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.what,
		fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
}
