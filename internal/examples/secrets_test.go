// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccSecretsNeverLogged runs the built provider under the CLI at TF_LOG=TRACE, once with a
// Private Integration Token and once with the agency OAuth refresh flow, and requires that no
// token, client secret or refresh token appears anywhere in the CLI's and the provider's logs.
// Each mode applies the quickstart (creates) and destroys it (whose plan refreshes: reads,
// then deletes); the empty plan after the apply is TestAccExamples_quickstart's.
func TestAccSecretsNeverLogged(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	logs := filepath.Join(t.TempDir(), "trace.log")
	tokenFile := filepath.Join(t.TempDir(), "refresh-token")
	if err := os.WriteFile(tokenFile, []byte(b.OAuth.RefreshToken), 0o600); err != nil {
		t.Fatal(err)
	}

	// With the location's Private Integration Token (from HIGHLEVEL_TOKEN).
	pit := newWorkspace(t, env, "TF_LOG=TRACE", "TF_LOG_PATH="+logs)
	dir := pit.copyExample("quickstart", nil)
	pit.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	pit.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")

	// As the agency, through the OAuth refresh flow (no HIGHLEVEL_TOKEN).
	agency := newWorkspace(t, env, "TF_LOG=TRACE", "TF_LOG_PATH="+logs, "HIGHLEVEL_TOKEN=",
		"HIGHLEVEL_OAUTH_CLIENT_ID="+b.OAuth.ClientID, "HIGHLEVEL_OAUTH_CLIENT_SECRET="+b.OAuth.ClientSecret,
		"HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE="+tokenFile, "HIGHLEVEL_LOCATION_ID="+b.Locations[1].ID)
	dir = agency.copyExample("quickstart", nil)
	agency.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	agency.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")

	raw, err := os.ReadFile(logs)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if !strings.Contains(text, "highlevel_client") && !strings.Contains(text, "/conversation-ai/agents") {
		t.Fatalf("the trace log has no provider request logs; the test would prove nothing (%d bytes)", len(raw))
	}
	rotated, _ := os.ReadFile(tokenFile)
	secrets := map[string]string{
		"location PIT":          env.Token,
		"agency access token":   b.AgencyToken,
		"OAuth client secret":   b.OAuth.ClientSecret,
		"first refresh token":   b.OAuth.RefreshToken,
		"rotated refresh token": strings.TrimSpace(string(rotated)),
	}
	for what, secret := range secrets {
		if secret != "" && strings.Contains(text, secret) {
			t.Errorf("the %s appears in the TRACE log", what)
		}
	}
	// Location tokens minted by the exchange are JWTs; none may appear either.
	if m := regexp.MustCompile(`eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`).FindString(text); m != "" {
		t.Errorf("a JWT appears in the TRACE log: %.20s…", m)
	}
	t.Logf("TRACE log checked: %d bytes, %d secrets", len(raw), len(secrets))
}
