// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// locationIDLine matches a client's location_id in a clients.yaml of the examples.
var locationIDLine = regexp.MustCompile(`(?m)^(\s+location_id:\s*)"[A-Za-z0-9]{20}"`)

// pointClientsAt rewrites the location_id of the first clients of a clients.yaml, in file
// order, to the given locations (one each), and returns how many clients the file has.
func pointClientsAt(t *testing.T, file string, locations []emulator.BootstrapLocation) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	out := locationIDLine.ReplaceAllStringFunc(string(b), func(line string) string {
		n++
		if n > len(locations) {
			return line
		}
		m := locationIDLine.FindStringSubmatch(line)
		return fmt.Sprintf("%s%q", m[1], locations[n-1].ID)
	})
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	return n
}

// locationClient is an API client for one of the emulator's seeded locations (its PIT).
func locationClient(t *testing.T, env *acctest.Env, loc emulator.BootstrapLocation) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: env.BaseURL, Token: loc.Token, LocationID: loc.ID})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// routeSummary renders request counters, biggest first.
func routeSummary(counts map[string]int) string {
	type rc struct {
		route string
		n     int
	}
	var all []rc
	for r, n := range counts {
		all = append(all, rc{r, n})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n || all[i].n == all[j].n && all[i].route < all[j].route })
	var b strings.Builder
	for _, x := range all {
		fmt.Fprintf(&b, "\n    %5d  %s", x.n, x.route)
	}
	return b.String()
}

