// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command highlevel-export streams the messages of a HighLevel location (or of one
// conversation, contact or AI agent) for a date range to a JSON Lines or CSV file, for
// compliance audits, without going through Terraform state.
//
// Why a separate binary and not a subcommand of terraform-provider-highlevel: the provider
// binary's main is the plugin server. Terraform starts it with a handshake cookie and talks
// gRPC over the plugin protocol; a subcommand would have to inspect os.Args before
// providerserver.Serve and share flag parsing, -debug and the release ldflags with a program
// that no human runs. An auditor runs this tool by hand or from CI, with its own flags,
// exit codes and terminal output, and may run it where no Terraform is installed. Both
// binaries share everything that matters through internal/: the same API client
// (internal/client: auth, Version headers, the per-location rate limiter under the API's
// 100 requests per 10 s, retries of 429 and 5xx honouring Retry-After) and the same
// conversation logic as the data sources (internal/conversations/audit).
//
// Usage:
//
//	highlevel-export -output audit.jsonl [-start 2026-01-01T00:00:00Z] [-end …] [-agent ID | -conversation ID] …
//	highlevel-export voice-calls -output calls.jsonl [-start …] [-end …] [-agent ID] [-call-type LIVE] …
//
// Credentials and the base URL come from flags or the provider's environment variables
// (HIGHLEVEL_TOKEN, HIGHLEVEL_LOCATION_ID, HIGHLEVEL_BASE_URL; or HIGHLEVEL_OAUTH_ACCESS_TOKEN
// with HIGHLEVEL_COMPANY_ID for an agency). Prefer the environment for tokens: flags show in
// process lists.
//
// Resuming: every page is appended to the output and fsynced, then recorded in the cursor
// file (default OUTPUT.cursor, replaced atomically). After a crash, a kill or Ctrl-C, running
// the same command again cuts the output back to the last recorded page, reads the ids it
// holds, and continues from the recorded cursor, skipping any id already written: no
// duplicates and no gaps. A completed export's cursor file says so, and a rerun does nothing.
//
// Exit codes: 0 success (or already complete), 1 failure, 2 bad usage, 130 interrupted
// (resumable).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/conversations/audit"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// version is set by the release build (-ldflags "-X main.version=…").
var version = "dev"

// Test hooks, deliberately not flags (they are not for users): the process kills itself with
// SIGKILL after this many pages, before or after the page's cursor commit. See main_test.go.
const (
	envKillAfterPages = "HIGHLEVEL_EXPORT_TEST_KILL_AFTER_PAGES"
	envKillPoint      = "HIGHLEVEL_EXPORT_TEST_KILL_POINT" // before-cursor | after-cursor (default)
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is bad usage: exit code 2.
type usageError struct{ error }

func run(ctx context.Context, args []string, stdout io.Writer, stderr *os.File) int {
	if len(args) > 0 && args[0] == "voice-calls" { // Voice AI call logs: voicecalls.go
		return runVoiceCalls(ctx, args[1:], stdout, stderr)
	}
	cfg, opts, err := parse(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "highlevel-export:", err)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, "Run highlevel-export -h for the flags.")
			return 2
		}
		return 1
	}
	res, err := audit.Export(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "highlevel-export:", err)
		var ce *audit.ConfigError
		switch {
		case errors.As(err, &ce):
			fmt.Fprintln(stderr, "Run highlevel-export -h for the flags.")
			return 2
		case errors.Is(err, audit.ErrInterrupted):
			fmt.Fprintln(stderr, "highlevel-export: run the same command again to resume.")
			return 130
		case res != nil && res.Written > 0 && cfg.Output != "-":
			fmt.Fprintf(stderr, "highlevel-export: %d messages are safely in %s; run the same command again to resume.\n", res.Messages, cfg.Output)
		}
		return 1
	}
	if !opts.quiet {
		summary(stderr, cfg, res)
	}
	return 0
}

