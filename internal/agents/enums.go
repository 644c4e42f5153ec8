// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

// Allowed values, from contract §3.1.
var (
	modes          = []string{"off", "suggestive", "auto-pilot"}
	channels       = []string{"IG", "FB", "SMS", "WebChat", "WhatsApp", "Live_Chat"}
	waitTimeUnits  = []string{"minutes", "seconds"}
	sleepTimeUnits = []string{"hours", "minutes", "seconds"}
)

// Server defaults (contract §3.1 "Default" column), used as schema defaults so that removing
// an argument restores the default remotely and a change in the UI shows as drift.
const (
	defaultMode                 = "off"
	defaultWaitTime             = 2
	defaultWaitTimeUnit         = "seconds"
	defaultAutoPilotMaxMessages = 75
)

// maxWaitTime is the upper bound of wait_time per unit.
var maxWaitTime = map[string]int64{"minutes": 5, "seconds": 300}

// maxSleepTime is the upper bound of sleep_time per unit (48 hours).
var maxSleepTime = map[string]int64{"hours": 48, "minutes": 2880, "seconds": 172800}
