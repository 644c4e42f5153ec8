// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package examples holds the tests that apply the configurations under examples/ with the
// real CLI and the built provider binary against the emulator, so that every example users
// copy works as written.
package examples
