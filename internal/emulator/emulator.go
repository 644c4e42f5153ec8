// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure an Emulator. The zero value is a usable in-memory emulator with the
// contract's limits.
type Options struct {
	Locations        int           // locations seeded at first start (default 2)
	DataFile         string        // "" = in memory; else persisted JSON (atomic writes); a corrupt file makes New fail
	RateLimitBurst   int           // requests per window per (app, resource); 0 = contract default 100; negative = limits off
	RateLimitWindow  time.Duration // default 10s
	DailyLimit       int           // default 200000
	CrawlStepDelay   time.Duration // default 2s: delay of each asynchronous crawl/training step
	LocationTokenTTL time.Duration // default 86399s: lifetime of OAuth access tokens
	Logger           *slog.Logger  // nil = discard
	UserDeleteDelay  time.Duration // how long a deleted user stays visible (users.md §6.2); default 0
}

// Contract defaults (§1.6, §2.3, §3.5).
const (
	defaultLocations      = 2
	defaultBurst          = 100
	defaultWindow         = 10 * time.Second
	defaultDaily          = 200000
	defaultCrawlStepDelay = 2 * time.Second
	defaultTokenTTL       = 86399 * time.Second
	refreshTokenTTL       = 365 * 24 * time.Hour
)

// Emulator is the HighLevel API emulator. It is an http.Handler: serve it with
// http.Server or httptest.NewServer. All state sits behind one mutex; see doc.go.
type Emulator struct {
	opts Options
	log  *slog.Logger

	mu     sync.Mutex // guards st, rl and closed
	st     *State
	rl     rateLimiter
	closed bool

	clockOffset    atomic.Int64 // nanoseconds added to real time, see clock.go
	crawlStepDelay atomic.Int64 // nanoseconds, see crawlStep

	public  *http.ServeMux // the contract's routes
	control *http.ServeMux // /_emulator/…
	routes  map[string]bool

	ctl control // counters and faults, own lock

	// scopeLookup resolves Bearer sct-… tokens; (*State).lookupScopeCredential of the
	// scopes family, replaceable in tests of the auth layer.
	scopeLookup func(st *State, token string, now time.Time) (ScopeCredentialAuth, bool)
}

// New creates an emulator. With opts.DataFile set it loads that file, or seeds a fresh
// state and writes it when the file does not exist yet.
func New(opts Options) (*Emulator, error) {
	if opts.Locations <= 0 {
		opts.Locations = defaultLocations
	}
	if opts.RateLimitWindow <= 0 {
		opts.RateLimitWindow = defaultWindow
	}
	if opts.DailyLimit <= 0 {
		opts.DailyLimit = defaultDaily
	}
	if opts.CrawlStepDelay <= 0 {
		opts.CrawlStepDelay = defaultCrawlStepDelay
	}
	if opts.LocationTokenTTL <= 0 {
		opts.LocationTokenTTL = defaultTokenTTL
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Emulator{opts: opts, log: log, routes: map[string]bool{}, scopeLookup: (*State).lookupScopeCredential}
	e.rl = newRateLimiter(opts.RateLimitBurst, opts.RateLimitWindow, opts.DailyLimit)
	e.crawlStepDelay.Store(int64(opts.CrawlStepDelay))
	e.ctl.init()

	st, found, err := loadState(opts.DataFile)
	if err != nil {
		return nil, err
	}
	e.st = st
	e.st.initCore()
	e.clockOffset.Store(int64(e.st.ClockOffset))
	if !found {
		e.seedLocked()
		if err := e.persistLocked(); err != nil {
			return nil, fmt.Errorf("emulator: writing initial state: %w", err)
		}
	}
	e.buildRouters()
	log.Info("emulator ready", "data_file", opts.DataFile, "locations", len(e.st.Seed.Locations), "fresh", !found)
	return e, nil
}

// ServeHTTP dispatches to the control plane (/_emulator/…) or the public routes.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_emulator" || strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.control.ServeHTTP(w, r)
		return
	}
	// A real server's Date is its own clock; here that is the emulator's clock, which the
	// control plane can advance, so that Date and the createdAt of objects agree.
	w.Header().Set("Date", e.now().Format(http.TimeFormat))
	e.public.ServeHTTP(w, r)
}

// Close flushes the state to the data file (already done after every write, so this is a
// safety net) and makes later requests answer 503.
func (e *Emulator) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	return e.persistLocked()
}

// crawlStep is the delay of one asynchronous crawler step (contract §3.5), settable with
// PUT /_emulator/crawler. Read by the knowledge-base family.
func (e *Emulator) crawlStep() time.Duration {
	return time.Duration(e.crawlStepDelay.Load())
}

// buildRouters registers every family's routes. A family adds its routes in its own
// register function (see doc.go); the order here does not matter to net/http.
func (e *Emulator) buildRouters() {
	mux := http.NewServeMux()
	e.registerOAuthRoutes(mux)
	e.registerLocationRoutes(mux)
	e.registerAgentRoutes(mux)
	e.registerActionRoutes(mux)
	e.registerFollowupRoutes(mux)
	e.registerKnowledgeRoutes(mux)
	e.registerConversationRoutes(mux)
	e.registerScopeRoutes(mux)
	e.registerVoiceAIRoutes(mux)
	e.registerUserRoutes(mux)
	// Catch-all: unknown routes, and known paths with another method, get NestJS's 404
	// (Go's mux would answer 405 otherwise).
	mux.HandleFunc("/", e.notFoundRoute)
	e.public = mux
	e.control = e.controlRouter()
	e.registerUserControl(e.control)
}

func (e *Emulator) notFoundRoute(w http.ResponseWriter, r *http.Request) {
	e.ctl.countUnmatched()
	writeNestError(w, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path)
}
