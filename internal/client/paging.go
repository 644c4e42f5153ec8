package client

import "fmt"

// Shared pieces of the paged list methods (contract §1.5). Every list follows the endpoint's own
// end-of-list signal; cursorGuard stops a list whose server keeps answering the same cursor, so
// that a misbehaving API (or emulator) cannot make the provider loop forever.

// listPageSize is the page size the list methods ask for: the largest the contract allows
// everywhere (§1.5, §7.7), so that refreshing N children costs ceil(N/100) calls.
const listPageSize = 100

// cursorGuard remembers the cursors a list has used.
type cursorGuard map[string]bool

// advance records cursor as the next page's cursor; it fails when the cursor is empty (the API
// announced more pages without saying where they start) or was already used.
func (g cursorGuard) advance(what, param, cursor string) error {
	if cursor == "" {
		return fmt.Errorf("listing %s: the API announced more results but gave no %s to continue from; stopping", what, param)
	}
	if g[cursor] {
		return fmt.Errorf("listing %s: the API repeated a page (%s %q); stopping", what, param, cursor)
	}
	g[cursor] = true
	return nil
}
