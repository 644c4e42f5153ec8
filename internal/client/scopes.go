// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Scopes and scoped credentials: the [EXT] emulator-only extension of contract §5 — NOT part of
// the public HighLevel API (§4). An agency defines a scope (a location, OAuth scope strings and
// optionally some agents) and issues credentials (`sct-…` tokens) under it.
//
// Against the real API these routes do not exist (404 "Cannot POST /conversation-ai/scopes"):
// every method then returns an error for which errors.Is(err, ErrScopesUnsupported) is true —
// and IsNotFound is false, so that a caller never mistakes the missing feature for a deleted
// object (a Read that drops the resource, a Delete that "succeeds").
//
// Credential tokens are secrets: they appear only in the CreateCredential answer, are masked in
// logs at every level (the `token` JSON key and the `sct-` shape), and are added to the
// client's redaction set as soon as they are received.

// ErrScopesUnsupported is returned (wrapped) by the scope methods when the API has no scope
// routes: the real HighLevel API (contract §4).
var ErrScopesUnsupported = errors.New("scope management is not available on this HighLevel API endpoint (emulator-only feature)")

// scopesUnsupportedError carries the 404 that revealed the missing routes. It is
// ErrScopesUnsupported for errors.Is, and deliberately does not unwrap to the *APIError.
type scopesUnsupportedError struct{ cause error }

func (e *scopesUnsupportedError) Error() string {
	return ErrScopesUnsupported.Error() + " (" + e.cause.Error() + ")"
}

func (e *scopesUnsupportedError) Is(target error) bool { return target == ErrScopesUnsupported }

// scopeErr turns a route-not-found 404 into ErrScopesUnsupported.
func scopeErr(err error) error {
	if err != nil && IsRouteNotFound(err) {
		return &scopesUnsupportedError{cause: err}
	}
	return err
}

// ScopePermissions are the permission values a scope may hold (contract §5.1).
func ScopePermissions() []string {
	return []string{
		"conversation-ai.readonly", "conversation-ai.write",
		"knowledge-bases.readonly", "knowledge-bases.write",
		"conversations.readonly", "conversations.write",
		"conversations/message.readonly", "conversations/message.write",
		"locations.readonly",
	}
}

// Scope is an [EXT] scope (contract §5.1). Permissions and AgentIDs are returned sorted.
type Scope struct {
	ID          string   `json:"id"`
	LocationID  string   `json:"locationId"`
	Name        string   `json:"name"`
	Description string   `json:"description"` // "" when unset
	Permissions []string `json:"permissions"`
	// AgentIDs empty = all agents of the location, unless Restricted (then: no agent).
	AgentIDs []string `json:"agentIds"`
	// Restricted is true when the last create or PUT had a non-empty agentIds; it stays true
	// when deleting agents empties the list (§5.2).
	Restricted bool   `json:"restricted"`
	CreatedAt  string `json:"createdAt,omitempty"`
	UpdatedAt  string `json:"updatedAt,omitempty"`
}

// ScopeInput is the desired scope of CreateScope and UpdateScope. Description nil is not sent
// (PUT then resets it to ""); AgentIDs nil is not sent (= all agents; PUT resets it to []).
type ScopeInput struct {
	Name        string
	Description *string
	Permissions []string
	AgentIDs    []string
}

type scopeBody struct {
	LocationID  string   `json:"locationId,omitempty"` // create only
	Name        string   `json:"name"`
	Description *string  `json:"description,omitzero"`
	Permissions []string `json:"permissions"`
	AgentIDs    []string `json:"agentIds,omitzero"`
}

func (in ScopeInput) body(locationID string) scopeBody {
	perms := in.Permissions
	if perms == nil {
		perms = []string{} // required: let the API say what is wrong rather than send null
	}
	return scopeBody{LocationID: locationID, Name: in.Name, Description: in.Description, Permissions: perms, AgentIDs: in.AgentIDs}
}

// Credential is an [EXT] scoped credential (contract §5.1). Credentials are immutable: rotate by
// creating a new one and deleting the old one.
type Credential struct {
	ID         string  `json:"id"`
	ScopeID    string  `json:"scopeId"`
	LocationID string  `json:"locationId"`
	Name       string  `json:"name"`
	ExpiresAt  *string `json:"expiresAt"` // nil = never
	// TokenPrefix is the first 8 characters of the token (e.g. "sct-3f9a"); not a secret.
	TokenPrefix string `json:"tokenPrefix"`
	CreatedAt   string `json:"createdAt,omitempty"`
	// Token is the credential (`sct-<uuid>`): only in the CreateCredential answer, never in GET
	// or list. Secret: keep it Sensitive.
	Token string `json:"token,omitempty"`
}

// CredentialInput is the body of CreateCredential: {name, expiresAt?} (expiresAt ISO-8601, in
// the future; nil = never expires).
type CredentialInput struct {
	Name      string  `json:"name"`
	ExpiresAt *string `json:"expiresAt,omitzero"`
}

// CreateScope creates a scope (POST /conversation-ai/scopes, 201 {success,data:Scope}). Its
// permissions must be a subset of the calling token's own scopes (else 403).
func (c *Client) CreateScope(ctx context.Context, locationID string, in ScopeInput) (*Scope, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out Scope
	err = c.do(ctx, req{method: http.MethodPost, path: "/conversation-ai/scopes", family: familyScopes,
		locationID: loc, body: in.body(loc)}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, scopeErr(err)
	}
	return &out, nil
}

