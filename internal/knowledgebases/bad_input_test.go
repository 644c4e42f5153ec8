// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccKnowledgeBaseFamily_badInput checks that every rule the contract gives for the
// family is enforced at plan time, with a message that says what is allowed, without a
// single API call. There are no length limits to test: the contract states none.
func TestAccKnowledgeBaseFamily_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})

	big := filepath.Join(t.TempDir(), "manual.pdf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(client.KnowledgeBaseFileMaxBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	exactly10MB := filepath.Join(t.TempDir(), "ok.pdf")
	if err := os.WriteFile(exactly10MB, append([]byte("%PDF-1.4\n"), make([]byte, client.KnowledgeBaseFileMaxBytes-9)...), 0o600); err != nil {
		t.Fatal(err)
	}

	// Each case is a resource of its own (labelled %[1]s), so that all of them fit in one
	// configuration judged by one plan; each resource's errors are matched against its own
	// message (acctest.ExpectBadBlocks).
	kb := func(name string) string {
		return fmt.Sprintf(`
resource "highlevel_knowledge_base" "%%[1]s" {
  name = %q
}
`, name)
	}
	faq := func(question, answer string) string {
		return fmt.Sprintf(`
resource "highlevel_knowledge_base_faq" "%%[1]s" {
  knowledge_base_id = "tDtDnQdgm2LXpyiqYvZ6"
  question          = %q
  answer            = %q
}
`, question, answer)
	}
	site := func(url, option, extra string) string {
		return fmt.Sprintf(`
resource "highlevel_knowledge_base_website" "%%[1]s" {
  knowledge_base_id = "tDtDnQdgm2LXpyiqYvZ6"
  url               = %q
  option            = %q
%s
}
`, url, option, extra)
	}
	file := func(path string) string {
		return fmt.Sprintf(`
resource "highlevel_knowledge_base_file" "%%[1]s" {
  knowledge_base_id = "tDtDnQdgm2LXpyiqYvZ6"
  path              = %q
}
`, path)
	}
	allowedURL := `must be an absolute http:// or https:// URL with a host, such as "https://example.com/pricing"`
	allowedFile := `a knowledge base takes a PDF \(.pdf\), DOC \(.doc\) or DOCX \(.docx\) file of at most 10 MB`
	cases := []struct {
		name, config, want string
	}{
		{"blank knowledge base name", kb("  "), `name must not be empty or only whitespace`},
		{"blank question", faq(" ", "a"), `question must not be empty or only whitespace`},
		{"empty answer", faq("q", ""), `answer must not be empty or only whitespace`},
		{"knowledge base id with a slash", `
resource "highlevel_knowledge_base_faq" "%[1]s" {
  knowledge_base_id = "kb/1"
  question          = "q"
  answer            = "a"
}
`, `"kb/1" is not a HighLevel id: an id is 1–64 letters, digits`},
		{"relative URL", site("/pricing", "Exact", ""), allowedURL + `; got the path "/pricing" alone`},
		{"URL without scheme", site("example.com", "Exact", ""), `got "example.com", which lacks the scheme \(write "https://example.com"\)`},
		{"non-http URL", site("ftp://example.com/files", "Exact", ""), allowedURL + `; got the scheme "ftp"`},
		{"unknown crawl option", site("https://example.com", "Site", ""), `value must be one of: \["Exact" "Path" "Domain"\], got: "Site"`},
		{"relative pre-selected URL", site("https://example.com", "Domain", `  pre_selected_urls = ["https://example.com/a", "b"]`), `got "b", which is not a web address`},
		{"empty pre-selected list", site("https://example.com", "Domain", `  pre_selected_urls = []`), `set must contain at least 1 elements`},
		{"bad timeout", site("https://example.com", "Exact", `  timeouts {
    create = "soon"
  }`), `"soon" must be a string containing a sequence of decimal numbers`},
		{"file over 10 MB", file(big), `is 10.0 MB \(10485761 bytes\), larger than the API's limit: ` + allowedFile},
		{"text file", file(writeTestFile(t, "notes.txt", []byte("hello"))), `extension ".txt"\): ` + allowedFile},
		{"image named .pdf", file(writeTestFile(t, "scan.pdf", []byte("\x89PNG\r\n"))), `is named like a PDF file but its content is not one: ` + allowedFile},
		{"missing file", file(filepath.Join(t.TempDir(), "gone.pdf")), `cannot open "[^"]*gone.pdf"`},
		{"empty path", file(""), `path must not be empty or only whitespace`},
	}
	var config strings.Builder
	want := map[string]string{}
	resourceType := regexp.MustCompile(`resource "([^"]+)"`)
	for i, tc := range cases {
		label := fmt.Sprintf("bad_%02d", i)
		fmt.Fprintf(&config, "\n# %s", tc.name)
		fmt.Fprintf(&config, tc.config, label)
		want[fmt.Sprintf("resource %q %q", resourceType.FindStringSubmatch(tc.config)[1], label)] = tc.want
	}
	errorCheck, rejected := acctest.ExpectBadBlocks(t, want)
	steps := []resource.TestStep{{Config: env.Config(config.String()), PlanOnly: true}}
	// A file of exactly 10 MB is fine (plan only: nothing is created).
	steps = append(steps, resource.TestStep{Config: env.Config(fmt.Sprintf(file(exactly10MB), "ok")), PlanOnly: true, ExpectNonEmptyPlan: true})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, ErrorCheck: errorCheck, Steps: steps})
	rejected()
	// Only the last, valid step may call the API: once per plan, to check the token's location.
	if n, checks := env.RequestsBesidesLocationChecks(t); n != 0 || checks > 2 {
		t.Fatalf("bad input made %d API calls and %d location checks, want 0 and at most 2 (the two plans of the valid step): %v", n, checks, env.Counters(t))
	}
}
