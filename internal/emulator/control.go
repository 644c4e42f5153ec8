// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The control plane lives under /_emulator/ and is never part of the public contract. It
// needs "Authorization: Bearer <admin token>" (Bootstrap.AdminToken), else 401. Bodies are
// JSON; errors are {"statusCode","message"}.
//
//	GET    /_emulator/counters          {"total":n,"unmatched":n,"routes":{"<pattern>":n}}
//	POST   /_emulator/counters/reset
//	GET    /_emulator/faults            the active fault rules
//	POST   /_emulator/faults            add a rule (faultRule)
//	DELETE /_emulator/faults            remove every rule
//	GET    /_emulator/clock             {"now":iso,"offset_seconds":n}
//	POST   /_emulator/clock/advance     {"seconds":n}
//	GET    /_emulator/ratelimit         current limits
//	PUT    /_emulator/ratelimit         {"burst":n,"window_ms":n,"daily":n,"disabled":bool}; 0/omitted keeps a
//	                                    value, disabled defaults to false; resets all windows
//	PUT    /_emulator/crawler           {"step_delay_ms":n}
//	POST   /_emulator/locations         {"name":s} -> {"id","token"} (a new location with its PIT)
//	POST   /_emulator/oauth/codes       {"user_type":"Company"|"Location","location_id":s} -> {"code","client_id"}
//	GET    /_emulator/bootstrap         the Bootstrap JSON, base_url from the request's Host
//	GET    /_emulator/variants          the API-variant switches (variants.go)
//	PUT    /_emulator/variants          replace them: {"page_size_cap":50,"messages_nested":true,…}
//	                                    or {"strict":true}; omitted members are off
//	DELETE /_emulator/variants          every switch off
//
// Counters count every public request that reached a route, by its pattern (r.Pattern),
// whatever the answer (401, 429, injected faults included); requests that match no route
// are counted in "unmatched" only, and "total" is the sum over "routes".

// control holds counters and fault rules, under their own lock so that counting never
// waits for the state lock.
type control struct {
	mu        sync.Mutex
	total     int64
	unmatched int64
	counts    map[string]int64
	faults    []*faultRule

	variants atomic.Pointer[Variants] // API variants (variants.go); nil = all off
}

// faultRule is one injected fault. Route "" applies to every public route. Rate is the
// probability in (0,1]; 0 or omitted means always. Count limits how many times the rule
// fires (0 = unlimited); a rule is removed once spent. Latency applies before processing.
// Drop closes the connection before processing; DropAfterProcessing processes (and
// persists) the request, then closes the connection without answering.
type faultRule struct {
	Route               string  `json:"route"`
	Status              int     `json:"status"`
	Rate                float64 `json:"rate"`
	LatencyMS           int     `json:"latency_ms"`
	Drop                bool    `json:"drop"`
	DropAfterProcessing bool    `json:"drop_after_processing"`
	Count               int     `json:"count"`
	Fired               int     `json:"fired"`
}

type faultEffect struct {
	latency         time.Duration
	status          int
	drop, dropAfter bool
}

func (ct *control) init() { ct.counts = map[string]int64{} }

func (ct *control) count(pattern string) {
	ct.mu.Lock()
	ct.total++
	ct.counts[pattern]++
	ct.mu.Unlock()
}

func (ct *control) countUnmatched() {
	ct.mu.Lock()
	ct.unmatched++
	ct.mu.Unlock()
}

// faultsFor rolls the rules that match pattern. Latency adds up; the first firing rule
// with a status or a drop decides the outcome.
func (ct *control) faultsFor(pattern string) faultEffect {
	var fx faultEffect
	ct.mu.Lock()
	defer ct.mu.Unlock()
	if len(ct.faults) == 0 {
		return fx
	}
	decided := false
	for _, f := range ct.faults {
		if f.Route != "" && f.Route != pattern {
			continue
		}
		if f.Rate > 0 && f.Rate < 1 && rand.Float64() >= f.Rate {
			continue
		}
		f.Fired++
		fx.latency += time.Duration(f.LatencyMS) * time.Millisecond
		if !decided && (f.Status != 0 || f.Drop || f.DropAfterProcessing) {
			decided = true
			fx.status, fx.drop, fx.dropAfter = f.Status, f.Drop, f.DropAfterProcessing
		}
	}
	ct.faults = slices.DeleteFunc(ct.faults, func(f *faultRule) bool { return f.Count > 0 && f.Fired >= f.Count })
	return fx
}

