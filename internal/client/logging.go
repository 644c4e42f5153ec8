// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem is the tflog subsystem of the client. Its level follows TF_LOG_PROVIDER, or
// TF_LOG_PROVIDER_HIGHLEVEL_CLIENT when set. Requests and responses are logged at DEBUG
// (method, path, status, duration, traceId, rate-limit headers) and bodies at TRACE.
// Credentials are redacted at every level: explicitly before logging, and again by the
// subsystem's masks.
const LogSubsystem = "highlevel_client"

const redacted = "***"

// sensitiveKeys are JSON keys, form fields and log field keys whose values are credentials.
// Compared case-insensitively after removing '_' and '-'.
var sensitiveKeys = map[string]bool{
	"authorization": true,
	"accesstoken":   true,
	"refreshtoken":  true,
	"clientsecret":  true,
	"token":         true,
	"idtoken":       true,
	"password":      true,
	"secret":        true,
	"code":          true, // OAuth authorization code
	"apikey":        true,
	// Voice AI custom actions (voice-ai.md §5.3): the write-only authentication value.
	"authenticationvalue": true,
}

func isSensitiveKey(k string) bool {
	k = strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(k))
	return sensitiveKeys[k]
}

// shapePatterns match credentials by their shape, wherever they appear.
var shapePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+`),
	regexp.MustCompile(`\b(?:pit|sct)-[A-Za-z0-9-]{8,}`),                      // Private Integration Tokens, [EXT] scope credentials
	regexp.MustCompile(`\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`), // JWTs (OAuth access tokens)
}

// keyValuePatterns match a credential by its key, in JSON ("token":"…") or form/query
// (token=…) text. A value already masked ("***") is left alone, so that structured redaction
// stays readable.
var keyValuePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)"(?:access_?token|refresh_?token|client_?secret|id_?token|token|password|secret|code|authorization)"\s*:\s*"(?:[^"\\*]|\\.)(?:[^"\\]|\\.)*"`),
	regexp.MustCompile(`(?i)\b(?:access_token|refresh_token|client_secret|id_token|token|code|password)=[^&\s"*][^&\s"]*`),
}

// secretPatterns are all the patterns; the tflog subsystem masks them in messages and fields.
var secretPatterns = append(append([]*regexp.Regexp{}, shapePatterns...), keyValuePatterns...)

// sensitiveFieldKeys are masked by tflog whatever their value.
var sensitiveFieldKeys = []string{
	"authorization", "Authorization", "token", "access_token", "refresh_token", "client_secret",
	"accessToken", "refreshToken", "clientSecret", "password", "secret",
}

// secretSet remembers every credential the client has seen (configured or minted), so that
// they are masked even when their shape matches no pattern.
type secretSet struct {
	mu   sync.RWMutex
	list []string
	seen map[string]bool
}

// minSecretLen keeps masking from garbling logs with very short strings.
const minSecretLen = 4

func (s *secretSet) add(vals ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if len(v) < minSecretLen || s.seen[v] {
			continue
		}
		s.seen[v] = true
		s.list = append(s.list, v)
	}
}

func (s *secretSet) snapshot() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.list...)
}

// logCtx returns ctx with the client's tflog subsystem and all its masks.
func (c *Client) logCtx(ctx context.Context) context.Context {
	ctx = tflog.NewSubsystem(ctx, LogSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER", LogSubsystem))
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, LogSubsystem, sensitiveFieldKeys...)
	ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, LogSubsystem, secretPatterns...)
	ctx = tflog.SubsystemMaskMessageRegexes(ctx, LogSubsystem, secretPatterns...)
	if secrets := c.secrets.snapshot(); len(secrets) > 0 {
		ctx = tflog.SubsystemMaskLogStrings(ctx, LogSubsystem, secrets...)
	}
	return ctx
}

// logDebug and logTrace check the level first: tflog masks the fields before it checks the
// level, and that masking was a sixth of each request's CPU with logging off (issue 17).
// ctx must come from logCtx.
func logDebug(ctx context.Context, msg string, fields map[string]any) {
	if isDebug(ctx) {
		tflog.SubsystemDebug(ctx, LogSubsystem, msg, fields)
	}
}

func logTrace(ctx context.Context, msg string, fields map[string]any) {
	if isTrace(ctx) {
		tflog.SubsystemTrace(ctx, LogSubsystem, msg, fields)
	}
}

func isDebug(ctx context.Context) bool { return tflog.SubsystemIsDebug(ctx, LogSubsystem) }

func isTrace(ctx context.Context) bool { return tflog.SubsystemIsTrace(ctx, LogSubsystem) }

// redact removes credentials from free text (error messages, non-JSON bodies).
func (c *Client) redact(s string) string {
	return c.redactWith(s, secretPatterns)
}

func (c *Client) redactWith(s string, patterns []*regexp.Regexp) string {
	for _, re := range patterns {
		s = re.ReplaceAllString(s, redacted)
	}
	for _, secret := range c.secrets.snapshot() {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return s
}

// redactBody renders a request or response body for a TRACE log: JSON with the values of
// sensitive keys replaced, form bodies with sensitive fields replaced, then redact().
func (c *Client) redactBody(contentType string, body []byte) string {
	if len(body) == 0 {
		return ""
	}
	const maxLogged = 64 << 10
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "x-www-form-urlencoded"):
		if vals, err := url.ParseQuery(string(body)); err == nil {
			keys := make([]string, 0, len(vals))
			for k := range vals {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var parts []string
			for _, k := range keys {
				for _, v := range vals[k] {
					if isSensitiveKey(k) {
						v = redacted
					} else {
						v = url.QueryEscape(v)
					}
					parts = append(parts, url.QueryEscape(k)+"="+v)
				}
			}
			return c.redactWith(strings.Join(parts, "&"), shapePatterns)
		}
	case strings.Contains(ct, "multipart/"):
		return "<multipart body, " + strconv.Itoa(len(body)) + " bytes>"
	}
	patterns := secretPatterns
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err == nil {
		v = redactJSONValue(v)
		if out, err := json.Marshal(v); err == nil {
			body, patterns = out, shapePatterns
		}
	}
	s := string(body)
	if len(s) > maxLogged {
		s = s[:maxLogged] + "…(truncated)"
	}
	return c.redactWith(s, patterns)
}

func redactJSONValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, val := range v {
			if isSensitiveKey(k) {
				if val != nil {
					v[k] = redacted
				}
				continue
			}
			if k == "headers" {
				redactHeaderValues(val)
			}
			v[k] = redactJSONValue(val)
		}
		return v
	case []any:
		for i := range v {
			v[i] = redactJSONValue(v[i])
		}
		return v
	default:
		return v
	}
}

// redactHeaderValues masks the values of a JSON list of {key, value} headers (Voice AI custom
// actions, voice-ai.md §5.3: header values may carry credentials), whichever route answers them.
func redactHeaderValues(v any) {
	list, ok := v.([]any)
	if !ok {
		return
	}
	for _, item := range list {
		if h, ok := item.(map[string]any); ok && h["value"] != nil {
			if _, named := h["key"]; named {
				h["value"] = redacted
			}
		}
	}
}

// redactHeaders renders headers for a TRACE log ("Name: value; …", sorted), without
// credentials. A string, because tflog masks only string field values.
func (c *Client) redactHeaders(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if isSensitiveKey(k) || strings.EqualFold(k, "Cookie") || strings.EqualFold(k, "Set-Cookie") {
			v = redacted
		}
		parts = append(parts, k+": "+c.redact(v))
	}
	return strings.Join(parts, "; ")
}