// GetScope reads a scope (GET /conversation-ai/scopes/{id}); IsNotFound(err) when it is gone.
func (c *Client) GetScope(ctx context.Context, locationID, id string) (*Scope, error) {
	if err := requireID("scope", id); err != nil {
		return nil, err
	}
	var out Scope
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/scopes/%s", id), family: familyScopes,
		locationID: locationID}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, scopeErr(err)
	}
	return &out, nil
}

// ListScopes lists the location's scopes (GET /conversation-ai/scopes, createdAt ascending), 100
// a page, continuing with startAfter = the last scope's id until a page is shorter than the
// limit.
func (c *Client) ListScopes(ctx context.Context, locationID string) ([]Scope, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var all []Scope
	guard := cursorGuard{}
	startAfter := ""
	for {
		q := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(listPageSize)}}
		if startAfter != "" {
			q.Set("startAfter", startAfter)
		}
		var page []Scope
		err := c.do(ctx, req{method: http.MethodGet, path: "/conversation-ai/scopes", family: familyScopes,
			locationID: loc, query: q}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, scopeErr(err)
		}
		all = append(all, page...)
		if len(page) < listPageSize {
			return all, nil
		}
		startAfter = page[len(page)-1].ID
		if err := guard.advance("scopes", "startAfter", startAfter); err != nil {
			return nil, err
		}
	}
}

// UpdateScope replaces a scope (PUT /conversation-ai/scopes/{id}, full replace: an omitted
// optional field resets to ""/[]). The change applies at once to its credentials.
func (c *Client) UpdateScope(ctx context.Context, locationID, id string, in ScopeInput) (*Scope, error) {
	if err := requireID("scope", id); err != nil {
		return nil, err
	}
	var out Scope
	err := c.do(ctx, req{method: http.MethodPut, path: pathf("/conversation-ai/scopes/%s", id), family: familyScopes,
		locationID: locationID, body: in.body("")}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, scopeErr(err)
	}
	return &out, nil
}

// DeleteScope deletes a scope and revokes its credentials (DELETE /conversation-ai/scopes/{id}).
// A 404 is returned as an error (IsNotFound); ErrScopesUnsupported is not a 404.
func (c *Client) DeleteScope(ctx context.Context, locationID, id string) error {
	if err := requireID("scope", id); err != nil {
		return err
	}
	return scopeErr(c.do(ctx, req{method: http.MethodDelete, path: pathf("/conversation-ai/scopes/%s", id),
		family: familyScopes, locationID: locationID}, successOnly()))
}

// CreateCredential issues a credential under a scope (POST /conversation-ai/scopes/{id}/credentials,
// 201 {success,data:Credential} with the token). The token is added to the client's redaction
// set at once. It is never retried once it may have reached the server.
func (c *Client) CreateCredential(ctx context.Context, locationID, scopeID string, in CredentialInput) (*Credential, error) {
	if err := requireID("scope", scopeID); err != nil {
		return nil, err
	}
	var out Credential
	err := c.do(ctx, req{method: http.MethodPost, path: pathf("/conversation-ai/scopes/%s/credentials", scopeID),
		family: familyScopes, locationID: locationID, body: in}, inEnvelope(&out, "data"))
	if out.Token != "" {
		c.secrets.add(out.Token)
	}
	if err != nil {
		return nil, scopeErr(err)
	}
	if strings.TrimSpace(out.Token) == "" {
		return nil, errors.New("creating a credential of scope " + scopeID + ": the answer has no token")
	}
	return &out, nil
}

// GetCredential reads a credential, without its token (GET
// /conversation-ai/scopes/{scopeId}/credentials/{credentialId}); IsNotFound(err) when it is
// revoked or gone.
func (c *Client) GetCredential(ctx context.Context, locationID, scopeID, credentialID string) (*Credential, error) {
	if err := requireIDs("scope", scopeID, "credential", credentialID); err != nil {
		return nil, err
	}
	var out Credential
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/scopes/%s/credentials/%s", scopeID, credentialID),
		family: familyScopes, locationID: locationID}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, scopeErr(err)
	}
	out.Token = "" // never in a GET; never kept if a server sends it anyway
	return &out, nil
}

// ListCredentials lists a scope's credentials, without tokens (GET
// /conversation-ai/scopes/{id}/credentials, createdAt ascending, no paging).
func (c *Client) ListCredentials(ctx context.Context, locationID, scopeID string) ([]Credential, error) {
	if err := requireID("scope", scopeID); err != nil {
		return nil, err
	}
	var out []Credential
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/conversation-ai/scopes/%s/credentials", scopeID),
		family: familyScopes, locationID: locationID}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, scopeErr(err)
	}
	for i := range out {
		out[i].Token = ""
	}
	return out, nil
}

// DeleteCredential revokes a credential at once (DELETE
// /conversation-ai/scopes/{scopeId}/credentials/{credentialId}). A 404 is returned as an error
// (IsNotFound).
func (c *Client) DeleteCredential(ctx context.Context, locationID, scopeID, credentialID string) error {
	if err := requireIDs("scope", scopeID, "credential", credentialID); err != nil {
		return err
	}
	return scopeErr(c.do(ctx, req{method: http.MethodDelete, path: pathf("/conversation-ai/scopes/%s/credentials/%s", scopeID, credentialID),
		family: familyScopes, locationID: locationID}, successOnly()))
}
