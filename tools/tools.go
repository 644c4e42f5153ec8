// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

//go:build tools

// Package tools pins the development tools of the provider (documentation generator) in a
// module of their own, so that they never enter the provider's dependency graph.
package tools

import (
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
