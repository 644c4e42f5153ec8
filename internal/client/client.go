// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package client is the HighLevel API client of the provider: the only package that speaks
// HTTP. It implements the contract of shared/api/highlevel-api.md: bearer auth (a Private
// Integration Token, or agency OAuth exchanged for per-location tokens), the Version header per
// endpoint family, a token-bucket limiter per location, retries (go-retryablehttp) that never
// duplicate a create, typed errors and tflog logging with credentials redacted.
//
// Endpoint families live in one file each (agents.go, locations.go, …) and are thin. Adding
// one is a type per object and a method per route around c.do, which does auth, the Version
// header (from the family), limiter, retries, logging, error decoding and JSON decoding:
//
//	func (c *Client) GetKnowledgeBase(ctx context.Context, locationID, id string) (*KnowledgeBase, error) {
//		if err := requireID("knowledge base", id); err != nil {
//			return nil, err
//		}
//		var out KnowledgeBase
//		err := c.do(ctx, req{method: http.MethodGet, path: pathf("/knowledge-bases/%s", id),
//			family: familyKnowledgeBases, locationID: locationID}, inEnvelope(&out, "data"))
//		if err != nil {
//			return nil, err
//		}
//		return &out, nil
//	}
//
// Routes that carry locationId in the query or body resolve it first with c.LocationID and
// put it there (and in req.locationID). A POST that is safe to repeat sets req.idempotent.
package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults of Config.
const (
	DefaultBaseURL        = "https://services.leadconnectorhq.com"
	DefaultMaxRetries     = 4
	DefaultRequestsPer10s = 95
	defaultUserAgent      = "terraform-provider-highlevel"
	// defaultAttemptTimeout bounds one HTTP attempt when Config.HTTPClient is nil.
	defaultAttemptTimeout = 2 * time.Minute
)

// Config configures a Client. Exactly one of Token and OAuth is set.
type Config struct {
	BaseURL        string       // default DefaultBaseURL; an absolute http(s) URL (the emulator's, in tests)
	Token          string       // Private Integration Token or location access token (bound to one location)
	LocationID     string       // default location for calls that pass ""
	OAuth          *OAuthConfig // agency mode; mutually exclusive with Token
	MaxRetries     int          // default 4 (0 means default; negative = no retries)
	RequestsPer10s int          // client-side limiter per location, default 95 (contract §1.6); capped so bursts stay under 100/10 s; negative: none (emulator with limits off)
	UserAgent      string       // default "terraform-provider-highlevel"
	HTTPClient     *http.Client // optional base client (tests); its Transport is wrapped, not replaced
	// SkipLocationCheck turns off the check that a static token belongs to the location a
	// request names (binding.go). Only for tests of other behaviour against fake servers.
	SkipLocationCheck bool
}

// OAuthConfig is the agency (Company) OAuth mode (contract §2.3, §2.4): the client exchanges
// the agency token for one location token per location on first use, and caches it.
type OAuthConfig struct {
	// Refresh-token flow: POST /oauth/token with grant_type=refresh_token, user_type=Company.
	ClientID, ClientSecret, RefreshToken string
	// Or an agency (Company) access token directly. When both are given, AccessToken is used
	// first and the refresh flow renews it once the API rejects it.
	AccessToken string
	// CompanyID is the agency id sent to /oauth/locationToken. Optional with the refresh flow
	// (then taken from the token answer), required with AccessToken alone.
	CompanyID string
	// RefreshTokenRotated, when set, is called with each new refresh token the API issues.
	// Refresh tokens are single-use (§2.3): the configured one is dead after the first refresh.
	RefreshTokenRotated func(newRefreshToken string)
}

func (o *OAuthConfig) refreshFlow() bool {
	return o.ClientID != "" || o.ClientSecret != "" || o.RefreshToken != ""
}

// Client talks to the HighLevel API. It is safe for concurrent use.
type Client struct {
	baseURL         string // without trailing slash
	defaultLocation string
	userAgent       string
	http            *http.Client
	maxRetries      int
	limiters        *limiterSet
	auth            tokenSource
	secrets         *secretSet
	bindings        bindingSet // which locations the static token was checked against (binding.go)
	skipBinding     bool
	// unavailable, when set, is returned by every call: the provider's configuration was not
	// known when it was configured (see NewUnavailable).
	unavailable error

	// Backoff for retries without a server-given delay: exponential from retryWaitMin, capped
	// at retryWaitMax, with jitter. maxServerWait is the longest Retry-After honoured.
	retryWaitMin, retryWaitMax, maxServerWait time.Duration
	now                                       func() time.Time
	serverDate                                atomic.Int64 // the latest Date header answered, Unix seconds (servertime.go)
}

