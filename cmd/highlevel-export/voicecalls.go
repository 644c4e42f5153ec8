// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/conversations/audit"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/voiceai/callexport"
)

// runVoiceCalls is "highlevel-export voice-calls": the call logs of the location's Voice AI
// agents (transcripts, summaries, executed actions, extracted data) to JSON Lines or CSV,
// oldest first, resumable like the message export (see internal/voiceai/callexport).
func runVoiceCalls(ctx context.Context, args []string, stdout io.Writer, stderr *os.File) int {
	say := func(format string, args ...any) { _, _ = fmt.Fprintf(stderr, format, args...) }
	fs := flag.NewFlagSet("highlevel-export voice-calls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		baseURL     = fs.String("base-url", envOr("HIGHLEVEL_BASE_URL", client.DefaultBaseURL), "API base URL (HIGHLEVEL_BASE_URL)")
		token       = fs.String("token", "", "Private Integration Token or location access token (default HIGHLEVEL_TOKEN)")
		location    = fs.String("location", envOr("HIGHLEVEL_LOCATION_ID", ""), "location id (HIGHLEVEL_LOCATION_ID)")
		start       = fs.String("start", "", "only calls made at or after this RFC 3339 time")
		end         = fs.String("end", "", "only calls made at or before this RFC 3339 time (default: when the first run started)")
		agent       = fs.String("agent", "", "only the calls of this voice agent")
		contacts    = fs.String("contacts", "", "only the calls of these contacts (comma-separated ids)")
		callType    = fs.String("call-type", "", "LIVE or TRIAL (default both)")
		actionTypes = fs.String("action-types", "", "only calls in which the agent ran an action of these types (comma-separated, e.g. CALL_TRANSFER,SMS)")
		format      = fs.String("format", "", "jsonl or csv (default: from the output's extension, else jsonl)")
		output      = fs.String("output", "", "output file (required)")
		cursorFile  = fs.String("cursor", "", "cursor file that makes the export resumable (default OUTPUT.cursor)")
		overwrite   = fs.Bool("overwrite", false, "start a new export, replacing the output and its cursor file")
		progress    = fs.String("progress", "auto", "a line per page on stderr: auto (on a terminal, not in CI), always or never")
	)
	fs.Usage = func() {
		_, _ = fmt.Fprintf(fs.Output(), "Usage: highlevel-export voice-calls -output FILE [flags]\n\n"+
			"Streams the Voice AI call logs of a location to JSON Lines or CSV, oldest first. Rerun the same\n"+
			"command after an interruption to resume.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	usage := func(err error) int {
		say("highlevel-export voice-calls: %v\n", err)
		say("Run highlevel-export voice-calls -h for the flags.\n")
		return 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		return usage(fmt.Errorf("unexpected arguments %q: every option is a flag", fs.Args()))
	}
	if *output == "" {
		return usage(errors.New("-output is required"))
	}
	if *progress != "auto" && *progress != "always" && *progress != "never" {
		return usage(fmt.Errorf("-progress must be auto, always or never, got %q", *progress))
	}
	cfg := callexport.Config{LocationID: strings.TrimSpace(*location), AgentID: *agent, CallType: *callType,
		Output: *output, CursorFile: *cursorFile, Overwrite: *overwrite, Format: *format}
	for _, t := range []struct {
		name, value string
		dst         **time.Time
	}{{"-start", *start, &cfg.Start}, {"-end", *end, &cfg.End}} {
		if t.value == "" {
			continue
		}
		v, err := framework.ParseRFC3339(t.value)
		if err != nil {
			return usage(fmt.Errorf("%s: %w", t.name, err))
		}
		*t.dst = &v
	}
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	cfg.ContactIDs, cfg.ActionTypes = split(*contacts), split(*actionTypes)
	if cfg.Format == "" {
		cfg.Format = callexport.FormatJSONL
		if strings.EqualFold(filepath.Ext(*output), ".csv") {
			cfg.Format = callexport.FormatCSV
		}
	}
	tok := strings.TrimSpace(*token)
	if tok == "" {
		tok = envOr("HIGHLEVEL_TOKEN", "")
	}
	ccfg := client.Config{BaseURL: *baseURL, LocationID: cfg.LocationID, UserAgent: "highlevel-export/" + version}
	switch agencyToken := envOr("HIGHLEVEL_OAUTH_ACCESS_TOKEN", ""); {
	case tok != "":
		ccfg.Token = tok
	case agencyToken != "":
		ccfg.OAuth = &client.OAuthConfig{AccessToken: agencyToken, CompanyID: envOr("HIGHLEVEL_COMPANY_ID", "")}
	default:
		return usage(errors.New("no credentials: set HIGHLEVEL_TOKEN (or -token), or HIGHLEVEL_OAUTH_ACCESS_TOKEN with HIGHLEVEL_COMPANY_ID"))
	}
	c, err := client.New(ccfg)
	if err != nil {
		return usage(err)
	}
	cfg.Client = c
	if audit.ShowProgress(*progress, stderr) {
		cfg.Progress = stderr
	}
	res, err := callexport.Export(ctx, cfg)
	switch {
	case errors.Is(err, callexport.ErrInterrupted):
		say("highlevel-export voice-calls: %v\n", err)
		say("highlevel-export voice-calls: run the same command again to resume.\n")
		return 130
	case err != nil:
		say("highlevel-export voice-calls: %v\n", err)
		if res != nil && res.Calls > 0 {
			say("highlevel-export voice-calls: %d calls are safely in %s; run the same command again to resume.\n", res.Calls, *output)
		}
		return 1
	case res.AlreadyDone:
		say("highlevel-export voice-calls: already complete: %d calls in %s (use -overwrite to export again)\n", res.Calls, *output)
	default:
		note := ""
		if res.Resumed {
			note = " (resumed)"
		}
		say("highlevel-export voice-calls: %d calls in %s; this run wrote %d in %d pages, %.1fs%s\n",
			res.Calls, *output, res.Written, res.Pages, res.Elapsed.Seconds(), note)
	}
	_ = stdout
	return 0
}