func summary(w io.Writer, cfg audit.Config, res *audit.Result) {
	if res.AlreadyDone {
		fmt.Fprintf(w, "highlevel-export: already complete: %d messages in %s (delete %s to export again)\n",
			res.Messages, res.Output, res.CursorFile)
		return
	}
	secs := res.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(res.Written) / secs
	}
	var extra []string
	if res.Resumed {
		extra = append(extra, "resumed")
	}
	if res.Duplicates > 0 {
		extra = append(extra, fmt.Sprintf("%d duplicates skipped", res.Duplicates))
	}
	if cfg.AgentID != "" {
		extra = append(extra, fmt.Sprintf("%d conversations of agent %s", res.Conversations, cfg.AgentID))
	}
	note := ""
	if len(extra) > 0 {
		note = " (" + strings.Join(extra, ", ") + ")"
	}
	fmt.Fprintf(w, "highlevel-export: %d messages in %s; this run wrote %d in %d pages and %d requests, %.1fs, %.0f messages/s%s\n",
		res.Messages, cfg.Output, res.Written, res.Pages, res.Requests, secs, rate, note)
}

type options struct {
	quiet bool
}

func envOr(name, def string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return def
}

func envInt(name string) (int, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, usageError{fmt.Errorf("%s must be a whole number, got %q", name, v)}
	}
	return n, nil
}

