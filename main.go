// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

// version is set by the release build (goreleaser: -ldflags "-X main.version=…").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietLogsUnlessCollected()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/ghl-iac/highlevel",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// quietLogsUnlessCollected turns the plugin SDK's and the provider's own logging off when the
// CLI does not collect provider logs (neither TF_LOG nor TF_LOG_PROVIDER is set). The SDK logs
// at TRACE by default and formats every line as JSON for the CLI to throw away: that was more
// than half of the provider's CPU time in a plan of 1000 resources. Any logging variable the
// user set wins.
func quietLogsUnlessCollected() {
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
