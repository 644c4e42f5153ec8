// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package framework holds the behaviour every resource family shares, written once:
// reaching the API client from provider data, choosing the location of a resource,
// composite import IDs and resource identity, removing vanished objects from state,
// and mapping API values to Terraform values without mixing up null, "" and zero.
//
// Family packages (agents, actions, …) import it; it never imports them.
package framework