func (e *Emulator) controlRouter() *http.ServeMux {
	mux := http.NewServeMux()
	h := func(pattern string, fn http.HandlerFunc) { mux.HandleFunc(pattern, e.adminOnly(fn)) }
	h("GET /_emulator/counters", e.ctlCounters)
	h("POST /_emulator/counters/reset", e.ctlCountersReset)
	h("GET /_emulator/faults", e.ctlFaultsList)
	h("POST /_emulator/faults", e.ctlFaultsAdd)
	h("DELETE /_emulator/faults", e.ctlFaultsClear)
	h("GET /_emulator/clock", e.ctlClock)
	h("POST /_emulator/clock/advance", e.ctlClockAdvance)
	h("GET /_emulator/ratelimit", e.ctlRateLimitGet)
	h("PUT /_emulator/ratelimit", e.ctlRateLimitPut)
	h("PUT /_emulator/crawler", e.ctlCrawler)
	h("POST /_emulator/locations", e.ctlAddLocation)
	h("POST /_emulator/oauth/codes", e.ctlAuthCode)
	h("GET /_emulator/bootstrap", e.ctlBootstrap)
	e.registerSeedControl(h)    // seed.go: conversation seeding, crawl interruption
	e.registerVariantControl(h) // variants.go: API variants
	e.registerVoiceAIControl(h) // voiceai_control.go: call-log seeding, Voice AI switches
	h("/", func(w http.ResponseWriter, r *http.Request) {
		writeNestError(w, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path)
	})
	return mux
}

func (e *Emulator) adminOnly(next http.HandlerFunc) http.HandlerFunc {
	e.mu.Lock()
	admin := "Bearer " + e.st.AdminToken
	e.mu.Unlock()
	return func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte(admin)) != 1 {
			writeNestError(w, http.StatusUnauthorized, "admin token required")
			return
		}
		next(w, r)
	}
}

// readControl decodes a control body strictly (unknown fields are mistakes in a test).
func readControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeNestError(w, http.StatusBadRequest, "invalid control body: "+err.Error())
		return false
	}
	return true
}

func (e *Emulator) ctlCounters(w http.ResponseWriter, _ *http.Request) {
	ct := &e.ctl
	ct.mu.Lock()
	routes := make(map[string]int64, len(ct.counts))
	for k, v := range ct.counts {
		routes[k] = v
	}
	body := map[string]any{"total": ct.total, "unmatched": ct.unmatched, "routes": routes}
	ct.mu.Unlock()
	writeControlJSON(w, http.StatusOK, body)
}

func (e *Emulator) ctlCountersReset(w http.ResponseWriter, _ *http.Request) {
	ct := &e.ctl
	ct.mu.Lock()
	ct.total, ct.unmatched, ct.counts = 0, 0, map[string]int64{}
	ct.mu.Unlock()
	writeControlJSON(w, http.StatusOK, map[string]any{"success": true})
}

func (e *Emulator) ctlFaultsList(w http.ResponseWriter, _ *http.Request) {
	e.ctl.mu.Lock()
	list := make([]faultRule, 0, len(e.ctl.faults))
	for _, f := range e.ctl.faults {
		list = append(list, *f)
	}
	e.ctl.mu.Unlock()
	writeControlJSON(w, http.StatusOK, map[string]any{"faults": list})
}

func (e *Emulator) ctlFaultsAdd(w http.ResponseWriter, r *http.Request) {
	var f faultRule
	if !readControl(w, r, &f) {
		return
	}
	var problems []string
	if f.Route != "" && !e.routes[f.Route] {
		problems = append(problems, fmt.Sprintf("route %q is not a public route pattern (e.g. \"POST /conversation-ai/agents\")", f.Route))
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		problems = append(problems, "status must be 0 or 400-599")
	}
	if f.Rate < 0 || f.Rate > 1 {
		problems = append(problems, "rate must be within [0,1]")
	}
	if f.LatencyMS < 0 || f.Count < 0 {
		problems = append(problems, "latency_ms and count must not be negative")
	}
	if f.Status == 0 && !f.Drop && !f.DropAfterProcessing && f.LatencyMS == 0 {
		problems = append(problems, "a fault needs status, latency_ms, drop or drop_after_processing")
	}
	if len(problems) > 0 {
		writeNestError(w, http.StatusBadRequest, strings.Join(problems, "; "))
		return
	}
	f.Fired = 0
	e.ctl.mu.Lock()
	e.ctl.faults = append(e.ctl.faults, &f)
	e.ctl.mu.Unlock()
	writeControlJSON(w, http.StatusCreated, map[string]any{"success": true, "fault": f})
}

func (e *Emulator) ctlFaultsClear(w http.ResponseWriter, _ *http.Request) {
	e.ctl.mu.Lock()
	e.ctl.faults = nil
	e.ctl.mu.Unlock()
	writeControlJSON(w, http.StatusOK, map[string]any{"success": true})
}

