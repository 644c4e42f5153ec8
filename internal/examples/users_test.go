// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// staffPassword is the staff users' password in the example tests (never a real one).
const staffPassword = "Exampl3!Staff-Pass"

// TestAccExamples_users applies the highlevel_user examples with the built provider at
// TF_LOG=TRACE: the resource (its write-only password from an ephemeral variable), a password
// rotation, both data sources, and the destroy that waits for HighLevel's queued deletion. The
// password must appear nowhere: not in the TRACE log, the state, or the JSON of a saved plan.
func TestAccExamples_users(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	logs := filepath.Join(t.TempDir(), "trace.log")
	w := newWorkspace(t, env, "TF_LOG=TRACE", "TF_LOG_PATH="+logs, "TF_VAR_staff_password="+staffPassword)

	dir := w.copyExample("resources/highlevel_user", nil)
	w.applyAndExpectEmptyPlan(dir)
	id := w.stateID(dir, "highlevel_user.front_desk_manager")
	u, err := env.Client(t).GetUser(context.Background(), env.LocationID, id)
	if err != nil || len(u.Scopes) != 7 || u.Permissions["contentAiEnabled"] {
		t.Fatalf("the example's user is %+v (err %v)", u, err)
	}

	// A rotation: a new password version sends the password again; the saved plan holds neither.
	tf := filepath.Join(dir, "resource.tf")
	b, _ := os.ReadFile(tf)
	if err := os.WriteFile(tf, []byte(strings.Replace(string(b), "password_wo_version = 1", "password_wo_version = 2", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	w.run(dir, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=rotate.tfplan")
	planJSON := w.run(dir, 0, "show", "-json", "rotate.tfplan")
	w.run(dir, 0, "apply", "-input=false", "-no-color", "rotate.tfplan")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// The data sources find the user by email and in the location's list.
	ds := w.copyExample("data-sources/highlevel_user", nil)
	w.run(ds, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if out := w.outputs(ds); out["maria_can_manage_text_agents"] != true {
		t.Fatalf("data source outputs %v", out)
	}
	all := w.copyExample("data-sources/highlevel_users", nil)
	w.run(all, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	access, _ := w.outputs(all)["ai_access"].(map[string]any)
	if scopes, _ := access["maria.lopez@brightsmiledental.example"].([]any); len(scopes) != 5 {
		t.Fatalf("ai_access = %v, want maria's 5 AI scopes", access)
	}

	state, _ := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	raw, err := os.ReadFile(logs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "/users/") {
		t.Fatalf("the trace log has no user requests; the test would prove nothing (%d bytes)", len(raw))
	}
	for what, text := range map[string]string{"TRACE log": string(raw), "state": string(state), "saved plan's JSON": planJSON} {
		if strings.Contains(text, staffPassword) {
			t.Errorf("the password appears in the %s", what)
		}
	}
	if !strings.Contains(string(state), `"password_wo": null`) {
		t.Errorf("the state does not hold password_wo as null:\n%s", state)
	}
	t.Logf("password checked in %d bytes of TRACE log, %d of state, %d of plan JSON", len(raw), len(state), len(planJSON))
}

// TestAccExamples_scopedCredentials applies the one example that uses the emulator-only scope
// extension (the module's opt-in external_app) against the emulator.
func TestAccExamples_scopedCredentials(t *testing.T) {
	t.Parallel()
	if acctest.Real() {
		t.Skip("scopes and credentials exist only on the emulator")
	}
	env := acctest.Isolated(t, emulator.Options{Locations: 1})
	w := newWorkspace(t, env, "TF_VAR_location_id="+env.LocationID)
	dir := filepath.Join(w.copyTree("scoped-credentials", "modules/agency-client"), "scoped-credentials")
	w.run(dir, 0, "init", "-input=false", "-no-color")
	w.applyAndExpectEmptyPlan(dir)
	if out := w.outputs(dir); out["external_app_credential_id"] == nil || out["external_app_scope_id"] == nil {
		t.Fatalf("outputs %v", out)
	}
	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// scopeExtension matches a reference to the emulator-only scope types (highlevel_scope,
// highlevel_scopes, highlevel_scope_credential, highlevel_scope_permissions).
var scopeExtension = regexp.MustCompile(`highlevel_scope`)

// TestExamples_scopeExtensionStaysInItsExample proves that no example outside
// examples/scoped-credentials references the emulator-only scope types, so that every workflow
// example works against the real API. The documented exceptions: the scope types' own
// resource, data source and ephemeral resource examples, and the agency-client module's opt-in
// file, whose every resource is off unless var.external_app is set (default null).
func TestExamples_scopeExtensionStaysInItsExample(t *testing.T) {
	t.Parallel()
	root := filepath.Join(repoRoot(), "examples")
	const optIn = "modules/agency-client/external_app_emulator_only.tf"
	allowed := func(rel string) bool {
		for _, prefix := range []string{"scoped-credentials/", "resources/highlevel_scope", "data-sources/highlevel_scope", "ephemeral-resources/highlevel_scope"} {
			if strings.HasPrefix(rel, prefix) {
				return true
			}
		}
		return rel == optIn
	}
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch filepath.Ext(rel) {
		case ".tf", ".tfvars", ".hcl", ".yaml", ".yml", ".sh", ".json", ".csv":
		default:
			return nil // documentation may name the types to say where they are
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		text := string(b)
		if !allowed(rel) && scopeExtension.MatchString(text) {
			t.Errorf("examples/%s references the emulator-only %q; only examples/scoped-credentials may", rel, scopeExtension.FindString(text))
		}
		// Workflow examples never switch the module's opt-in on.
		if !allowed(rel) && regexp.MustCompile(`(?m)^\s*external_app\s*=`).MatchString(text) {
			t.Errorf("examples/%s sets the module's emulator-only external_app", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d example files checked; the walk is wrong", checked)
	}

	// The module's opt-in file: default null, and nothing in it exists without it.
	opt := readExample(t, optIn)
	if !regexp.MustCompile(`(?s)variable "external_app" \{.*?default = null`).MatchString(opt) {
		t.Errorf("%s: external_app must default to null (off)", optIn)
	}
	for _, block := range regexp.MustCompile(`(?m)^resource "[^"]+" "[^"]+" \{\n\s*count\s*=\s*(.*)$`).FindAllStringSubmatch(opt, -1) {
		if strings.TrimSpace(block[1]) != "var.external_app == null ? 0 : 1" {
			t.Errorf("%s: a resource is not gated by var.external_app: count = %s", optIn, block[1])
		}
	}
	if n := strings.Count(opt, "\nresource \""); n != 2 || len(regexp.MustCompile(`(?m)^resource "[^"]+" "[^"]+" \{\n\s*count\s*=\s*var\.external_app == null \? 0 : 1$`).FindAllString(opt, -1)) != n {
		t.Errorf("%s: want exactly 2 resources, each with count = var.external_app == null ? 0 : 1", optIn)
	}

	// The READMEs say where the extension went and that it is emulator-only.
	for _, f := range []string{"../README.md", "modules/agency-client/README.md", "scoped-credentials/README.md"} {
		text := readExample(t, f)
		if !regexp.MustCompile(`(?i)emulator[- ]only`).MatchString(text) || !strings.Contains(text, "scoped-credentials") && f != "scoped-credentials/README.md" {
			t.Errorf("examples/%s does not mark the scoped-credentials example as emulator-only", f)
		}
	}
}