// New validates cfg and builds a Client. It does no I/O.
func New(cfg Config) (*Client, error) {
	base := strings.TrimSpace(cfg.BaseURL)
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q must be an absolute http(s) URL such as %q", cfg.BaseURL, DefaultBaseURL)
	}

	token := strings.TrimSpace(cfg.Token)
	switch {
	case token != "" && cfg.OAuth != nil:
		return nil, errors.New("token and oauth are mutually exclusive: set either a token (Private Integration Token or location access token) or the oauth block, not both")
	case token == "" && cfg.OAuth == nil:
		return nil, errors.New("no credentials: set a token (Private Integration Token or location access token) or the oauth block")
	}

	c := &Client{
		baseURL:         strings.TrimRight(u.String(), "/"),
		defaultLocation: strings.TrimSpace(cfg.LocationID),
		userAgent:       cfg.UserAgent,
		maxRetries:      cfg.MaxRetries,
		secrets:         &secretSet{},
		retryWaitMin:    time.Second,
		retryWaitMax:    30 * time.Second,
		maxServerWait:   5 * time.Minute,
		now:             time.Now,
		skipBinding:     cfg.SkipLocationCheck,
	}
	if c.userAgent == "" {
		c.userAgent = defaultUserAgent
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	perWindow := cfg.RequestsPer10s
	if perWindow == 0 {
		perWindow = DefaultRequestsPer10s
	}
	c.limiters = newLimiterSet(perWindow) // negative: no client-side limit

	if cfg.OAuth != nil {
		o := *cfg.OAuth
		o.ClientID, o.ClientSecret = strings.TrimSpace(o.ClientID), strings.TrimSpace(o.ClientSecret)
		o.RefreshToken, o.AccessToken = strings.TrimSpace(o.RefreshToken), strings.TrimSpace(o.AccessToken)
		o.CompanyID = strings.TrimSpace(o.CompanyID)
		if o.refreshFlow() && (o.ClientID == "" || o.ClientSecret == "" || o.RefreshToken == "") {
			return nil, errors.New("oauth: the refresh-token flow needs all of client_id, client_secret and refresh_token")
		}
		if !o.refreshFlow() && o.AccessToken == "" {
			return nil, errors.New("oauth: set client_id, client_secret and refresh_token, or an agency access_token")
		}
		if !o.refreshFlow() && o.CompanyID == "" {
			return nil, errors.New("oauth: company_id is required with an agency access_token")
		}
		c.secrets.add(o.ClientSecret, o.RefreshToken, o.AccessToken)
		c.auth = newOAuthSource(c, o)
	} else {
		c.secrets.add(token)
		c.auth = staticToken(token)
	}

	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: defaultTransport(), Timeout: defaultAttemptTimeout}
	}
	wrapped := *hc
	baseRT := hc.Transport
	if baseRT == nil {
		baseRT = http.DefaultTransport
	}
	wrapped.Transport = &attemptTransport{c: c, base: baseRT}
	c.http = &wrapped
	return c, nil
}

func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// NewUnavailable is a client whose every call fails with err. The provider configures one when
// its arguments are not known during plan (e.g. a token from an ephemeral resource), so that
// a plan that needs no API call (a destroy, a plan of other providers' resources) succeeds and
// the first call that needs the API says what is missing.
func NewUnavailable(err error) *Client {
	return &Client{unavailable: err, secrets: &secretSet{}, auth: staticToken("")}
}

// Unavailable returns the error of a client made by NewUnavailable, nil otherwise.
func (c *Client) Unavailable() error { return c.unavailable }

// DefaultLocationID is the provider's location_id ("" when unset).
func (c *Client) DefaultLocationID() string { return c.defaultLocation }

// LocationID returns override, or the default location when override is "".
func (c *Client) LocationID(override string) (string, error) {
	if c.unavailable != nil {
		return "", c.unavailable
	}
	if loc := strings.TrimSpace(override); loc != "" {
		return loc, nil
	}
	if c.defaultLocation != "" {
		return c.defaultLocation, nil
	}
	return "", errors.New("no HighLevel location id: set location_id on the resource or the provider (or the HIGHLEVEL_LOCATION_ID environment variable)")
}

// OAuth reports whether the client runs in agency OAuth mode.
func (c *Client) OAuth() bool {
	_, ok := c.auth.(*oauthSource)
	return ok
}
