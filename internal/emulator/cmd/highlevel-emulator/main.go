// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command highlevel-emulator serves the HighLevel API emulator (package
// internal/emulator) on a local address.
//
//	highlevel-emulator -listen 127.0.0.1:0 -data state.json -bootstrap-out bootstrap.json
//	highlevel-emulator -variants strict            # every API variant on (internal/emulator/variants.go)
//
// On start it prints its address and the bootstrap JSON (tokens included: it is a local
// test double) to stdout. SIGINT or SIGTERM shut it down gracefully.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "highlevel-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("highlevel-emulator", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free port")
	data := fs.String("data", "", "JSON file that keeps the state across restarts (default: in memory)")
	bootstrapOut := fs.String("bootstrap-out", "", "write the bootstrap JSON (base_url, tokens) to this file, mode 0600")
	locations := fs.Int("locations", 2, "locations to seed on first start")
	rateLimit := fs.Int("rate-limit", 0, "requests per window per app and location; 0 = API default (100), -1 = off")
	rateWindow := fs.Duration("rate-window", 10*time.Second, "rate-limit window")
	dailyLimit := fs.Int("daily-limit", 200000, "requests per day per app and location")
	crawlStep := fs.Duration("crawl-step", 2*time.Second, "delay of each asynchronous crawl/training step")
	tokenTTL := fs.Duration("token-ttl", 86399*time.Second, "lifetime of OAuth location tokens")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	variantSpec := fs.String("variants", "", "API variants to start with: \"strict\" (every switch, page cap 50) or a comma list of\n"+
		"switch names, \"-name\" to leave one out, \"page_size_cap=N\"; e.g. strict,-files_v3_only (see GET /_emulator/variants)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	variants, err := emulator.ParseVariants(*variantSpec)
	if err != nil {
		return fmt.Errorf("-variants: %w", err)
	}

	emu, err := emulator.New(emulator.Options{
		Locations: *locations, DataFile: *data, RateLimitBurst: *rateLimit, RateLimitWindow: *rateWindow,
		DailyLimit: *dailyLimit, CrawlStepDelay: *crawlStep, LocationTokenTTL: *tokenTTL, Logger: logger,
	})
	if err != nil {
		return err
	}
	if err := emu.SetVariants(variants); err != nil {
		return fmt.Errorf("-variants: %w", err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	boot, err := json.MarshalIndent(emu.Bootstrap(baseURL), "", "  ")
	if err != nil {
		return err
	}
	if *bootstrapOut != "" {
		if err := writePrivate(*bootstrapOut, append(boot, '\n')); err != nil {
			return fmt.Errorf("-bootstrap-out: %w", err)
		}
	}
	fmt.Printf("highlevel-emulator listening on %s\n%s\n", baseURL, boot)

	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *bootstrapOut != "" {
		go keepBootstrapFresh(ctx, emu, baseURL, *bootstrapOut, boot, logger)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Warn("shutdown", "err", err)
	}
	return emu.Close()
}

// keepBootstrapFresh rewrites the bootstrap file when its content changes: the OAuth
// refresh token is single-use, so after a client refreshed the agency token the file must
// name the new refresh token for the next run (GET /_emulator/bootstrap gives it too).
func keepBootstrapFresh(ctx context.Context, emu *emulator.Emulator, baseURL, path string, last []byte, logger *slog.Logger) {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		cur, err := json.MarshalIndent(emu.Bootstrap(baseURL), "", "  ")
		if err != nil || bytes.Equal(cur, last) {
			continue
		}
		if err := writePrivate(path, append(cur, '\n')); err != nil {
			logger.Warn("rewriting bootstrap file", "err", err)
			continue
		}
		last = cur
	}
}

// writePrivate writes data to path with mode 0600 via a temporary file and rename.
func writePrivate(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
