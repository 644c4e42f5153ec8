// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an HTTP error answer of the HighLevel API (contract §1.4), or of its OAuth
// endpoints (§2.3, RFC 6749 shape). Use errors.As to get it, or the Is* helpers.
type APIError struct {
	StatusCode int
	// Messages is the API's `message` (a string, or an array on 422), or an OAuth
	// `error_description`. Never empty: the HTTP status text stands in when the body has none.
	Messages []string
	// Reason is the NestJS `error` field ("Unprocessable Entity") or the OAuth error code
	// ("invalid_grant").
	Reason  string
	TraceID string
	Method  string
	Path    string // request path without query string
	// Attempts is how many times the request was sent (1 = not retried).
	Attempts int

	// Hint says which setting to fix, for answers the configuration can cause (a rejected
	// token, a missing scope); empty otherwise.
	Hint string

	giveUp string // why retrying stopped early (e.g. the context deadline), if it did
}

// Error reads like `PUT /conversation-ai/agents/abc: 422 Unprocessable Entity: name must be a
// string; mode must be one of …`, followed by the attempt count when the request was retried
// and the API's trace id.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Messages) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(e.Messages, "; "))
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts", e.Attempts)
		if e.giveUp != "" {
			b.WriteString("; ")
			b.WriteString(e.giveUp)
		}
		b.WriteString(")")
	} else if e.giveUp != "" {
		fmt.Fprintf(&b, " (not retried: %s)", e.giveUp)
	}
	if e.TraceID != "" {
		fmt.Fprintf(&b, " [traceId %s]", e.TraceID)
	}
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Message is the API's message(s) joined with "; ".
func (e *APIError) Message() string { return strings.Join(e.Messages, "; ") }

// AuthProblem says what a 401 is about (contract §1.4, §7.1).
type AuthProblem string

const (
	AuthProblemNone    AuthProblem = ""        // not a 401
	AuthProblemToken   AuthProblem = "token"   // bad, expired or revoked token: re-mint may help
	AuthProblemScope   AuthProblem = "scope"   // the token lacks the route's OAuth scope
	AuthProblemVersion AuthProblem = "version" // the Version header is missing or invalid
)

// AuthProblem classifies a 401 by its message. Only AuthProblemToken triggers a token re-mint.
func (e *APIError) AuthProblem() AuthProblem {
	if e.StatusCode != http.StatusUnauthorized {
		return AuthProblemNone
	}
	msg := strings.ToLower(e.Message())
	switch {
	case strings.Contains(msg, "version header"):
		return AuthProblemVersion
	case strings.Contains(msg, "scope"):
		return AuthProblemScope
	default:
		return AuthProblemToken
	}
}

// TransportError is a request that never produced an HTTP answer (connection refused, reset,
// timeout…), after the retries the policy allowed.
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	// NotRetried explains why a failure that retries could have fixed was not retried
	// (a POST that may have reached the server, the context deadline, …); empty otherwise.
	NotRetried string
	// MaybeApplied is set when a non-idempotent request (a create) failed after its connection
	// was made: the server may have applied it. See MayHaveBeenApplied.
	MaybeApplied bool
	Err          error
}

func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: request failed after %d attempt", e.Method, e.Path, e.Attempts)
	if e.Attempts != 1 {
		b.WriteString("s")
	}
	if e.NotRetried != "" {
		fmt.Fprintf(&b, " (not retried: %s)", e.NotRetried)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *TransportError) Unwrap() error { return e.Err }

func statusOf(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// MayHaveBeenApplied reports a failed create whose request may have reached the server and
// been applied: the connection broke after the request was sent, or the answer was a 5xx. The
// caller must look for the object before creating it again, or it may make a duplicate.
func MayHaveBeenApplied(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return te.MaybeApplied
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.Method == http.MethodPost && ae.StatusCode >= 500
}

// IsClientError reports an API answer in the 4xx range other than 429: the request was
// understood and refused, so repeating it as it is cannot help.
func IsClientError(err error) bool {
	s := statusOf(err)
	return s >= 400 && s < 500 && s != http.StatusTooManyRequests
}

// IsNotFound reports a 404 about an object: it does not exist (or belongs to another
// location). A 404 for an unknown route ("Cannot GET /x", e.g. a route the server does not
// serve under this Version header) is not one: treating it as "gone" would drop a live object
// from state and create a duplicate on the next apply.
func IsNotFound(err error) bool { return statusOf(err) == http.StatusNotFound && !IsRouteNotFound(err) }

// IsConflict reports a 409.
func IsConflict(err error) bool { return statusOf(err) == http.StatusConflict }

// IsForbidden reports a 403: the token has the scope but not this location (or, on the
// emulator's scoped credentials, lacks a permission or agent).
func IsForbidden(err error) bool { return statusOf(err) == http.StatusForbidden }

// IsUnauthorized reports any 401 (token, scope or Version problem; see APIError.AuthProblem).
func IsUnauthorized(err error) bool { return statusOf(err) == http.StatusUnauthorized }

// IsScopeDenied reports the 401 "The token is not authorized for this scope." (contract §7.1).
func IsScopeDenied(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.AuthProblem() == AuthProblemScope
}

// IsRouteNotFound reports a 404 for an unknown route (NestJS "Cannot GET /x"), as opposed to
// an unknown object: e.g. the [EXT] scope routes on the real API (contract §4). Check it before
// treating IsNotFound as "the object is gone".
func IsRouteNotFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && len(e.Messages) == 1 &&
		strings.HasPrefix(e.Messages[0], "Cannot "+e.Method+" ")
}

// IsRateLimited reports a 429 that survived the retries.
func IsRateLimited(err error) bool { return statusOf(err) == http.StatusTooManyRequests }

// errorBody is the union of the NestJS error shape and the OAuth (RFC 6749) error shape.
type errorBody struct {
	StatusCode       int             `json:"statusCode"`
	Message          json.RawMessage `json:"message"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	TraceID          string          `json:"traceId"`
}

// decodeAPIError builds an APIError from an error answer. It never fails: a body that is not
// JSON is quoted (shortened) as the message.
func decodeAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err == nil {
		e.TraceID = eb.TraceID
		e.Messages = decodeMessages(eb.Message)
		if eb.ErrorDescription != "" {
			e.Messages = []string{eb.ErrorDescription}
		}
		if s, ok := stringOrNil(eb.Error); ok {
			e.Reason = s
		}
	} else if text := strings.TrimSpace(string(body)); text != "" {
		const maxLen = 300
		if len(text) > maxLen {
			text = text[:maxLen] + "…"
		}
		e.Messages = []string{text}
	}
	if len(e.Messages) == 0 {
		if e.Reason != "" {
			e.Messages = []string{e.Reason}
		} else {
			e.Messages = []string{http.StatusText(status)}
		}
	}
	return e
}

// decodeMessages accepts `message` as a string or an array of strings (contract §7.2).
func decodeMessages(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	if s, ok := stringOrNil(raw); ok {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	var list []any
	if err := json.Unmarshal(raw, &list); err == nil {
		out := make([]string, 0, len(list))
		for _, v := range list {
			switch v := v.(type) {
			case string:
				out = append(out, v)
			case nil:
			default:
				b, _ := json.Marshal(v)
				out = append(out, string(b))
			}
		}
		return out
	}
	return []string{string(raw)}
}

func stringOrNil(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	return "", false
}
