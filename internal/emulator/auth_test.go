// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAuthVersionHeader(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil, withVersion("")), 401)
	if r.str("message") != "version header was not found." || r.body["error"] != nil || r.body["statusCode"] != 401.0 {
		t.Errorf("missing Version: %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil, withVersion("2020-01-01")), 401)
	if r.str("message") != "version header is invalid" {
		t.Errorf("invalid Version: %s", r.raw)
	}
	// The Version check comes first: even without a token.
	e.expect(e.do("GET", "/conversation-ai/agents/search", "", nil, withVersion("")), 401)
	for _, v := range []string{"2021-04-15", "2021-07-28", "2023-02-21", "v3"} {
		e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil, withVersion(v)), 200)
	}
}

func TestAuthTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc0 := e.loc(0)
	_, loc1 := e.loc(1)
	for _, bad := range []string{"", "pit-00000000-0000-4000-8000-000000000000", "sct-unknown", "garbage"} {
		r := e.expect(e.do("GET", "/conversation-ai/agents/search", bad, nil), 401)
		if r.str("message") != msgInvalidToken || r.str("error") != "Unauthorized" {
			t.Errorf("token %q: %s", bad, r.raw)
		}
	}
	r := e.do("GET", "/conversation-ai/agents/search", "", nil, func(req *http.Request) { req.Header.Set("Authorization", "Basic "+tok) })
	e.expect(r, 401)

	// Agency PIT and agency OAuth token: 401 scope message on location routes.
	for _, agency := range []string{e.boot.AgencyPIT, e.boot.AgencyToken} {
		r := e.expect(e.do("GET", "/conversation-ai/agents/search", agency, nil), 401)
		if r.str("message") != msgScope || r.body["error"] != nil {
			t.Errorf("agency token on agents: %s", r.raw)
		}
		e.expect(e.do("POST", "/conversation-ai/agents", agency, validAgent("x")), 401)
	}
	// A location PIT on the agency-only exchange: 401 scope (PITs rejected).
	r = e.expect(e.do("POST", "/oauth/locationToken", tok, nil, withVersion("2021-07-28"),
		withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 401)
	if r.str("message") != msgScope {
		t.Errorf("PIT on locationToken: %s", r.raw)
	}
	e.expect(e.do("POST", "/oauth/locationToken", e.boot.AgencyPIT, nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 401)

	// Scope is checked before location: 403 only when the scope is held.
	e.expect(e.do("GET", "/locations/"+loc1, tok, nil), 403)
	l := e.expect(e.do("GET", "/locations/"+loc0, tok, nil, withVersion("2021-07-28")), 200)
	loc := l.body["location"].(map[string]any)
	if loc["id"] != loc0 || loc["companyId"] != e.boot.CompanyID || loc["name"] == "" || loc["timezone"] == "" {
		t.Errorf("location %s", l.raw)
	}
	f := e.expect(e.do("GET", "/locations/"+loc1, tok, nil), 403)
	if f.str("message") != msgLocation || f.str("error") != "Forbidden" {
		t.Errorf("403 body %s", f.raw)
	}
	// Agency tokens may read any location of their company.
	e.expect(e.do("GET", "/locations/"+loc1, e.boot.AgencyToken, nil), 200)
	e.expect(e.do("GET", "/locations/"+loc1, e.boot.AgencyPIT, nil), 200)
	e.expect(e.do("GET", "/locations/unknownLocation00000", e.boot.AgencyToken, nil), 403)

	// .write never implies .readonly.
	e.emu.mu.Lock()
	pit := e.emu.st.Tokens[tok]
	pit.Scopes = slices.DeleteFunc(slices.Clone(pit.Scopes), func(s string) bool { return s == "conversation-ai.readonly" })
	e.emu.mu.Unlock()
	id := e.createAgent(tok, "W")
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 401)
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 401)
	e.expect(e.do("GET", "/conversation-ai/agents/"+id+"/actions/list", tok, nil), 401)
}

func TestAuthOAuthFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{LocationTokenTTL: time.Hour})
	_, loc0 := e.loc(0)

	// Refresh the agency token (single-use refresh token).
	form := url.Values{"client_id": {e.boot.OAuth.ClientID}, "client_secret": {e.boot.OAuth.ClientSecret},
		"grant_type": {"refresh_token"}, "refresh_token": {e.boot.OAuth.RefreshToken}, "user_type": {"Company"}}
	r := e.expect(e.do("POST", "/oauth/token", "", nil, withVersion(""), withForm(form)), 200)
	agency := r.str("access_token")
	if r.str("token_type") != "Bearer" || r.body["expires_in"] != 86399.0 || r.str("userType") != "Company" ||
		r.str("companyId") != e.boot.CompanyID || r.str("refresh_token") == "" || r.str("refreshTokenId") == "" || r.str("userId") == "" ||
		!strings.Contains(r.str("scope"), "oauth.write") || len(r.body["approvedLocations"].([]any)) != 2 {
		t.Errorf("token response %s", r.raw)
	}
	if _, ok := r.body["locationId"]; ok {
		t.Errorf("company token has locationId")
	}
	again := e.expect(e.do("POST", "/oauth/token", "", nil, withForm(form)), 400)
	if again.str("error") != "invalid_grant" || again.str("error_description") != "Invalid grant: refresh token is invalid" {
		t.Errorf("reused refresh token: %s", again.raw)
	}
	if b := e.emu.Bootstrap(""); b.OAuth.RefreshToken != r.str("refresh_token") || b.AgencyToken != agency {
		t.Errorf("Bootstrap does not report the current refresh/agency token")
	}

	// Exchange for a location token.
	lt := e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withVersion("2021-07-28"),
		withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 200)
	locTok := lt.str("access_token")
	if lt.str("locationId") != loc0 || lt.body["expires_in"] != 3600.0 || lt.str("appId") == "" || lt.str("versionId") == "" ||
		lt.str("userId") == "" || !strings.Contains(lt.str("scope"), "conversation-ai.write") || strings.Contains(lt.str("scope"), "oauth.") {
		t.Errorf("locationToken %s", lt.raw)
	}
	id := e.createAgent(locTok, "Via OAuth")
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, locTok, nil), 200)
	// The location token cannot mint more tokens.
	e.expect(e.do("POST", "/oauth/locationToken", locTok, nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 401)

	// Exchange errors.
	x := e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withForm(url.Values{"companyId": {"otherCompany"}, "locationId": {loc0}})), 403)
	if x.str("message") != msgLocation {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {"nope"}})), 403)
	m := e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withForm(url.Values{"locationId": {loc0}})), 422)
	if !m.hasMessage("companyId should not be empty") {
		t.Errorf("%s", m.raw)
	}

	// Expiry on the emulator clock.
	e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 3601})
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, locTok, nil), 401)
	// The agency token (1 day) still works and mints a fresh one.
	lt = e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 200)
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, lt.str("access_token"), nil), 200)
	e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 86400})
	e.expect(e.do("POST", "/oauth/locationToken", agency, nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 401)
	// The location token's refresh token works once.
	rf := url.Values{"client_id": {e.boot.OAuth.ClientID}, "client_secret": {e.boot.OAuth.ClientSecret},
		"grant_type": {"refresh_token"}, "refresh_token": {lt.str("refresh_token")}}
	nr := e.expect(e.do("POST", "/oauth/token", "", nil, withForm(rf)), 200)
	if nr.str("userType") != "Location" || nr.str("locationId") != loc0 {
		t.Errorf("location refresh %s", nr.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, nr.str("access_token"), nil), 200)
	e.expect(e.do("POST", "/oauth/token", "", nil, withForm(rf)), 400)
}

func TestOAuthTokenErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	_, loc0 := e.loc(0)
	base := func(kv ...string) url.Values {
		v := url.Values{"client_id": {e.boot.OAuth.ClientID}, "client_secret": {e.boot.OAuth.ClientSecret}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	cases := []struct {
		form   url.Values
		status int
		code   string
	}{
		{base("grant_type", "client_credentials"), 400, "unsupported_grant_type"},
		{base(), 400, "invalid_request"},
		{base("grant_type", "refresh_token", "client_secret", "wrong", "refresh_token", e.boot.OAuth.RefreshToken), 401, "invalid_client"},
		{base("grant_type", "refresh_token", "refresh_token", "nope"), 400, "invalid_grant"},
		{base("grant_type", "refresh_token", "refresh_token", e.boot.OAuth.RefreshToken, "user_type", "Location"), 400, "invalid_grant"},
		{base("grant_type", "authorization_code", "code", "nope"), 400, "invalid_grant"},
	}
	for _, tc := range cases {
		r := e.expect(e.do("POST", "/oauth/token", "", nil, withForm(tc.form)), tc.status)
		if r.str("error") != tc.code || r.str("error_description") == "" {
			t.Errorf("%v: %s", tc.form, r.raw)
		}
	}
	// authorization_code with a code minted by the control plane; single use.
	code := e.expect(e.admin("POST", "/_emulator/oauth/codes", map[string]any{"user_type": "Location", "location_id": loc0}), 201).str("code")
	f := base("grant_type", "authorization_code", "code", code, "user_type", "Location")
	r := e.expect(e.do("POST", "/oauth/token", "", nil, withForm(f)), 200)
	if r.str("locationId") != loc0 || r.str("userType") != "Location" {
		t.Errorf("code grant %s", r.raw)
	}
	e.createAgent(r.str("access_token"), "From code")
	e.expect(e.do("POST", "/oauth/token", "", nil, withForm(f)), 400)
	e.expect(e.admin("POST", "/_emulator/oauth/codes", map[string]any{"user_type": "Location", "location_id": "nope"}), 400)
}

func TestOAuthInstalledLocations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Locations: 3})
	e.emu.mu.Lock()
	appID := e.emu.st.OAuthApps[e.boot.OAuth.ClientID].AppID
	e.emu.mu.Unlock()
	q := "/oauth/installedLocations?companyId=" + e.boot.CompanyID + "&appId=" + appID
	r := e.expect(e.do("GET", q, e.boot.AgencyToken, nil, withVersion("2021-07-28")), 200)
	if r.body["count"] != 3.0 || len(r.body["locations"].([]any)) != 3 {
		t.Fatalf("%s", r.raw)
	}
	first := r.body["locations"].([]any)[0].(map[string]any)
	if first["_id"] != e.boot.Locations[0].ID || first["isInstalled"] != true {
		t.Errorf("first %v", first)
	}
	r = e.expect(e.do("GET", q+"&limit=1&skip=2", e.boot.AgencyToken, nil), 200)
	if l := r.body["locations"].([]any); len(l) != 1 || l[0].(map[string]any)["_id"] != e.boot.Locations[2].ID {
		t.Errorf("paging %s", r.raw)
	}
	e.expect(e.do("GET", "/oauth/installedLocations?companyId="+e.boot.CompanyID, e.boot.AgencyToken, nil), 422)
	e.expect(e.do("GET", q+"&limit=0", e.boot.AgencyToken, nil), 422)
	e.expect(e.do("GET", "/oauth/installedLocations?companyId=other&appId="+appID, e.boot.AgencyToken, nil), 403)
	e.expect(e.do("GET", q, e.boot.Locations[0].Token, nil), 401)
}

