// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validateString(v validator.String, value types.String) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: value}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestNotBlank(t *testing.T) {
	for _, ok := range []types.String{types.StringValue("a"), types.StringValue("  a "), types.StringNull(), types.StringUnknown(),
		types.StringValue(strings.Repeat("long ", 10000))} {
		if msg := validateString(NotBlank(), ok); msg != "" {
			t.Errorf("%v rejected: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", " ", "\t\n"} {
		msg := validateString(NotBlank(), types.StringValue(bad))
		if !strings.Contains(msg, "x must not be empty or only whitespace") {
			t.Errorf("%q: message %q", bad, msg)
		}
	}
}

func TestAbsoluteHTTPURL(t *testing.T) {
	for _, ok := range []string{"https://example.com", "http://example.com/a?b=c#d", "HTTPS://Example.com/Path", "https://127.0.0.1:8080/x"} {
		if msg := validateString(AbsoluteHTTPURL(), types.StringValue(ok)); msg != "" {
			t.Errorf("%q rejected: %s", ok, msg)
		}
	}
	cases := map[string]string{
		"/pricing":                    `the path "/pricing" alone`,
		"example.com/pricing":         `lacks the scheme (write "https://example.com/pricing")`,
		"not a url":                   `"not a url", which is not a web address`,
		"ftp://example.com":           `scheme "ftp"`,
		"mailto:someone@example.com":  `scheme "mailto"`,
		"https://":                    "has no host",
		"https:///path":               "has no host",
		"":                            "empty string",
		" https://example.com":        "without spaces",
		"https://user:pw@example.com": "without user name or password",
		"http://[::1":                 "does not parse",
	}
	for in, want := range cases {
		msg := validateString(AbsoluteHTTPURL(), types.StringValue(in))
		if !strings.Contains(msg, want) || !strings.Contains(msg, "must be an absolute http:// or https:// URL") {
			t.Errorf("%q: message %q, want it to contain %q", in, msg, want)
		}
		if strings.Contains(msg, "pw") {
			t.Errorf("%q: message %q shows the password", in, msg)
		}
	}
	for _, skip := range []types.String{types.StringNull(), types.StringUnknown()} {
		if msg := validateString(AbsoluteHTTPURL(), skip); msg != "" {
			t.Errorf("%v rejected: %s", skip, msg)
		}
	}
}

func TestElementOneOf(t *testing.T) {
	v := ElementOneOf("IG", "SMS", "WebChat")
	ctx := context.Background()
	check := func(in, want string) {
		t.Helper()
		req := validator.StringRequest{Path: path.Root("channels").AtSetValue(types.StringValue(in)), ConfigValue: types.StringValue(in)}
		var resp validator.StringResponse
		v.ValidateString(ctx, req, &resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics.Errors()[0].Detail()
		}
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	check("SMS", "")
	check("sms", `channels: "sms" is not one of "IG", "SMS", "WebChat" (case-sensitive; did you mean "SMS"?)`)
	check("Telegram", `channels: "Telegram" is not one of "IG", "SMS", "WebChat" (case-sensitive).`)
}
