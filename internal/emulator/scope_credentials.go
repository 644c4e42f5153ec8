// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

// [EXT] Credentials of a scope (contract §5.1, §5.2). They are immutable (no PUT): to
// rotate, create a new one and delete the old one. The token, sct-<uuid v4>, appears only
// in the create answer; the state keeps its SHA-256 (scopes.go).

const msgCredentialNotFound = "Credential not found"

func (e *Emulator) registerCredentialRoutes(mux *http.ServeMux, read, write routeOpts) {
	e.handle(mux, "POST /conversation-ai/scopes/{scopeId}/credentials", write, e.createCredential)
	e.handle(mux, "GET /conversation-ai/scopes/{scopeId}/credentials", read, e.listCredentials)
	e.handle(mux, "GET /conversation-ai/scopes/{scopeId}/credentials/{credentialId}", read, e.getCredential)
	e.handle(mux, "DELETE /conversation-ai/scopes/{scopeId}/credentials/{credentialId}", write, e.deleteCredential)
}

type credentialJSON struct {
	ID          string  `json:"id"`
	ScopeID     string  `json:"scopeId"`
	LocationID  string  `json:"locationId"`
	Name        string  `json:"name"`
	ExpiresAt   *string `json:"expiresAt"` // null = never
	TokenPrefix string  `json:"tokenPrefix"`
	CreatedAt   string  `json:"createdAt"`
	Token       string  `json:"token,omitempty"` // create answer only
}

func credentialView(cr *ScopeCredential) credentialJSON {
	v := credentialJSON{
		ID: cr.ID, ScopeID: cr.ScopeID, LocationID: cr.LocationID, Name: cr.Name, TokenPrefix: cr.TokenPrefix,
		CreatedAt: isoTime(cr.CreatedAt),
	}
	if cr.ExpiresAt != nil {
		s := isoTime(*cr.ExpiresAt)
		v.ExpiresAt = &s
	}
	return v
}

// credentialOf returns the credential id of scope sc, or nil.
func (c *reqCtx) credentialOf(sc *Scope, id string) *ScopeCredential {
	cr := c.st.ScopeCredentials[id]
	if cr == nil || sc == nil || cr.ScopeID != sc.ID {
		return nil
	}
	return cr
}

// POST /conversation-ai/scopes/{id}/credentials: {name R (1-100 after trim), expiresAt
// (ISO, future; null = never)}; 201 {success,data:Credential with token}.
func (e *Emulator) createCredential(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("name", "expiresAt")
	name := boundedName(o, "name", maxScopeName)
	var expires *time.Time
	if s, ok := o.str("expiresAt"); ok {
		t, err := time.Parse(time.RFC3339Nano, s)
		switch {
		case err != nil:
			o.errs().add("expiresAt must be a valid ISO 8601 date string")
		case !t.After(c.now):
			o.errs().add("expiresAt must be in the future")
		default:
			t = t.UTC().Truncate(time.Millisecond) // the precision the API shows
			expires = &t
		}
	}
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	c.st.initScopes()
	token := "sct-" + newUUID()
	cr := &ScopeCredential{
		ID: newID(), ScopeID: sc.ID, LocationID: sc.LocationID, Name: name, ExpiresAt: expires,
		TokenPrefix: token[:8], TokenHash: hashToken(token), Seq: c.st.nextScopeSeq(), CreatedAt: c.now,
	}
	c.st.ScopeCredentials[cr.ID] = cr
	v := credentialView(cr)
	v.Token = token
	c.json(http.StatusCreated, envelope{Success: true, Data: v})
}

// GET /conversation-ai/scopes/{id}/credentials: all, createdAt asc, no tokens.
func (e *Emulator) listCredentials(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	var all []*ScopeCredential
	for _, cr := range c.st.ScopeCredentials {
		if cr.ScopeID == sc.ID {
			all = append(all, cr)
		}
	}
	slices.SortFunc(all, func(a, b *ScopeCredential) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	items := make([]credentialJSON, 0, len(all))
	for _, cr := range all {
		items = append(items, credentialView(cr))
	}
	c.json(http.StatusOK, envelope{Success: true, Data: items})
}

func (e *Emulator) getCredential(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	cr := c.credentialOf(sc, c.path("credentialId"))
	if cr == nil {
		c.notFound(msgCredentialNotFound)
		return
	}
	c.json(http.StatusOK, envelope{Success: true, Data: credentialView(cr)})
}

// DELETE …/credentials/{id}: revoked at once (later requests with it are 401, a later
// GET is 404).
func (e *Emulator) deleteCredential(c *reqCtx) {
	if c.refuseCredential() {
		return
	}
	sc := c.scopeOf(c.path("scopeId"))
	if sc == nil {
		c.notFound(msgScopeNotFound)
		return
	}
	cr := c.credentialOf(sc, c.path("credentialId"))
	if cr == nil {
		c.notFound(msgCredentialNotFound)
		return
	}
	delete(c.st.ScopeCredentials, cr.ID)
	c.json(http.StatusOK, map[string]any{"success": true, "id": cr.ID})
}
