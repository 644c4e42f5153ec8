// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// The FAQs and crawled pages of a knowledge base have no GET by id (contract §7.7). Every
// resource and data source reads them from one list per knowledge base and provider run,
// shared through the provider's list cache; every write to a knowledge base's FAQs or pages
// invalidates its list, so a read after a write sees the API's answer.

func faqListKey(location, kbID string) string { return "knowledge-base-faqs/" + location + "/" + kbID }

func pageListKey(location, kbID string) string {
	return "knowledge-base-pages/" + location + "/" + kbID
}

// cachedFAQs returns every FAQ of a knowledge base: ceil(N/100) calls once per run.
func cachedFAQs(ctx context.Context, data *framework.ProviderData, location, kbID string) ([]client.FAQ, error) {
	return framework.CachedList(ctx, data.Lists, faqListKey(location, kbID), func(ctx context.Context) ([]client.FAQ, error) {
		return data.Client.ListFAQs(ctx, location, kbID)
	})
}

// cachedFAQ returns the FAQ id of a knowledge base from the cached list (cachedFAQs), and
// whether it is there.
func cachedFAQ(ctx context.Context, data *framework.ProviderData, location, kbID, id string) (*client.FAQ, bool, error) {
	return framework.CachedItem(ctx, data.Lists, faqListKey(location, kbID), func(ctx context.Context) ([]client.FAQ, error) {
		return data.Client.ListFAQs(ctx, location, kbID)
	}, func(f *client.FAQ) string { return f.ID }, id)
}

// freshByProvider holds the post-write re-reads of each configured provider.
var freshByProvider sync.Map // *framework.ProviderData → *framework.FreshLists

// freshFAQs returns every FAQ of a knowledge base from a list fetched after the call: the
// re-read after an FAQ update, shared by the updates that finish together.
func freshFAQs(ctx context.Context, data *framework.ProviderData, location, kbID string) ([]client.FAQ, error) {
	v, _ := freshByProvider.LoadOrStore(data, &framework.FreshLists{})
	fresh := v.(*framework.FreshLists) //nolint:forcetypeassert // freshByProvider holds nothing else
	return framework.FetchFresh(ctx, fresh, faqListKey(location, kbID), func(ctx context.Context) ([]client.FAQ, error) {
		return data.Client.ListFAQs(ctx, location, kbID)
	})
}

// cachedPages returns every crawled page of a knowledge base (discovered and trained).
func cachedPages(ctx context.Context, data *framework.ProviderData, location, kbID string) ([]client.CrawledURL, error) {
	return framework.CachedList(ctx, data.Lists, pageListKey(location, kbID), func(ctx context.Context) ([]client.CrawledURL, error) {
		return data.Client.ListCrawledURLs(ctx, location, kbID, "")
	})
}

// statusOf returns the HTTP status of an API error, or 0.
func statusOf(err error) int {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// isBadRequest reports a 400: a business rule of the API (such as the knowledge-base limit).
func isBadRequest(err error) bool { return statusOf(err) == http.StatusBadRequest }

// notFound is a 404 for an object missing from a list (FAQs and pages have no GET by id), so
// that client.IsNotFound treats it as gone.
func notFound(method, path, message string) error {
	return &client.APIError{StatusCode: http.StatusNotFound, Messages: []string{message}, Reason: "Not Found", Method: method, Path: path}
}

// gone reports a 404 that means the object no longer exists. A 404 for an unknown route
// (NestJS "Cannot GET /x", client.IsRouteNotFound) is not one: a server that does not serve a
// path (a files route under another Version, a path without its documented trailing slash)
// says nothing about the object, and treating it as gone would drop it from state and
// create a duplicate on the next apply.
func gone(err error) bool { return client.IsNotFound(err) && !client.IsRouteNotFound(err) }

var pathKnowledgeBaseID = path.Root("knowledge_base_id")
