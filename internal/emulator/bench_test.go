// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkGetAgent measures GET /conversation-ai/agents/{id} through real loopback HTTP
// with limits off; it reports requests per second ("req/s").
func BenchmarkGetAgent(b *testing.B) {
	emu, err := New(Options{RateLimitBurst: -1})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	defer srv.Close()
	e := &env{t: b, emu: emu, srv: srv, boot: emu.Bootstrap(srv.URL)}
	tok := e.boot.Locations[0].Token
	id := e.createAgent(tok, "bench")
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}}
	url := srv.URL + "/conversation-ai/agents/" + id
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Version", "2021-04-15")
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}
