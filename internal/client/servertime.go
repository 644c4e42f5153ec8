// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"net/http"
	"time"
)

// noteServerDate keeps the latest Date header the API answered with. Date is the server's
// clock rounded down to the second, so an object the server creates after that answer has a
// creation time at or after it: framework.CreateOnce uses this to tell an object a lost create
// made from one that existed before, without listing the parent before every first create.
func (c *Client) noteServerDate(h http.Header) {
	t, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	for {
		seen := c.serverDate.Load()
		if t.Unix() <= seen || c.serverDate.CompareAndSwap(seen, t.Unix()) {
			return
		}
	}
}

// ServerTime is the latest Date the API answered with, and whether it answered one yet.
func (c *Client) ServerTime() (time.Time, bool) {
	if c == nil {
		return time.Time{}, false
	}
	s := c.serverDate.Load()
	return time.Unix(s, 0).UTC(), s > 0
}
