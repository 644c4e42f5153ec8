// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command rusage stands in for a provider binary in the benchmark's dev_overrides directory
// (test tooling, never shipped). It runs the real binary of the same name from
// $BENCH_REAL_DIR as a child with the same arguments, standard streams and environment, waits
// for it, and appends the child's own resource usage as a JSON line to $BENCH_RUSAGE_FILE.
// The CLI talks to the child directly over the inherited stdout (go-plugin's handshake) and
// gRPC; the child exits on the CLI's gRPC Shutdown, after which this process records and
// exits with the child's status.
//
// Each process writes a "start" line first, so the harness can check that every provider
// process started also reported its usage.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Line is one record of $BENCH_RUSAGE_FILE.
type Line struct {
	Event     string `json:"event"` // "start" or "exit"
	Name      string `json:"name"`
	PID       int    `json:"pid"`
	UserNS    int64  `json:"user_ns,omitempty"`
	SysNS     int64  `json:"sys_ns,omitempty"`
	MaxRSSKiB int64  `json:"maxrss_kib,omitempty"`
	WallNS    int64  `json:"wall_ns,omitempty"`
	ExitCode  int    `json:"exit_code,omitempty"`
}

func main() {
	// A terminal's Ctrl-C reaches the whole process group: the plugin decides what to do with
	// it, this process only waits.
	signal.Ignore(os.Interrupt)
	name := filepath.Base(os.Args[0])
	if i := strings.IndexByte(name, '_'); i > 0 {
		name = name[:i] // an installed copy is named terraform-provider-NAME_vX.Y.Z
	}
	cmd := exec.Command(filepath.Join(os.Getenv("BENCH_REAL_DIR"), name), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(1)
	}
	record(Line{Event: "start", Name: name, PID: cmd.Process.Pid})
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		for s := range term {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		code = 1
	}
	line := Line{Event: "exit", Name: name, PID: cmd.Process.Pid, WallNS: time.Since(start).Nanoseconds(), ExitCode: code}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		line.UserNS = ru.Utime.Nano()
		line.SysNS = ru.Stime.Nano()
		line.MaxRSSKiB = ru.Maxrss // KiB on Linux
	}
	record(line)
	os.Exit(code)
}

// record appends one line; O_APPEND keeps concurrent providers' lines whole.
func record(l Line) {
	path := os.Getenv("BENCH_RUSAGE_FILE")
	if path == "" {
		return
	}
	b, _ := json.Marshal(l)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return
	}
	_, _ = f.Write(append(b, '\n'))
	_ = f.Close()
}
