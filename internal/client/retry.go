// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Retry policy (go-retryablehttp with a custom CheckRetry and Backoff).
//
//	outcome                                        GET   PUT/DELETE/PATCH   POST
//	429 Too Many Requests                          yes   yes                yes (rejected before processing)
//	502, 503, 504                                  yes   yes                no
//	500                                            yes   no                 no
//	other 4xx/5xx                                  no    no                 no
//	connection never obtained (dial, DNS, refused) yes   yes                yes (nothing was sent)
//	failure after a connection was obtained        yes   yes                no  (reset, EOF, timeout, body read)
//	context cancelled/deadline, limiter timeout,   no    no                 no
//	TLS certificate errors
//
// A POST marked idempotent (req.idempotent, e.g. /oauth/locationToken) is treated like PUT.
// Waits: Retry-After (seconds or HTTP date, on 429/503), else X-RateLimit-Interval-Milliseconds
// (on 429), plus up to 10% (≤1 s) jitter; otherwise exponential backoff from retryWaitMin to
// retryWaitMax with equal jitter. At most MaxRetries retries; a retry whose wait would pass the
// context deadline, or a Retry-After longer than maxServerWait, is not attempted.

// callState is the state of one logical request across its attempts.
type callState struct {
	c           *Client
	method      string
	path        string
	family      family
	limitKey    string
	postSafe    bool
	body        []byte
	contentType string

	attempts int    // attempts made (set by attemptTransport)
	lastBody []byte // body of the last answer
	lastSent bool   // the last failed attempt had a connection, so the request may have been sent
	nextWait time.Duration
	giveUp   string // why a retryable-looking failure was not retried
}

func (c *Client) retryClient(st *callState) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   c.http,
		Logger:       nil, // attemptTransport logs through tflog, with redaction
		RetryWaitMin: c.retryWaitMin,
		RetryWaitMax: c.retryWaitMax,
		RetryMax:     c.maxRetries,
		CheckRetry:   st.checkRetry,
		Backoff:      st.backoff,
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			return resp, err // keep the last answer: it becomes an APIError naming status and attempts
		},
	}
}

// idempotent reports whether repeating a request that reached the server is harmless.
func (st *callState) idempotent() bool {
	switch st.method {
	case http.MethodPost:
		return st.postSafe
	default: // GET, HEAD, PUT, DELETE, PATCH (follow-up settings PATCH replaces), OPTIONS
		return true
	}
}

// retryable decides whether the outcome of an attempt may be retried; why explains a refusal
// that another method would not have got (it ends up in the error).
func retryable(method string, idempotent bool, resp *http.Response, err error) (retry bool, why string) {
	if err != nil {
		var le *errLimiter
		if errors.As(err, &le) || isCertError(err) {
			return false, ""
		}
		var ae *attemptError
		connected := true // unknown: assume the request may have been sent
		if errors.As(err, &ae) {
			connected = ae.connected
		}
		switch {
		case !connected:
			return true, ""
		case idempotent:
			return true, ""
		default:
			return false, "the " + method + " may have reached the server, and repeating it could create a duplicate"
		}
	}
	switch code := resp.StatusCode; code {
	case http.StatusTooManyRequests:
		return true, ""
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if idempotent {
			return true, ""
		}
		return false, fmt.Sprintf("a %s answered %d may have been processed", method, code)
	case http.StatusInternalServerError:
		if method == http.MethodGet || method == http.MethodHead {
			return true, ""
		}
		return false, "500 is retried on GET only"
	}
	return false, ""
}

func isCertError(err error) bool {
	var (
		cv  *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		he  x509.HostnameError
		inv x509.CertificateInvalidError
	)
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &inv)
}

// checkRetry is the retryablehttp.CheckRetry of one call. It also computes the wait, so that a
// retry that would sleep past the context deadline is not attempted.
func (st *callState) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	retry, why := retryable(st.method, st.idempotent(), resp, err)
	if !retry {
		st.giveUp = why
		return false, nil
	}
	if st.attempts > st.c.maxRetries {
		return true, nil // retryablehttp stops here: retries exhausted
	}
	asked, fromServer := st.c.waitFor(resp, st.attempts)
	if fromServer && asked > st.c.maxServerWait {
		st.giveUp = fmt.Sprintf("the API asked to wait %s, longer than %s", asked.Round(time.Second), st.c.maxServerWait)
		return false, nil
	}
	wait := asked
	if fromServer {
		wait += serverJitter(asked)
	}
	if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
		st.giveUp = fmt.Sprintf("the next attempt, in %s, would pass the deadline", wait.Round(time.Millisecond))
		return false, nil
	}
	st.nextWait = wait
	fields := map[string]any{
		"http_method": st.method, "http_path": st.path, "attempt": st.attempts,
		"retry_in_ms": wait.Milliseconds(), "retries_left": st.c.maxRetries - st.attempts,
	}
	if resp != nil {
		fields["http_status"] = resp.StatusCode
	} else {
		fields["error"] = st.c.redact(err.Error())
	}
	logDebug(ctx, "retrying HTTP request", fields)
	return true, nil
}

func (st *callState) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return st.nextWait
}

// waitFor is the wait before the next attempt after attempt number `attempt` (1-based). A
// server-given delay (fromServer) comes without jitter; the caller adds serverJitter.
func (c *Client) waitFor(resp *http.Response, attempt int) (wait time.Duration, fromServer bool) {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d, true
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			if ms, err := strconv.ParseInt(strings.TrimSpace(resp.Header.Get("X-RateLimit-Interval-Milliseconds")), 10, 64); err == nil && ms > 0 {
				return time.Duration(ms) * time.Millisecond, true
			}
		}
	}
	return c.expBackoff(attempt), false
}

// expBackoff is min·2^(attempt-1), capped at max, with equal jitter (half fixed, half random).
func (c *Client) expBackoff(attempt int) time.Duration {
	d := c.retryWaitMin
	for i := 1; i < attempt && d < c.retryWaitMax; i++ {
		d *= 2
	}
	if d > c.retryWaitMax {
		d = c.retryWaitMax
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(half+1)
}

// serverJitter spreads retries of many clients told the same delay: up to 10% of it, ≤ 1 s.
// Always positive, so the server's delay is honoured.
func serverJitter(d time.Duration) time.Duration {
	j := min(d/10, time.Second)
	if j <= 0 {
		return 0
	}
	return rand.N(j + 1)
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
