// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The API answers timestamps as ISO-8601 UTC with milliseconds ("2030-01-01T00:00:00.000Z",
// contract §1.3), whatever form they were sent in. These helpers let users write any RFC 3339
// form of an instant (validated by RFC3339) without the answer showing as a change.

// SameInstant reports whether a and b are RFC 3339 timestamps of the same instant at the
// API's precision (milliseconds). Unparsable values are never the same instant.
func SameInstant(a, b string) bool {
	ta, err1 := ParseRFC3339(a)
	tb, err2 := ParseRFC3339(b)
	return err1 == nil && err2 == nil && ta.Truncate(time.Millisecond).Equal(tb.Truncate(time.Millisecond))
}

// TimeValueKeepingForm maps an API timestamp that may be absent. When prior (the plan or state
// the answer replaces) names the same instant in another form, prior is kept, so that the
// user's "2030-01-01T00:00:00Z" is not reported as changed to "2030-01-01T00:00:00.000Z".
func TimeValueKeepingForm(api *string, prior types.String) types.String {
	if api == nil {
		return types.StringNull()
	}
	if !prior.IsNull() && !prior.IsUnknown() && SameInstant(prior.ValueString(), *api) {
		return prior
	}
	return types.StringValue(*api)
}

// FutureTimeProblem returns a message when s is a well-formed timestamp that is not after now,
// and "" otherwise (a malformed one is the RFC3339 validator's to report). name is the
// attribute's name.
func FutureTimeProblem(name, s string, now time.Time) string {
	t, err := ParseRFC3339(s)
	if err != nil || t.After(now) {
		return ""
	}
	return fmt.Sprintf("%s must be in the future: %s is %s ago (now is %s).", name, s,
		now.Sub(t).Round(time.Second), now.UTC().Format(time.RFC3339))
}
