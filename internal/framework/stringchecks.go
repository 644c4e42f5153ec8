// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// String validators for values the API requires in a given form. They judge known values
// only (an unknown value is judged at apply by the API) and say what is allowed. The
// contract documents no length limits on names and texts (§7.12), so none are added here.

// NotBlank rejects "" and text made only of whitespace, for required texts (names, FAQ
// questions and answers) that the API refuses when blank.
func NotBlank() validator.String { return notBlank{} }

type notBlank struct{}

func (notBlank) Description(context.Context) string {
	return "must contain at least one character that is not whitespace"
}

func (v notBlank) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notBlank) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value",
			fmt.Sprintf("%s must not be empty or only whitespace: write the text the API should store (there is no length limit).", req.Path))
	}
}

// AbsoluteHTTPURL accepts absolute http:// and https:// URLs with a host, such as
// "https://example.com/pricing"; relative URLs, other schemes and URLs with credentials
// are rejected with the reason.
func AbsoluteHTTPURL() validator.String { return absoluteHTTPURL{} }

type absoluteHTTPURL struct{}

func (absoluteHTTPURL) Description(context.Context) string {
	return `must be an absolute http:// or https:// URL with a host, such as "https://example.com/pricing"`
}

func (v absoluteHTTPURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v absoluteHTTPURL) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckAbsoluteHTTPURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL", fmt.Sprintf("%s %s.", req.Path, err))
	}
}

// CheckAbsoluteHTTPURL returns why s is not an absolute http(s) URL with a host, or nil.
func CheckAbsoluteHTTPURL(s string) error {
	const allowed = `must be an absolute http:// or https:// URL with a host, such as "https://example.com/pricing"`
	trimmed := strings.TrimSpace(s)
	if trimmed != s {
		return fmt.Errorf("%s, without spaces around it; got %q", allowed, s)
	}
	u, err := url.Parse(s)
	switch {
	case s == "":
		return fmt.Errorf("%s; got an empty string", allowed)
	case err != nil:
		return fmt.Errorf("%s; got %q, which does not parse: %v", allowed, s, err)
	case u.Scheme == "" && looksLikeHost(s):
		return fmt.Errorf("%s; got %q, which lacks the scheme (write \"https://%s\")", allowed, s, s)
	case u.Scheme == "" && strings.HasPrefix(s, "/"):
		return fmt.Errorf("%s; got the path %q alone (write the whole address, with the scheme and the host)", allowed, s)
	case u.Scheme == "":
		return fmt.Errorf("%s; got %q, which is not a web address", allowed, s)
	case !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https"):
		return fmt.Errorf("%s; got the scheme %q in %q", allowed, u.Scheme, s)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%s; got %q, which has no host", allowed, s)
	case u.User != nil:
		return fmt.Errorf("%s, without user name or password; got %q", allowed, redactUser(u))
	}
	return nil
}

// looksLikeHost reports text that reads like an address without its scheme: a host name with a
// dot ("example.com/pricing", "www.example.com"), no spaces.
func looksLikeHost(s string) bool {
	host, _, _ := strings.Cut(s, "/")
	host, _, _ = strings.Cut(host, ":")
	return !strings.ContainsAny(s, " \t") && strings.Contains(host, ".") && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".")
}

func redactUser(u *url.URL) string {
	c := *u
	c.User = url.User("…")
	return c.String()
}

// ElementOneOf validates each element of a set or list of strings (use it inside
// setvalidator.ValueStringsAre / listvalidator.ValueStringsAre) with a message in the user's
// words: `channels: "sms" is not one of "IG", "SMS", … (case-sensitive; did you mean "SMS"?)`.
func ElementOneOf(allowed ...string) validator.String { return elementOneOf(allowed) }

type elementOneOf []string

func (v elementOneOf) Description(context.Context) string {
	return "each element must be one of " + quoteAll(v)
}

func (v elementOneOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v elementOneOf) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueString()
	if slices.Contains(v, got) {
		return
	}
	msg := fmt.Sprintf("%s: %q is not one of %s (case-sensitive)", req.Path.ParentPath(), got, quoteAll(v))
	for _, a := range v {
		if strings.EqualFold(a, strings.TrimSpace(got)) {
			msg = fmt.Sprintf("%s: %q is not one of %s (case-sensitive; did you mean %q?)", req.Path.ParentPath(), got, quoteAll(v), a)
			break
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid value", msg+".")
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, s := range values {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
