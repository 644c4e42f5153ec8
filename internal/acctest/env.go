// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

// ProviderFactories serve the provider in process to the CLI.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"highlevel": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(provider.New("test")())()
	},
}

// Real reports whether the suite runs against the real HighLevel API
// (HIGHLEVEL_ACC_REAL=1 with HIGHLEVEL_TOKEN and HIGHLEVEL_LOCATION_ID).
func Real() bool { return os.Getenv("HIGHLEVEL_ACC_REAL") == "1" }

// Env is where one test runs: a location of its own, with a token for it, on the emulator
// (or the real API).
type Env struct {
	BaseURL    string
	LocationID string
	Token      string
	Bootstrap  emulator.Bootstrap // the emulator's agency, OAuth app and seeded locations; empty on the real API

	emu *emulator.Emulator // nil on the real API
	srv *httptest.Server
}

// PreCheck fails fast when the acceptance environment is incomplete.
func PreCheck(t *testing.T) {
	t.Helper()
	if Real() && (os.Getenv("HIGHLEVEL_TOKEN") == "" || os.Getenv("HIGHLEVEL_LOCATION_ID") == "") {
		t.Fatal("HIGHLEVEL_ACC_REAL=1 needs HIGHLEVEL_TOKEN and HIGHLEVEL_LOCATION_ID")
	}
}

var (
	sharedMu  sync.Mutex
	sharedEnv *Env
)

// Shared returns an Env on the package's shared emulator with a fresh location, so that
// parallel tests never see each other's objects. Counters are shared: tests that assert
// request counts use Isolated.
func Shared(t *testing.T) *Env {
	t.Helper()
	PreCheck(t)
	if Real() {
		return realEnv()
	}
	sharedMu.Lock()
	if sharedEnv == nil {
		sharedEnv = start(t, emulator.Options{Locations: 1, RateLimitBurst: -1})
	}
	base := sharedEnv
	sharedMu.Unlock()
	return base.withNewLocation(t)
}

// Isolated starts an emulator of the test's own (stopped when the test ends), for tests that
// read request counters or change emulator-wide settings.
func Isolated(t *testing.T, opts emulator.Options) *Env {
	t.Helper()
	PreCheck(t)
	if Real() {
		t.Skip("needs the emulator's counters or controls; skipped with HIGHLEVEL_ACC_REAL=1")
	}
	env := start(t, opts)
	t.Cleanup(env.stop)
	return env
}

func realEnv() *Env {
	base := os.Getenv("HIGHLEVEL_BASE_URL")
	if base == "" {
		base = "https://services.leadconnectorhq.com"
	}
	return &Env{BaseURL: base, LocationID: os.Getenv("HIGHLEVEL_LOCATION_ID"), Token: os.Getenv("HIGHLEVEL_TOKEN")}
}

func start(t *testing.T, opts emulator.Options) *Env {
	t.Helper()
	if opts.Locations == 0 {
		opts.Locations = 2
	}
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	srv := httptest.NewServer(emu)
	b := emu.Bootstrap(srv.URL)
	env := &Env{BaseURL: srv.URL, Bootstrap: b, emu: emu, srv: srv}
	if len(b.Locations) > 0 {
		env.LocationID, env.Token = b.Locations[0].ID, b.Locations[0].Token
	}
	return env
}

func (e *Env) stop() {
	e.srv.Close()
	_ = e.emu.Close()
}

func stopShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if sharedEnv != nil {
		sharedEnv.stop()
		sharedEnv = nil
	}
}

// withNewLocation returns a copy of e with a location created for the caller.
func (e *Env) withNewLocation(t *testing.T) *Env {
	t.Helper()
	var loc struct{ ID, Token string }
	e.control(t, http.MethodPost, "/_emulator/locations", map[string]string{"name": t.Name()}, &loc)
	cp := *e
	cp.LocationID, cp.Token = loc.ID, loc.Token
	return &cp
}

// NewLocation creates one more location (with its own token) on the same emulator.
func (e *Env) NewLocation(t *testing.T) *Env {
	t.Helper()
	if e.emu == nil {
		t.Skip("needs a second location; skipped with HIGHLEVEL_ACC_REAL=1")
	}
	return e.withNewLocation(t)
}

// ProviderConfig is a provider block for this Env's location and token.
func (e *Env) ProviderConfig() string {
	return fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  token       = %q
  location_id = %q
}
`, e.BaseURL, e.Token, e.LocationID)
}

// Config prepends the provider block to a test configuration.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// Client is an API client for this Env's location: tests use it to look at objects and to
// change them out of band, as a person in the HighLevel UI would.
func (e *Env) Client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: e.BaseURL, Token: e.Token, LocationID: e.LocationID})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return c
}

// Counters returns the emulator's request count per route ("GET /conversation-ai/agents/{agentId}").
func (e *Env) Counters(t *testing.T) map[string]int {
	t.Helper()
	var out struct {
		Total  int            `json:"total"`
		Routes map[string]int `json:"routes"`
	}
	e.control(t, http.MethodGet, "/_emulator/counters", nil, &out)
	return out.Routes
}

// ResetCounters zeroes the emulator's request counters.
func (e *Env) ResetCounters(t *testing.T) {
	t.Helper()
	e.control(t, http.MethodPost, "/_emulator/counters/reset", nil, nil)
}

// TotalRequests is the sum of all counters.
func (e *Env) TotalRequests(t *testing.T) int {
	n := 0
	for _, c := range e.Counters(t) {
		n += c
	}
	return n
}

// control calls the emulator's control plane.
func (e *Env) control(t *testing.T, method, path string, body, out any) {
	t.Helper()
	if e.emu == nil {
		t.Skip("needs the emulator's control plane; skipped with HIGHLEVEL_ACC_REAL=1")
	}
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, e.BaseURL+path, rd)
	req.Header.Set("Authorization", "Bearer "+e.Bootstrap.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("emulator control %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(resp.Body)
		t.Fatalf("emulator control %s %s: %s: %s", method, path, resp.Status, msg.String())
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("emulator control %s %s: decode: %v", method, path, err)
		}
	}
}

// Control calls the emulator's control plane (faults, clock, rate limits).
func (e *Env) Control(t *testing.T, method, path string, body, out any) {
	t.Helper()
	e.control(t, method, path, body, out)
}

// LocationCheckRoute is the read with which the provider checks, once per location and run,
// that its token belongs to the location it is asked to act in (client.CheckLocation).
const LocationCheckRoute = "GET /locations/{locationId}"

// RequestsBesidesLocationChecks is TotalRequests without the provider's location checks, and
// the number of those checks: tests of an operation's cost assert the first exactly and the
// second as at most one per provider process.
func (e *Env) RequestsBesidesLocationChecks(t *testing.T) (requests, checks int) {
	t.Helper()
	for route, n := range e.Counters(t) {
		if route == LocationCheckRoute {
			checks += n
		} else {
			requests += n
		}
	}
	return requests, checks
}
