// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider

import "os"

// QuietLogsUnlessCollected turns the plugin SDK's and the provider's own logging off when the
// CLI does not collect provider logs (neither TF_LOG nor TF_LOG_PROVIDER is set). The SDK logs
// at TRACE by default and formats every line as JSON for the CLI to throw away: that was more
// than half of the provider's CPU time in a plan of 1000 resources. Any logging variable the
// user set wins. The provider binary calls it first thing in main, and so does the benchmark's
// floor provider, so that both pay the same for logging.
func QuietLogsUnlessCollected() {
	for _, v := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_HIGHLEVEL"} {
		if os.Getenv(v) != "" {
			return
		}
	}
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_HIGHLEVEL"} {
		if os.Getenv(v) == "" {
			_ = os.Setenv(v, "OFF")
		}
	}
}
