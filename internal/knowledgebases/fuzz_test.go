// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

// Fuzz targets of the knowledge-base family's mappers. Each gets the bytes of an API answer,
// decodes them as the client does (the mapper directly, or the resource's or data source's
// Read against a fake API that answers with the bytes) and checks properties that hold for any
// answer: no panic; a read fails only on the client's error, never on writing the state (no
// duplicate set elements, the schema's types); every value is known (DESIGN.md rule 6); null
// is kept apart from "" (rule 3); and what the provider sends back maps to the same state
// (rules 1 and 5). Seeds: testdata/fuzz/<Target>/ (answers of the contract §3.5 and of the
// emulator).

const fuzzKnowledgeBase = "fuzzKnowledgeBase001"

// FuzzKnowledgeBaseFromAPI: GET /knowledge-bases/{id} → knowledgeBaseFromAPI → state, the round
// trip Update → GET (with and without the description, which the real API leaves out), and
// the same answer → the highlevel_knowledge_base data source.
func FuzzKnowledgeBaseFromAPI(f *testing.F) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&knowledgeBaseResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var kb client.KnowledgeBase
		if fuzztest.DecodeLikeClient(data, &kb, "data") && len(bytes.TrimSpace(data)) > 0 {
			checkKnowledgeBase(t, ctx, empty, &kb)
		}
		st, diags := fuzztest.ReadDataSource(ctx, &knowledgeBaseDataSource{client: fuzztest.Client(t, data)},
			map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, fuzzKnowledgeBase)})
		if fuzztest.OnlyClientError(t, diags, "Cannot read the knowledge base") {
			return
		}
		var m knowledgeBaseDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		if (kb.Description == nil) != m.Description.IsNull() {
			t.Errorf("description %v → %v", kb.Description, m.Description)
		}
		if m.KBMetadata.IsNull() || len(m.KBMetadata.Attributes()) != 6 {
			t.Errorf("kb_metadata %v", m.KBMetadata)
		}
	})
}

func checkKnowledgeBase(t *testing.T, ctx context.Context, empty tfsdk.State, kb *client.KnowledgeBase) {
	t.Helper()
	imported := knowledgeBaseModel{}
	state := knowledgeBaseFromAPI(kb, fuzztest.Location, imported)
	plan := state // a create plan: unknown id, the user's description
	plan.ID = types.StringUnknown()
	plan.Description = types.StringValue("written by the user")
	cleared := state // a plan that wrote "" (kept as "", rule 3)
	cleared.Description = types.StringValue("")
	unknown := state
	unknown.Description = types.StringUnknown()
	for _, prior := range []knowledgeBaseModel{imported, plan, cleared, unknown, state} {
		m := knowledgeBaseFromAPI(kb, fuzztest.Location, prior)
		fuzztest.WriteState(t, ctx, empty, &m)
		switch {
		case kb.Description == nil && prior.Description.IsUnknown():
			if !m.Description.IsNull() {
				t.Errorf("description: not in the answer, unknown before, %v in state", m.Description)
			}
		case kb.Description == nil:
			if !m.Description.Equal(prior.Description) {
				t.Errorf("description: not in the answer (real API), %v before, %v in state", prior.Description, m.Description)
			}
		case *kb.Description == "" && prior.Description.ValueString() != "" || *kb.Description == "" && prior.Description.IsNull():
			if !m.Description.IsNull() {
				t.Errorf("description: \"\" (cleared) with %v before is %v, not null", prior.Description, m.Description)
			}
		}

		// Round trip: Update sends name and description ("" when null); the API answers
		// {success:true} and the provider reads the knowledge base again.
		desc := framework.StringPointer(m.Description)
		if desc == nil {
			desc = new(string)
		}
		for _, echoes := range []bool{true, false} {
			again := *kb
			again.Name, again.Description = m.Name.ValueString(), nil
			if echoes {
				again.Description = desc
			}
			body, _ := json.Marshal(again)
			var echo client.KnowledgeBase
			if err := json.Unmarshal(body, &echo); err != nil {
				t.Fatalf("the echo %s does not decode: %v", body, err)
			}
			if m2 := knowledgeBaseFromAPI(&echo, fuzztest.Location, m); !m2.Name.Equal(m.Name) || !m2.Description.Equal(m.Description) || !m2.ID.Equal(m.ID) {
				t.Fatalf("round trip (description echoed: %v) changed %+v into %+v", echoes, m, m2)
			}
		}
	}
}

