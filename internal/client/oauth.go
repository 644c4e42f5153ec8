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
	"strconv"
	"sync"
	"time"
)

// Agency OAuth (contract §2.3, §2.4, §7.10): the agency (Company) token is obtained with the
// refresh-token grant (or given), and exchanged for one location token per location on first
// use. Location tokens are cached until expires_in − 300 s, then re-minted; a token 401 drops
// the cached token and the call is repeated once with a fresh one. Each location (and the
// agency token) has its own one-slot semaphore, so N parallel callers cause one exchange.

const (
	tokenRefreshMargin    = 300 * time.Second
	defaultTokenExpiresIn = 86399 * time.Second // §2.3, when the answer has no expires_in
)

type oauthSource struct {
	c   *Client
	cfg OAuthConfig

	agencySem chan struct{} // held while refreshing the agency token

	mu           sync.Mutex // guards the fields below
	agencyToken  string
	agencyExpiry time.Time // zero: unknown (a configured access token), used until rejected
	refreshToken string    // newest refresh token (single-use: §2.3)
	companyID    string

	locMu sync.Mutex
	locs  map[string]*locationToken
}

type locationToken struct {
	sem    chan struct{} // held while minting
	mu     sync.Mutex
	tok    string
	expiry time.Time
}

func newOAuthSource(c *Client, cfg OAuthConfig) *oauthSource {
	return &oauthSource{
		c:            c,
		cfg:          cfg,
		agencySem:    make(chan struct{}, 1),
		agencyToken:  cfg.AccessToken,
		refreshToken: cfg.RefreshToken,
		companyID:    cfg.CompanyID,
		locs:         map[string]*locationToken{},
	}
}

func (o *oauthSource) company() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.companyID
}

func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// expiryFor is when a token issued now with expiresIn stops being used: expiresIn − 300 s, or
// half its life for tokens shorter than 10 minutes.
func expiryFor(now time.Time, expiresIn time.Duration) time.Time {
	if expiresIn <= 0 {
		expiresIn = defaultTokenExpiresIn
	}
	margin := tokenRefreshMargin
	if expiresIn <= 2*tokenRefreshMargin {
		margin = expiresIn / 2
	}
	return now.Add(expiresIn - margin)
}

// token returns the location's token, minting it when absent or near expiry.
func (o *oauthSource) token(ctx context.Context, locationID string) (string, error) {
	if locationID == "" {
		return "", errors.New("agency OAuth needs a location id: set location_id on the resource or the provider")
	}
	o.locMu.Lock()
	e, ok := o.locs[locationID]
	if !ok {
		e = &locationToken{sem: make(chan struct{}, 1)}
		o.locs[locationID] = e
	}
	o.locMu.Unlock()

	if err := acquire(ctx, e.sem); err != nil {
		return "", err
	}
	defer func() { <-e.sem }()

	e.mu.Lock()
	tok, expiry := e.tok, e.expiry
	e.mu.Unlock()
	if tok != "" && o.c.now().Before(expiry) {
		return tok, nil
	}

	tok, expiresIn, err := o.mintLocation(ctx, locationID)
	if err != nil {
		return "", err
	}
	e.mu.Lock()
	e.tok, e.expiry = tok, expiryFor(o.c.now(), expiresIn)
	e.mu.Unlock()
	return tok, nil
}

func (o *oauthSource) invalidate(locationID, tok string) bool {
	o.locMu.Lock()
	e := o.locs[locationID]
	o.locMu.Unlock()
	if e != nil {
		e.mu.Lock()
		if e.tok == tok {
			e.tok = ""
		}
		e.mu.Unlock()
	}
	return true
}

// tokenAnswer is the 200 answer of /oauth/token and /oauth/locationToken: snake_case token
// fields, camelCase ids (§1.3).
type tokenAnswer struct {
	AccessToken  string      `json:"access_token"`
	TokenType    string      `json:"token_type"`
	ExpiresIn    json.Number `json:"expires_in"`
	RefreshToken string      `json:"refresh_token"`
	Scope        string      `json:"scope"`
	UserType     string      `json:"userType"`
	CompanyID    string      `json:"companyId"`
	LocationID   string      `json:"locationId"`
}

