// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// Modes of realAPI.
const (
	emulatorMode  = iota // everything reaches the emulator
	realMode             // the scope routes do not exist, as on the real HighLevel API (contract §4)
	realWriteMode        // only the scope writes do not exist (to reach Delete past the refresh)
)

// realAPI is a server in front of the emulator that can make the scope routes disappear, as
// on the real HighLevel API: it answers NestJS's 404 "Cannot METHOD /path" for them.
type realAPI struct {
	*httptest.Server
	mode atomic.Int32
}

func newRealAPI(t *testing.T, env *acctest.Env) *realAPI {
	target, err := url.Parse(env.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	r := &realAPI{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mode := r.mode.Load()
		scopeRoute := strings.HasPrefix(req.URL.Path, "/conversation-ai/scopes")
		if scopeRoute && (mode == realMode || (mode == realWriteMode && req.Method != http.MethodGet)) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(map[string]any{"statusCode": 404, "message": "Cannot " + req.Method + " " + req.URL.Path, "error": "Not Found"})
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *realAPI) config(env *acctest.Env, body string) string {
	return fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  token       = %q
  location_id = %q
}
`, r.URL, env.Token, env.LocationID) + body
}

// unsupported is the client's ErrScopesUnsupported message, as the CLI prints it.
var unsupported = regexp.MustCompile(`Scope management is not available(.|\n)*scope\s+management\s+is\s+not\s+available\s+on\s+this\s+HighLevel\s+API\s+endpoint\s+\(emulator-only\s+feature\)`)

// TestAccScopes_realAPI: against an API without the scope routes nothing can be created or
// read, by any resource or data source but the static permission list; every failure says that
// scope management is not available. With HIGHLEVEL_ACC_REAL=1 it runs against the real API
// itself (the server in front of it then passes everything through).
func TestAccScopes_realAPI(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	api := newRealAPI(t, env)
	const fakeScope = "aaaaaaaaaaaaaaaaaaaa"
	switchToReal := func() {
		if !acctest.Real() {
			api.mode.Store(realMode)
		}
	}
	unsupportedFor := func(labels ...string) []expectedError {
		var out []expectedError
		for _, l := range labels {
			out = append(out, expectedError{l, l, unsupported})
		}
		return out
	}
	// The reads fail when the plan is made; the creates, which plan, when they are applied.
	failures := map[int][]expectedError{0: unsupportedFor("all", "one", "by_name"), 1: unsupportedFor("reader", "test")}
	current, failed := -1, map[int]bool{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck: func(err error) error {
			want, ok := failures[current]
			if !ok {
				return err
			}
			failed[current] = true
			return expectErrorsOf(err, want)
		},
		Steps: []resource.TestStep{
			// Nothing can be read …
			{PreConfig: func() { switchToReal(); current = 0 }, Config: api.config(env, `
data "highlevel_scopes" "all" {}

data "highlevel_scope" "one" {
  id = "`+fakeScope+`"
}

data "highlevel_scope" "by_name" {
  name = "reader"
}
`)},
			// … or created.
			{PreConfig: func() { current = 1 }, Config: api.config(env, readerScope+`
resource "highlevel_scope_credential" "test" {
  scope_id = "`+fakeScope+`"
  name     = "never"
}
`)},
			// The permission list needs no API.
			{PreConfig: func() { current = 2 }, Config: api.config(env, `data "highlevel_scope_permissions" "all" {}`)},
		},
	})
	for step := range failures {
		if !failed[step] && !t.Failed() {
			t.Fatalf("step %d ran without the failures it expects", step+1)
		}
	}
}

// TestAccScopes_realAPIExistingObjects: scopes and credentials made on the emulator, then the
// API "becomes" the real one: refresh, import and destroy fail with the "not available" message,
// and the objects are never removed from state for it.
func TestAccScopes_realAPIExistingObjects(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	api := newRealAPI(t, env)
	existing := readerScope + `
resource "highlevel_scope_credential" "test" {
  scope_id = highlevel_scope.reader.id
  name     = "before the switch"
}
`
	switchToReal := func() { api.mode.Store(realMode) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{PreConfig: func() { api.mode.Store(emulatorMode) }, Config: api.config(env, existing)},
			{PreConfig: switchToReal, Config: api.config(env, existing), ExpectError: unsupported},
			{PreConfig: switchToReal, RefreshState: true, ExpectError: unsupported},
			{
				PreConfig: switchToReal, Config: api.config(env, existing), ResourceName: "highlevel_scope.reader",
				ImportState: true, ImportStateVerify: true, ExpectError: unsupported,
			},
			{
				PreConfig: switchToReal, Config: api.config(env, existing), ResourceName: "highlevel_scope_credential.test",
				ImportState: true, ImportStateIdFunc: scopeSlashID("highlevel_scope_credential.test", false), ExpectError: unsupported,
			},
			{PreConfig: func() { api.mode.Store(realWriteMode) }, Config: api.config(env, existing), Destroy: true, ExpectError: unsupported},
			// Back on the emulator: both objects are still in state, unchanged (the plans, without
			// and with refresh, are empty).
			{
				PreConfig: func() { api.mode.Store(emulatorMode) },
				Config:    api.config(env, existing),
				PlanOnly:  true,
			},
		},
	})
}

// TestAccScopes_realAPIEphemeral: the ephemeral credential cannot be issued on the real API.
func TestAccScopes_realAPIEphemeral(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	api := newRealAPI(t, env)
	if !acctest.Real() {
		api.mode.Store(realMode)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{{
			Config: api.config(env, `
ephemeral "highlevel_scope_credential" "run" {
  scope_id = "aaaaaaaaaaaaaaaaaaaa"
}
`),
			ExpectError: unsupported,
		}},
	})
}