func (e *Emulator) clockBody() map[string]any {
	return map[string]any{"now": isoTime(e.now()), "offset_seconds": time.Duration(e.clockOffset.Load()).Seconds()}
}

func (e *Emulator) ctlClock(w http.ResponseWriter, _ *http.Request) {
	writeControlJSON(w, http.StatusOK, e.clockBody())
}

func (e *Emulator) ctlClockAdvance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Seconds float64 `json:"seconds"`
	}
	if !readControl(w, r, &body) {
		return
	}
	if body.Seconds <= 0 {
		writeNestError(w, http.StatusBadRequest, "seconds must be positive (the clock never goes back)")
		return
	}
	e.mu.Lock()
	e.advanceClockLocked(time.Duration(body.Seconds * float64(time.Second)))
	err := e.persistLocked()
	e.mu.Unlock()
	if err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusOK, e.clockBody())
}

func (e *Emulator) rateLimitBody() map[string]any {
	return map[string]any{"burst": e.rl.burst, "window_ms": e.rl.window.Milliseconds(), "daily": e.rl.daily, "disabled": e.rl.disabled}
}

func (e *Emulator) ctlRateLimitGet(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	body := e.rateLimitBody()
	e.mu.Unlock()
	writeControlJSON(w, http.StatusOK, body)
}

func (e *Emulator) ctlRateLimitPut(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Burst    int   `json:"burst"`
		WindowMS int64 `json:"window_ms"`
		Daily    int   `json:"daily"`
		Disabled bool  `json:"disabled"`
	}
	if !readControl(w, r, &body) {
		return
	}
	if body.Burst < 0 || body.WindowMS < 0 || body.Daily < 0 {
		writeNestError(w, http.StatusBadRequest, "burst, window_ms and daily must not be negative (use disabled)")
		return
	}
	e.mu.Lock()
	e.rl.configure(body.Burst, time.Duration(body.WindowMS)*time.Millisecond, body.Daily, body.Disabled)
	e.rl.buckets = map[rlKey]*rlBucket{}
	resp := e.rateLimitBody()
	e.mu.Unlock()
	writeControlJSON(w, http.StatusOK, resp)
}

func (e *Emulator) ctlCrawler(w http.ResponseWriter, r *http.Request) {
	var body struct {
		StepDelayMS *int64 `json:"step_delay_ms"`
	}
	if !readControl(w, r, &body) {
		return
	}
	if body.StepDelayMS == nil || *body.StepDelayMS < 0 {
		writeNestError(w, http.StatusBadRequest, "step_delay_ms must be given and not negative")
		return
	}
	e.crawlStepDelay.Store(int64(time.Duration(*body.StepDelayMS) * time.Millisecond))
	writeControlJSON(w, http.StatusOK, map[string]any{"step_delay_ms": *body.StepDelayMS})
}

func (e *Emulator) ctlAddLocation(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name string `json:"name"`
	}
	if !readControl(w, r, &body) {
		return
	}
	e.mu.Lock()
	if body.Name == "" {
		body.Name = fmt.Sprintf("Client Location %d", len(e.st.Seed.Locations)+1)
	}
	sl := e.addLocationLocked(body.Name)
	err := e.persistLocked()
	e.mu.Unlock()
	if err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusCreated, map[string]any{"id": sl.ID, "token": sl.Token})
}

func (e *Emulator) ctlAuthCode(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UserType   string `json:"user_type"`
		LocationID string `json:"location_id"`
	}
	if !readControl(w, r, &body) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	app := e.st.OAuthApps[e.st.Seed.ClientID]
	switch {
	case body.UserType == userCompany && body.LocationID == "":
	case body.UserType == userLocation && slices.Contains(app.Installed, body.LocationID):
	default:
		writeNestError(w, http.StatusBadRequest, "user_type must be Company (no location_id) or Location with the id of a location")
		return
	}
	code := &AuthCode{Code: newSecret(20), ClientID: app.ClientID, UserType: body.UserType, LocationID: body.LocationID, ExpiresAt: e.now().Add(10 * time.Minute)}
	e.st.AuthCodes[code.Code] = code
	if err := e.persistLocked(); err != nil {
		writeNestError(w, http.StatusInternalServerError, nil)
		return
	}
	writeControlJSON(w, http.StatusCreated, map[string]any{"code": code.Code, "client_id": app.ClientID})
}

func (e *Emulator) ctlBootstrap(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	writeControlJSON(w, http.StatusOK, e.Bootstrap(scheme+"://"+r.Host))
}
