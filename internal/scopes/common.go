// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Limits of contract §5.1.
const (
	maxNameLength        = 100
	maxDescriptionLength = 500
)

// permissions are the values a scope may hold (contract §5.1), in the contract's order.
func permissions() []string { return client.ScopePermissions() }

// quoted renders values as a Markdown list of code spans.
func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// trimmedName is the pattern of a name the API stores as sent: it trims names, so leading or
// trailing whitespace would come back changed (and Terraform would report an inconsistent result).
var trimmedName = regexp.MustCompile(`(?s)^\S(.*\S)?$`)

// nameValidators check a scope or credential name: 1–100 characters, not blank, no leading or
// trailing whitespace (contract §5.1).
func nameValidators() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, maxNameLength),
		stringvalidator.RegexMatches(trimmedName, "must not be blank, nor start or end with whitespace (the API trims names)"),
	}
}

// unsupportedDetail explains ErrScopesUnsupported to the user.
const unsupportedDetail = "\n\nHighLevel's public API has no endpoints for scopes or scoped credentials: they exist only " +
	"in the bundled emulator (an extension of the API contract). Point the provider's base_url at the emulator to use " +
	"highlevel_scope, highlevel_scope_credential and their data sources. Nothing was changed."

// addError reports a failed API call. The real API's missing scope routes get a summary of their
// own, so that they can never be mistaken for a missing object.
func addError(diags *diag.Diagnostics, summary string, err error) {
	if errors.Is(err, client.ErrScopesUnsupported) {
		diags.AddError("Scope management is not available", fmt.Sprintf("%s: %s%s", summary, err, unsupportedDetail))
		return
	}
	diags.AddError(summary, err.Error())
}

// gone reports whether err means the object no longer exists: a 404 for the object, never the
// real API's missing routes.
func gone(err error) bool {
	return err != nil && !errors.Is(err, client.ErrScopesUnsupported) && client.IsNotFound(err)
}
