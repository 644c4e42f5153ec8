// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// apiCall is one request a fakeAPI received.
type apiCall struct {
	Method, Path, Version, ContentType, Auth string
	Query                                    url.Values
	Body                                     string
}

// key is "METHOD /path".
func (c apiCall) key() string { return c.Method + " " + c.Path }

// routeFunc answers one route; body is the request body, already read.
type routeFunc func(w http.ResponseWriter, r *http.Request, body []byte)

// fakeAPI is an httptest API that records every request and answers by "METHOD /path"; an
// unknown route gets the NestJS 404 "Cannot METHOD /path".
type fakeAPI struct {
	mu     sync.Mutex
	calls  []apiCall
	routes map[string]routeFunc
}

func newFakeAPI(t *testing.T, routes map[string]routeFunc, mod ...func(*Config)) (*Client, *fakeAPI) {
	t.Helper()
	f := &fakeAPI{routes: routes}
	c := newTestClient(t, f, mod...)
	return c, f
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	call := apiCall{
		Method: r.Method, Path: r.URL.Path, Version: r.Header.Get("Version"), ContentType: r.Header.Get("Content-Type"),
		Auth: r.Header.Get("Authorization"), Query: r.URL.Query(), Body: string(body),
	}
	f.mu.Lock()
	f.calls = append(f.calls, call)
	h := f.routes[call.key()]
	f.mu.Unlock()
	if h == nil {
		writeJSON(w, 404, map[string]any{"statusCode": 404, "message": "Cannot " + r.Method + " " + r.URL.Path, "error": "Not Found"})
		return
	}
	h(w, r, body)
}

// all returns a copy of the calls so far.
func (f *fakeAPI) all() []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiCall(nil), f.calls...)
}

// to returns the calls to "METHOD /path".
func (f *fakeAPI) to(key string) []apiCall {
	var out []apiCall
	for _, c := range f.all() {
		if c.key() == key {
			out = append(out, c)
		}
	}
	return out
}

// last returns the last call (zero when none).
func (f *fakeAPI) last() apiCall {
	all := f.all()
	if len(all) == 0 {
		return apiCall{}
	}
	return all[len(all)-1]
}

// reply answers status with v as JSON.
func reply(status int, v any) routeFunc {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) { writeJSON(w, status, v) }
}

// notFound is the API's 404 for an unknown object.
func notFound(what string) routeFunc {
	return reply(404, map[string]any{"statusCode": 404, "message": what + " not found", "error": "Not Found"})
}

// unprocessable is the API's 422 with a message array.
func unprocessable(msgs ...string) routeFunc {
	return reply(422, map[string]any{"statusCode": 422, "message": msgs, "error": "Unprocessable Entity"})
}

// checkCall compares a recorded call with the expected method, path, encoded query and body
// ("" = no body), and the Version header.
func checkCall(t *testing.T, got apiCall, method, path, query, body, version string) {
	t.Helper()
	if got.Method != method || got.Path != path {
		t.Errorf("request %s %s, want %s %s", got.Method, got.Path, method, path)
	}
	if q := got.Query.Encode(); q != query {
		t.Errorf("%s %s: query\n got %s\nwant %s", method, path, q, query)
	}
	if strings.TrimSpace(got.Body) != body {
		t.Errorf("%s %s: body\n got %s\nwant %s", method, path, got.Body, body)
	}
	if body != "" && got.ContentType != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, path, got.ContentType)
	}
	if got.Version != version {
		t.Errorf("%s %s: Version %q, want %q", method, path, got.Version, version)
	}
	if got.Auth != "Bearer "+testPIT {
		t.Errorf("%s %s: Authorization %q", method, path, got.Auth)
	}
}

const v20210415 = "2021-04-15"
