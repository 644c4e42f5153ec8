// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// fullScopeToken matches a whole scope credential token (sct-<uuid>); the 8-character prefix the
// API and the state show is not a secret.
var fullScopeToken = regexp.MustCompile(`sct-[0-9a-f]{8}-[0-9a-f]{4}-`)

// TestAccExamples_scopes applies the scope family's examples with the built provider at
// TF_LOG=TRACE: a scope restricted to an agent, a rotating credential for an external app, their
// imports (the token never comes back; the first apply adopts rotation_triggers without
// rotating), the data sources, and the ephemeral credential used as the token of a provider
// alias. The credential's secret must never appear in the logs or the plan output, and the
// ephemeral one nowhere in the state either.
func TestAccExamples_scopes(t *testing.T) {
	t.Parallel()
	if acctest.Real() {
		t.Skip("scopes and credentials exist only on the emulator (contract §4)")
	}
	env := acctest.Shared(t)
	logs := filepath.Join(t.TempDir(), "trace.log")
	w := newWorkspace(t, env, "TF_LOG=TRACE", "TF_LOG_PATH="+logs)
	var planOutputs []string
	plan := func(dir string, want int) string {
		out := w.run(dir, want, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		planOutputs = append(planOutputs, out)
		return out
	}

	// The scope, restricted to the front desk agent.
	scope := w.copyExample("resources/highlevel_scope", nil)
	w.run(scope, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	plan(scope, 0)
	scopeID := w.stateID(scope, "highlevel_scope.zapier")
	agentID := w.stateID(scope, "highlevel_agent.front_desk")

	// The CRM's credential: its token is in state (documented), and works for what it may do.
	cred := w.copyExample("resources/highlevel_scope_credential", nil)
	w.run(cred, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	plan(cred, 0)
	crmScope := w.stateID(cred, "highlevel_scope.crm")
	credID := w.stateID(cred, "highlevel_scope_credential.crm")
	token := stateAttr(w, cred, "highlevel_scope_credential.crm", "token")
	if !fullScopeToken.MatchString(token) {
		t.Fatalf("the credential's token is not in state as documented: %.8s…", token)
	}
	conversations := "/conversations/search?locationId=" + url.QueryEscape(env.LocationID)
	expectAPIStatus(t, env, token, conversations, http.StatusOK)
	expectAPIStatus(t, env, token, "/conversation-ai/agents/search", http.StatusForbidden)

	// The data source examples read what the resource examples made.
	one := w.copyExample("data-sources/highlevel_scope", nil)
	w.run(one, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if perms, _ := w.outputs(one)["zapier_permissions"].([]any); len(perms) != 3 {
		t.Fatalf("zapier_permissions = %v, want 3 permissions", perms)
	}
	list := w.copyExample("data-sources/highlevel_scopes", nil)
	w.run(list, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	readers, _ := w.outputs(list)["message_reader_scopes"].(map[string]any)
	if len(readers) != 2 || readers["Client CRM"] == nil {
		t.Fatalf("message_reader_scopes = %v, want the Zapier and CRM scopes", readers)
	}
	if ids, _ := readers["Zapier: front desk"].([]any); len(ids) != 1 || ids[0] != agentID {
		t.Fatalf("the Zapier scope's agents are %v, want [%s]", readers["Zapier: front desk"], agentID)
	}
	perms := w.copyExample("data-sources/highlevel_scope_permissions", nil)
	w.run(perms, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if write, _ := w.outputs(perms)["write_permissions"].([]any); len(write) != 4 {
		t.Fatalf("write_permissions = %v", write)
	}
	// The check block catches a permission the API does not know.
	out := w.run(perms, 0, "plan", "-input=false", "-no-color", `-var=app_permissions=["contacts.write"]`)
	if !strings.Contains(out, "Unknown permissions: contacts.write") {
		t.Fatalf("the permission check did not warn:\n%s", out)
	}

	// import.sh into fresh states: the scope plans nothing; the credential comes without its
	// token, and its first apply only adopts rotation_triggers (and the expires_at as written).
	imported := w.copyExample("resources/highlevel_scope", nil)
	w.run(imported, 0, "import", "-input=false", "-no-color", "highlevel_agent.front_desk", agentID)
	withAgent := w.snapshotState(imported)
	for _, args := range importLines(t, "resources/highlevel_scope/import.sh") {
		args[len(args)-1] = strings.NewReplacer("<location_id>", w.location, "<scope_id>", scopeID).Replace(args[len(args)-1])
		w.run(imported, 0, append([]string{"import", "-input=false", "-no-color"}, args...)...)
		plan(imported, 0)
		w.restoreState(imported, withAgent) // forget the scope for the next line
	}
	for i, args := range importLines(t, "resources/highlevel_scope_credential/import.sh") {
		dir := w.copyExample("resources/highlevel_scope_credential", nil)
		w.run(dir, 0, "import", "-input=false", "-no-color", "highlevel_scope.crm", crmScope)
		args[len(args)-1] = strings.NewReplacer("<location_id>", w.location, "<scope_id>", crmScope, "<credential_id>", credID).Replace(args[len(args)-1])
		w.run(dir, 0, append([]string{"import", "-input=false", "-no-color"}, args...)...)
		if tok := stateAttr(w, dir, "highlevel_scope_credential.crm", "token"); tok != "" {
			t.Fatalf("import brought the token back")
		}
		if out := plan(dir, 2); !strings.Contains(out, "0 to add, 1 to change, 0 to destroy") {
			t.Fatalf("import %d: the first plan must only adopt the configuration:\n%s", i, out)
		}
		if i == 0 {
			w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
			plan(dir, 0)
			if now := w.stateID(dir, "highlevel_scope_credential.crm"); now != credID {
				t.Fatalf("adopting the imported credential replaced it (%s → %s)", credID, now)
			}
			expectAPIStatus(t, env, token, conversations, http.StatusOK)
		}
		// The objects stay with the first workspace, which destroys them: nothing runs in dir
		// again.
	}

	// import-by-string-id.tf with the real IDs: a pure import plus that adoption.
	block := strings.NewReplacer("Qm3XbT8sLw2NcV5rPz7K", crmScope, "Hq4YdU9tMx3OdW6sQa8L", credID).
		Replace(readExample(t, "resources/highlevel_scope_credential/import-by-string-id.tf"))
	byBlock := w.copyExample("resources/highlevel_scope_credential", map[string]string{
		"import-by-string-id.tf": block,
		"import-scope.tf":        "import {\n  to = highlevel_scope.crm\n  id = \"" + crmScope + "\"\n}\n",
	})
	if out := plan(byBlock, 2); !strings.Contains(out, "2 to import, 0 to add, 1 to change, 0 to destroy") {
		t.Fatalf("import block plan:\n%s", out)
	}

	// Rotation: a new quarter issues a new credential and revokes the old one.
	rotated := strings.ReplaceAll(readExample(t, "resources/highlevel_scope_credential/resource.tf"), `"2026-Q1"`, `"2026-Q2"`)
	if err := os.WriteFile(filepath.Join(cred, "resource.tf"), []byte(rotated), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := plan(cred, 2); !strings.Contains(out, "must be replaced") || strings.Contains(out, token) {
		t.Fatalf("rotation plan:\n%s", out)
	}
	w.run(cred, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	newToken := stateAttr(w, cred, "highlevel_scope_credential.crm", "token")
	if newToken == token || w.stateID(cred, "highlevel_scope_credential.crm") == credID {
		t.Fatal("rotation did not issue a new credential")
	}
	expectAPIStatus(t, env, token, conversations, http.StatusUnauthorized)
	expectAPIStatus(t, env, newToken, conversations, http.StatusOK)

	// The ephemeral credential as the token of a provider alias.
	if major, minor := cliVersion(t, w, scope); major == 1 && minor < 10 {
		t.Log("the CLI has no ephemeral resources (Terraform < 1.10): ephemeral example skipped")
	} else {
		reader, err := env.Client(t).CreateScope(context.Background(), env.LocationID,
			client.ScopeInput{Name: "Agent reader", Permissions: []string{"conversation-ai.readonly"}})
		if err != nil {
			t.Fatal(err)
		}
		eph := w.copyExample("ephemeral-resources/highlevel_scope_credential", nil)
		scopeVar := "-var=reader_scope_id=" + reader.ID
		w.run(eph, 0, "apply", "-auto-approve", "-input=false", "-no-color", scopeVar)
		planOutputs = append(planOutputs, w.run(eph, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color", scopeVar))
		if names, _ := w.outputs(eph)["visible_agents"].([]any); len(names) != 1 || names[0] != "Front desk" {
			t.Fatalf("visible_agents = %v, want [Front desk]", names)
		}
		raw, err := os.ReadFile(filepath.Join(eph, "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		if fullScopeToken.Match(raw) {
			t.Fatal("an ephemeral credential's token is in the state file")
		}
		left, err := env.Client(t).ListCredentials(context.Background(), env.LocationID, reader.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 0 {
			t.Fatalf("%d ephemeral credentials outlived the commands that issued them", len(left))
		}
		// No destroy: the configuration manages nothing (an ephemeral resource, a data source).
	}

	for _, dir := range []string{cred, scope} {
		w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	}
	expectAPIStatus(t, env, newToken, conversations, http.StatusUnauthorized)

	// No credential secret in the TRACE logs of the CLI and the provider, nor in plan output.
	text, err := os.ReadFile(logs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "/conversation-ai/scopes") {
		t.Fatalf("the trace log has no scope requests; the test would prove nothing (%d bytes)", len(text))
	}
	for what, secret := range map[string]string{"first token": token, "rotated token": newToken} {
		if strings.Contains(string(text), secret) {
			t.Errorf("the %s appears in the TRACE log", what)
		}
	}
	if m := fullScopeToken.Find(text); m != nil {
		t.Errorf("a credential token (%s…) appears in the TRACE log", m[:8])
	}
	for _, out := range planOutputs {
		if fullScopeToken.MatchString(out) {
			t.Errorf("a credential token appears in plan output:\n%s", out)
		}
	}
	t.Logf("TRACE log checked: %d bytes; %d plans checked", len(text), len(planOutputs))
}

// importLines returns the arguments of the `terraform import` lines of an import.sh example.
func importLines(t *testing.T, rel string) [][]string {
	var out [][]string
	for _, line := range strings.Split(readExample(t, rel), "\n") {
		if strings.HasPrefix(line, "terraform import ") {
			out = append(out, strings.Fields(line)[2:])
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no terraform import line", rel)
	}
	return out
}

// stateAttr returns a string attribute of a resource in the state of dir (which holds
// sensitive values too).
func stateAttr(w *workspace, dir, addr, name string) string {
	w.t.Helper()
	s, _ := w.stateValues(dir, addr)[name].(string)
	return s
}

// expectAPIStatus calls the API with a bearer token, as an external app would.
func expectAPIStatus(t *testing.T, env *acctest.Env, token, path string, want int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.BaseURL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Version", "2021-04-15")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("GET %s with the credential: %d, want %d", path, resp.StatusCode, want)
	}
}

// cliVersion is the major and minor version of the CLI under test.
func cliVersion(t *testing.T, w *workspace, dir string) (major, minor int) {
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(w.run(dir, 0, "version", "-json")), &v); err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(v.Version, ".", 3)
	if len(parts) < 2 {
		t.Fatalf("CLI version %q", v.Version)
	}
	major, _ = strconv.Atoi(parts[0])
	minor, _ = strconv.Atoi(parts[1])
	return major, minor
}
