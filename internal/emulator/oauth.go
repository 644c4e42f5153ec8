// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OAuth routes (contract §2.3, §2.4). The v3 renames (/oauth/location-token,
// /oauth/installed-locations) are not served: under v3 they answer camelCase bodies,
// which the contract tells clients not to use.
func (e *Emulator) registerOAuthRoutes(mux *http.ServeMux) {
	e.handle(mux, "POST /oauth/token", routeOpts{noAuth: true}, e.oauthToken)
	e.handle(mux, "POST /oauth/locationToken", routeOpts{scope: "oauth.write", accept: audCompanyOAuth, location: locForm}, e.oauthLocationToken)
	e.handle(mux, "GET /oauth/installedLocations", routeOpts{scope: "oauth.readonly", accept: audCompanyOAuth}, e.oauthInstalledLocations)
}

// oauthError is the RFC 6749 error body (§2.3, unconfirmed for the real API).
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func (c *reqCtx) oauthFail(status int, code, description string) {
	c.json(status, oauthError{Error: code, Description: description})
}

// issueOAuthLocked mints an access token and a refresh token of app for a Company
// (locationID "") or a Location, and drops expired access tokens.
func (e *Emulator) issueOAuthLocked(app *OAuthApp, userType, locationID string) (*Token, *RefreshToken) {
	st, now := e.st, e.now()
	for k, t := range st.Tokens {
		if t.Kind == tokenOAuth && !now.Before(t.ExpiresAt) {
			delete(st.Tokens, k)
		}
	}
	co := st.Companies[app.CompanyID]
	ttl, scopes := defaultTokenTTL, intersect(app.Scopes, agencyScopes)
	if userType == userLocation {
		ttl, scopes = e.opts.LocationTokenTTL, intersect(app.Scopes, locationScopes)
	}
	claims := map[string]any{"authClass": userType, "authClassId": co.ID, "iat": now.Unix(), "exp": now.Add(ttl).Unix()}
	if locationID != "" {
		claims["authClassId"] = locationID
	}
	at := &Token{
		Token: newJWT(claims), ID: newID(), Kind: tokenOAuth, UserType: userType, CompanyID: co.ID,
		LocationID: locationID, ClientID: app.ClientID, UserID: co.UserID, Scopes: scopes,
		IssuedAt: now, ExpiresAt: now.Add(ttl),
	}
	st.Tokens[at.Token] = at
	rt := &RefreshToken{
		Token: newJWT(map[string]any{"authClass": userType, "refresh": true}), ID: newID(), ClientID: app.ClientID,
		UserType: userType, CompanyID: co.ID, LocationID: locationID, UserID: co.UserID,
		ExpiresAt: now.Add(refreshTokenTTL),
	}
	st.RefreshTokens[rt.Token] = rt
	return at, rt
}

func intersect(have, want []string) []string {
	out := []string{}
	for _, s := range want {
		if slices.Contains(have, s) {
			out = append(out, s)
		}
	}
	return out
}

// tokenResponse is the 200 body of POST /oauth/token: snake_case and camelCase mixed, as
// the real API (§1.3).
func (e *Emulator) tokenResponse(app *OAuthApp, at *Token, rt *RefreshToken) map[string]any {
	m := map[string]any{
		"access_token":   at.Token,
		"token_type":     "Bearer",
		"expires_in":     int64(at.ExpiresAt.Sub(at.IssuedAt) / time.Second),
		"refresh_token":  rt.Token,
		"refreshTokenId": rt.ID,
		"scope":          strings.Join(at.Scopes, " "),
		"userType":       at.UserType,
		"companyId":      at.CompanyID,
		"userId":         at.UserID,
	}
	if at.UserType == userLocation {
		m["locationId"] = at.LocationID
	} else {
		m["approvedLocations"] = slices.Clone(app.Installed)
		m["isBulkInstallation"] = true
		m["installToFutureLocations"] = true
		m["approveAllLocations"] = true
	}
	return m
}