// FuzzKnowledgeBasesDataSource: GET /knowledge-bases/ → highlevel_knowledge_bases.
func FuzzKnowledgeBasesDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		st, diags := fuzztest.ReadDataSource(ctx, &knowledgeBasesDataSource{client: fuzztest.Client(t, data)}, nil)
		if fuzztest.OnlyClientError(t, diags, "Cannot list knowledge bases") {
			return
		}
		var m knowledgeBasesDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var page struct {
			KnowledgeBases []client.KnowledgeBaseSummary `json:"knowledgeBases"`
			HasMore        bool                          `json:"hasMore"`
		}
		if !fuzztest.DecodeLikeClient(data, &page, "data") {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		if !page.HasMore && (len(m.IDs.Elements()) != len(page.KnowledgeBases) || len(m.KnowledgeBases.Elements()) != len(page.KnowledgeBases)) {
			t.Errorf("%d knowledge bases in the answer, %d ids and %d in state", len(page.KnowledgeBases), len(m.IDs.Elements()), len(m.KnowledgeBases.Elements()))
		}
	})
}

// FuzzFAQsFromAPI: GET /knowledge-bases/faqs → the highlevel_knowledge_base_faqs data source,
// and each FAQ → faqFromAPI → the highlevel_knowledge_base_faq state, with the round trip of
// an update (question and answer) read back.
func FuzzFAQsFromAPI(f *testing.F) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&faqResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var page struct {
			Faqs    []client.FAQ `json:"faqs"`
			HasMore bool         `json:"hasMore"`
		}
		decodes := fuzztest.DecodeLikeClient(data, &page, "data")
		for i := range page.Faqs {
			if !decodes {
				break
			}
			faq := &page.Faqs[i]
			m := faqFromAPI(faq, fuzztest.Location, fuzzKnowledgeBase)
			fuzztest.WriteState(t, ctx, empty, &m)
			if m.KnowledgeBaseID.ValueString() != fuzzKnowledgeBase || m.Question.ValueString() != faq.Question {
				t.Errorf("faq %d: %+v", i, m)
			}
			echo := *faq
			echo.Question, echo.Answer = m.Question.ValueString(), m.Answer.ValueString()
			if m2 := faqFromAPI(&echo, fuzztest.Location, fuzzKnowledgeBase); m2 != m {
				t.Errorf("round trip changed %+v into %+v", m, m2)
			}
		}

		data2 := framework.NewProviderData(fuzztest.Client(t, data))
		st, diags := fuzztest.ReadDataSource(ctx, &faqsDataSource{data: data2},
			map[string]tftypes.Value{"knowledge_base_id": tftypes.NewValue(tftypes.String, fuzzKnowledgeBase)})
		if fuzztest.OnlyClientError(t, diags, "Cannot list the FAQs") {
			return
		}
		if !decodes {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		var m faqsDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var live []client.FAQ
		for _, faq := range page.Faqs {
			if !faq.Deleted {
				live = append(live, faq)
			}
		}
		items := m.FAQs.Elements()
		if !page.HasMore && len(items) != len(live) {
			t.Fatalf("%d FAQs not deleted in the answer, %d in state", len(live), len(items))
		}
		for i, faq := range live[:min(len(live), len(items))] {
			a := items[i].(types.Object).Attributes()
			if (faq.TrainedURLID == "") != a["trained_url_id"].IsNull() {
				t.Errorf("faq %d: trainedUrlId %q → %v", i, faq.TrainedURLID, a["trained_url_id"])
			}
		}
	})
}

