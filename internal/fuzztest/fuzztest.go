// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package fuzztest holds what the families' fuzz targets share: the bounded fuzz run of
// `make test`, fake API answers, and helpers that write a model to a framework state the way
// a resource does. It is imported by test files only.
package fuzztest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

const Location = "fuzzLocation00000001"

// Bounded fuzzes every Fuzz target of the calling package for a bounded time, one after the
// other: 2000 inputs each by default (a smoke run in every `make test`; longer runs:
// HIGHLEVEL_FUZZTIME=60s); HIGHLEVEL_FUZZTIME sets another -fuzztime ("30s", "5000x"), "0"
// skips. The default is a count, not a duration: a duration is also a deadline for gathering
// the baseline coverage of the corpus (which grows in the fuzz cache from run to run), and on
// a loaded machine that deadline passed first and failed the run ("context deadline
// exceeded"). Skipped with -short. The package's fuzzing test binary is built once (`go test -c
// -fuzz`) and run per target, with the go command's fuzz cache, so that a run continues from
// the corpus earlier runs found. Plain `go test` runs the seed corpus (testdata/fuzz/<Target>/)
// of every target anyway; a failure found here is written there, to be kept once fixed.
func Bounded(t *testing.T, pkgPath string) {
	if testing.Short() {
		t.Skip("fuzzing is not short (testing.Short)")
	}
	fuzztime := os.Getenv("HIGHLEVEL_FUZZTIME")
	if fuzztime == "" {
		fuzztime = DefaultFuzzTime
	}
	if fuzztime == "0" {
		t.Skip("HIGHLEVEL_FUZZTIME=0")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	targets := targets(t)
	if len(targets) == 0 {
		t.Fatal("no fuzz targets found")
	}
	t.Parallel()
	gocache := ""
	if out, err := exec.Command(gobin, "env", "GOCACHE").Output(); err == nil && filepath.IsAbs(strings.TrimSpace(string(out))) {
		gocache = strings.TrimSpace(string(out))
	}
	bin := filepath.Join(t.TempDir(), "fuzz.test")
	unlock := buildLock(gocache)
	out, err := exec.Command(gobin, "test", "-c", "-fuzz", ".", "-o", bin, ".").CombinedOutput()
	unlock()
	if err != nil {
		t.Fatalf("building the fuzzing test binary: %v\n%s", err, out)
	}
	cache := t.TempDir()
	if gocache != "" {
		cache = filepath.Join(gocache, "fuzz", pkgPath)
	}
	for _, target := range targets {
		cmd := exec.Command(bin, "-test.run", "^$", "-test.fuzz", "^"+target+"$", "-test.fuzztime", fuzztime,
			"-test.parallel", "1", "-test.fuzzcachedir", cache, "-test.timeout", "10m")
		cmd.Env = append(os.Environ(), "HIGHLEVEL_FUZZTIME=0", "TF_ACC=")
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", target, err, out)
		}
		t.Logf("%s: -fuzztime %s in %s", target, fuzztime, time.Since(start).Round(time.Millisecond))
	}
}

// DefaultFuzzTime is the -fuzztime of the smoke runs of `make test` (see Bounded).
const DefaultFuzzTime = "2000x"

// buildLock serialises the fuzzing builds of the packages that `go test ./...` tests at the
// same time: they instrument the same dependencies, which on a cold build cache each would
// compile again; one after the other, the later builds find them in the cache. A lock left by
// a killed run is taken over after 10 minutes; after 5 minutes of waiting the build goes ahead.
func buildLock(gocache string) (unlock func()) {
	sum := sha256.Sum256([]byte(gocache))
	dir := filepath.Join(os.TempDir(), "highlevel-fuzz-build-"+hex.EncodeToString(sum[:6])+".lock")
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if os.Mkdir(dir, 0o700) == nil {
			return func() { _ = os.Remove(dir) }
		}
		if fi, err := os.Stat(dir); err == nil && time.Since(fi.ModTime()) > 10*time.Minute {
			_ = os.Remove(dir)
		}
	}
	return func() {}
}