// POST /oauth/token: authorization_code (codes from the control plane) and refresh_token
// grants. No Authorization, no Version, no rate limit (§1.6).
func (e *Emulator) oauthToken(c *reqCtx) {
	f, err := url.ParseQuery(string(c.body))
	if err != nil {
		c.oauthFail(http.StatusBadRequest, "invalid_request", "The request body must be application/x-www-form-urlencoded")
		return
	}
	for _, k := range []string{"client_id", "client_secret", "grant_type"} {
		if f.Get(k) == "" {
			c.oauthFail(http.StatusBadRequest, "invalid_request", k+" is required")
			return
		}
	}
	app := c.st.OAuthApps[f.Get("client_id")]
	if app == nil || app.ClientSecret != f.Get("client_secret") {
		c.oauthFail(http.StatusUnauthorized, "invalid_client", "Invalid client credentials")
		return
	}
	userType := f.Get("user_type")
	if userType != "" && userType != userCompany && userType != userLocation {
		c.oauthFail(http.StatusBadRequest, "invalid_request", "user_type must be Company or Location")
		return
	}
	switch f.Get("grant_type") {
	case "refresh_token":
		old := c.st.RefreshTokens[f.Get("refresh_token")]
		if old == nil || old.ClientID != app.ClientID || !c.now.Before(old.ExpiresAt) {
			c.oauthFail(http.StatusBadRequest, "invalid_grant", "Invalid grant: refresh token is invalid")
			return
		}
		if userType != "" && userType != old.UserType {
			c.oauthFail(http.StatusBadRequest, "invalid_grant", "Invalid grant: user_type does not match the refresh token")
			return
		}
		// Single-use (unconfirmed): the old refresh token dies now.
		delete(c.st.RefreshTokens, old.Token)
		at, rt := e.issueOAuthLocked(app, old.UserType, old.LocationID)
		if old.Token == c.st.Seed.RefreshToken {
			c.st.Seed.RefreshToken, c.st.Seed.AgencyToken = rt.Token, at.Token
		}
		c.json(http.StatusOK, e.tokenResponse(app, at, rt))
	case "authorization_code":
		code := c.st.AuthCodes[f.Get("code")]
		if code == nil || code.ClientID != app.ClientID || !c.now.Before(code.ExpiresAt) {
			c.oauthFail(http.StatusBadRequest, "invalid_grant", "Invalid grant: authorization code is invalid")
			return
		}
		if userType != "" && userType != code.UserType {
			c.oauthFail(http.StatusBadRequest, "invalid_grant", "Invalid grant: user_type does not match the authorization code")
			return
		}
		delete(c.st.AuthCodes, code.Code)
		at, rt := e.issueOAuthLocked(app, code.UserType, code.LocationID)
		c.json(http.StatusOK, e.tokenResponse(app, at, rt))
	default: // client_credentials is in the OAS enum but not supported (§2.3)
		c.oauthFail(http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
	}
}

// POST /oauth/locationToken: agency token → location token (§2.4).
func (e *Emulator) oauthLocationToken(c *reqCtx) {
	f, err := url.ParseQuery(string(c.body))
	if err != nil {
		c.fail(http.StatusBadRequest, msgBadRequest)
		return
	}
	var msgs []string
	for _, k := range []string{"companyId", "locationId"} {
		if f.Get(k) == "" {
			msgs = append(msgs, k+" should not be empty", k+" must be a string")
		}
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	app := c.st.OAuthApps[c.caller.clientID]
	locID := f.Get("locationId")
	// Wrong company, or an app not installed on the location: 403 location message (unconfirmed).
	if f.Get("companyId") != c.caller.companyID || app == nil || !slices.Contains(app.Installed, locID) {
		c.forbidden(msgLocation)
		return
	}
	at, rt := e.issueOAuthLocked(app, userLocation, locID)
	c.json(http.StatusOK, map[string]any{
		"access_token":  at.Token,
		"token_type":    "Bearer",
		"expires_in":    int64(at.ExpiresAt.Sub(at.IssuedAt) / time.Second),
		"scope":         strings.Join(at.Scopes, " "),
		"locationId":    locID,
		"companyId":     at.CompanyID,
		"userType":      userLocation,
		"userId":        at.UserID,
		"appId":         app.AppID,
		"versionId":     app.VersionID,
		"refresh_token": rt.Token,
	})
}

// GET /oauth/installedLocations (§2.4 table; OAS get-installed-location). Query companyId
// and appId are required; skip/limit page through the company's locations (limit
// default 20, max 100, emulator choice), isInstalled filters, query matches names.
func (e *Emulator) oauthInstalledLocations(c *reqCtx) {
	q := c.r.URL.Query()
	var msgs []string
	for _, k := range []string{"companyId", "appId"} {
		if q.Get(k) == "" {
			msgs = append(msgs, k+" should not be empty")
		}
	}
	skip, m1 := queryInt(q, "skip", 0, 0, 1<<31)
	limit, m2 := queryInt(q, "limit", 20, 1, 100)
	msgs = append(append(msgs, m1...), m2...)
	if f := q.Get("isInstalled"); f != "" && f != "true" && f != "false" {
		msgs = append(msgs, "isInstalled must be a boolean value")
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	if q.Get("companyId") != c.caller.companyID {
		c.forbidden(msgLocation)
		return
	}
	app := c.st.OAuthApps[c.caller.clientID]
	if app == nil || (q.Get("appId") != app.AppID && q.Get("appId") != app.ClientID) {
		c.notFound("App not found")
		return
	}
	var locs []*Location
	for _, l := range c.st.Locations {
		if l.CompanyID != c.caller.companyID {
			continue
		}
		installed := slices.Contains(app.Installed, l.ID)
		if f := q.Get("isInstalled"); f != "" && strconv.FormatBool(installed) != f {
			continue
		}
		if s := q.Get("query"); s != "" && !strings.Contains(strings.ToLower(l.Name), strings.ToLower(s)) {
			continue
		}
		locs = append(locs, l)
	}
	slices.SortFunc(locs, func(a, b *Location) int {
		if d := a.CreatedAt.Compare(b.CreatedAt); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := []map[string]any{}
	for i := int(skip); i < len(locs) && len(out) < int(limit); i++ {
		l := locs[i]
		out = append(out, map[string]any{"_id": l.ID, "name": l.Name, "address": l.Address, "isInstalled": slices.Contains(app.Installed, l.ID)})
	}
	c.json(http.StatusOK, map[string]any{"locations": out, "count": len(locs), "installToFutureLocations": true})
}
