// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import "context"

// tokenSource yields the bearer token of a location.
type tokenSource interface {
	// token returns the token for locationID ("" only in static-token mode).
	token(ctx context.Context, locationID string) (string, error)
	// invalidate drops tok after the API rejected it as invalid (a token 401), and reports
	// whether asking token again can give a different one.
	invalidate(locationID, tok string) bool
}

// staticToken is a Private Integration Token or a location access token: one location, no
// refresh. A 401 with it is final.
type staticToken string

func (s staticToken) token(context.Context, string) (string, error) { return string(s), nil }

func (s staticToken) invalidate(string, string) bool { return false }
