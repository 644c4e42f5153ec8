package emulator

import (
	"net/http"
	"time"
)

// ScopeState holds the [EXT] scopes and their credentials (contract §5).
type ScopeState struct{}

// ScopeCredentialAuth is what the auth layer needs to know about a Bearer sct-… token.
type ScopeCredentialAuth struct {
	CredentialID string
	LocationID   string
	Permissions  []string
	Restricted   bool
	AgentIDs     []string
}

// lookupScopeCredential resolves a Bearer sct-… token; ok is false when it is unknown,
// revoked or expired (not yet implemented: no credentials exist).
func (st *State) lookupScopeCredential(token string, now time.Time) (auth ScopeCredentialAuth, ok bool) {
	return ScopeCredentialAuth{}, false
}

// onAgentDeleted removes a deleted agent from every scope's agentIds (contract §5.2).
func (st *State) onAgentDeleted(locationID, agentID string) {}

// registerScopeRoutes adds the /conversation-ai/scopes routes (not yet implemented).
func (e *Emulator) registerScopeRoutes(mux *http.ServeMux) {}
