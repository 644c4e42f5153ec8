// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// clearEnv makes sure the developer's own HIGHLEVEL_* variables do not change the outcome.
func clearEnv(t *testing.T) {
	for _, v := range []string{"HIGHLEVEL_BASE_URL", "HIGHLEVEL_TOKEN", "HIGHLEVEL_LOCATION_ID", "HIGHLEVEL_OAUTH_CLIENT_ID",
		"HIGHLEVEL_OAUTH_CLIENT_SECRET", "HIGHLEVEL_OAUTH_REFRESH_TOKEN", "HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE", "HIGHLEVEL_OAUTH_ACCESS_TOKEN", "HIGHLEVEL_COMPANY_ID",
		"HIGHLEVEL_MAX_RETRIES", "HIGHLEVEL_REQUESTS_PER_10S"} {
		t.Setenv(v, "")
	}
}

// A data source makes the CLI configure the provider during plan.
const probe = `
data "highlevel_agents" "probe" {
  location_id = "loc"
}
`

func pattern(s string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(s, " ", `\s+`)) // the CLI wraps long lines
}

// TestAccProvider_configErrors checks that bad provider configuration is rejected at plan
// time with a message that says which arguments to set.
func TestAccProvider_configErrors(t *testing.T) {
	clearEnv(t)
	cases := []struct {
		name, config, want string
	}{
		{"no auth", `provider "highlevel" {}`, `Set token \(a location Private Integration Token`},
		{"token and oauth", `
provider "highlevel" {
  token = "pit-1"
  oauth {
    access_token = "a"
    company_id   = "c"
  }
}`, `Set either token .* or the oauth block .*, not both`},
		{"malformed base_url", `
provider "highlevel" {
  base_url = "services.leadconnectorhq.com"
  token    = "pit-1"
}`, `base_url must be an absolute http\(s\) URL`},
		{"incomplete refresh flow", `
provider "highlevel" {
  oauth {
    client_id     = "id"
    refresh_token = "r"
  }
}`, `The refresh-token flow needs all of client_id, client_secret and refresh_token`},
		{"access token without company", `
provider "highlevel" {
  oauth {
    access_token = "a"
  }
}`, `With access_token alone, the oauth block needs company_id`},
		{"requests per window above the API limit", `
provider "highlevel" {
  token            = "pit-1"
  requests_per_10s = 150
}`, `must be between 0 and 100`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tc.config + probe,
			PlanOnly:    true,
			ExpectError: pattern(tc.want),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
}

// TestAccProvider_environment configures the provider from environment variables only.
func TestAccProvider_environment(t *testing.T) {
	clearEnv(t)
	env := acctest.Shared(t)
	t.Setenv("HIGHLEVEL_BASE_URL", env.BaseURL)
	t.Setenv("HIGHLEVEL_TOKEN", env.Token)
	t.Setenv("HIGHLEVEL_LOCATION_ID", env.LocationID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "highlevel" {}

data "highlevel_agents" "all" {}
`,
			Check: resource.TestCheckResourceAttr("data.highlevel_agents.all", "location_id", env.LocationID),
		}},
	})
}
