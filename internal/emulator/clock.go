// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import "time"

// The emulator's clock is real time plus an offset that the control plane can advance
// (POST /_emulator/clock/advance). Everything time-based — token expiry, rate-limit
// windows, crawl progression — reads it through now(), so tests can jump ahead instead of
// sleeping. The offset is kept in an atomic for lock-free reads and mirrored into
// CoreState.ClockOffset so it survives a restart with the same data file.

// now returns the emulator's current time (UTC).
func (e *Emulator) now() time.Time {
	return time.Now().UTC().Add(time.Duration(e.clockOffset.Load()))
}

// advanceClockLocked moves the clock forward by d. The caller holds e.mu.
func (e *Emulator) advanceClockLocked(d time.Duration) {
	off := time.Duration(e.clockOffset.Add(int64(d)))
	e.st.ClockOffset = off
}