func (t *tokenAnswer) expiresIn() time.Duration {
	f, err := strconv.ParseFloat(t.ExpiresIn.String(), 64)
	if err != nil || f <= 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// mintLocation exchanges the agency token for a location token (POST /oauth/locationToken).
func (o *oauthSource) mintLocation(ctx context.Context, locationID string) (string, time.Duration, error) {
	if _, err := o.agency(ctx); err != nil {
		return "", 0, err
	}
	company := o.company()
	if company == "" {
		return "", 0, errors.New("agency OAuth: no company id (set company_id in the oauth block)")
	}
	logDebug(o.c.logCtx(ctx), "exchanging the agency token for a location token", map[string]any{
		"location_id": locationID, "company_id": company,
	})
	var ans tokenAnswer
	err := o.c.do(ctx, req{
		method:     http.MethodPost,
		path:       "/oauth/locationToken",
		family:     familyOAuthAgency,
		locationID: locationID,
		form:       url.Values{"companyId": {company}, "locationId": {locationID}},
		idempotent: true, // minting a second token is harmless
	}, &ans)
	if err != nil {
		return "", 0, fmt.Errorf("getting an access token for location %s from the agency token: %w", locationID, err)
	}
	if ans.AccessToken == "" {
		return "", 0, fmt.Errorf("getting an access token for location %s: the answer has no access_token", locationID)
	}
	o.c.secrets.add(ans.AccessToken, ans.RefreshToken)
	return ans.AccessToken, ans.expiresIn(), nil
}

// agency returns the agency token, refreshing it when absent or near expiry.
func (o *oauthSource) agency(ctx context.Context) (string, error) {
	if err := acquire(ctx, o.agencySem); err != nil {
		return "", err
	}
	defer func() { <-o.agencySem }()

	o.mu.Lock()
	tok, expiry, refresh := o.agencyToken, o.agencyExpiry, o.refreshToken
	o.mu.Unlock()
	if tok != "" && (expiry.IsZero() || o.c.now().Before(expiry)) {
		return tok, nil
	}
	if !o.cfg.refreshFlow() {
		return "", errors.New("the agency OAuth access token was rejected and cannot be renewed: " +
			"give a new access_token, or client_id, client_secret and refresh_token so that the provider can refresh it")
	}

	logDebug(o.c.logCtx(ctx), "refreshing the agency OAuth token (grant_type=refresh_token, user_type=Company)", nil)
	var ans tokenAnswer
	err := o.c.do(ctx, req{
		method: http.MethodPost,
		path:   "/oauth/token",
		family: familyOAuthToken,
		form: url.Values{
			"client_id":     {o.cfg.ClientID},
			"client_secret": {o.cfg.ClientSecret},
			"grant_type":    {"refresh_token"},
			"refresh_token": {refresh},
			"user_type":     {"Company"},
		},
		// not idempotent: the refresh token is single-use, a replay would fail anyway
	}, &ans)
	if err != nil {
		return "", fmt.Errorf("refreshing the agency OAuth token: %w", err)
	}
	if ans.AccessToken == "" {
		return "", errors.New("refreshing the agency OAuth token: the answer has no access_token")
	}
	o.c.secrets.add(ans.AccessToken, ans.RefreshToken)

	o.mu.Lock()
	o.agencyToken = ans.AccessToken
	o.agencyExpiry = expiryFor(o.c.now(), ans.expiresIn())
	rotated := ans.RefreshToken != "" && ans.RefreshToken != o.refreshToken
	if ans.RefreshToken != "" {
		o.refreshToken = ans.RefreshToken
	}
	if o.companyID == "" {
		o.companyID = ans.CompanyID
	}
	o.mu.Unlock()
	if rotated && o.cfg.RefreshTokenRotated != nil {
		o.cfg.RefreshTokenRotated(ans.RefreshToken)
	}
	return ans.AccessToken, nil
}

// invalidateAgency drops the agency token after a token 401; it can be renewed only with the
// refresh-token flow.
func (o *oauthSource) invalidateAgency(tok string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.agencyToken == tok {
		o.agencyToken = ""
	}
	return o.cfg.refreshFlow()
}
