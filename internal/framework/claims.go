// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import "sync"

// Claims records, for one provider run, which object claimed something exclusive per key
// (e.g. "primary agent" per location), so that a second claimant can be warned about at
// plan time. It never blocks anything: the API decides.
type Claims struct {
	mu     sync.Mutex
	owners map[string]string
}

// Claim records that claimant claims key and returns the earlier claimant, if another one.
func (c *Claims) Claim(key, claimant string) (other string, conflict bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.owners == nil {
		c.owners = map[string]string{}
	}
	if prev, ok := c.owners[key]; ok && prev != claimant {
		return prev, true
	}
	c.owners[key] = claimant
	return "", false
}

// Holder returns the claimant of key, "" when nobody claimed it.
func (c *Claims) Holder(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.owners[key]
}
