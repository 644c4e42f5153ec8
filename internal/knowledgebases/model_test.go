// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func TestDescriptionValueKeepsPriorWhenNotEchoed(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		name  string
		api   *string
		prior types.String
		want  types.String
	}{
		{"real API, value written", nil, types.StringValue("written"), types.StringValue("written")},
		{"real API, never set", nil, types.StringNull(), types.StringNull()},
		{"real API, unknown prior (import)", nil, types.StringUnknown(), types.StringNull()},
		{"emulator echoes", s("remote"), types.StringValue("written"), types.StringValue("remote")},
		{"cleared", s(""), types.StringNull(), types.StringNull()},
		{"user wrote empty", s(""), types.StringValue(""), types.StringValue("")},
	}
	for _, tc := range cases {
		if got := descriptionValue(tc.api, tc.prior); !got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestKnowledgeBaseFromAPI(t *testing.T) {
	d := "about pricing"
	m := knowledgeBaseFromAPI(&client.KnowledgeBase{ID: "kb1", Name: "Pricing", Description: &d}, "loc1", knowledgeBaseModel{})
	if m.ID.ValueString() != "kb1" || m.LocationID.ValueString() != "loc1" || m.Name.ValueString() != "Pricing" || m.Description.ValueString() != d {
		t.Fatalf("%+v", m)
	}
}

func TestCreateErrorNamesTheLimit(t *testing.T) {
	limit := &client.APIError{StatusCode: http.StatusBadRequest, Messages: []string{"Maximum of 15 knowledge bases per location reached"}, Method: "POST", Path: "/knowledge-bases/"}
	msg := createError(limit, "loc1", 15)
	for _, want := range []string{"Location loc1 already has 15 knowledge bases: the API allows at most 15 per location", "Delete a knowledge base"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if msg := createError(limit, "loc1", 3); !strings.Contains(msg, "the limit of 15 per location") || strings.Contains(msg, "already has") {
		t.Errorf("a 400 below the limit: %q", msg)
	}
	if other := createError(errors.New("boom"), "loc1", -1); other != "boom" {
		t.Errorf("other errors are passed through, got %q", other)
	}
}

func TestFAQFromAPI(t *testing.T) {
	m := faqFromAPI(&client.FAQ{ID: "f1", Question: "Q?", Answer: "A."}, "loc1", "kb1")
	if m.KnowledgeBaseID.ValueString() != "kb1" || m.Question.ValueString() != "Q?" || m.Answer.ValueString() != "A." {
		t.Fatalf("%+v", m)
	}
}

func TestNotFoundIsGone(t *testing.T) {
	err := notFound("GET", "/knowledge-bases/faqs", "FAQ x is not in knowledge base y")
	if !client.IsNotFound(err) || client.IsRouteNotFound(err) {
		t.Fatalf("notFound must be an object 404: %v", err)
	}
}

func set(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func TestCrawlNeeded(t *testing.T) {
	base := websiteModel{PreSelectedURLs: types.SetNull(types.StringType), PagesTrained: types.Int64Value(2), PageIDs: set("a", "b")}
	if crawlNeeded(base, base) {
		t.Error("nothing changed, but a crawl is planned")
	}
	missing := base
	missing.PagesTrained = types.Int64Value(1)
	if !crawlNeeded(base, missing) {
		t.Error("a page was removed outside Terraform, but no crawl is planned")
	}
	pre := base
	pre.PreSelectedURLs = set("https://example.com/a")
	if !crawlNeeded(pre, base) {
		t.Error("pre_selected_urls changed, but no crawl is planned")
	}
	imported := websiteModel{PreSelectedURLs: types.SetNull(types.StringType), PagesTrained: types.Int64Null(), PageIDs: types.SetNull(types.StringType)}
	if crawlNeeded(base, imported) {
		t.Error("unknown counts plan a crawl")
	}
}

func TestPageCounts(t *testing.T) {
	pages := []client.CrawledURL{{ID: "a", Status: "Successful"}, {ID: "b", Status: "Pending"}, {ID: "c", Status: "Successful"}}
	if p, tr := pageCounts(pages, []string{"a", "b", "gone"}); p != 2 || tr != 1 {
		t.Fatalf("present %d trained %d, want 2 1", p, tr)
	}
}

func TestSetOutcomeSortsPageIDs(t *testing.T) {
	var m websiteModel
	m.setOutcome(crawlOutcome{OperationID: "op", Status: "Successful", Discovered: 5}, []string{"c", "a", "b"}, []string{"a"})
	if m.PagesTrained.ValueInt64() != 1 || m.PagesDiscovered.ValueInt64() != 5 || !m.PageIDs.Equal(set("a", "b", "c")) {
		t.Fatalf("%+v", m)
	}
}

// writeFile writes a test file and returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInspectFile(t *testing.T) {
	pdf := writeFile(t, "price list.pdf", []byte("%PDF-1.4\nprices\n%%EOF\n"))
	f, err := inspectFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "price list.pdf" || f.Size != 22 || len(f.SHA256) != 64 {
		t.Fatalf("%+v", f)
	}
	for _, ok := range []string{
		writeFile(t, "old.DOC", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "rest"...)),
		writeFile(t, "new.docx", []byte("PK\x03\x04rest")),
		writeFile(t, "junk-before.pdf", append(make([]byte, 100), "%PDF-1.7"...)),
	} {
		if _, err := inspectFile(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}

	big := filepath.Join(t.TempDir(), "big.pdf")
	fh, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(client.KnowledgeBaseFileMaxBytes + 1); err != nil {
		t.Fatal(err)
	}
	fh.Close()

	cases := map[string]string{
		writeFile(t, "notes.txt", []byte("hello")):         `not an accepted file type (extension ".txt")`,
		writeFile(t, "noext", []byte("%PDF-1.4")):          `not an accepted file type (extension "")`,
		writeFile(t, "fake.pdf", []byte("hello")):          "named like a PDF file but its content is not one",
		writeFile(t, "fake.docx", []byte("hello")):         "named like a Word (Office Open XML, ZIP) document",
		writeFile(t, "empty.pdf", nil):                     "is empty",
		big:                                                "10.0 MB (10485761 bytes), larger than the API's limit",
		filepath.Join(t.TempDir(), "missing.pdf"):          "cannot open",
		t.TempDir() + string(filepath.Separator) + "d.pdf": "cannot open",
		"": "the path is empty",
	}
	dir := filepath.Join(t.TempDir(), "folder.pdf")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cases[dir] = "not a regular file"
	for p, want := range cases {
		_, err := inspectFile(p)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want it to contain %q", p, err, want)
			continue
		}
		if p != "" && !strings.Contains(err.Error(), fileTypesAllowed) && !strings.Contains(err.Error(), "cannot open") {
			t.Errorf("%s: %q does not say what is allowed", p, err)
		}
	}
}

func TestReplaceReasons(t *testing.T) {
	f := localFile{Name: "a.pdf", Size: 10, SHA256: "new"}
	if why := replaceReasons(f, fileModel{ContentSHA256: types.StringValue("old"), Size: types.Int64Value(10)}); why == "" {
		t.Error("changed content must replace")
	}
	if why := replaceReasons(f, fileModel{ContentSHA256: types.StringValue("new"), Size: types.Int64Value(99)}); why != "" {
		t.Errorf("same content replaces: %s", why)
	}
	// Imported: no hash, matched by size.
	if why := replaceReasons(f, fileModel{ContentSHA256: types.StringNull(), Size: types.Int64Value(10)}); why != "" {
		t.Errorf("imported file of the same size replaces: %s", why)
	}
	if why := replaceReasons(f, fileModel{ContentSHA256: types.StringNull(), Size: types.Int64Value(11)}); !strings.Contains(why, "10 bytes") {
		t.Errorf("imported file of another size: %q", why)
	}
}

// TestSchemasAreValidAndDescribed builds every schema of the family, checks it with the
// framework's own validation, and requires a description on every attribute.
func TestSchemasAreValidAndDescribed(t *testing.T) {
	ctx := context.Background()
	for _, newResource := range Resources() {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		if d := resp.Schema.ValidateImplementation(ctx); d.HasError() {
			t.Errorf("%s: %v", meta.TypeName, d)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		for name, a := range resp.Schema.Attributes {
			checkResourceAttribute(t, meta.TypeName+"."+name, a)
		}
	}
	for _, newDataSource := range DataSources() {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("data source %s has no description", meta.TypeName)
		}
		for name, a := range resp.Schema.Attributes {
			checkDataSourceAttribute(t, meta.TypeName+"."+name, a)
		}
	}
}

func checkResourceAttribute(t *testing.T, name string, a rschema.Attribute) {
	if a.GetMarkdownDescription() == "" {
		t.Errorf("%s has no MarkdownDescription", name)
	}
	if n, ok := a.(rschema.SingleNestedAttribute); ok {
		for k, sub := range n.Attributes {
			checkResourceAttribute(t, name+"."+k, sub)
		}
	}
}

func checkDataSourceAttribute(t *testing.T, name string, a dschema.Attribute) {
	if a.GetMarkdownDescription() == "" {
		t.Errorf("%s has no MarkdownDescription", name)
	}
	switch n := a.(type) {
	case dschema.SingleNestedAttribute:
		for k, sub := range n.Attributes {
			checkDataSourceAttribute(t, name+"."+k, sub)
		}
	case dschema.ListNestedAttribute:
		for k, sub := range n.NestedObject.Attributes {
			checkDataSourceAttribute(t, name+"."+k, sub)
		}
	}
}

func TestWithout(t *testing.T) {
	if got := without([]string{"a", "b", "c"}, []string{"b", "x"}); len(got) != 2 || got[0] != "a" || got[1] != "c" {
		t.Fatal(got)
	}
	if got := without(nil, []string{"a"}); len(got) != 0 {
		t.Fatal(got)
	}
}
