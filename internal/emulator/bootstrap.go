// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
)

// Scopes of seeded credentials. Location credentials hold every real location scope of
// contract §2.5 plus the emulator-only [EXT] scope-management scopes (§5.2).
var (
	locationScopes = []string{
		"conversation-ai.readonly", "conversation-ai.write",
		"knowledge-bases.readonly", "knowledge-bases.write",
		"conversations.readonly", "conversations.write",
		"conversations/message.readonly", "conversations/message.write",
		"locations.readonly",
		"calendars.readonly", "workflows.readonly", "users.readonly", "locations/customFields.readonly",
		"users.write",
		"conversation-ai/scopes.readonly", "conversation-ai/scopes.write",
		"voice-ai-agents.readonly", "voice-ai-agents.write",
		"voice-ai-agent-goals.readonly", "voice-ai-agent-goals.write",
		"voice-ai-dashboard.readonly",
	}
	// agencyScopes are those of the seeded agency (Company) OAuth token.
	agencyScopes = []string{"oauth.write", "oauth.readonly", "locations.readonly", "users.readonly", "users.write"}
)

// Bootstrap is what a script or test needs to talk to a fresh emulator. Its JSON form is
// what -bootstrap-out writes.
type Bootstrap struct {
	BaseURL     string              `json:"base_url"`
	AdminToken  string              `json:"admin_token"`
	CompanyID   string              `json:"company_id"`
	AgencyToken string              `json:"agency_token"` // current agency (Company) OAuth access token
	OAuth       BootstrapOAuth      `json:"oauth"`
	Locations   []BootstrapLocation `json:"locations"`
	// AgencyPIT is an agency Private Integration Token (all scopes, but agency PITs may
	// call no location route: 401). Go API only, not in the JSON.
	AgencyPIT string `json:"-"`
}

// BootstrapOAuth is the OAuth app installed on every location.
type BootstrapOAuth struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RefreshToken string `json:"refresh_token"` // current Company refresh token (single-use: re-read after a refresh)
}

// BootstrapLocation is a location and its location PIT.
type BootstrapLocation struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// Bootstrap reports the seeded credentials. baseURL is copied into the result. The OAuth
// refresh token and agency token are the current ones: after a client used the refresh
// token, call Bootstrap again for its successor.
func (e *Emulator) Bootstrap(baseURL string) Bootstrap {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.st.Seed
	b := Bootstrap{
		BaseURL: baseURL, AdminToken: e.st.AdminToken, CompanyID: s.CompanyID, AgencyToken: s.AgencyToken,
		AgencyPIT: s.AgencyPIT,
		OAuth:     BootstrapOAuth{ClientID: s.ClientID, RefreshToken: s.RefreshToken},
		Locations: []BootstrapLocation{},
	}
	if app := e.st.OAuthApps[s.ClientID]; app != nil {
		b.OAuth.ClientSecret = app.ClientSecret
	}
	for _, l := range s.Locations {
		b.Locations = append(b.Locations, BootstrapLocation(l))
	}
	return b
}

// seedLocked creates the agency, its OAuth app, tokens and opts.Locations locations.
func (e *Emulator) seedLocked() {
	st, now := e.st, e.now()
	st.AdminToken = "adm-" + newUUID()
	co := &Company{ID: newID(), Name: "Emulated Agency", UserID: newID()}
	st.Companies[co.ID] = co
	st.Seed.CompanyID = co.ID

	appID := newObjectID(now)
	app := &OAuthApp{
		ClientID: appID + "-" + newSecret(4), ClientSecret: newUUID(), AppID: appID, VersionID: appID,
		CompanyID: co.ID, Name: "Emulator App",
		Scopes: slices.Concat(locationScopes, agencyScopes), Installed: []string{},
	}
	st.OAuthApps[app.ClientID] = app
	st.Seed.ClientID = app.ClientID

	agencyPIT := &Token{
		Token: "pit-" + newUUID(), ID: newID(), Kind: tokenPIT, UserType: userCompany, CompanyID: co.ID,
		UserID: co.UserID, Name: "Agency PIT", Scopes: slices.Concat(locationScopes, agencyScopes), IssuedAt: now,
	}
	st.Tokens[agencyPIT.Token] = agencyPIT
	st.Seed.AgencyPIT = agencyPIT.Token

	for i := 1; i <= e.opts.Locations; i++ {
		e.addLocationLocked(fmt.Sprintf("Client Location %d", i))
	}
	access, refresh := e.issueOAuthLocked(app, userCompany, "")
	st.Seed.AgencyToken, st.Seed.RefreshToken = access.Token, refresh.Token
}

// addLocationLocked creates a location of the seeded company with a location PIT, and
// installs the seeded OAuth app on it.
func (e *Emulator) addLocationLocked(name string) SeedLocation {
	st, now := e.st, e.now()
	co := st.Companies[st.Seed.CompanyID]
	n := len(st.Seed.Locations) + 1
	loc := &Location{
		ID: newID(), CompanyID: co.ID, Name: name, Timezone: "America/New_York",
		Email: fmt.Sprintf("client%d@example.com", n), Phone: fmt.Sprintf("+1555010%04d", n),
		Address: fmt.Sprintf("%d Main Street", n), City: "Springfield", State: "IL", Country: "US",
		PostalCode: "62701", Website: fmt.Sprintf("https://client%d.example.com", n), CreatedAt: now,
	}
	st.Locations[loc.ID] = loc
	pit := &Token{
		Token: "pit-" + newUUID(), ID: newID(), Kind: tokenPIT, UserType: userLocation, CompanyID: co.ID,
		LocationID: loc.ID, UserID: co.UserID, Name: name + " PIT", Scopes: slices.Clone(locationScopes), IssuedAt: now,
	}
	st.Tokens[pit.Token] = pit
	if app := st.OAuthApps[st.Seed.ClientID]; app != nil {
		app.Installed = append(app.Installed, loc.ID)
	}
	sl := SeedLocation{ID: loc.ID, Token: pit.Token}
	st.Seed.Locations = append(st.Seed.Locations, sl)
	return sl
}
