// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"net/http"
	"strings"
)

// authHint tells the user which setting to change after an answer their configuration caused:
// a token the API rejects, or a token without the route's scope (contract §1.4, §7.1).
func (c *Client) authHint(e *APIError, r req) string {
	_, oauth := c.auth.(*oauthSource)
	switch e.AuthProblem() {
	case AuthProblemToken:
		if oauth {
			return "The API rejected the agency OAuth credentials: check the provider's oauth block (client_id, client_secret, " +
				"refresh_token or refresh_token_file, access_token, company_id) or their environment variables " +
				"(HIGHLEVEL_OAUTH_CLIENT_ID, HIGHLEVEL_OAUTH_CLIENT_SECRET, HIGHLEVEL_OAUTH_REFRESH_TOKEN, " +
				"HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE, HIGHLEVEL_OAUTH_ACCESS_TOKEN, HIGHLEVEL_COMPANY_ID)"
		}
		return "The API rejected the provider's token: set token (or HIGHLEVEL_TOKEN) to a valid Private Integration Token " +
			"of the location (the location's Settings → Private Integrations); a token rotated with \"expire now\" stops working at once"
	case AuthProblemScope:
		scope := routeScope(r)
		if scope == "" {
			scope = "the scope of this route"
		}
		if oauth {
			return "The OAuth app lacks " + scope + ": add it to the app's scopes and reinstall it on the location"
		}
		return "The provider's token lacks " + scope + ": tick it on the Private Integration (the location's Settings → " +
			"Private Integrations; the token stays the same)"
	}
	return ""
}

// routeScope is the OAuth scope a request needs (contract §2.5, voice-ai.md §3.1, users.md §3.1),
// "" when unknown.
func routeScope(r req) string {
	access := ".write"
	if r.method == http.MethodGet {
		access = ".readonly"
	}
	switch r.family {
	case familyConversationAI:
		return "conversation-ai" + access
	case familyKnowledgeBases:
		return "knowledge-bases" + access
	case familyConversations:
		if strings.Contains(r.path, "/messages") {
			return "conversations/message" + access
		}
		return "conversations" + access
	case familyLocations:
		return "locations.readonly"
	case familyUsers:
		return "users" + access
	case familyVoiceAI:
		switch {
		case strings.HasPrefix(r.path, "/voice-ai/actions"):
			return "voice-ai-agent-goals" + access
		case strings.HasPrefix(r.path, "/voice-ai/dashboard"):
			return "voice-ai-dashboard.readonly"
		default:
			return "voice-ai-agents" + access
		}
	}
	return ""
}