// TestAuthScopedCredentials drives the [EXT] enforcement of §5.3 with a stand-in for the
// scopes family's credential lookup.
func TestAuthScopedCredentials(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc0 := e.loc(0)
	_, loc1 := e.loc(1)
	a := e.createAgent(tok, "Allowed")
	b := e.createAgent(tok, "Other")
	creds := map[string]ScopeCredentialAuth{
		"sct-read":  {CredentialID: "cred1", LocationID: loc0, Permissions: []string{"conversation-ai.readonly", "locations.readonly"}, Restricted: true, AgentIDs: []string{a}},
		"sct-write": {CredentialID: "cred2", LocationID: loc0, Permissions: []string{"conversation-ai.write", "conversation-ai.readonly"}, Restricted: true, AgentIDs: []string{a}},
		"sct-all":   {CredentialID: "cred3", LocationID: loc0, Permissions: []string{"conversation-ai.write", "conversation-ai.readonly"}},
		"sct-empty": {CredentialID: "cred4", LocationID: loc0, Permissions: []string{"conversation-ai.readonly"}, Restricted: true, AgentIDs: []string{}},
	}
	e.emu.mu.Lock()
	e.emu.scopeLookup = func(_ *State, token string, _ time.Time) (ScopeCredentialAuth, bool) {
		c, ok := creds[token]
		return c, ok
	}
	e.emu.mu.Unlock()

	e.expect(e.do("GET", "/conversation-ai/agents/"+a, "sct-read", nil), 200)
	r := e.expect(e.do("GET", "/conversation-ai/agents/"+b, "sct-read", nil), 403)
	if r.str("message") != "Credential is restricted to agents ["+a+"]; agent "+b+" is not allowed" {
		t.Errorf("%s", r.raw)
	}
	r = e.expect(e.do("PUT", "/conversation-ai/agents/"+a, "sct-read", map[string]any{"autoPilotMaxMessages": 3}), 403)
	if r.str("message") != "Missing permission conversation-ai.write for PUT /conversation-ai/agents/{agentId}" || r.str("error") != "Forbidden" {
		t.Errorf("%s", r.raw)
	}
	r = e.expect(e.do("POST", "/conversation-ai/agents/"+a+"/actions", "sct-read", action("stopBot", "s", validDetails("stopBot", ""))), 403)
	if r.str("message") != "Missing permission conversation-ai.write for POST /conversation-ai/agents/{agentId}/actions" {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/agents/"+a+"/actions", "sct-write", action("stopBot", "s", validDetails("stopBot", ""))), 201)
	e.expect(e.do("POST", "/conversation-ai/agents/"+b+"/actions", "sct-write", action("stopBot", "s", validDetails("stopBot", ""))), 403)
	r = e.expect(e.do("POST", "/conversation-ai/agents", "sct-write", validAgent("new")), 403)
	if !strings.Contains(r.str("message"), "Credential is restricted to agents") {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/agents", "sct-all", validAgent("new")), 201)
	s := e.expect(e.do("GET", "/conversation-ai/agents/search", "sct-read", nil), 200)
	if s.body["totalCount"] != 1.0 || s.body["count"] != 1.0 {
		t.Errorf("restricted search %s", s.raw)
	}
	if s := e.expect(e.do("GET", "/conversation-ai/agents/search", "sct-empty", nil), 200); s.body["totalCount"] != 0.0 {
		t.Errorf("emptied restriction must not widen: %s", s.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+a, "sct-empty", nil), 403)
	// Location, and routes outside the permission list.
	e.expect(e.do("GET", "/locations/"+loc0, "sct-read", nil), 200)
	e.expect(e.do("GET", "/locations/"+loc1, "sct-read", nil), 403)
	r = e.expect(e.do("GET", "/locations/"+loc0, "sct-write", nil), 403)
	if r.str("message") != "Missing permission locations.readonly for GET /locations/{locationId}" {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("POST", "/oauth/locationToken", "sct-all", nil, withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 403)
}
