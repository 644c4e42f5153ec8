// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// A crawl (contract §3.5 "Website crawler", §7.11) is two asynchronous steps: discover the
// pages of a URL, then train the discovered pages. runCrawl does both and waits for each, so
// that a website source is fully trained (or has failed, saying why) when apply ends.

// crawlAPI is what a crawl needs from the API client (an interface so that unit tests can
// script the API's answers).
type crawlAPI interface {
	DiscoverWebsite(ctx context.Context, locationID, kbID, siteURL, option string, preSelectedURLs []string, autoTrain *bool) (*client.CrawlOperation, error)
	GetCrawlStatus(ctx context.Context, locationID, kbID, operationID string) (*client.CrawlStatus, error)
	TrainURLs(ctx context.Context, locationID, kbID, operationID string, urlIDs []string) error
}

// crawlSpec is one crawl to run.
type crawlSpec struct {
	Location, KnowledgeBaseID string
	URL, Option               string
	PreSelected               []string // crawl only these pages (nil: what the option finds)
	// Owned are the pages the website source already holds: when the crawl finds them
	// already trained (Existing) they stay the source's own. Other Existing pages belong to
	// another source (or were added by hand) and are left alone.
	Owned map[string]bool
}

// crawlOutcome is what a crawl got to, also when it failed: the caller records it in state
// so that nothing the crawl created is left untracked.
type crawlOutcome struct {
	OperationID string
	Status      string   // the operation's last status seen
	Discovered  int64    // pages the operation discovered
	Own         []string // pages the source holds after the crawl: created or trained by it, or Owned
	Trained     []string // the subset of Own that is trained
	Progress    string   // the last progress seen
}

// Operation statuses that end discovery, and URL statuses that end training.
func discoveryRunning(status string) bool {
	return status == "" || status == client.CrawlStatusPending || status == client.CrawlStatusProcessing
}

func pageWaiting(status string) bool {
	return status == client.CrawlStatusPending || status == client.CrawlStatusProcessing || status == client.CrawlStatusTraining
}

func pageTrained(status string) bool {
	return status == client.CrawlStatusSuccessful || status == client.CrawlStatusExisting
}

func interrupted(status string) bool {
	return status == client.CrawlStatusFailed || status == client.CrawlStatusCancelled || status == client.CrawlStatusAborted
}

