// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"
)

// usage measures one CLI command: its wall time, its CPU time (the CLI with every child it
// waited for, the providers included), and the providers' own CPU time and peak RSS as
// their rusage wrapper recorded them (rusage/main.go).
type usage struct {
	Wall        time.Duration
	CLICPU      time.Duration
	ProvCPU     time.Duration // summed over the provider processes
	ProvPeakRSS int64         // bytes, the highest of the provider processes
	Procs       int           // provider processes that reported
}

// line is rusage.Line, as read back.
type line struct {
	Event     string `json:"event"`
	UserNS    int64  `json:"user_ns"`
	SysNS     int64  `json:"sys_ns"`
	MaxRSSKiB int64  `json:"maxrss_kib"`
}

// readProviders sums the wrapper's lines. Every provider process started must have reported:
// the CLI waits for its plugins to exit, and each wrapper records before it exits, so a
// missing line is an error rather than something to wait for.
func (u *usage) readProviders(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil // the command started no provider (terraform_data only)
	} else if err != nil {
		return err
	}
	defer f.Close()
	starts := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		switch l.Event {
		case "start":
			starts++
		case "exit":
			u.Procs++
			u.ProvCPU += time.Duration(l.UserNS + l.SysNS)
			u.ProvPeakRSS = max(u.ProvPeakRSS, l.MaxRSSKiB*1024)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if starts != u.Procs {
		return fmt.Errorf("%d provider processes started but %d reported their usage", starts, u.Procs)
	}
	return nil
}

// medianUsage takes the median of each measurement separately.
func medianUsage(us []usage) usage {
	pick := func(get func(usage) int64) int64 {
		v := make([]int64, len(us))
		for i, u := range us {
			v[i] = get(u)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return usage{
		Wall:        time.Duration(pick(func(u usage) int64 { return int64(u.Wall) })),
		CLICPU:      time.Duration(pick(func(u usage) int64 { return int64(u.CLICPU) })),
		ProvCPU:     time.Duration(pick(func(u usage) int64 { return int64(u.ProvCPU) })),
		ProvPeakRSS: pick(func(u usage) int64 { return u.ProvPeakRSS }),
		Procs:       int(pick(func(u usage) int64 { return int64(u.Procs) })),
	}
}

func (u usage) String() string {
	return fmt.Sprintf("wall %s, CLI CPU %s, provider CPU %s in %d processes, provider peak RSS %s",
		dur(u.Wall), dur(u.CLICPU), dur(u.ProvCPU), u.Procs, mib(u.ProvPeakRSS))
}

func dur(d time.Duration) string {
	if d >= 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Millisecond).String()
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
