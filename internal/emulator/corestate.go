// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import "time"

// CoreState is the part of State owned by the core: the agency, its locations, every
// credential the public API knows, OAuth apps, and the Conversation AI agents and actions.
type CoreState struct {
	// ClockOffset mirrors the emulator clock's offset (clock.go) so a restart keeps it.
	ClockOffset time.Duration `json:"clockOffsetNs"`
	// AdminToken authorises the /_emulator/ control plane.
	AdminToken string   `json:"adminToken"`
	Seed       SeedInfo `json:"seed"`

	Companies     map[string]*Company      `json:"companies"`
	Locations     map[string]*Location     `json:"locations"`
	Tokens        map[string]*Token        `json:"tokens"`        // by bearer string
	OAuthApps     map[string]*OAuthApp     `json:"oauthApps"`     // by client_id
	RefreshTokens map[string]*RefreshToken `json:"refreshTokens"` // by token string
	AuthCodes     map[string]*AuthCode     `json:"authCodes"`     // by code
	Agents        map[string]*Agent        `json:"agents"`
	Actions       map[string]*Action       `json:"actions"`
}

// SeedInfo records what Bootstrap reports. AgencyToken and RefreshToken follow the
// refresh_token grant: they are always the current ones (refresh tokens are single-use).
type SeedInfo struct {
	CompanyID    string         `json:"companyId"`
	ClientID     string         `json:"clientId"`
	AgencyToken  string         `json:"agencyToken"`
	RefreshToken string         `json:"refreshToken"`
	AgencyPIT    string         `json:"agencyPit"`
	Locations    []SeedLocation `json:"locations"`
}

// SeedLocation is a location created at start-up or through the control plane, with its PIT.
type SeedLocation struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// Company is the agency.
type Company struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	UserID string `json:"userId"` // the agency user OAuth tokens are issued to
}

// Location is a sub-account (contract §3.6).
type Location struct {
	ID         string    `json:"id"`
	CompanyID  string    `json:"companyId"`
	Name       string    `json:"name"`
	Timezone   string    `json:"timezone"`
	Email      string    `json:"email"`
	Phone      string    `json:"phone"`
	Address    string    `json:"address"`
	City       string    `json:"city"`
	State      string    `json:"state"`
	Country    string    `json:"country"`
	PostalCode string    `json:"postalCode"`
	Website    string    `json:"website"`
	CreatedAt  time.Time `json:"createdAt"`
}

// Token is a bearer credential: a Private Integration Token or an OAuth access token.
type Token struct {
	Token      string    `json:"token"`
	ID         string    `json:"id"` // PIT id (its rate-limit app) or access-token id
	Kind       string    `json:"kind"`
	UserType   string    `json:"userType"`
	CompanyID  string    `json:"companyId"`
	LocationID string    `json:"locationId,omitempty"`
	ClientID   string    `json:"clientId,omitempty"`
	UserID     string    `json:"userId"`
	Name       string    `json:"name,omitempty"`
	Scopes     []string  `json:"scopes"`
	IssuedAt   time.Time `json:"issuedAt"`
	ExpiresAt  time.Time `json:"expiresAt,omitzero"` // zero: never (PITs)
}

// OAuthApp is a marketplace app installed in the agency.
type OAuthApp struct {
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	AppID        string   `json:"appId"`
	VersionID    string   `json:"versionId"`
	CompanyID    string   `json:"companyId"`
	Name         string   `json:"name"`
	Scopes       []string `json:"scopes"`
	Installed    []string `json:"installed"` // location ids
}

// RefreshToken is an OAuth refresh token (single-use in the emulator, §2.3).
type RefreshToken struct {
	Token      string    `json:"token"`
	ID         string    `json:"id"`
	ClientID   string    `json:"clientId"`
	UserType   string    `json:"userType"`
	CompanyID  string    `json:"companyId"`
	LocationID string    `json:"locationId,omitempty"`
	UserID     string    `json:"userId"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

// AuthCode is an authorization code for the authorization_code grant, minted through the
// control plane (POST /_emulator/oauth/codes); single-use, valid 10 minutes.
type AuthCode struct {
	Code       string    `json:"code"`
	ClientID   string    `json:"clientId"`
	UserType   string    `json:"userType"`
	LocationID string    `json:"locationId,omitempty"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

// initCore makes every CoreState map non-nil (after loading a file or on a fresh state).
func (st *State) initCore() {
	if st.Companies == nil {
		st.Companies = map[string]*Company{}
	}
	if st.Locations == nil {
		st.Locations = map[string]*Location{}
	}
	if st.Tokens == nil {
		st.Tokens = map[string]*Token{}
	}
	if st.OAuthApps == nil {
		st.OAuthApps = map[string]*OAuthApp{}
	}
	if st.RefreshTokens == nil {
		st.RefreshTokens = map[string]*RefreshToken{}
	}
	if st.AuthCodes == nil {
		st.AuthCodes = map[string]*AuthCode{}
	}
	if st.Agents == nil {
		st.Agents = map[string]*Agent{}
	}
	if st.Actions == nil {
		st.Actions = map[string]*Action{}
	}
}
