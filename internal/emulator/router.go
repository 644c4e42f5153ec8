// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// handlerFunc serves one public route. It runs with e.mu held, after authentication,
// rate limiting, scope, location and agent-restriction checks have passed (contract
// §2.6 steps 1-6); it does steps 7-9 (validation, existence, business rules) itself.
// It must answer through c (c.json, c.fail, c.invalid, …), never by writing to the network.
type handlerFunc func(c *reqCtx)

// audience is the set of token kinds a route accepts (contract §2.1).
type audience uint8

const (
	// audLocation: location PITs, OAuth location tokens and [EXT] scoped credentials.
	audLocation audience = 1 << iota
	// audCompanyOAuth: OAuth agency tokens (userType Company).
	audCompanyOAuth
	// audCompanyPIT: agency Private Integration Tokens.
	audCompanyPIT
)

// Where a route carries its locationId (contract §1.7).
const (
	locNone  = ""
	locPath  = "path"  // {locationId} path wildcard
	locQuery = "query" // ?locationId=
	locBody  = "body"  // "locationId" member of the JSON body
	locForm  = "form"  // locationId field of a url-encoded form
)

// routeOpts declare how a route is authorised. The zero value is not valid: every
// authenticated route names its scope.
type routeOpts struct {
	// scope is the single OAuth scope the route checks (§2.5; .write never implies .readonly).
	scope string
	// noAuth: no Version, no token, no rate limit (only POST /oauth/token).
	noAuth bool
	// accept lists the token kinds allowed; 0 means audLocation. A token of another kind
	// gets the 401 scope message (a scoped credential gets 403 Missing permission).
	accept audience
	// location says where the request names its location; it must be the caller's (403).
	location string
	// denyRestricted: agent-restricted scoped credentials are refused (POST agents, §5.3).
	denyRestricted bool
	// maxBody caps the request body; 0 means 1 MiB.
	maxBody int64
}

type route struct {
	pattern string
	path    string // pattern without the method, for "Missing permission … for METHOD path"
	method  string
	opts    routeOpts
	h       handlerFunc
}

// handle registers a public route. pattern is a Go 1.22 ServeMux pattern with a method,
// e.g. "GET /conversation-ai/agents/{agentId}". It panics on a pattern without a method
// or without a scope (programming errors, caught by any test).
func (e *Emulator) handle(mux *http.ServeMux, pattern string, o routeOpts, h handlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || method == "" {
		panic("emulator: route pattern without method: " + pattern)
	}
	if o.scope == "" && !o.noAuth {
		panic("emulator: route without scope: " + pattern)
	}
	if o.accept == 0 {
		o.accept = audLocation
	}
	if o.maxBody == 0 {
		o.maxBody = 1 << 20
	}
	rt := &route{pattern: pattern, path: path, method: method, opts: o, h: h}
	e.routes[pattern] = true
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { e.serveRoute(w, r, rt) })
}

// serveRoute is the pipeline of every public route: counters, faults, body read, then
// under the lock: auth, handler, persistence; then the response.
func (e *Emulator) serveRoute(w http.ResponseWriter, r *http.Request, rt *route) {
	start := time.Now()
	e.ctl.count(rt.pattern)
	fx := e.ctl.faultsFor(rt.pattern)
	if fx.latency > 0 {
		select {
		case <-time.After(fx.latency):
		case <-r.Context().Done():
			return
		}
	}
	if fx.drop {
		dropConnection(w)
		return
	}
	if fx.status != 0 {
		if fx.status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		writeNestError(w, fx.status, nil)
		return
	}

	c := &reqCtx{e: e, r: r, rt: rt, traceID: newUUID(), header: http.Header{}}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, rt.opts.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeNestError(w, http.StatusRequestEntityTooLarge, "Payload Too Large")
		}
		return // a client that went away gets nothing
	}
	c.body = body

	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		writeNestError(w, http.StatusServiceUnavailable, nil)
		return
	}
	c.st = e.st
	c.now = e.now()
	if e.authorize(c) {
		rt.h(c)
	}
	if c.status == 0 {
		c.fail(http.StatusInternalServerError, msgInternal)
	}
	// Persist before answering, so an acknowledged write survives kill -9 (design §2).
	if c.status < 300 && (c.dirty || !isSafeMethod(r.Method)) {
		if err := e.persistLocked(); err != nil {
			e.log.Error("persist failed", "err", err)
			c.header = http.Header{}
			c.fail(http.StatusInternalServerError, msgInternal)
		}
	}
	e.mu.Unlock()

	e.log.Debug("request", "route", rt.pattern, "status", c.status, "duration", time.Since(start))
	if fx.dropAfter {
		dropConnection(w)
		return
	}
	c.writeTo(w)
}

func isSafeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// dropConnection closes the client connection without an answer (fault injection).
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: aborts the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// caller is the authenticated principal of a request.
type caller struct {
	kind         string // tokenPIT, tokenOAuth or tokenScoped
	userType     string // userLocation or userCompany
	companyID    string
	locationID   string // "" for agency callers
	app          string // rate-limit app: PIT id, OAuth client_id or credential id
	clientID     string // OAuth app of the token ("" for PITs and credentials)
	userID       string
	scopes       []string // OAuth scopes, or the credential's permissions
	credentialID string   // [EXT] scoped credential id
	restricted   bool     // [EXT] credential restricted to agentIDs
	agentIDs     []string
}

// reqCtx is what a handler gets: the request, the state, the caller, and helpers that
// buffer the answer (written after persistence).
type reqCtx struct {
	e       *Emulator
	st      *State
	r       *http.Request
	rt      *route
	now     time.Time // the emulator clock at the start of the request
	caller  *caller   // nil on noAuth routes
	body    []byte
	traceID string

	status int
	header http.Header
	out    []byte
	dirty  bool
}

// locationID is the caller's location ("" for agency callers).
func (c *reqCtx) locationID() string {
	if c.caller == nil {
		return ""
	}
	return c.caller.locationID
}

// query returns a query parameter.
func (c *reqCtx) query(name string) string { return c.r.URL.Query().Get(name) }

// path returns a path wildcard value.
func (c *reqCtx) path(name string) string { return c.r.PathValue(name) }

// markDirty asks for persistence of a 2xx answer to a GET (e.g. lazily advanced crawls).
// Non-GET 2xx answers are always persisted.
func (c *reqCtx) markDirty() { c.dirty = true }

// agentAllowed reports whether a restricted [EXT] credential may touch agentID (§5.3);
// always true for other callers.
func (c *reqCtx) agentAllowed(agentID string) bool {
	if c.caller == nil || !c.caller.restricted {
		return true
	}
	for _, id := range c.caller.agentIDs {
		if id == agentID {
			return true
		}
	}
	return false
}

// json answers status with v; a JSON object gets "traceId".
func (c *reqCtx) json(status int, v any) {
	b, err := marshalJSON(v, c.traceID)
	if err != nil {
		c.e.log.Error("encode response", "err", err)
		status, b = http.StatusInternalServerError, []byte(`{"statusCode":500,"message":"Internal Server Error"}`)
	}
	c.status, c.out = status, b
}

// fail answers a NestJS error; message is a string, or []string for 422.
func (c *reqCtx) fail(status int, message any) {
	c.json(status, nestError{StatusCode: status, Message: message, Error: errorReason(status, message)})
}

// invalid answers 422 with the validation messages (an array, §1.4).
func (c *reqCtx) invalid(msgs ...string) { c.fail(http.StatusUnprocessableEntity, msgs) }

// notFound answers 404 with message, e.g. "Agent not found".
func (c *reqCtx) notFound(message string) { c.fail(http.StatusNotFound, message) }

// badRequest answers a 400 business-rule error.
func (c *reqCtx) badRequest(message string) { c.fail(http.StatusBadRequest, message) }

// forbidden answers 403.
func (c *reqCtx) forbidden(message string) { c.fail(http.StatusForbidden, message) }

// object parses the body as a JSON object for validation. Malformed JSON, or JSON that is
// not an object, answers 400 "Bad Request" and returns nil. An empty body is {}.
func (c *reqCtx) object() *obj {
	o, err := parseObject(c.body)
	if err != nil {
		c.fail(http.StatusBadRequest, msgBadRequest)
		return nil
	}
	return o
}

// requireLocation answers 403 and returns false unless the caller may act on
// locationID. Routes declare routeOpts.location instead where they can; this is for
// handlers that find the location elsewhere (e.g. a multipart form).
func (c *reqCtx) requireLocation(locationID string) bool {
	if c.e.locationAllowed(c.caller, locationID) {
		return true
	}
	c.forbidden(msgLocation)
	return false
}

func (c *reqCtx) writeTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range c.header {
		h[k] = v
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(c.status)
	if c.r.Method != http.MethodHead {
		_, _ = w.Write(c.out)
	}
}
