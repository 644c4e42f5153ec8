// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// HighLevel ids are opaque (contract §1.3): 20 alphanumerics for most objects, 24-hex ObjectIds
// for crawl objects, and documentation examples such as "emp_123". The client never checks
// their format. What can be rejected at plan time is an id that cannot be one at all: empty,
// with spaces, slashes or other characters that would change the request's path or query
// ("abc/def", "id?x=1", "${var.x} "), or absurdly long.
var opaqueIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// maxOpaqueIDLength is the longest id OpaqueID accepts.
const maxOpaqueIDLength = 64

// OpaqueID validates a HighLevel object id at plan time: 1–64 letters, digits, "_" or "-".
// It does not require the 20-character form, so ids of other shapes (OAS examples, ObjectIds)
// still pass; existence is checked by the API at read time.
func OpaqueID() validator.String { return opaqueIDValidator{} }

type opaqueIDValidator struct{}

func (opaqueIDValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a HighLevel id: 1–%d letters, digits, '_' or '-'", maxOpaqueIDLength)
}

func (v opaqueIDValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (opaqueIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := CheckOpaqueID(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid HighLevel id", msg)
	}
}

// CheckOpaqueID returns why id cannot be a HighLevel id, or "" when it can. Command-line tools
// use it for their flags; schemas use OpaqueID.
func CheckOpaqueID(id string) string {
	if opaqueIDPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("%q is not a HighLevel id: an id is 1–%d letters, digits, '_' or '-' (for example tDtDnQdgm2LXpyiqYvZ6), "+
		"with no spaces, slashes or other punctuation", id, maxOpaqueIDLength)
}
