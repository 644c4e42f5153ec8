// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*websiteResource)(nil)
	_ resource.ResourceWithImportState = (*websiteResource)(nil)
	_ resource.ResourceWithIdentity    = (*websiteResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*websiteResource)(nil)
)

// Crawl options (contract §3.5).
var crawlOptions = []string{client.CrawlOptionExact, client.CrawlOptionPath, client.CrawlOptionDomain}

// defaultCrawlTimeout bounds a crawl when the configuration has no timeouts block.
const defaultCrawlTimeout = 30 * time.Minute

// NewWebsiteResource is the highlevel_knowledge_base_website resource.
func NewWebsiteResource() resource.Resource {
	return &websiteResource{backoff: framework.DefaultPollBackoff}
}

type websiteResource struct {
	data    *framework.ProviderData
	backoff framework.Backoff
}

// websiteModel is the state of highlevel_knowledge_base_website.
type websiteModel struct {
	ID              types.String   `tfsdk:"id"`
	LocationID      types.String   `tfsdk:"location_id"`
	KnowledgeBaseID types.String   `tfsdk:"knowledge_base_id"`
	URL             types.String   `tfsdk:"url"`
	Option          types.String   `tfsdk:"option"`
	PreSelectedURLs types.Set      `tfsdk:"pre_selected_urls"`
	OperationID     types.String   `tfsdk:"operation_id"`
	Status          types.String   `tfsdk:"status"`
	PagesDiscovered types.Int64    `tfsdk:"pages_discovered"`
	PagesTrained    types.Int64    `tfsdk:"pages_trained"`
	PageIDs         types.Set      `tfsdk:"page_ids"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

func (r *websiteResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base_website"
}

func (r *websiteResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computedString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	computedInt := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true,
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Web pages a knowledge base learns from: the provider crawls `url` (discovery), trains " +
			"the pages found and waits, inside `apply`, until every page is trained. Progress (pages found, pages " +
			"trained) is logged at `INFO` (`TF_LOG=INFO`).\n\n" +
			"A crawl that fails — the operation fails, a page fails, or the site's robots.txt blocks a page " +
			"(`Restricted`) — or that outlasts `timeouts` is an error naming the pages or the last progress seen. The " +
			"source then stays in state, marked tainted, with the pages it created in `page_ids`: the next apply " +
			"deletes them and crawls again, so nothing is left behind.\n\n" +
			"A knowledge base holds at most 4,000 trained pages (the API's limit). Pages that another source (or a " +
			"person in the HighLevel UI) had already trained in the same knowledge base are used but not owned: they " +
			"count in `pages_discovered`, are not in `page_ids`, and destroying this source leaves them. Pages removed " +
			"outside Terraform show as a change of `pages_trained` in the next plan, and apply trains them again.\n\n" +
			"`timeouts` bound the whole crawl of a create or an update (discovery and training); both default to " +
			"30 minutes.\n\n" +
			"Import with `<knowledge_base_id>/<operation_id>` (or `<location_id>/<knowledge_base_id>/<operation_id>`), " +
			"giving the source's last crawl operation (`operation_id`): the imported source holds every page of that " +
			"operation that is trained, and takes the operation's ID as its `id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The source's ID: the ID of its first crawl operation (of the imported one, after an import).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id":       framework.LocationIDAttribute(),
			"knowledge_base_id": knowledgeBaseIDAttribute("website source"),
			"url": schema.StringAttribute{
				MarkdownDescription: "The page the crawl starts from: an absolute `http://` or `https://` URL. " +
					"Changing it replaces the source (its pages are deleted and the new URL is crawled).",
				Required:      true,
				Validators:    []validator.String{framework.AbsoluteHTTPURL()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"option": schema.StringAttribute{
				MarkdownDescription: "What the crawl takes from `url`: `Exact` (that page only), `Path` (that page and " +
					"the pages under its path) or `Domain` (pages across the whole site). Changing it replaces the source.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(crawlOptions...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"pre_selected_urls": schema.SetAttribute{
				MarkdownDescription: "Crawl and train only these pages (absolute `http://` or `https://` URLs) instead of " +
					"what `option` discovers. Changing the list updates the source in place: added pages are crawled and " +
					"trained, removed pages are deleted from the knowledge base. Write URLs as the API stores them " +
					"(lower-case host, a path such as `/`) so that an imported source plans no change. After `import`, " +
					"whether a source used pre-selected pages is not known, so the first plan sets this list (without " +
					"crawling again when those pages are already trained).",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(framework.AbsoluteHTTPURL()),
				},
			},
			"operation_id": computedString("The ID of the last crawl operation (the first one, `id`, unless an update " +
				"crawled again)."),
			"status": computedString("The last crawl operation's status as of the last apply (`Successful` once every " +
				"page is trained; after a failed apply the status the crawl ended in, e.g. `Failed`, or `Processing` " +
				"when it timed out)."),
			"pages_discovered": computedInt("How many pages the last crawl operation found, including pages already " +
				"trained by another source."),
			"pages_trained": computedInt("How many of the pages in `page_ids` are trained, as of the last refresh. " +
				"Below the number of `page_ids` when pages were removed outside Terraform (or a crawl failed): the next " +
				"apply trains them again."),
			"page_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the knowledge base's pages this source created and keeps trained (the " +
					"API's crawled-URL IDs). Destroying the source deletes them.",
				ElementType:   types.StringType,
				Computed:      true,
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true}),
		},
	}
}