// targets lists the Fuzz functions of the package's test files.
func targets(t *testing.T) []string {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Fuzz") {
				names = append(names, fn.Name.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// WriteState writes m to empty (an empty state of the resource's schema), with state.Set and
// with framework.SetState (what save() uses; both must write the same), and reads it back: no diagnostics (e.g. "Duplicate Set Element"), every value known
// (DESIGN.md rule 6), and the same state again from the value read back.
func WriteState[M any](t *testing.T, ctx context.Context, empty tfsdk.State, m *M) tfsdk.State {
	t.Helper()
	st := empty
	if d := st.Set(ctx, m); d.HasError() {
		t.Fatalf("writing state: %v", d)
	}
	if !st.Raw.IsFullyKnown() {
		t.Fatalf("state has unknown values: %v", st.Raw)
	}
	fast := empty
	if d := framework.SetState(ctx, &fast, m); d.HasError() || !fast.Raw.Equal(st.Raw) {
		t.Fatalf("framework.SetState wrote another state than state.Set: %v %v", d, fast.Raw)
	}
	var back M
	if d := st.Get(ctx, &back); d.HasError() {
		t.Fatalf("reading state back: %v", d)
	}
	st2 := empty
	if d := st2.Set(ctx, &back); d.HasError() || !st2.Raw.Equal(st.Raw) {
		t.Fatalf("state read back differs: %v %v", d, st2.Raw)
	}
	return st
}

// EmptyState is a null state of a resource or data source schema.
func EmptyState(ctx context.Context, s any) tfsdk.State {
	switch s := s.(type) {
	case resourceschema.Schema:
		return tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	case datasourceschema.Schema:
		return tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	}
	panic(fmt.Sprintf("EmptyState: %T", s))
}

// ReadDataSource runs ds.Read with config (attributes not in it are null) and returns the
// state; a state with unknown values is an error (DESIGN.md rule 6).
func ReadDataSource(ctx context.Context, ds datasource.DataSource, config map[string]tftypes.Value) (tfsdk.State, diag.Diagnostics) {
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := config[name]; ok {
			vals[name] = v
		}
	}
	req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}}
	ds.Read(ctx, req, &resp)
	if !resp.Diagnostics.HasError() && !resp.State.Raw.IsFullyKnown() {
		resp.Diagnostics.AddError("fuzz", "the data source's state has unknown values")
	}
	return resp.State, resp.Diagnostics
}

// ReadResource runs r.Read on a state with the given values (others null), as after an import
// or an apply, and returns the new state; a state with unknown values is an error.
func ReadResource(ctx context.Context, r resource.Resource, values map[string]tftypes.Value) (tfsdk.State, diag.Diagnostics) {
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := values[name]; ok {
			vals[name] = v
		}
	}
	st := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
	resp := resource.ReadResponse{State: st}
	r.Read(ctx, resource.ReadRequest{State: st}, &resp)
	if !resp.Diagnostics.HasError() && !resp.State.Raw.IsFullyKnown() {
		resp.Diagnostics.AddError("fuzz", "the resource's state has unknown values")
	}
	return resp.State, resp.Diagnostics
}

// OnlyClientError reports whether the read failed; it fails the test unless every error is one
// of the read's own reports of a client error (summaries), i.e. never a state or mapping error.
func OnlyClientError(t *testing.T, diags diag.Diagnostics, summaries ...string) bool {
	t.Helper()
	for _, d := range diags.Errors() {
		if !slices.Contains(summaries, d.Summary()) {
			t.Fatalf("read failed while mapping: %s: %s", d.Summary(), d.Detail())
		}
	}
	return diags.HasError()
}

// Client is an API client whose every request is answered 200 with body, in memory: the
// client's own decoding (envelopes, custom UnmarshalJSON) runs on the fuzzed bytes.
func Client(t *testing.T, body []byte) *client.Client {
	c, err := client.New(client.Config{BaseURL: "http://api.fuzz.invalid", Token: "pit-fuzz", LocationID: Location,
		MaxRetries: -1, RequestsPer10s: -1, HTTPClient: &http.Client{Transport: CannedAnswer(body)},
		SkipLocationCheck: true}) // every route gets the same canned answer: the check would read it too
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type CannedAnswer []byte

func (b CannedAnswer) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)), Request: r}, nil
}

// DecodeLikeClient decodes an answer body as the client does: nothing for an empty body; with
// envelope keys, the first one present and not null, an error for {"success":false}, else the
// whole body. It reports whether the client accepts the answer.
func DecodeLikeClient(data []byte, out any, envelope ...string) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		return true
	}
	var m map[string]json.RawMessage
	if len(envelope) > 0 && json.Unmarshal(data, &m) == nil {
		for _, k := range envelope {
			if raw, ok := m[k]; ok && !IsNull(raw) {
				return json.Unmarshal(raw, out) == nil
			}
		}
		if s, ok := m["success"]; ok && string(bytes.TrimSpace(s)) == "false" {
			return false
		}
	}
	return json.Unmarshal(data, out) == nil
}

func IsNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// KeysAt returns the keys of the JSON objects found at path in data, every occurrence of a
// repeated key included; path elements match as encoding/json matches field names
// (case-insensitively, with Unicode folding), so that a key the decoder would use is found.
func KeysAt(data []byte, path ...string) []string {
	var out []string
	var walk func(raw []byte, path []string)
	walk = func(raw []byte, path []string) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return
			}
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return
			}
			k, _ := tok.(string)
			switch {
			case len(path) == 0:
				out = append(out, k)
			case strings.EqualFold(k, path[0]):
				walk(v, path[1:])
			}
		}
	}
	walk(data, path)
	return out
}

// has reports whether keys holds key as encoding/json matches names.
func Has(keys []string, key string) bool {
	return slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, key) })
}
