// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// family is an endpoint family of the contract. It decides the Version header (§1.2) and
// which credential a request carries.
type family int

const (
	familyConversationAI family = iota // /conversation-ai/** (agents, actions, follow-ups, generations)
	familyKnowledgeBases               // /knowledge-bases/**
	familyConversations                // /conversations/**
	familyScopes                       // [EXT] /conversation-ai/scopes/**
	familyLocations                    // /locations/**
	familyOAuthAgency                  // /oauth/locationToken, /oauth/installedLocations: agency bearer
	familyOAuthToken                   // /oauth/token: no bearer, no Version
	familyUsers                        // /users/** (users.md): location credential, Version 2021-07-28
	familyVoiceAI                      // /voice-ai/** (voice-ai.md): location credential, Version 2021-04-15
)

// version is the Version header of the family (contract §1.2, column 2); "" sends none.
func (f family) version() string {
	switch f {
	case familyConversationAI, familyKnowledgeBases, familyConversations, familyScopes, familyVoiceAI:
		return "2021-04-15"
	case familyLocations, familyOAuthAgency, familyUsers:
		return "2021-07-28"
	default:
		return ""
	}
}

func (f family) String() string {
	return [...]string{"conversation-ai", "knowledge-bases", "conversations", "scopes", "locations", "oauth", "oauth-token", "users", "voice-ai"}[f]
}

// credential is what a family's requests carry in Authorization.
type credential int

const (
	credLocation credential = iota // the location's token (PIT, or minted from agency OAuth)
	credAgency                     // the agency (Company) OAuth token
	credNone                       // nothing (/oauth/token authenticates with the form)
)

func (f family) credential() credential {
	switch f {
	case familyOAuthAgency:
		return credAgency
	case familyOAuthToken:
		return credNone
	default:
		return credLocation
	}
}

// req is one API call. Families fill it and call c.do:
//
//	var out Agent
//	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/agents/%s", id),
//		family: familyConversationAI, locationID: locationID}, &out)
type req struct {
	method string
	path   string // begins with "/"; build it with pathf so that ids are escaped
	family family
	// locationID selects the location token (OAuth mode) and the limiter bucket; "" means the
	// default location. Routes that carry locationId in the query or body must put it there
	// too (resolve it first with c.LocationID).
	locationID string
	query      url.Values
	body       any        // JSON-encoded when non-nil
	form       url.Values // application/x-www-form-urlencoded body (OAuth)
	// rawBody with contentType sends a pre-encoded body (multipart uploads).
	rawBody     []byte
	contentType string
	// idempotent marks a POST that is safe to repeat (no server-side duplicate): the retry
	// policy then treats it like PUT.
	idempotent bool
	// version, when set, replaces the family's Version header (users: v3 for v3-only scope values).
	version string
	// bindingProbe marks the reads that check the token's location (binding.go), which must
	// not check it themselves.
	bindingProbe bool
}

// pathf formats a path, escaping every argument as one path segment.
func pathf(format string, segments ...string) string {
	args := make([]any, len(segments))
	for i, s := range segments {
		args[i] = url.PathEscape(s)
	}
	return fmt.Sprintf(format, args...)
}

// requireID reports an empty id before it turns into a different route.
func requireID(kind, id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("%s id is empty", kind)
	}
	return nil
}

// response is a final HTTP answer with its body read.
type response struct {
	status   int
	header   http.Header
	body     []byte
	attempts int
	giveUp   string // why retrying stopped before the policy's limit, if it did
}

// do sends r (with the retry policy, limiter, auth and logging) and decodes a 2xx JSON answer
// into out (nil: ignore the body). out may be wrapped with inEnvelope. Non-2xx answers return
// *APIError; a token 401 in OAuth mode re-mints the token and repeats the call once.
func (c *Client) do(ctx context.Context, r req, out any) error {
	_, err := c.doRaw(ctx, r, out)
	return err
}