func (r *websiteResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("knowledge_base_id", "The ID of the source's knowledge base.",
		"The source's ID (the ID of its first crawl operation).")
}

func (r *websiteResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = framework.ConfigureData(req.ProviderData, &resp.Diagnostics)
}

func (r *websiteResource) client() *client.Client {
	if r.data == nil {
		return nil
	}
	return r.data.Client
}

// ModifyPlan plans a new crawl (unknown crawl results) when the pre-selected pages change or
// pages were removed outside Terraform; otherwise the crawl results stay as they are.
func (r *websiteResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client(), req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state websiteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !crawlNeeded(plan, state) {
		return
	}
	for _, p := range []path.Path{path.Root("operation_id"), path.Root("status")} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, types.StringUnknown())...)
	}
	for _, p := range []path.Path{path.Root("pages_discovered"), path.Root("pages_trained")} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, types.Int64Unknown())...)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("page_ids"), types.SetUnknown(types.StringType))...)
}

// crawlNeeded reports whether an update may crawl: the pre-selected pages changed, or fewer
// pages are trained than the source holds.
func crawlNeeded(plan, state websiteModel) bool {
	if !plan.PreSelectedURLs.Equal(state.PreSelectedURLs) {
		return true
	}
	if state.PagesTrained.IsNull() || state.PageIDs.IsNull() || state.PagesTrained.IsUnknown() || state.PageIDs.IsUnknown() {
		return false
	}
	return state.PagesTrained.ValueInt64() < int64(len(state.PageIDs.Elements()))
}

func (r *websiteResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan websiteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCrawlTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString()
	spec := crawlSpec{
		Location: location, KnowledgeBaseID: kbID, URL: plan.URL.ValueString(), Option: plan.Option.ValueString(),
		PreSelected: framework.Strings(ctx, plan.PreSelectedURLs, &resp.Diagnostics),
	}
	crawlCtx, cancel := context.WithTimeout(ctx, timeout)
	out, err := runCrawl(crawlCtx, r.client(), r.backoff, spec)
	cancel()
	r.data.Lists.Invalidate(pageListKey(location, kbID))
	if out.OperationID == "" {
		// Nothing started remotely: no state.
		resp.Diagnostics.AddError("Cannot start the crawl", err.Error())
		return
	}
	m := plan
	m.ID = types.StringValue(out.OperationID)
	m.setOutcome(out, out.Own, out.Trained)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
	resp.Diagnostics.Append(framework.SetChildIdentity(ctx, resp.Identity, location, "knowledge_base_id", kbID, out.OperationID)...)
	if err != nil {
		resp.Diagnostics.AddError("The crawl did not finish", crawlErrorDetail(err, timeout, true))
	}
}

// crawlErrorDetail explains a crawl that failed after it started.
func crawlErrorDetail(err error, timeout time.Duration, creating bool) string {
	detail := err.Error()
	if framework.IsPollTimeout(err) {
		detail += fmt.Sprintf("\n\nThe crawl continues on HighLevel's side. The time allowed was %s: raise it with "+
			"a timeouts block (timeouts { create = \"60m\" }) if the site is large.", timeout)
	}
	if creating {
		return detail + "\n\nThe website source stays in state, marked tainted, with the pages this crawl created: " +
			"the next apply deletes them and crawls again."
	}
	return detail + "\n\nThe pages this crawl created are recorded in page_ids; the next apply tries again."
}

func (r *websiteResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state websiteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID, id := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString(), state.ID.ValueString()
	if state.URL.IsNull() {
		// Just imported: the operation says what was crawled and which pages it trained.
		if !r.readImported(ctx, &state, resp) {
			return
		}
	}
	pages, err := cachedPages(ctx, r.data, location, kbID)
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "knowledge base website source", id)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base's pages", err.Error())
		return
	}
	own := framework.Strings(ctx, state.PageIDs, &resp.Diagnostics)
	present, trained := pageCounts(pages, own)
	if len(own) > 0 && present == 0 {
		// Every page of the source was deleted outside Terraform.
		framework.RemoveVanished(ctx, req, resp, "knowledge base website source", id)
		return
	}
	state.PagesTrained = types.Int64Value(int64(trained))
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
	resp.Diagnostics.Append(framework.SetChildIdentity(ctx, resp.Identity, location, "knowledge_base_id", kbID, id)...)
}

