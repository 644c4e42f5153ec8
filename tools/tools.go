// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

//go:build tools

// Package tools pins the development tools of the provider (documentation generator, linter) in
// a module of their own, so that they never enter the provider's dependency graph.
package tools

import (
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