// doRaw is do, also returning the answer (for families that need headers or the raw body).
func (c *Client) doRaw(ctx context.Context, r req, out any) (*response, error) {
	if c.unavailable != nil {
		return nil, c.unavailable
	}
	ctx = c.logCtx(ctx)
	cred := r.family.credential()
	if cred == credLocation && !r.bindingProbe {
		if err := c.CheckLocation(ctx, r.locationID); err != nil {
			return nil, err
		}
	}

	var loc, limitKey string
	switch cred {
	case credLocation:
		var err error
		loc, err = c.LocationID(r.locationID)
		if err != nil {
			if c.OAuth() {
				return nil, err
			}
			loc = "" // a PIT knows its location; only the limiter bucket is shared
		}
		limitKey = loc
		if limitKey == "" {
			limitKey = "token"
		}
	case credAgency:
		o, ok := c.auth.(*oauthSource)
		if !ok {
			return nil, fmt.Errorf("%s %s needs agency OAuth credentials (the oauth block)", r.method, r.path)
		}
		limitKey = "company:" + o.company()
	}

	for reauth := 0; ; reauth++ {
		tok, err := c.bearer(ctx, cred, loc)
		if err != nil {
			return nil, err
		}
		res, err := c.send(ctx, r, limitKey, tok)
		if err != nil {
			return nil, err
		}
		if res.status < 200 || res.status > 299 {
			apiErr := decodeAPIError(r.method, r.path, res.status, res.body)
			apiErr.Attempts = res.attempts
			apiErr.giveUp = res.giveUp
			for i, m := range apiErr.Messages { // errors end up in diagnostics and logs
				apiErr.Messages[i] = c.redact(m)
			}
			if apiErr.AuthProblem() == AuthProblemToken && reauth == 0 && c.invalidate(cred, loc, tok) {
				logDebug(ctx, "token rejected by the API; obtaining a new one and repeating the request once",
					map[string]any{"http_method": r.method, "http_path": r.path, "location_id": loc})
				continue
			}
			apiErr.Hint = c.authHint(apiErr, r)
			return res, apiErr
		}
		if out != nil && len(bytes.TrimSpace(res.body)) > 0 {
			if err := json.Unmarshal(res.body, out); err != nil {
				return res, fmt.Errorf("%s %s: decoding the answer: %w", r.method, r.path, err)
			}
		}
		return res, nil
	}
}

func (c *Client) bearer(ctx context.Context, cred credential, loc string) (string, error) {
	switch cred {
	case credLocation:
		return c.auth.token(ctx, loc)
	case credAgency:
		if o, ok := c.auth.(*oauthSource); ok {
			return o.agency(ctx)
		}
		return "", errors.New("this request needs agency OAuth credentials (the oauth block)")
	default:
		return "", nil
	}
}

// invalidate drops a token the API rejected and reports whether a new one can be obtained.
func (c *Client) invalidate(cred credential, loc, tok string) bool {
	switch cred {
	case credLocation:
		return c.auth.invalidate(loc, tok)
	case credAgency:
		o, ok := c.auth.(*oauthSource)
		return ok && o.invalidateAgency(tok)
	default:
		return false
	}
}

// send performs one logical request: the attempts the retry policy allows.
func (c *Client) send(ctx context.Context, r req, limitKey, token string) (*response, error) {
	var (
		body        []byte
		contentType string
	)
	switch {
	case r.rawBody != nil:
		body, contentType = r.rawBody, r.contentType
	case r.form != nil:
		body, contentType = []byte(r.form.Encode()), "application/x-www-form-urlencoded"
	case r.body != nil:
		b, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("%s %s: encoding the request: %w", r.method, r.path, err)
		}
		body, contentType = b, "application/json"
	}

	u := c.baseURL + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}

	st := &callState{
		c:           c,
		method:      r.method,
		path:        r.path,
		family:      r.family,
		limitKey:    limitKey,
		postSafe:    r.idempotent,
		body:        body,
		contentType: contentType,
	}
	ctx = context.WithValue(ctx, callStateKey{}, st)

	var rawBody any // nil interface when there is no body
	if body != nil {
		rawBody = body
	}
	hreq, err := retryablehttp.NewRequestWithContext(ctx, r.method, u, rawBody)
	if err != nil {
		return nil, fmt.Errorf("%s %s: building the request: %w", r.method, r.path, err)
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.userAgent)
	v := r.family.version()
	if r.version != "" {
		v = r.version
	}
	if v != "" {
		hreq.Header.Set("Version", v)
	}
	if contentType != "" {
		hreq.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		hreq.Header.Set("Authorization", "Bearer "+token)
	}

	resp, err := c.retryClient(st).Do(hreq)
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil, fmt.Errorf("%s %s: %w (after %d attempts)", r.method, r.path, ctx.Err(), st.attempts)
		}
		var le *errLimiter
		if errors.As(err, &le) {
			return nil, fmt.Errorf("%s %s: %w", r.method, r.path, le)
		}
		return nil, &TransportError{Method: r.method, Path: r.path, Attempts: st.attempts, NotRetried: st.giveUp,
			MaybeApplied: st.lastSent && !st.idempotent(), Err: unwrapURLError(err)}
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body) // already in memory (attemptTransport)
	if err != nil {
		return nil, &TransportError{Method: r.method, Path: r.path, Attempts: st.attempts, Err: err}
	}
	c.noteServerDate(resp.Header)
	return &response{status: resp.StatusCode, header: resp.Header, body: b, attempts: st.attempts, giveUp: st.giveUp}, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

type callStateKey struct{}

// attemptTransport wraps the base RoundTripper: every attempt (first try and retries) waits
// for the location's limiter, is traced (to prove whether it ever reached a connection), is
// logged, and has its body read into memory.
type attemptTransport struct {
	c    *Client
	base http.RoundTripper
}

// attemptError is a failed attempt, with whether a connection to the server was obtained.
// Without a connection nothing was sent, so even a POST may be retried.
type attemptError struct {
	err       error
	connected bool
}

func (e *attemptError) Error() string { return e.err.Error() }
func (e *attemptError) Unwrap() error { return e.err }