// FuzzWebsiteImport: GET /knowledge-bases/crawler/status (status) and GET /knowledge-bases/crawler
// (pages) → the Read of an imported highlevel_knowledge_base_website (readImported,
// setOutcome, pageCounts; CrawlError's own decoding).
func FuzzWebsiteImport(f *testing.F) {
	ctx := context.Background()
	const operation = "6b06a77cb5e7d3ae11d44b6b"
	f.Fuzz(func(t *testing.T, status, pages []byte) {
		c, err := client.New(client.Config{BaseURL: "http://api.fuzz.invalid", Token: "pit-fuzz", LocationID: fuzztest.Location,
			MaxRetries: -1, RequestsPer10s: -1, HTTPClient: &http.Client{Transport: crawlerAnswers{status: status, pages: pages}}})
		if err != nil {
			t.Fatal(err)
		}
		r := &websiteResource{data: framework.NewProviderData(c), backoff: framework.DefaultPollBackoff}
		st, diags := fuzztest.ReadResource(ctx, r, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, operation), "location_id": tftypes.NewValue(tftypes.String, fuzztest.Location),
			"knowledge_base_id": tftypes.NewValue(tftypes.String, fuzzKnowledgeBase),
		})
		if fuzztest.OnlyClientError(t, diags, "Cannot read the crawl operation", "Cannot import the website source",
			"Cannot read the knowledge base's pages") || st.Raw.IsNull() {
			return // an error, or every page of the source is gone: removed from state
		}
		var m websiteModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var s client.CrawlStatus
		if !fuzztest.DecodeLikeClient(status, &s, "data") {
			t.Fatalf("read succeeded on a status the client type does not decode: %s", status)
		}
		var own []string
		for _, rec := range s.Records() {
			if pageTrained(rec.Status) && !slices.Contains(own, rec.ID) {
				own = append(own, rec.ID)
			}
		}
		ids := framework.Strings(ctx, m.PageIDs, &diags)
		slices.Sort(own)
		if !slices.Equal(ids, own) { // slices.Equal holds for nil and empty alike
			t.Errorf("page_ids %v, want the trained pages of the operation %v", ids, own)
		}
		if m.URL.ValueString() != s.OperationDetails.URL || m.Option.ValueString() != s.OperationDetails.Mode ||
			m.OperationID.ValueString() != operation || !m.PreSelectedURLs.IsNull() ||
			m.PagesDiscovered.ValueInt64() != s.OperationDetails.DiscoveredURLsCount {
			t.Errorf("imported source %+v from %+v", m, s.OperationDetails)
		}
		// pages_trained never exceeds page_ids, even when the list repeats a page.
		if n := m.PagesTrained.ValueInt64(); n < 0 || n > int64(len(ids)) {
			t.Errorf("pages_trained %d for %d page_ids", n, len(ids))
		}
	})
}

// crawlerAnswers is a fake API for the website source's Read: the crawl status, and the first
// page of crawled URLs (later pages empty, so that the list ends).
type crawlerAnswers struct{ status, pages []byte }

func (a crawlerAnswers) RoundTrip(r *http.Request) (*http.Response, error) {
	body := a.pages
	switch {
	case r.URL.Path == "/knowledge-bases/crawler/status":
		body = a.status
	case r.URL.Query().Get("page") != "1":
		body = []byte(`{"count":0,"urls":[]}`)
	}
	return fuzztest.CannedAnswer(body).RoundTrip(r)
}

// FuzzKnowledgeBaseFileRead: GET /knowledge-bases/files/{id} → the Read of a
// highlevel_knowledge_base_file in state (setFromAPI and save).
func FuzzKnowledgeBaseFileRead(f *testing.F) {
	ctx := context.Background()
	const file, hash = "fuzzFile000000000001", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fileResource{data: framework.NewProviderData(fuzztest.Client(t, data)), backoff: framework.DefaultPollBackoff}
		st, diags := fuzztest.ReadResource(ctx, r, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, file), "location_id": tftypes.NewValue(tftypes.String, fuzztest.Location),
			"knowledge_base_id": tftypes.NewValue(tftypes.String, fuzzKnowledgeBase),
			"path":              tftypes.NewValue(tftypes.String, "docs/guide.pdf"), "content_sha256": tftypes.NewValue(tftypes.String, hash),
		})
		if fuzztest.OnlyClientError(t, diags, "Cannot read the knowledge base file", "The file belongs to another knowledge base") || st.Raw.IsNull() {
			return // an error, or deleted:true: removed from state
		}
		var m fileModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var kf client.KnowledgeBaseFile
		if !fuzztest.DecodeLikeClient(data, &kf, "data") {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		if m.Path.ValueString() != "docs/guide.pdf" || m.ContentSHA256.ValueString() != hash || m.ID.ValueString() != kf.ID ||
			m.Size.ValueInt64() != kf.Size || m.Status.ValueString() != kf.Status || m.KnowledgeBaseID.ValueString() != fuzzKnowledgeBase {
			t.Errorf("state %+v from %+v", m, kf)
		}
	})
}