func sum(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// agencyAppliedClients is how many clients of clients.yaml TestAccExamples_agency applies: the
// module's code paths are the same for every client, and the first three cover them (a phone
// line, staff, a website, a client FAQ file, a second location).
const agencyAppliedClients = 3

// TestAccExamples_agency plans examples/agency's shipped clients.yaml (50 clients) without
// applying it, then applies its first clients (clients_file, in the test's copy) through the
// agency-client module, as the agency with its OAuth app (one provider, a location per client)
// — against an emulator with the API's rate limits, then requires an empty plan. Adding a
// client must plan exactly that client's resources. It logs the wall time and the API calls
// of the apply and of the refresh.
func TestAccExamples_agency(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 51})
	env.Control(t, http.MethodPut, "/_emulator/crawler", map[string]int{"step_delay_ms": 20}, nil)
	w := newWorkspace(t, env, append(agencyOAuthEnv(t, env), "TF_VAR_staff_password="+staffPassword)...)
	root := w.copyTree("agency", "modules/agency-client", "ci")
	dir := filepath.Join(root, "agency")
	if n := pointClientsAt(t, filepath.Join(dir, "clients.yaml"), env.Bootstrap.Locations[:50]); n != 50 {
		t.Fatalf("clients.yaml has %d clients, want 50", n)
	}
	w.run(dir, 0, "init", "-input=false", "-no-color")

	// The shipped clients.yaml passes every validation rule (the root's and the module's) and
	// plans every client: a plan without refresh on the empty state reads nothing.
	out := w.run(dir, 2, "plan", "-detailed-exitcode", "-refresh=false", "-input=false", "-no-color")
	planned := map[string]bool{}
	for _, m := range regexp.MustCompile(`# module\.client\["([a-z0-9-]+)"\]\.\S+ will be created`).FindAllStringSubmatch(out, -1) {
		planned[m[1]] = true
	}
	if len(planned) != 50 {
		t.Fatalf("the plan of the shipped clients.yaml creates the objects of %d clients, want 50:\n%s", len(planned), out)
	}

	// The first clients of the file, in a clients file of the test's copy.
	var blocks []string
	for _, block := range strings.Split(readFile(t, filepath.Join(dir, "clients.yaml")), "\n\n") {
		if locationIDLine.MatchString(block) && len(blocks) < agencyAppliedClients {
			blocks = append(blocks, strings.TrimSpace(block))
		}
	}
	clientsFile := filepath.Join(dir, "clients-applied.yaml")
	if err := os.WriteFile(clientsFile, []byte(strings.Join(blocks, "\n\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "TF_VAR_clients_file=clients-applied.yaml")

	env.ResetCounters(t)
	start := time.Now()
	out = w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	applyTime := time.Since(start)
	applyCalls := env.Counters(t)
	m := regexp.MustCompile(`Apply complete! Resources: (\d+) added, 0 changed, 0 destroyed`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("apply summary not found:\n%s", out)
	}

	env.ResetCounters(t)
	start = time.Now()
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	planTime := time.Since(start)
	planCalls := env.Counters(t)
	t.Logf("%d clients, %s resources: apply %s, %d API calls:%s", agencyAppliedClients, m[1], applyTime.Round(100*time.Millisecond), sum(applyCalls), routeSummary(applyCalls))
	t.Logf("empty re-plan (refresh of every resource): %s, %d API calls:%s", planTime.Round(100*time.Millisecond), sum(planCalls), routeSummary(planCalls))

	outs := w.outputs(dir)
	if n, _ := outs["client_count"].(float64); n != agencyAppliedClients {
		t.Fatalf("client_count = %v, want %d", outs["client_count"], agencyAppliedClients)
	}
	clients, _ := outs["clients"].(map[string]any)
	bright, _ := clients["bright-smile-dental"].(map[string]any)
	if bright["agent_id"] == "" || bright["website_pages_trained"] != float64(5) {
		t.Fatalf("bright-smile-dental's outputs are incomplete: %v", bright)
	}
	// The client's staff user, with the scopes of their AI roles.
	if users, _ := bright["user_ids"].(map[string]any); len(users) != 1 || users["maria"] == nil {
		t.Fatalf("bright-smile-dental's staff users are %v, want maria", bright["user_ids"])
	}
	maria, err := locationClient(t, env, env.Bootstrap.Locations[0]).GetUser(context.Background(), env.Bootstrap.Locations[0].ID,
		bright["user_ids"].(map[string]any)["maria"].(string))
	if err != nil || !slices.Contains(maria.Scopes, "text-ai-agents.write") || !slices.Contains(maria.Scopes, "text-ai-agent-training.write") {
		t.Fatalf("maria's scopes are %v (err %v), want the text-agents and knowledge roles", maria.Scopes, err)
	}
	// The agent answers from its knowledge base, which holds the client's own FAQs.
	c := locationClient(t, env, env.Bootstrap.Locations[0])
	agent, err := c.GetAgent(context.Background(), env.Bootstrap.Locations[0].ID, bright["agent_id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if len(agent.KnowledgeBaseIDs) != 1 || agent.KnowledgeBaseIDs[0] != bright["knowledge_base_id"] {
		t.Fatalf("the agent's knowledge bases are %v, want [%v]", agent.KnowledgeBaseIDs, bright["knowledge_base_id"])
	}

	// Onboarding: one more entry in clients.yaml plans that client's objects and nothing else.
	f, err := os.OpenFile(clientsFile, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, `
new:
  name: New Client Dental
  location_id: %q
  vertical: dental
  calendar_id: "NewCalendar000000001"
  website: https://www.newclientdental.example/services
  staff:
    sam:
      first_name: Sam
      last_name: New
      email: sam@newclientdental.example
      ai_roles: [call-logs]
`, env.Bootstrap.Locations[50].ID)
	f.Close()
	w.run(dir, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=onboard.tfplan")
	changes := w.plannedChanges(dir, "onboard.tfplan")
	want := []string{
		`highlevel_agent.this`, `highlevel_agent_action.booking[0]`, `highlevel_agent_action.handover`,
		`highlevel_knowledge_base.this`, `highlevel_knowledge_base_faq.this["emergencies"]`,
		`highlevel_knowledge_base_faq.this["hours"]`, `highlevel_knowledge_base_faq.this["insurance"]`,
		`highlevel_knowledge_base_website.this[0]`, `highlevel_user.this["sam"]`,
	}
	for addr, actions := range changes {
		if !strings.HasPrefix(addr, `module.client["new"].`) || actions != "create" {
			t.Errorf("adding a client plans %s %s, outside module.client[\"new\"] or not a create", actions, addr)
		}
	}
	for _, r := range want {
		if changes[`module.client["new"].`+r] != "create" {
			t.Errorf("adding a client does not create module.client[\"new\"].%s", r)
		}
	}
	if len(changes) != len(want) || t.Failed() {
		t.Fatalf("adding a client plans %d changes, want %d: %v", len(changes), len(want), changes)
	}
	w.run(dir, 0, "apply", "-input=false", "-no-color", "onboard.tfplan")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// Someone deletes an FAQ of Harbor View Dentistry in the UI: the drift check of examples/ci,
	// run on the one-state agency, names the client's FAQ by its module address.
	harbor, _ := clients["harbor-view-dentistry"].(map[string]any)
	loc := env.Bootstrap.Locations[1]
	faqs, err := locationClient(t, env, loc).ListFAQs(context.Background(), loc.ID, harbor["knowledge_base_id"].(string))
	if err != nil || len(faqs) != 3 {
		t.Fatalf("harbor-view-dentistry's FAQs: %v, %v", faqs, err)
	}
	var hours string
	for _, f := range faqs {
		if f.Question == "What are your opening hours?" {
			hours = f.ID
		}
	}
	if err := locationClient(t, env, loc).DeleteFAQ(context.Background(), loc.ID, hours); err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "DRIFT_OUT_DIR="+t.TempDir())
	out = w.script(dir, 2, filepath.Join(root, "ci", "drift-check.sh"), ".")
	t.Logf("drift-check.sh on the agency after an FAQ was deleted in the UI:\n%s", out)
	if !regexp.MustCompile(`module\.client\["harbor-view-dentistry"\]\.highlevel_knowledge_base_faq\.this\["hours"\] +create +-\n +deleted outside Terraform`).MatchString(out) {
		t.Fatalf("the drift check does not report the deleted FAQ:\n%s", out)
	}

	w.run(dir, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	for _, loc := range env.Bootstrap.Locations {
		c := locationClient(t, env, loc)
		agents, err := c.ListAgents(context.Background(), loc.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		kbs, err := c.ListKnowledgeBases(context.Background(), loc.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		users, err := c.ListUsers(context.Background(), loc.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(agents)+len(kbs)+len(users) != 0 {
			t.Fatalf("location %s keeps %d agents, %d knowledge bases and %d users after destroy", loc.ID, len(agents), len(kbs), len(users))
		}
	}
}

// TestAccExamples_agencyClientValidation calls the agency-client module with bad inputs: the
// plan must fail with each validation rule's message.
func TestAccExamples_agencyClientValidation(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	w := newWorkspace(t, env)
	root := w.copyTree("modules/agency-client")
	dir := filepath.Join(root, "bad")
	// One module call per bad input (OpenTofu reports only the first failed rule of a variable).
	files := map[string]string{
		"main.tf": `locals {
  agent = { personality = "Kind.", goal = "Help.", instructions = "None." }
}

module "location" {
  source = "../modules/agency-client"
  location_id = "not-a-location"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
}

module "name" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = " Padded "
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
}

module "mode" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = merge(local.agent, { mode = "autopilot" })
  faqs_file = "${path.root}/good.yaml"
}

module "channels" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = merge(local.agent, { channels = ["SMS", "Telegram"] })
  faqs_file = "${path.root}/good.yaml"
}

module "goal" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = merge(local.agent, { goal = " " })
  faqs_file = "${path.root}/good.yaml"
}

module "wait" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = merge(local.agent, { wait_time = 600 })
  faqs_file = "${path.root}/good.yaml"
}

module "faqs_missing" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/nowhere.yaml"
}

module "faqs_csv" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/faqs.csv"
}

module "faqs_yaml" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/faqs.yaml"
}

module "url" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  website = { url = "www.example.com" }
}

module "option" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  website = { url = "https://www.example.com/", option = "Everything" }
}

module "booking" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  booking = { calendar_id = "" }
}

module "app_name" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  external_app = { name = "A name that is much too long for a scope", permissions = ["conversations.readonly"] }
}

module "app_permissions" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  external_app = { name = "Zapier", permissions = ["contacts.write"] }
}

module "app_expiry" {
  source = "../modules/agency-client"
  location_id = "ve9EPM428h8vShlRW1KT"
  client_name = "Valid Client"
  agent = local.agent
  faqs_file = "${path.root}/good.yaml"
  external_app = { name = "Zapier", permissions = ["conversations.readonly"], expires_at = "next year" }
}
`,
		"good.yaml": "hours:\n  question: When?\n  answer: 9 to 5\n",
		"faqs.yaml": "Hours:\n  question: When?\n  answer: \"\"\n",
		"faqs.csv":  "key,question,answer\nhours,When?,9 to 5\nhours,Again?,Yes\n",
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w.run(dir, 0, "init", "-input=false", "-no-color")
	out := w.run(dir, 1, "plan", "-input=false", "-no-color")
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ").Replace(out)), " ")
	for _, msg := range []string{
		"location_id must be a HighLevel location ID: 20 letters and digits",
		"client_name must be 1 to 60 characters without leading or trailing spaces",
		"agent.mode must be one of \"off\", \"suggestive\", \"auto-pilot\"",
		"agent.channels may only hold IG, FB, SMS, WebChat, WhatsApp and Live_Chat",
		"agent.name, agent.personality, agent.goal and agent.instructions must not be blank",
		"agent.wait_time is in seconds: a whole number from 0 to 300",
		"faqs_file does not exist",
		"The CSV faqs_file must have the header key,question,answer and at least one row; each key must be unique",
		"The YAML faqs_file must map each FAQ's key",
		"website.url must be an absolute http:// or https:// URL",
		"website.option must be \"Exact\", \"Path\" or \"Domain\"",
		"booking.calendar_id must be a HighLevel calendar ID",
		"external_app.name must be 1 to 35 characters",
		"external_app.permissions must hold at least one of",
		"external_app.expires_at must be an RFC 3339 timestamp",
	} {
		if !strings.Contains(flat, msg) {
			t.Errorf("the plan does not say %q", msg)
		}
	}
	if t.Failed() {
		t.Logf("plan output:\n%s", out)
	}
}
