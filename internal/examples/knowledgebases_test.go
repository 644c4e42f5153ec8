// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// exampleFiles returns the non-.tf files of an example folder (data the configuration reads,
// such as faqs.yaml), for copyExample's extra files.
func exampleFiles(t *testing.T, rel string, names ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(repoRoot(), "examples", rel, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = string(b)
	}
	return out
}

// importCommands runs the `terraform import` lines of an import.sh in dir, with the
// placeholders replaced (each import is then forgotten by the state again).
func (w *workspace) importCommands(dir, script string, placeholders map[string]string) {
	w.t.Helper()
	var pairs []string
	for k, v := range placeholders {
		pairs = append(pairs, k, v)
	}
	repl := strings.NewReplacer(pairs...)
	before := w.snapshotState(dir)
	imports := 0
	for _, line := range strings.Split(script, "\n") {
		if !strings.HasPrefix(line, "terraform import ") {
			continue
		}
		args := strings.Fields(line)[2:]
		args[len(args)-1] = repl.Replace(args[len(args)-1])
		if strings.Contains(args[len(args)-1], "<") {
			w.t.Fatalf("import.sh line %q has a placeholder the test does not know", line)
		}
		w.run(dir, 0, append([]string{"import", "-input=false", "-no-color"}, args...)...)
		w.restoreState(dir, before)
		imports++
	}
	if imports == 0 {
		w.t.Fatal("import.sh has no terraform import line")
	}
}

