// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Location binding. A Private Integration Token belongs to one location, and the
// Conversation AI routes carry no locationId (contract §1.7): a token of location B used with
// location_id = A would create the agent in B while state records A, and the next plan would
// re-create it in A. So before its first request for a location, a client with a static token
// asks the API whether the token may act in that location, with the cheapest read that names
// the location: GET /locations/{id}, else (when the token lacks that scope) a one-item list of
// knowledge bases or conversations. One check per location per run, shared by all resources.
//
// The answers mean:
//   - 200: the token's location (a location read must also name it);
//   - 403, or 401/403 "does not have access to this location", or 404 of the location: another
//     location — every request for it fails with a *LocationMismatchError, nothing is written;
//   - 401 "not authorized for this scope" (403 "Missing permission" for [EXT] credentials): the
//     token cannot make that read; try the next one. A token that can make none of them is not
//     checked (logged as a warning); answers that carry a locationId are still checked.
//   - anything else (network, 5xx after retries): the request fails, and the next one checks again.

// LocationMismatchError is the error of every request for a location the configured token does
// not belong to.
type LocationMismatchError struct {
	LocationID string // the location the configuration asked for
	Detail     string // what the API answered, or which location it named
}

func (e *LocationMismatchError) Error() string {
	return fmt.Sprintf("the configured token does not belong to location %q (%s). A Private Integration Token acts in "+
		"its own location only: set location_id (on the resource, on the provider or HIGHLEVEL_LOCATION_ID) to the token's "+
		"location, or set token (or HIGHLEVEL_TOKEN) to a token of location %q. Nothing was read or written in either location.",
		e.LocationID, e.Detail, e.LocationID)
}

// IsLocationMismatch reports a *LocationMismatchError.
func IsLocationMismatch(err error) bool {
	var e *LocationMismatchError
	return errors.As(err, &e)
}

// binding is the outcome of one location's check.
type binding struct {
	mu   sync.Mutex
	done bool
	err  error // nil: verified or unverifiable; *LocationMismatchError: another location
	// companyID is the location's companyId when the check read the location: user routes
	// need it, and need not read the location again for it.
	companyID string
}

// bindingSet holds the checks of one client.
type bindingSet struct {
	mu sync.Mutex
	m  map[string]*binding
}

func (s *bindingSet) get(loc string) *binding {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]*binding{}
	}
	b := s.m[loc]
	if b == nil {
		b = &binding{}
		s.m[loc] = b
	}
	return b
}

// CheckLocation verifies, once per location and client, that the configured token may act in
// location ("" = the default location). Agency OAuth needs no check: its location tokens are
// minted per location by the API itself, which refuses a location the app is not installed on.
func (c *Client) CheckLocation(ctx context.Context, location string) error {
	if c.unavailable != nil {
		return c.unavailable
	}
	if _, static := c.auth.(staticToken); !static || c.skipBinding {
		return nil
	}
	loc, err := c.LocationID(location)
	if err != nil {
		return nil // no location at all: the token's own location is used
	}
	b := c.bindings.get(loc)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return b.err
	}
	companyID, err := c.probeLocation(ctx, loc)
	var mismatch *LocationMismatchError
	if err == nil || errors.As(err, &mismatch) {
		b.done, b.err, b.companyID = true, err, companyID
	}
	return err
}

// checkedCompanyID is the companyId the location check read for loc, if it did.
func (c *Client) checkedCompanyID(loc string) string {
	b := c.bindings.get(loc)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done && b.err == nil {
		return b.companyID
	}
	return ""
}

// probeLocation asks the API whether the token may act in loc (see the file comment), and
// returns the location's companyId when the location read answered.
func (c *Client) probeLocation(ctx context.Context, loc string) (companyID string, err error) {
	probes := []req{
		{method: http.MethodGet, path: pathf("/locations/%s", loc), family: familyLocations},
		{method: http.MethodGet, path: "/knowledge-bases/", family: familyKnowledgeBases,
			query: url.Values{"locationId": {loc}, "limit": {"1"}}},
		{method: http.MethodGet, path: "/conversations/search", family: familyConversations,
			query: url.Values{"locationId": {loc}, "limit": {"1"}}},
	}
	for i, p := range probes {
		p.locationID, p.bindingProbe = loc, true
		res, err := c.doRaw(ctx, p, nil)
		switch {
		case err == nil:
			// Only the status matters, and a location read that names another location.
			var answer struct {
				Location struct {
					ID        string `json:"id"`
					CompanyID string `json:"companyId"`
				} `json:"location"`
			}
			if i == 0 && res != nil && json.Unmarshal(res.body, &answer) == nil {
				if answer.Location.ID != "" && answer.Location.ID != loc {
					return "", &LocationMismatchError{LocationID: loc, Detail: "the API answered for location " + answer.Location.ID}
				}
				companyID = answer.Location.CompanyID
			}
			logDebug(c.logCtx(ctx), "the token may act in this location", map[string]any{"location_id": loc, "checked_with": p.method + " " + p.path})
			return companyID, nil
		case cannotCheckWith(err):
			continue
		case deniesLocation(err, i == 0):
			var apiErr *APIError
			detail := err.Error()
			if errors.As(err, &apiErr) {
				detail = fmt.Sprintf("%s %s answered %d: %s", p.method, p.path, apiErr.StatusCode, strings.Join(apiErr.Messages, "; "))
			}
			return "", &LocationMismatchError{LocationID: loc, Detail: detail}
		default:
			return "", fmt.Errorf("checking that the token belongs to location %q: %w", loc, err)
		}
	}
	tflog.Warn(ctx, "cannot check that the token belongs to this location: it may read none of locations, knowledge bases "+
		"or conversations. Make sure location_id is the token's location: the Conversation AI routes act in the token's "+
		"location whatever location_id says.", map[string]any{"location_id": loc})
	return "", nil
}

// cannotCheckWith reports an answer that says nothing about the location: the token lacks the
// probe's scope (401 scope message; [EXT] credentials answer 403 "Missing permission").
func cannotCheckWith(err error) bool {
	if IsScopeDenied(err) || IsRouteNotFound(err) {
		return true
	}
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusForbidden && strings.HasPrefix(e.Message(), "Missing permission")
}

// deniesLocation reports an answer that refuses the location itself.
func deniesLocation(err error, locationRead bool) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case strings.Contains(strings.ToLower(e.Message()), "does not have access to this location"):
		return true
	case e.StatusCode == http.StatusForbidden:
		return true
	case locationRead && IsNotFound(err) && !IsRouteNotFound(err):
		return true // the location does not exist (for this token)
	}
	return false
}

// checkAnsweredLocation compares the locationId an answer carries with the location asked for.
func checkAnsweredLocation(what, asked, answered string) error {
	if asked == "" || answered == "" || asked == answered {
		return nil
	}
	return &LocationMismatchError{LocationID: asked, Detail: fmt.Sprintf("the API answered with %s of location %s", what, answered)}
}