// readImported fills an imported source from its operation: URL, option and the pages it
// trained. It reports false when the response is complete (removed or failed).
func (r *websiteResource) readImported(ctx context.Context, state *websiteModel, resp *resource.ReadResponse) bool {
	location, kbID, id := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString(), state.ID.ValueString()
	s, err := r.client().GetCrawlStatus(ctx, location, kbID, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the crawl operation", fmt.Sprintf("Reading crawl operation %s of knowledge "+
			"base %s: %v. Import a website source by \"<knowledge_base_id>/<operation_id>\" with the ID of a crawl operation "+
			"of that knowledge base.", id, kbID, err))
		return false
	}
	d := s.OperationDetails
	if d.ID != "" && d.ID != id {
		resp.Diagnostics.AddError("Cannot import the website source", fmt.Sprintf("The API answered with crawl operation %s "+
			"instead of %s.", d.ID, id))
		return false
	}
	// Every page of the operation that is trained now is the source's, also those the
	// operation found already trained (Existing): the import names the operation as this
	// source's.
	var own []string
	for _, rec := range s.Records() {
		if pageTrained(rec.Status) {
			own = append(own, rec.ID)
		}
	}
	state.URL = types.StringValue(d.URL)
	state.Option = types.StringValue(d.Mode)
	state.PreSelectedURLs = types.SetNull(types.StringType)
	state.setOutcome(crawlOutcome{OperationID: id, Status: d.Status, Discovered: d.DiscoveredURLsCount}, own, own)
	return true
}

// pageCounts returns how many of the ids are among the pages, and how many of those are trained.
func pageCounts(pages []client.CrawledURL, ids []string) (present, trained int) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for _, p := range pages {
		if want[p.ID] {
			want[p.ID] = false // a page the list repeats counts once
			present++
			if p.Status == client.CrawlStatusSuccessful {
				trained++
			}
		}
	}
	return present, trained
}

func (r *websiteResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state websiteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultCrawlTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location, kbID := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString()
	if !plan.OperationID.IsUnknown() {
		// ModifyPlan planned no crawl (only timeouts changed): nothing to do remotely, and the
		// crawl results stay as planned.
		resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
		resp.Diagnostics.Append(framework.SetChildIdentity(ctx, resp.Identity, location, "knowledge_base_id", kbID, plan.ID.ValueString())...)
		return
	}
	key := pageListKey(location, kbID)
	r.data.Lists.Invalidate(key)
	pages, err := cachedPages(ctx, r.data, location, kbID)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base's pages", err.Error())
		return
	}
	byID := make(map[string]client.CrawledURL, len(pages))
	for _, p := range pages {
		byID[p.ID] = p
	}
	var held, trained []string // pages of the source that still exist, and those trained
	for _, id := range framework.Strings(ctx, state.PageIDs, &resp.Diagnostics) {
		if p, ok := byID[id]; ok {
			held = append(held, id)
			if p.Status == client.CrawlStatusSuccessful {
				trained = append(trained, id)
			}
		}
	}

	// What to crawl and what to delete.
	var crawl bool
	var preSelected, remove []string
	if plan.PreSelectedURLs.IsNull() {
		// Crawl the site again when pre-selected pages were dropped (the source becomes what
		// the option discovers) or pages were lost.
		crawl = !state.PreSelectedURLs.IsNull() || len(trained) < len(held) || len(held) < len(state.PageIDs.Elements())
	} else {
		desired := map[string]bool{}
		for _, u := range framework.Strings(ctx, plan.PreSelectedURLs, &resp.Diagnostics) {
			desired[normalizePageURL(u)] = true
		}
		have := map[string]bool{}
		var kept []string
		for _, id := range held {
			p := byID[id]
			n := normalizePageURL(p.URL)
			if desired[n] && p.Status == client.CrawlStatusSuccessful && !have[n] {
				have[n] = true
				kept = append(kept, id)
			} else {
				remove = append(remove, id)
			}
		}
		// When a page is missing, crawl the whole selection again: the pages already trained
		// come back Existing (and stay this source's), so that the new operation describes
		// every page of the source (an import of it finds them all).
		preSelected = framework.Strings(ctx, plan.PreSelectedURLs, &resp.Diagnostics)
		held, trained, crawl = kept, kept, len(have) < len(desired)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	m := plan
	m.ID, m.OperationID, m.Status, m.PagesDiscovered = state.ID, state.OperationID, state.Status, state.PagesDiscovered
	var crawlErr error
	if len(remove) > 0 {
		if err := c.DeleteCrawledURLs(ctx, location, kbID, remove); err != nil && !gone(err) {
			resp.Diagnostics.AddError("Cannot delete the pages removed from pre_selected_urls", err.Error())
			held = append(held, remove...) // still there: keep them tracked
		}
	}
	if crawl {
		owned := make(map[string]bool, len(held))
		for _, id := range held {
			owned[id] = true
		}
		spec := crawlSpec{Location: location, KnowledgeBaseID: kbID, URL: plan.URL.ValueString(), Option: plan.Option.ValueString(),
			PreSelected: preSelected, Owned: owned}
		crawlCtx, cancel := context.WithTimeout(ctx, timeout)
		var out crawlOutcome
		out, crawlErr = runCrawl(crawlCtx, c, r.backoff, spec)
		cancel()
		switch {
		case out.OperationID != "" && crawlErr == nil:
			// The source is now what this crawl holds; pages it held before that the crawl no
			// longer found are stale.
			m.setOutcome(out, out.Own, out.Trained)
			if stale := without(held, out.Own); len(stale) > 0 {
				if err := c.DeleteCrawledURLs(ctx, location, kbID, stale); err != nil && !gone(err) {
					resp.Diagnostics.AddError("Cannot delete the pages the new crawl no longer found", err.Error())
					m.setOutcome(out, dedupe(append(stale, out.Own...)), out.Trained)
				}
			}
		case out.OperationID != "":
			// Keep tracking everything, so that the next apply (or destroy) finds it.
			m.setOutcome(out, dedupe(append(held, out.Own...)), dedupe(append(trained, out.Trained...)))
		default:
			m.setOutcome(crawlOutcome{OperationID: state.OperationID.ValueString(), Status: state.Status.ValueString(),
				Discovered: state.PagesDiscovered.ValueInt64()}, held, trained)
		}
	} else {
		m.setOutcome(crawlOutcome{OperationID: state.OperationID.ValueString(), Status: state.Status.ValueString(),
			Discovered: state.PagesDiscovered.ValueInt64()}, held, trained)
	}
	r.data.Lists.Invalidate(key)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
	resp.Diagnostics.Append(framework.SetChildIdentity(ctx, resp.Identity, location, "knowledge_base_id", kbID, m.ID.ValueString())...)
	if crawlErr != nil {
		resp.Diagnostics.AddError("The crawl did not finish", crawlErrorDetail(crawlErr, timeout, false))
	}
}

