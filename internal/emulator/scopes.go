// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// [EXT] Scopes and scoped credentials (contract §5): NOT part of the public HighLevel API.
// A scope is a location, a set of real OAuth scope strings (its permissions) and
// optionally a list of agents; credentials issued under it (scope_credentials.go) are
// Bearer sct-<uuid v4> tokens that the auth layer enforces (auth.go, §5.3) through
// lookupScopeCredential.
//
// The routes need the emulator-only scopes conversation-ai/scopes.write (writes) and
// conversation-ai/scopes.readonly (reads). Callers are location PITs and OAuth location
// tokens; a scope credential never can: those two strings are outside the permission
// enum, so the router already answers 403 "Missing permission …", and the handlers refuse
// credentials again in case that ever changes.
//
// Secrets: the state keeps only the SHA-256 of each credential token (TokenHash), so the
// persisted data file holds no usable credential; the token itself exists only in the
// create answer.

// ScopeState holds the [EXT] scopes and their credentials (contract §5).
type ScopeState struct {
	Scopes           map[string]*Scope           `json:"scopes"`
	ScopeCredentials map[string]*ScopeCredential `json:"scopeCredentials"`
	// ScopeSeq numbers scopes and credentials in creation order (createdAt asc lists).
	ScopeSeq int64 `json:"scopeSeq"`
}

