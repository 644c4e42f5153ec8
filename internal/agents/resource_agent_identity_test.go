// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// TestAccAgent_importByIdentity imports with an import block that gives the resource identity
// (location_id and id) instead of a string ID. Resource identity needs Terraform 1.12 or later,
// so older CLIs skip it.
func TestAccAgent_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(fmt.Sprintf(fullAgent, "identity"))},
			{
				ResourceName:    "highlevel_agent.test",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}