// runCrawl discovers spec.URL, trains what the discovery found, and waits until every page is
// trained. It fails, naming the pages, when the operation fails or is interrupted, or when
// pages are Failed or Restricted (blocked by robots.txt); when ctx ends first it fails with a
// *framework.PollTimeoutError carrying the last progress. The outcome is filled as far as the
// crawl got, whatever the error.
//
// A server may refuse preSelectedUrls (no official file lists the member; the LIVE API takes
// it): when discovery with pre-selected pages is answered 422 "property preSelectedUrls should
// not exist", runCrawl discovers each pre-selected page alone with option Exact and trains it
// (runCrawlEachPage), so the source still holds exactly the chosen pages.
func runCrawl(ctx context.Context, api crawlAPI, backoff framework.Backoff, spec crawlSpec) (crawlOutcome, error) {
	var out crawlOutcome
	op, err := api.DiscoverWebsite(ctx, spec.Location, spec.KnowledgeBaseID, spec.URL, spec.Option, spec.PreSelected, nil)
	if err != nil && len(spec.PreSelected) > 0 && rejectsPreSelected(err) {
		tflog.Info(ctx, "the API refuses preSelectedUrls: discovering each pre-selected page with option Exact",
			map[string]any{"url": spec.URL, "pre_selected_urls": len(spec.PreSelected)})
		return runCrawlEachPage(ctx, api, backoff, spec)
	}
	if err != nil {
		return out, fmt.Errorf("starting the crawl of %s: %w", spec.URL, err)
	}
	out.OperationID, out.Status = op.OperationID, op.Status
	what := fmt.Sprintf("the crawl of %s (operation %s)", spec.URL, op.OperationID)
	tflog.Info(ctx, "crawl started: discovering pages", map[string]any{"url": spec.URL, "option": spec.Option,
		"operation_id": op.OperationID, "pre_selected_urls": len(spec.PreSelected)})

	// 1. Discovery.
	var status *client.CrawlStatus
	err = backoff.Poll(ctx, what, func(ctx context.Context) (bool, string, error) {
		s, err := api.GetCrawlStatus(ctx, spec.Location, spec.KnowledgeBaseID, op.OperationID)
		if err != nil {
			return false, "", fmt.Errorf("reading the status of %s: %w", what, err)
		}
		status = s
		out.Status, out.Discovered = s.OperationDetails.Status, s.OperationDetails.DiscoveredURLsCount
		if discoveryRunning(s.OperationDetails.Status) {
			out.Progress = fmt.Sprintf("discovering pages (operation %s, %d found so far)", statusOrUnknown(s.OperationDetails.Status), len(s.Records()))
			return false, out.Progress, nil
		}
		out.Progress = fmt.Sprintf("discovery finished: %d pages found", len(s.Records()))
		return true, out.Progress, nil
	})
	if status != nil {
		out.own(status, spec.Owned)
	}
	if err != nil {
		return out, err
	}
	records := status.Records()
	if interrupted(status.OperationDetails.Status) {
		return out, fmt.Errorf("%s ended %s while discovering pages%s", what, status.OperationDetails.Status, describeProblems(records, true))
	}
	if problems := describeProblems(records, false); problems != "" {
		return out, fmt.Errorf("%s found pages that cannot be trained%s", what, problems)
	}

	// 2. Training.
	var toTrain []string
	waiting := map[string]bool{}
	for _, r := range records {
		switch {
		case r.Status == client.CrawlStatusPending:
			toTrain = append(toTrain, r.ID)
			waiting[r.ID] = true
		case pageWaiting(r.Status):
			waiting[r.ID] = true // already being trained (by an earlier request)
		}
	}
	existing := len(records) - len(waiting)
	out.Progress = fmt.Sprintf("%d pages found: %d to train, %d already trained", len(records), len(waiting), existing)
	if len(waiting) == 0 {
		tflog.Info(ctx, "crawl finished: every page found is already trained", map[string]any{"operation_id": op.OperationID, "pages": len(records)})
		return out, nil
	}
	if len(toTrain) > 0 {
		tflog.Info(ctx, "training the discovered pages", map[string]any{"operation_id": op.OperationID, "pages": len(toTrain), "already_trained": existing})
		if err := api.TrainURLs(ctx, spec.Location, spec.KnowledgeBaseID, op.OperationID, toTrain); err != nil {
			return out, fmt.Errorf("training the %d pages %s found: %w", len(toTrain), what, err)
		}
	}
	err = backoff.Poll(ctx, what, func(ctx context.Context) (bool, string, error) {
		s, err := api.GetCrawlStatus(ctx, spec.Location, spec.KnowledgeBaseID, op.OperationID)
		if err != nil {
			return false, "", fmt.Errorf("reading the status of %s: %w", what, err)
		}
		status = s
		out.Status = s.OperationDetails.Status
		out.own(s, spec.Owned)
		trained, failed, left := 0, 0, 0
		for _, r := range s.Records() {
			if !waiting[r.ID] {
				continue
			}
			switch {
			case pageTrained(r.Status):
				trained++
			case pageWaiting(r.Status):
				left++
			default:
				failed++
			}
		}
		out.Progress = fmt.Sprintf("%d pages found, %d of %d trained", len(s.Records()), trained, len(waiting))
		if failed > 0 {
			out.Progress += fmt.Sprintf(", %d failed", failed)
		}
		done := left == 0 || interrupted(s.OperationDetails.Status)
		return done, out.Progress, nil
	})
	if err != nil {
		return out, err
	}
	var unfinished []client.CrawlStatusRecordWithStatus
	for _, r := range status.Records() {
		if waiting[r.ID] && !pageTrained(r.Status) {
			unfinished = append(unfinished, r)
		}
	}
	if len(unfinished) > 0 || interrupted(status.OperationDetails.Status) {
		return out, fmt.Errorf("%s ended %s while training%s", what, status.OperationDetails.Status, describeProblems(unfinished, true))
	}
	tflog.Info(ctx, "crawl finished: every page is trained", map[string]any{"operation_id": op.OperationID, "pages": len(status.Records())})
	return out, nil
}

