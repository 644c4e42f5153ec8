// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Token kinds and user types.
const (
	tokenPIT    = "pit"
	tokenOAuth  = "oauth"
	tokenScoped = "scoped" // [EXT] sct-… credentials (contract §5)

	userLocation = "Location"
	userCompany  = "Company"
)

// acceptedVersions are the Version header values the live API accepts on every route (§1.2).
var acceptedVersions = map[string]bool{"2021-04-15": true, "2021-07-28": true, "2023-02-21": true, "v3": true}

// authorize runs checks 1-6 of contract §2.6 in order and sets c.caller. On failure it
// has answered through c and returns false.
func (e *Emulator) authorize(c *reqCtx) bool {
	o := c.rt.opts
	if o.noAuth {
		return true
	}
	// 1. Version.
	v := c.r.Header.Get("Version")
	if v == "" {
		c.fail(http.StatusUnauthorized, msgVersionMissing)
		return false
	}
	if !acceptedVersions[v] {
		c.fail(http.StatusUnauthorized, msgVersionInvalid)
		return false
	}
	// 2. Token.
	cl, ok := e.lookupCaller(c)
	if !ok {
		c.fail(http.StatusUnauthorized, msgInvalidToken)
		return false
	}
	c.caller = cl
	// 3. Rate limit, bucketed by (app, resource) (§1.6).
	resource := cl.locationID
	if resource == "" {
		resource = cl.companyID
	}
	if !e.rl.allow(c.now, cl.app, resource, c.header) {
		c.fail(http.StatusTooManyRequests, msgTooMany)
		return false
	}
	// 4. Token kind and scope: 401 for real tokens, 403 for [EXT] credentials (§5.3).
	if cl.kind == tokenScoped {
		if o.accept&audLocation == 0 || !slices.Contains(cl.scopes, o.scope) {
			c.forbidden("Missing permission " + o.scope + " for " + c.rt.method + " " + c.rt.path)
			return false
		}
	} else if o.accept&callerAudience(cl) == 0 || !slices.Contains(cl.scopes, o.scope) {
		c.fail(http.StatusUnauthorized, msgScope)
		return false
	}
	// 5. Location.
	if loc, named := requestLocation(c); named && !e.locationAllowed(cl, loc) {
		c.forbidden(msgLocation)
		return false
	}
	// 6. [EXT] agent restriction.
	if cl.restricted {
		if o.denyRestricted {
			c.forbidden("Credential is restricted to agents " + agentList(cl.agentIDs) + "; creating agents is not allowed")
			return false
		}
		if id := c.r.PathValue("agentId"); id != "" && !c.agentAllowed(id) {
			c.forbidden("Credential is restricted to agents " + agentList(cl.agentIDs) + "; agent " + id + " is not allowed")
			return false
		}
	}
	return true
}

func agentList(ids []string) string { return "[" + strings.Join(ids, ", ") + "]" }

func callerAudience(cl *caller) audience {
	switch {
	case cl.userType == userLocation:
		return audLocation
	case cl.kind == tokenOAuth:
		return audCompanyOAuth
	default:
		return audCompanyPIT
	}
}

// lookupCaller resolves the Bearer token: an [EXT] credential through the scopes family,
// otherwise a seeded PIT or an issued OAuth access token that has not expired.
func (e *Emulator) lookupCaller(c *reqCtx) (*caller, bool) {
	scheme, tok, ok := strings.Cut(c.r.Header.Get("Authorization"), " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return nil, false
	}
	if strings.HasPrefix(tok, "sct-") {
		a, ok := e.scopeLookup(c.st, tok, c.now)
		if !ok {
			return nil, false
		}
		loc := c.st.Locations[a.LocationID]
		if loc == nil {
			return nil, false
		}
		return &caller{
			kind: tokenScoped, userType: userLocation, companyID: loc.CompanyID, locationID: a.LocationID,
			app: a.CredentialID, credentialID: a.CredentialID, scopes: a.Permissions,
			restricted: a.Restricted, agentIDs: a.AgentIDs,
		}, true
	}
	t := c.st.Tokens[tok]
	if t == nil || (!t.ExpiresAt.IsZero() && !c.now.Before(t.ExpiresAt)) {
		return nil, false
	}
	app := t.ID
	if t.Kind == tokenOAuth {
		app = t.ClientID
	}
	return &caller{
		kind: t.Kind, userType: t.UserType, companyID: t.CompanyID, locationID: t.LocationID,
		app: app, clientID: t.ClientID, userID: t.UserID, scopes: t.Scopes,
	}, true
}

// requestLocation extracts the locationId the route declares; named is false when the
// route has none or the request omits it (validation then reports the missing field).
func requestLocation(c *reqCtx) (loc string, named bool) {
	switch c.rt.opts.location {
	case locPath:
		loc = c.r.PathValue("locationId")
	case locQuery:
		loc = c.r.URL.Query().Get("locationId")
	case locForm:
		if f, err := url.ParseQuery(string(c.body)); err == nil {
			loc = f.Get("locationId")
		}
	case locBody:
		var probe map[string]json.RawMessage
		if json.Unmarshal(c.body, &probe) == nil {
			_ = json.Unmarshal(probe["locationId"], &loc) // a non-string is left to validation
		}
	}
	return loc, loc != ""
}

// locationAllowed: a location caller may act on its own location only; an agency caller
// on the locations of its company.
func (e *Emulator) locationAllowed(cl *caller, locationID string) bool {
	if cl == nil {
		return false
	}
	if cl.userType == userLocation {
		return cl.locationID == locationID
	}
	loc := e.st.Locations[locationID]
	return loc != nil && loc.CompanyID == cl.companyID
}
