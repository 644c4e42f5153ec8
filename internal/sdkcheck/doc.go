// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package sdkcheck holds the official-SDK contract test (issue 13): HighLevel's own Node SDK,
// @gohighlevel/api-client 3.1.0 from npm, drives every method of its conversation-ai,
// knowledge-base and oauth services, and the read methods of its conversations service that
// the contract covers (search, get conversation, messages, message by id, export), against
// the in-process emulator. Request bodies are built from the SDK's models
// (dist/lib/code/*/models/*.d.ts) and each answer is checked against the response type the
// SDK declares for the method: required members present, every member with its declared JS
// type. Where the SDK declares `any` for a member that the official OpenAPI file gives as a
// $ref (an allOf the generator flattened), the answer is checked against that model too.
//
// The script is testdata/sdkcheck.js. The test finds node and npm (as root with apt-get, it
// installs the Debian packages nodejs and npm when they are missing, as
// examples/agency-workspaces/postgres.sh does for PostgreSQL), installs the SDK once into
// $XDG_CACHE_HOME/terraform-provider-highlevel/sdk-3.1.0 (~/.cache/… by default; override
// the directory with HIGHLEVEL_SDK_CACHE) and reuses it afterwards.
//
// Run it alone with:
//
//	go test ./internal/sdkcheck -count=1 -v
//
// The package has no non-test code.
package sdkcheck