// Scope is a stored [EXT] scope.
type Scope struct {
	ID          string    `json:"id"`
	LocationID  string    `json:"locationId"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Permissions []string  `json:"permissions"` // sorted, unique
	AgentIDs    []string  `json:"agentIds"`    // sorted, unique
	Restricted  bool      `json:"restricted"`  // the last create/PUT had non-empty agentIds
	Seq         int64     `json:"seq"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// ScopeCredential is a stored [EXT] credential. It holds the SHA-256 of its token, never
// the token.
type ScopeCredential struct {
	ID          string     `json:"id"`
	ScopeID     string     `json:"scopeId"`
	LocationID  string     `json:"locationId"`
	Name        string     `json:"name"`
	ExpiresAt   *time.Time `json:"expiresAt"` // nil = never
	TokenPrefix string     `json:"tokenPrefix"`
	TokenHash   string     `json:"tokenHash"` // hex SHA-256 of the token
	Seq         int64      `json:"seq"`
	CreatedAt   time.Time  `json:"createdAt"`
}

// ScopeCredentialAuth is what the auth layer needs to know about a Bearer sct-… token.
type ScopeCredentialAuth struct {
	CredentialID string
	LocationID   string
	Permissions  []string
	Restricted   bool
	AgentIDs     []string
}

// scopePermissions is the permission enum of §5.1.
var scopePermissions = []string{
	"conversation-ai.readonly", "conversation-ai.write", "knowledge-bases.readonly", "knowledge-bases.write",
	"conversations.readonly", "conversations.write", "conversations/message.readonly",
	"conversations/message.write", "locations.readonly",
}

const (
	scopesRead  = "conversation-ai/scopes.readonly"
	scopesWrite = "conversation-ai/scopes.write"

	msgScopeNotFound = "Scope not found"
	maxScopeName     = 100
	maxScopeDesc     = 500
)

func (st *State) initScopes() {
	if st.Scopes == nil {
		st.Scopes = map[string]*Scope{}
	}
	if st.ScopeCredentials == nil {
		st.ScopeCredentials = map[string]*ScopeCredential{}
	}
}

func (st *State) nextScopeSeq() int64 {
	st.ScopeSeq++
	return st.ScopeSeq
}

// hashToken is the stored form of a credential token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// lookupScopeCredential resolves a Bearer sct-… token; ok is false when it is unknown,
// revoked (deleted, or its scope deleted) or expired. The scope is read live, so a PUT
// takes effect at once for existing credentials.
func (st *State) lookupScopeCredential(token string, now time.Time) (auth ScopeCredentialAuth, ok bool) {
	if len(st.ScopeCredentials) == 0 {
		return ScopeCredentialAuth{}, false
	}
	h := hashToken(token)
	for _, cr := range st.ScopeCredentials {
		if cr.TokenHash != h {
			continue
		}
		sc := st.Scopes[cr.ScopeID]
		if sc == nil || (cr.ExpiresAt != nil && !now.Before(*cr.ExpiresAt)) {
			return ScopeCredentialAuth{}, false
		}
		return ScopeCredentialAuth{
			CredentialID: cr.ID, LocationID: sc.LocationID, Permissions: slices.Clone(sc.Permissions),
			Restricted: sc.Restricted, AgentIDs: slices.Clone(orEmpty(sc.AgentIDs)),
		}, true
	}
	return ScopeCredentialAuth{}, false
}

// onAgentDeleted removes a deleted agent from every scope's agentIds (contract §5.2). A
// list emptied that way does not widen to all agents: restricted stays true.
func (st *State) onAgentDeleted(locationID, agentID string) {
	for _, sc := range st.Scopes {
		if sc.LocationID == locationID {
			sc.AgentIDs = slices.DeleteFunc(sc.AgentIDs, func(id string) bool { return id == agentID })
		}
	}
}

// registerScopeRoutes adds the [EXT] /conversation-ai/scopes routes (§5.2), scopes here and
// credentials in scope_credentials.go.
func (e *Emulator) registerScopeRoutes(mux *http.ServeMux) {
	read := routeOpts{scope: scopesRead}
	write := routeOpts{scope: scopesWrite}
	readQ, writeB := read, write
	readQ.location, writeB.location = locQuery, locBody
	e.handle(mux, "POST /conversation-ai/scopes", writeB, e.createScope)
	e.handle(mux, "GET /conversation-ai/scopes", readQ, e.listScopes)
	e.handle(mux, "GET /conversation-ai/scopes/{scopeId}", read, e.getScope)
	// PUT: a locationId in the body must equal the stored one, else 422 (not 403), so the
	// route does not declare it.
	e.handle(mux, "PUT /conversation-ai/scopes/{scopeId}", write, e.updateScope)
	e.handle(mux, "DELETE /conversation-ai/scopes/{scopeId}", write, e.deleteScope)
	e.registerCredentialRoutes(mux, read, write)
}

// refuseCredential answers 403 for [EXT] credentials: they can never manage scopes.
func (c *reqCtx) refuseCredential() bool {
	if c.caller != nil && c.caller.kind == tokenScoped {
		c.forbidden("Scope credentials cannot manage scopes or credentials")
		return true
	}
	return false
}

// scopeOf returns the caller's scope id, or nil.
func (c *reqCtx) scopeOf(id string) *Scope {
	sc := c.st.Scopes[id]
	if sc == nil || sc.LocationID != c.locationID() {
		return nil
	}
	return sc
}

type scopeJSON struct {
	ID          string   `json:"id"`
	LocationID  string   `json:"locationId"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Permissions []string `json:"permissions"`
	AgentIDs    []string `json:"agentIds"`
	Restricted  bool     `json:"restricted"`
	CreatedAt   string   `json:"createdAt"`
	UpdatedAt   string   `json:"updatedAt"`
}

func scopeView(sc *Scope) scopeJSON {
	return scopeJSON{
		ID: sc.ID, LocationID: sc.LocationID, Name: sc.Name, Description: sc.Description,
		Permissions: orEmpty(sc.Permissions), AgentIDs: orEmpty(sc.AgentIDs), Restricted: sc.Restricted,
		CreatedAt: isoTime(sc.CreatedAt), UpdatedAt: isoTime(sc.UpdatedAt),
	}
}

// boundedName validates a required name of 1-maxLen characters after trimming; it returns
// the trimmed name.
func boundedName(o *obj, field string, maxLen int) string {
	s, ok := o.reqStr(field)
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		o.errs().add("%s should not be empty", o.name(field))
	case utf8.RuneCountInString(s) > maxLen:
		o.errs().add("%s must be shorter than or equal to %d characters", o.name(field), maxLen)
	}
	return s
}

// scopeInput is a validated create or PUT body.
type scopeInput struct {
	name, description string
	permissions       []string
	agentIDs          []string
}

// validateScope validates {name, description?, permissions, agentIds?} (plus locationId,
// whose checks differ between create and PUT and are the caller's). Agents must be
// agents of locationID.
func validateScope(o *obj, st *State, locationID string) scopeInput {
	var in scopeInput
	in.name = boundedName(o, "name", maxScopeName)
	if d, ok := o.str("description"); ok {
		if utf8.RuneCountInString(d) > maxScopeDesc {
			o.errs().add("description must be shorter than or equal to %d characters", maxScopeDesc)
		}
		in.description = d
	}
	if perms, ok := o.reqStrList("permissions", 1); ok {
		bad := false
		for i, p := range perms {
			if !slices.Contains(scopePermissions, p) {
				o.errs().add("permissions.%d must be one of the following values: %s", i, strings.Join(scopePermissions, ", "))
				bad = true
			}
		}
		switch {
		case len(perms) > len(scopePermissions):
			o.errs().add("permissions must contain no more than %d elements", len(scopePermissions))
		case len(dedupe(perms)) != len(perms):
			o.errs().add("All permissions's elements must be unique")
		case !bad:
			in.permissions = slices.Sorted(slices.Values(perms))
		}
	}
	if ids, ok := o.strList("agentIds", 0); ok {
		ids = dedupe(ids)
		for _, id := range ids {
			if a := st.Agents[id]; a == nil || a.LocationID != locationID {
				o.errs().add("agentIds contains unknown agent %s", id)
			}
		}
		slices.Sort(ids)
		in.agentIDs = ids
	}
	return in
}

// checkGrant answers 403 unless every permission is one of the caller's own scopes.
func (c *reqCtx) checkGrant(perms []string) bool {
	for _, p := range perms {
		if !slices.Contains(c.caller.scopes, p) {
			c.forbidden("Cannot grant permission " + p + ": the calling token does not hold it")
			return false
		}
	}
	return true
}

// POST /conversation-ai/scopes: 201 {success,data:Scope}.
func (e *Emulator) createScope(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("locationId", "name", "description", "permissions", "agentIds")
	o.reqStr("locationId")
	in := validateScope(o, c.st, c.locationID())
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	if !c.checkGrant(in.permissions) {
		return
	}
	c.st.initScopes()
	sc := &Scope{
		ID: newID(), LocationID: c.locationID(), Name: in.name, Description: in.description,
		Permissions: in.permissions, AgentIDs: orEmpty(in.agentIDs), Restricted: len(in.agentIDs) > 0,
		Seq: c.st.nextScopeSeq(), CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.Scopes[sc.ID] = sc
	c.json(http.StatusCreated, envelope{Success: true, Data: scopeView(sc)})
}

// GET /conversation-ai/scopes: locationId R, limit (default 20, 1-100), startAfter (a
// scope id; createdAt asc). count is the page, totalCount every scope of the location.
func (e *Emulator) listScopes(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	q := c.r.URL.Query()
	msgs := requireQuery(c, "locationId")
	limit, m := queryInt(q, "limit", 20, 1, 100)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	var all []*Scope
	for _, sc := range c.st.Scopes {
		if sc.LocationID == c.locationID() {
			all = append(all, sc)
		}
	}
	slices.SortFunc(all, func(a, b *Scope) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	start := 0
	if after := q.Get("startAfter"); after != "" {
		i := slices.IndexFunc(all, func(sc *Scope) bool { return sc.ID == after })
		if i < 0 {
			c.invalid("startAfter must be the id of a scope of this location")
			return
		}
		start = i + 1
	}
	end := min(start+int(limit), len(all))
	items := make([]scopeJSON, 0, end-start)
	for _, sc := range all[start:end] {
		items = append(items, scopeView(sc))
	}
	c.json(http.StatusOK, map[string]any{"success": true, "data": items, "count": len(items), "totalCount": len(all)})
}

func (e *Emulator) getScope(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	c.json(http.StatusOK, envelope{Success: true, Data: scopeView(sc)})
}

// PUT /conversation-ai/scopes/{id}: full replace; an omitted description or agentIds
// resets to ""/[] (and restricted to false); locationId is immutable (422).
func (e *Emulator) updateScope(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("locationId", "name", "description", "permissions", "agentIds")
	loc, hasLoc := o.str("locationId")
	in := validateScope(o, c.st, c.locationID())
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	if hasLoc && loc != sc.LocationID {
		c.invalid("locationId cannot be changed")
		return
	}
	if !c.checkGrant(in.permissions) {
		return
	}
	sc.Name, sc.Description, sc.Permissions = in.name, in.description, in.permissions
	sc.AgentIDs, sc.Restricted, sc.UpdatedAt = orEmpty(in.agentIDs), len(in.agentIDs) > 0, c.now
	c.json(http.StatusOK, envelope{Success: true, Data: scopeView(sc)})
}

// DELETE /conversation-ai/scopes/{id}: revokes its credentials at once.
func (e *Emulator) deleteScope(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	for id, cr := range c.st.ScopeCredentials {
		if cr.ScopeID == sc.ID {
			delete(c.st.ScopeCredentials, id)
		}
	}
	delete(c.st.Scopes, sc.ID)
	c.json(http.StatusOK, map[string]any{"success": true, "id": sc.ID})
}
