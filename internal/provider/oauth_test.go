// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccProvider_oauthRefreshTokenFile runs several CLI commands with the agency refresh-token
// flow. HighLevel refresh tokens are single-use, so every command must find the token the
// previous one was given in refresh_token_file.
func TestAccProvider_oauthRefreshTokenFile(t *testing.T) {
	clearEnv(t)
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	file := filepath.Join(t.TempDir(), "refresh-token")
	if err := os.WriteFile(file, []byte(b.OAuth.RefreshToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	config := func(name string) string {
		return fmt.Sprintf(`
provider "highlevel" {
  base_url = %q
  oauth {
    client_id          = %q
    client_secret      = %q
    refresh_token_file = %q
  }
}

resource "highlevel_agent" "a" {
  location_id  = %q
  name         = %q
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, b.BaseURL, b.OAuth.ClientID, b.OAuth.ClientSecret, file, b.Locations[1].ID, name)
	}
	checkRotated := func(*terraform.State) error {
		raw, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if tok := strings.TrimSpace(string(raw)); tok == "" || tok == b.OAuth.RefreshToken {
			return fmt.Errorf("refresh_token_file was not rotated")
		}
		if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
			return fmt.Errorf("refresh_token_file mode is %v, want 0600", info.Mode().Perm())
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("first"), Check: checkRotated},
			{Config: config("second"), Check: resource.TestCheckResourceAttr("highlevel_agent.a", "name", "second")},
		},
	})
}
