// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import "fmt"

// Shared pieces of the paged list methods (contract §1.5).
//
// The official spec gives no maximum page size and marks most end-of-list members optional
// (hasMore, lastFaqId, lastKnowledgeBaseId, nextPage, totals). A list therefore never trusts
// the size it asked for: a server may answer 50 items to a request for 100 and leave every
// end-of-list member out. listProgress decides when a list is complete from what came back,
// and a list that cannot be completed is an error, never a shorter list — a shorter list
// would drop children from state and make the next apply create duplicates.

// listPageSize is the page size the list methods ask for: the largest the contract allows
// everywhere (§1.5, §7.7), so that refreshing N children costs ceil(N/100) calls.
const listPageSize = 100

// listProgress follows one paged list to its end.
type listProgress struct {
	what      string // "FAQs of knowledge base X", for errors
	largest   int    // the largest page seen so far
	collected int    // items received so far, before any filtering
}

// page records a page of n items and reports whether another page must be fetched.
//
//   - more is the page's explicit end-of-list member (hasMore, nextPage), nil when absent;
//   - total is the number of items the whole list holds, when the API gives it and it counts the
//     same items the list returns (nil otherwise).
//
// With an explicit member the list follows it. Without one it ends when total is reached, else
// on an empty page or on a page shorter than an earlier one (which proves the server's page
// size is larger than that page). A first page shorter than asked is not an end by itself: it
// may be the server's cap, so the list asks once more (one call, answered empty at the end).
// Whenever the list ends, a total that says more exist is an error.
func (p *listProgress) page(n int, more *bool, total *int) (bool, error) {
	p.collected += n
	shorter := p.largest > 0 && n < p.largest
	if n > p.largest {
		p.largest = n
	}
	var next bool
	switch {
	case more != nil:
		next = *more
		if next && n == 0 {
			return false, fmt.Errorf("listing %s: the API announced more results after an empty page; refusing an incomplete list", p.what)
		}
	case total != nil:
		next = p.collected < *total && n > 0
	default:
		next = n > 0 && !shorter
	}
	if !next && total != nil && p.collected < *total {
		return false, fmt.Errorf("listing %s: the API reported %d in total but the list ended after %d; refusing an incomplete list (retry later)",
			p.what, *total, p.collected)
	}
	return next, nil
}

// cursorGuard remembers the cursors a list has used.
type cursorGuard map[string]bool

// advance records cursor as the next page's cursor; it fails when the cursor is empty (the API
// announced more pages without saying where they start) or was already used.
func (g cursorGuard) advance(what, param, cursor string) error {
	if cursor == "" {
		return fmt.Errorf("listing %s: the API announced more results but gave no %s to continue from; refusing an incomplete list", what, param)
	}
	if g[cursor] {
		return fmt.Errorf("listing %s: the API repeated a page (%s %q); refusing an incomplete list", what, param, cursor)
	}
	g[cursor] = true
	return nil
}