// rejectsPreSelected reports the validation error of a server that does not take
// preSelectedUrls on discovery (422, or 400, naming the member).
func rejectsPreSelected(err error) bool {
	var e *client.APIError
	if !errors.As(err, &e) || (e.StatusCode != http.StatusUnprocessableEntity && e.StatusCode != http.StatusBadRequest) {
		return false
	}
	for _, m := range e.Messages {
		if strings.Contains(m, "preSelectedUrls") {
			return true
		}
	}
	return false
}

// runCrawlEachPage crawls each of spec.PreSelected alone (option Exact, one discover operation
// a page) and trains it: the source's pages are the same as with preSelectedUrls. The outcome
// names the first operation (the source's id); its pages are those of every operation. An
// import by that operation id finds only the first page (the others belong to operations
// of their own): import such a source, then apply to let the provider crawl the rest.
func runCrawlEachPage(ctx context.Context, api crawlAPI, backoff framework.Backoff, spec crawlSpec) (crawlOutcome, error) {
	var all crawlOutcome
	pages := dedupe(spec.PreSelected)
	for i, page := range pages {
		one := spec
		one.URL, one.Option, one.PreSelected = page, client.CrawlOptionExact, nil
		out, err := runCrawl(ctx, api, backoff, one)
		if all.OperationID == "" {
			all.OperationID = out.OperationID
		}
		if out.OperationID != "" {
			all.Status = out.Status
		}
		all.Discovered += out.Discovered
		all.Own = dedupe(append(all.Own, out.Own...))
		all.Trained = dedupe(append(all.Trained, out.Trained...))
		all.Progress = fmt.Sprintf("page %d of %d: %s", i+1, len(pages), out.Progress)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

// own records, from a status answer, the pages the source holds: every page of the operation
// except those another source had already trained.
func (out *crawlOutcome) own(s *client.CrawlStatus, owned map[string]bool) {
	out.Own, out.Trained = out.Own[:0], out.Trained[:0]
	for _, r := range s.Records() {
		if r.Status == client.CrawlStatusExisting && !owned[r.ID] {
			continue
		}
		out.Own = append(out.Own, r.ID)
		if pageTrained(r.Status) {
			out.Trained = append(out.Trained, r.ID)
		}
	}
}

// describeProblems lists the pages that cannot be (or were not) trained, grouped by reason,
// as text to append to an error. all includes pages still waiting (for an interrupted crawl).
func describeProblems(records []client.CrawlStatusRecordWithStatus, all bool) string {
	var restricted, failed, other []string
	for _, r := range records {
		switch {
		case r.Status == client.CrawlStatusRestricted:
			restricted = append(restricted, r.URL)
		case r.Status == client.CrawlStatusFailed:
			msg := r.URL
			if r.Error != nil && r.Error.Error() != "" {
				msg += " (" + r.Error.Error() + ")"
			}
			failed = append(failed, msg)
		case r.Status == client.CrawlStatusCancelled || r.Status == client.CrawlStatusAborted || (all && !pageTrained(r.Status)):
			other = append(other, r.URL+" ("+statusOrUnknown(r.Status)+")")
		}
	}
	var b strings.Builder
	if len(restricted) > 0 {
		fmt.Fprintf(&b, "\n- blocked by the site's robots.txt (Restricted; the API never trains them): %s", strings.Join(restricted, ", "))
	}
	if len(failed) > 0 {
		fmt.Fprintf(&b, "\n- failed: %s", strings.Join(failed, ", "))
	}
	if len(other) > 0 {
		fmt.Fprintf(&b, "\n- not trained: %s", strings.Join(other, ", "))
	}
	if len(restricted) > 0 {
		b.WriteString("\nLeave the restricted pages out with pre_selected_urls, or allow them in the site's robots.txt.")
	}
	return b.String()
}

func statusOrUnknown(s string) string {
	if s == "" {
		return "status unknown"
	}
	return s
}

// normalizePageURL is the form in which URLs are compared: lower-case scheme and host, no
// fragment, "/" for an empty path (as the API stores them).
func normalizePageURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	return u.String()
}

// dedupe returns values without repeats, in first-seen order.
func dedupe(values []string) []string {
	out := make([]string, 0, len(values))
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