func (t *attemptTransport) CloseIdleConnections() {
	if ci, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	st, _ := ctx.Value(callStateKey{}).(*callState)
	if st == nil {
		return t.base.RoundTrip(req)
	}
	c := t.c
	if st.limitKey != "" {
		waited, err := c.limiters.wait(ctx, st.limitKey)
		if err != nil {
			return nil, err
		}
		if waited > 50*time.Millisecond {
			logDebug(ctx, "waited for the client-side rate limiter", map[string]any{
				"rate_limit_key": st.limitKey, "waited_ms": waited.Milliseconds(),
			})
		}
	}
	st.attempts++
	attempt := st.attempts

	fields := map[string]any{
		"http_method": st.method,
		"http_path":   st.path,
		"attempt":     attempt,
		"api_family":  st.family.String(),
	}
	logDebug(ctx, "sending HTTP request", fields)
	if isTrace(ctx) {
		logTrace(ctx, "HTTP request details", map[string]any{
			"http_method":          st.method,
			"http_url":             c.redact(req.URL.String()),
			"http_request_headers": c.redactHeaders(req.Header),
			"http_request_body":    c.redactBody(st.contentType, st.body),
		})
	}

	var connected atomic.Bool
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { connected.Store(true) }}
	start := time.Now()
	resp, err := t.base.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	if err == nil {
		var b []byte
		b, err = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			resp = nil
			err = fmt.Errorf("reading the response body: %w", err)
		} else {
			resp.Body = io.NopCloser(bytes.NewReader(b))
			st.lastBody = b
		}
	}
	duration := time.Since(start)
	if err != nil {
		logDebug(ctx, "HTTP request failed", map[string]any{
			"http_method": st.method, "http_path": st.path, "attempt": attempt,
			"duration_ms": duration.Milliseconds(), "connected": connected.Load(), "error": c.redact(err.Error()),
		})
		st.lastSent = connected.Load()
		return nil, &attemptError{err: err, connected: connected.Load()}
	}

	if isDebug(ctx) { // traceIDOf decodes the whole body again
		logDebug(ctx, "received HTTP response", map[string]any{
			"http_method":      st.method,
			"http_path":        st.path,
			"http_status":      resp.StatusCode,
			"attempt":          attempt,
			"duration_ms":      duration.Milliseconds(),
			"response_bytes":   len(st.lastBody),
			"trace_id":         traceIDOf(st.lastBody),
			"content_type":     resp.Header.Get("Content-Type"),
			"rate_limit_key":   st.limitKey,
			"x_ratelimit_info": rateLimitInfo(resp.Header),
		})
	}
	if isTrace(ctx) {
		logTrace(ctx, "HTTP response details", map[string]any{
			"http_method":           st.method,
			"http_path":             st.path,
			"http_status":           resp.StatusCode,
			"http_response_headers": c.redactHeaders(resp.Header),
			"http_response_body":    c.redactBody(resp.Header.Get("Content-Type"), st.lastBody),
		})
	}
	return resp, nil
}

var rateLimitHeaders = []string{
	"X-RateLimit-Remaining", "X-RateLimit-Max", "X-RateLimit-Interval-Milliseconds",
	"X-RateLimit-Daily-Remaining", "X-RateLimit-Limit-Daily", "Retry-After",
}

func rateLimitInfo(h http.Header) string {
	var parts []string
	for _, k := range rateLimitHeaders {
		if v := h.Get(k); v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " ")
}

func traceIDOf(body []byte) string {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' {
		return ""
	}
	var v struct {
		TraceID string `json:"traceId"`
	}
	_ = json.Unmarshal(b, &v)
	return v.TraceID
}

// inEnvelope decodes an answer that is either wrapped — {"success":true,"<key>":X} — or flat
// (X itself), into out. With several keys the first present, non-null one wins. The API's
// envelopes vary by family and between the spec and the live API (contract §7.6, §7.13):
//
//	c.do(ctx, r, inEnvelope(&kb, "data"))        // {success,data:KB} or KB
//	c.do(ctx, r, inEnvelope(&faq, "faq", "data")) // {success,faq:FAQ}
//
// A body with "success":false and none of the keys is an error.
func inEnvelope(out any, keys ...string) json.Unmarshaler {
	return &envelope{out: out, keys: keys}
}

type envelope struct {
	out  any
	keys []string
}

func (e *envelope) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err == nil {
		for _, k := range e.keys {
			if raw, ok := m[k]; ok && !isJSONNull(raw) {
				return json.Unmarshal(raw, e.out)
			}
		}
		if s, ok := m["success"]; ok && string(bytes.TrimSpace(s)) == "false" {
			msgs := decodeMessages(m["message"])
			if len(msgs) == 0 {
				msgs = []string{"no message"}
			}
			return fmt.Errorf("the API answered success=false: %s", strings.Join(msgs, "; "))
		}
	}
	return json.Unmarshal(b, e.out)
}

func isJSONNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}