// TestAccExamples_knowledgeBase applies the highlevel_knowledge_base example (a knowledge base
// linked to an agent), reads it back with both knowledge-base data-source examples, and runs
// both import examples.
func TestAccExamples_knowledgeBase(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))
	res := w.copyExample("resources/highlevel_knowledge_base", nil)
	w.applyAndExpectEmptyPlan(res)
	kbID := w.stateID(res, "highlevel_knowledge_base.support")
	agentID := w.stateID(res, "highlevel_agent.front_desk")
	if kbs, _ := w.stateValues(res, "highlevel_agent.front_desk")["knowledge_base_ids"].([]any); len(kbs) != 1 || kbs[0] != kbID {
		t.Fatalf("agent's knowledge_base_ids = %v, want [%s]", kbs, kbID)
	}

	one := w.copyExample("data-sources/highlevel_knowledge_base", nil)
	w.run(one, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if out := w.outputs(one); out["support_knowledge_base_id"] != kbID || out["support_faq_count"] != float64(0) {
		t.Fatalf("data source outputs %v, want id %s and 0 FAQs", out, kbID)
	}
	all := w.copyExample("data-sources/highlevel_knowledge_bases", nil)
	w.run(all, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if names, _ := w.outputs(all)["knowledge_base_names"].([]any); len(names) != 1 || names[0] != "Support" {
		t.Fatalf("knowledge_base_names = %v, want [Support]", names)
	}

	// import.sh into a fresh state (with the agent, which the example also holds): the plan is empty.
	imported := w.copyExample("resources/highlevel_knowledge_base", nil)
	w.run(imported, 0, "import", "-input=false", "-no-color", "highlevel_agent.front_desk", agentID)
	withAgent := w.snapshotState(imported)
	for _, line := range strings.Split(readExample(t, "resources/highlevel_knowledge_base/import.sh"), "\n") {
		if !strings.HasPrefix(line, "terraform import ") {
			continue
		}
		args := strings.Fields(line)[2:]
		args[1] = strings.NewReplacer("<location_id>", w.location, "<knowledge_base_id>", kbID).Replace(args[1])
		w.run(imported, 0, "import", "-input=false", "-no-color", args[0], args[1])
		w.run(imported, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		w.restoreState(imported, withAgent) // forget the knowledge base for the next line
	}

	// import-by-string-id.tf with the real IDs: the plan imports and changes nothing.
	block := strings.NewReplacer("ve9EPM428h8vShlRW1KT", w.location, "kb7Qx2LmN4pRs8TuVw0Y", kbID).
		Replace(readExample(t, "resources/highlevel_knowledge_base/import-by-string-id.tf"))
	byBlock := w.copyExample("resources/highlevel_knowledge_base", map[string]string{
		"import-by-string-id.tf": block,
		"import-agent.tf":        fmt.Sprintf("import {\n  to = highlevel_agent.front_desk\n  id = %q\n}\n", agentID),
	})
	if plan := w.run(byBlock, 0, "plan", "-input=false", "-no-color"); !strings.Contains(plan, "2 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("import block plan is not a pure import:\n%s", plan)
	}

	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_knowledgeBaseFAQ applies the FAQ example, whose FAQs come from a YAML and
// a CSV file with for_each, lists them with the FAQs data-source example, edits one answer
// in the YAML file (an in-place update), and runs the import examples.
func TestAccExamples_knowledgeBaseFAQ(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))
	data := exampleFiles(t, "resources/highlevel_knowledge_base_faq", "faqs.yaml", "faqs.csv")
	res := w.copyExample("resources/highlevel_knowledge_base_faq", data)
	w.applyAndExpectEmptyPlan(res)
	kbID := w.stateID(res, "highlevel_knowledge_base.clinic")
	parkingID := w.stateID(res, "highlevel_knowledge_base_faq.parking")
	if q := w.stateValues(res, `highlevel_knowledge_base_faq.from_yaml["insurance"]`)["question"]; q != "Which insurance plans do you accept?" {
		t.Fatalf("YAML FAQ question = %v", q)
	}
	if q := w.stateValues(res, `highlevel_knowledge_base_faq.from_csv["emergencies"]`)["question"]; q != "What if I have a dental emergency?" {
		t.Fatalf("CSV FAQ question = %v", q)
	}

	faqs := w.copyExample("data-sources/highlevel_knowledge_base_faqs", nil)
	w.run(faqs, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	if qs, _ := w.outputs(faqs)["clinic_questions"].([]any); len(qs) != 6 {
		t.Fatalf("clinic_questions = %v, want the 6 FAQs (1 + 3 from YAML + 2 from CSV)", qs)
	}

	// Editing an answer in the YAML file updates that FAQ in place.
	yaml := strings.Replace(data["faqs.yaml"], "Yes, on weekdays until 4 pm.", "Yes, on weekdays until 5 pm.", 1)
	if err := os.WriteFile(filepath.Join(res, "faqs.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	if plan := w.run(res, 2, "plan", "-detailed-exitcode", "-input=false", "-no-color"); !strings.Contains(plan, "0 to add, 1 to change, 0 to destroy") ||
		!strings.Contains(plan, `highlevel_knowledge_base_faq.from_yaml["walk-ins"] will be updated in-place`) {
		t.Fatalf("editing the YAML answer does not plan one in-place update:\n%s", plan)
	}
	w.applyAndExpectEmptyPlan(res)

	// import.sh and import-by-string-id.tf, for the FAQ written inline.
	imported := w.copyExample("resources/highlevel_knowledge_base_faq", data)
	w.importCommands(imported, readExample(t, "resources/highlevel_knowledge_base_faq/import.sh"),
		map[string]string{"<location_id>": w.location, "<knowledge_base_id>": kbID, "<faq_id>": parkingID})
	block := strings.NewReplacer("kb7Qx2LmN4pRs8TuVw0Y", kbID, "fq3Hd9KsL2mNp5QrT7vX", parkingID).
		Replace(readExample(t, "resources/highlevel_knowledge_base_faq/import-by-string-id.tf"))
	byBlock := w.copyExample("resources/highlevel_knowledge_base_faq", map[string]string{
		"faqs.yaml": data["faqs.yaml"], "faqs.csv": data["faqs.csv"], "import-by-string-id.tf": block,
	})
	if plan := w.run(byBlock, 0, "plan", "-input=false", "-no-color"); !strings.Contains(plan, "highlevel_knowledge_base_faq.parking: Preparing import") &&
		!strings.Contains(plan, "1 to import") {
		t.Fatalf("import block plan does not import the FAQ:\n%s", plan)
	}

	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_knowledgeBaseWebsite applies the website example (the emulator's crawl takes
// a few seconds) and imports a source with its import example.
func TestAccExamples_knowledgeBaseWebsite(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))
	res := w.copyExample("resources/highlevel_knowledge_base_website", nil)
	w.applyAndExpectEmptyPlan(res)
	services := w.stateValues(res, "highlevel_knowledge_base_website.services")
	policies := w.stateValues(res, "highlevel_knowledge_base_website.policies")
	if services["status"] != "Successful" || services["pages_trained"] != float64(5) || policies["pages_trained"] != float64(2) {
		t.Fatalf("services %v, policies %v: want 5 and 2 trained pages", services, policies)
	}
	kbID := w.stateID(res, "highlevel_knowledge_base.website")

	imported := w.copyExample("resources/highlevel_knowledge_base_website", nil)
	w.importCommands(imported, readExample(t, "resources/highlevel_knowledge_base_website/import.sh"),
		map[string]string{"<location_id>": w.location, "<knowledge_base_id>": kbID, "<operation_id>": fmt.Sprint(services["operation_id"])})

	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}

// TestAccExamples_knowledgeBaseFile uploads the example's PDF and waits until it is processed.
func TestAccExamples_knowledgeBaseFile(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, acctest.Shared(t))
	res := w.copyExample("resources/highlevel_knowledge_base_file", exampleFiles(t, "resources/highlevel_knowledge_base_file", "price-list.pdf"))
	w.applyAndExpectEmptyPlan(res)
	if v := w.stateValues(res, "highlevel_knowledge_base_file.price_list"); v["status"] != "PROCESSED" || v["name"] != "price-list.pdf" {
		t.Fatalf("file state %v", v)
	}
	kbID := w.stateID(res, "highlevel_knowledge_base.documents")
	fileID := w.stateID(res, "highlevel_knowledge_base_file.price_list")
	imported := w.copyExample("resources/highlevel_knowledge_base_file", exampleFiles(t, "resources/highlevel_knowledge_base_file", "price-list.pdf"))
	w.importCommands(imported, readExample(t, "resources/highlevel_knowledge_base_file/import.sh"),
		map[string]string{"<knowledge_base_id>": kbID, "<file_id>": fileID})
	w.run(res, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
}
