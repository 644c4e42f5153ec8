// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package acctest is the acceptance-test harness: it starts the HighLevel API emulator in
// process, builds provider factories, finds a Terraform or OpenTofu CLI, renders provider
// configuration, and gives tests an out-of-band view of the API (as a person editing in the
// HighLevel UI would) and of the emulator's request counters.
//
// Every family package has a TestMain that calls acctest.Main.
package acctest