func (r *websiteResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state websiteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location, kbID := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString()
	ids := framework.Strings(ctx, state.PageIDs, &resp.Diagnostics)
	if state.Status.ValueString() != client.CrawlStatusSuccessful && state.OperationID.ValueString() != "" {
		// A crawl that did not finish may have created pages after the provider stopped
		// waiting: every page of its operation that no other source had trained is this one's.
		s, err := c.GetCrawlStatus(ctx, location, kbID, state.OperationID.ValueString())
		switch {
		case gone(err):
		case err != nil:
			resp.Diagnostics.AddError("Cannot read the unfinished crawl operation", err.Error())
			return
		default:
			var out crawlOutcome
			out.own(s, nil)
			ids = dedupe(append(ids, out.Own...))
		}
	}
	err := c.DeleteCrawledURLs(ctx, location, kbID, ids)
	r.data.Lists.Invalidate(pageListKey(location, kbID))
	if err != nil && !gone(err) {
		resp.Diagnostics.AddError("Cannot delete the website source's pages", err.Error())
	}
}

// ImportState takes "<knowledge_base_id>/<operation_id>" or
// "<location_id>/<knowledge_base_id>/<operation_id>", or an identity.
func (r *websiteResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	// Read recognises an imported source by its null url, and fills the rest from the operation.
	framework.ImportChild(ctx, r.client(), req, resp, "knowledge_base_id", "operation_id")
}

// without returns the values of a that are not in b.
func without(a, b []string) []string {
	drop := make(map[string]bool, len(b))
	for _, v := range b {
		drop[v] = true
	}
	var out []string
	for _, v := range a {
		if !drop[v] {
			out = append(out, v)
		}
	}
	return out
}

// setOutcome records a crawl's results: own and trained are the source's pages after it.
func (m *websiteModel) setOutcome(out crawlOutcome, own, trained []string) {
	m.OperationID = types.StringValue(out.OperationID)
	m.Status = types.StringValue(out.Status)
	m.PagesDiscovered = types.Int64Value(out.Discovered)
	m.PagesTrained = types.Int64Value(int64(len(trained)))
	sorted := slices.Clone(own)
	slices.Sort(sorted)
	m.PageIDs = framework.StringSetValue(sorted)
}