func parse(args []string, stdout io.Writer, stderr *os.File) (audit.Config, options, error) {
	var cfg audit.Config
	var opts options
	fs := flag.NewFlagSet("highlevel-export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defRetries, err := envInt("HIGHLEVEL_MAX_RETRIES")
	if err != nil {
		return cfg, opts, err
	}
	defRate, err := envInt("HIGHLEVEL_REQUESTS_PER_10S")
	if err != nil {
		return cfg, opts, err
	}
	var (
		baseURL      = fs.String("base-url", envOr("HIGHLEVEL_BASE_URL", client.DefaultBaseURL), "API base URL (HIGHLEVEL_BASE_URL); the emulator's address for tests")
		token        = fs.String("token", "", "Private Integration Token or location access token (default HIGHLEVEL_TOKEN; prefer the variable: flags show in process lists)")
		location     = fs.String("location", envOr("HIGHLEVEL_LOCATION_ID", ""), "location id (HIGHLEVEL_LOCATION_ID)")
		start        = fs.String("start", "", "only messages created at or after this RFC 3339 time, e.g. 2026-01-01T00:00:00Z")
		end          = fs.String("end", "", "only messages created at or before this RFC 3339 time")
		conversation = fs.String("conversation", "", "only this conversation")
		contact      = fs.String("contact", "", "only this contact's messages")
		agent        = fs.String("agent", "", "only the conversations this AI agent wrote messages in (found through the AI generations: one request per outbound message of every conversation examined)")
		channel      = fs.String("channel", audit.ChannelAll, "all, non-email, or one of "+strings.Join(audit.APIChannels, ", "))
		generations  = fs.Bool("generations", false, "add each outbound message's AI generation (agent, intent, knowledge used, actions): one request per outbound message")
		format       = fs.String("format", "", "jsonl or csv (default: from the output's extension, else jsonl)")
		output       = fs.String("output", "", "output file, or - for standard output (not resumable)")
		cursor       = fs.String("cursor", "", "cursor file that makes the export resumable (default OUTPUT.cursor)")
		pageSize     = fs.Int("page-size", audit.DefaultPageSize, fmt.Sprintf("messages per request, %d–%d", audit.MinPageSize, audit.MaxPageSize))
		rate         = fs.Int("requests-per-10s", defRate, fmt.Sprintf("client-side rate limit per location (HIGHLEVEL_REQUESTS_PER_10S; default %d, under the API's 100)", client.DefaultRequestsPer10s))
		retries      = fs.Int("max-retries", defRetries, "retries of 429, 5xx and network errors (HIGHLEVEL_MAX_RETRIES; default 4)")
		progress     = fs.String("progress", "auto", "progress line on stderr: auto (on a terminal, not in CI), always or never")
		overwrite    = fs.Bool("overwrite", false, "start a new export, replacing the output and its cursor file (an earlier export's progress is lost)")
		showVersion  = fs.Bool("version", false, "print the version and exit")
	)
	fs.BoolVar(&opts.quiet, "quiet", false, "no summary line at the end (errors are still printed)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: highlevel-export -output FILE [flags]\n\n"+
			"Streams the messages of a HighLevel location (or of one conversation, contact or AI agent) to JSON Lines\n"+
			"or CSV, oldest first. Rerun the same command after an interruption to resume.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, opts, err
		}
		return cfg, opts, usageError{err}
	}
	if *showVersion {
		fmt.Fprintln(stdout, "highlevel-export", version)
		return cfg, opts, flag.ErrHelp
	}
	if fs.NArg() > 0 {
		return cfg, opts, usageError{fmt.Errorf("unexpected arguments %q: every option is a flag", fs.Args())}
	}
	if *output == "" {
		return cfg, opts, usageError{errors.New("-output is required (a file, or - for standard output)")}
	}
	for _, t := range []struct {
		name, value string
		dst         **time.Time
	}{{"-start", *start, &cfg.Start}, {"-end", *end, &cfg.End}} {
		if t.value == "" {
			continue
		}
		v, err := framework.ParseRFC3339(t.value)
		if err != nil {
			return cfg, opts, usageError{fmt.Errorf("%s: %w", t.name, err)}
		}
		*t.dst = &v
	}
	if *format == "" {
		*format = audit.FormatJSONL
		if strings.EqualFold(filepath.Ext(*output), ".csv") {
			*format = audit.FormatCSV
		}
	}
	if *progress != "auto" && *progress != "always" && *progress != "never" {
		return cfg, opts, usageError{fmt.Errorf("-progress must be auto, always or never, got %q", *progress)}
	}

	ccfg := client.Config{
		BaseURL: *baseURL, LocationID: *location, MaxRetries: *retries, RequestsPer10s: *rate,
		UserAgent: "highlevel-export/" + version,
	}
	tok := strings.TrimSpace(*token)
	if tok == "" {
		tok = envOr("HIGHLEVEL_TOKEN", "")
	}
	switch agencyToken := envOr("HIGHLEVEL_OAUTH_ACCESS_TOKEN", ""); {
	case tok != "":
		ccfg.Token = tok
	case agencyToken != "":
		ccfg.OAuth = &client.OAuthConfig{AccessToken: agencyToken, CompanyID: envOr("HIGHLEVEL_COMPANY_ID", "")}
	default:
		return cfg, opts, usageError{errors.New("no credentials: set HIGHLEVEL_TOKEN (or -token), or HIGHLEVEL_OAUTH_ACCESS_TOKEN with HIGHLEVEL_COMPANY_ID")}
	}
	c, err := client.New(ccfg)
	if err != nil {
		return cfg, opts, usageError{err}
	}
	cfg = audit.Config{
		Client: c, LocationID: strings.TrimSpace(*location), Start: cfg.Start, End: cfg.End,
		ConversationID: *conversation, ContactID: *contact, AgentID: *agent, Channel: *channel, Generations: *generations,
		Format: *format, Output: *output, CursorFile: *cursor, PageSize: *pageSize, Overwrite: *overwrite,
	}
	if audit.ShowProgress(*progress, stderr) {
		cfg.Progress = audit.NewProgress(stderr)
	}
	if n, err := envInt(envKillAfterPages); err != nil {
		return cfg, opts, err
	} else if n > 0 {
		cfg.KillAfterPages, cfg.KillBeforeCursor = n, os.Getenv(envKillPoint) == "before-cursor"
	}
	return cfg, opts, nil
}
