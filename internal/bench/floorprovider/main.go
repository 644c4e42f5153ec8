// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command floorprovider is the benchmark's framework floor (test tooling, never shipped): a
// provider with the real provider's schemas, the provider's and every resource's and data
// source's, served by the same framework, whose CRUD does nothing but return the planned
// values. A plan of N of its resources costs what the framework and the CLI cost for those
// schemas; the real provider's excess over it is the provider's own work.
//
// Configurations use it under the local name highlevel with source ghl-iac/highlevelfloor.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

func main() {
	provider.QuietLogsUnlessCollected()
	err := providerserver.Serve(context.Background(), newFloor(provider.New("bench")), providerserver.ServeOpts{
		Address:         "registry.terraform.io/ghl-iac/highlevelfloor",
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
