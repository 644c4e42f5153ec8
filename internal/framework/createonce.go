// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// createAttempts bounds how often CreateOnce creates again after a create that provably did
// not happen (nothing new was found after an ambiguous failure); createBackoff is the first
// pause between attempts, doubled each time.
const createAttempts = 6

var createBackoff = 500 * time.Millisecond

// recoveryPatience is how long CreateOnce keeps asking an unreachable API whether a lost
// create happened: giving up earlier would leave an object no resource holds.
var recoveryPatience = 2 * time.Minute

// nextClaimant numbers the CreateOnce calls of a process, to tell their claims apart.
var nextClaimant atomic.Uint64

// Candidate is an existing object of the parent a create works in, as a lister sees it.
type Candidate struct {
	ID        string
	CreatedAt string // sorts in time order (the API's ISO 8601 timestamps)
	// Matches reports whether the object looks like the one being created.
	Matches bool
}

// CreateTracker is what CreateOnce remembers during one provider run: the objects each create
// made or adopted, and which objects every parent held before this run created anything in it.
type CreateTracker struct {
	claims Claims
	before ListCache
	made   sync.Map // ids of the objects this run created or adopted
}

// heldNothingBefore reports whether the parent is an object this run created: it held nothing
// before this run, so its "before" snapshot is empty and need not be listed. Parent keys end
// with the parent object's id ("location/kbID", "agentID"); a location is never made here.
func (tr *CreateTracker) heldNothingBefore(parent string) bool {
	_, ok := tr.made.Load(parent[strings.LastIndexByte(parent, '/')+1:])
	return ok
}

// CreateOnce creates an object so that a retried create never duplicates it (DESIGN.md: "A
// retried request never duplicates an object"). The client does not repeat a create that may
// have reached the server (client.MayHaveBeenApplied); CreateOnce then lists the parent's
// objects and adopts the newest one that matches, did not exist before this run created
// anything in the parent, and is not held by another resource of this run. Only when there is
// none does it create again.
//
// Before the first create in a parent, the parent's objects are listed once per run (the
// "before" snapshot, shared by every create in that parent), so that an identical object made
// by an earlier run is never adopted. A normal create costs its one POST plus, once per parent
// and run, that list — and not even that in a parent this run created (a knowledge base's
// FAQs, a new agent's actions), which held nothing before.
//
// It returns the created object, or the id of the adopted one (which the caller then reads).
func CreateOnce[T any](ctx context.Context, tr *CreateTracker, kind, parent string,
	create func(context.Context) (T, string, error),
	list func(context.Context) ([]Candidate, error),
) (created T, adoptedID string, err error) {
	var zero T
	key := kind + "/" + parent
	var snapshot []Candidate
	if !tr.heldNothingBefore(parent) {
		snapshot, err = CachedList(ctx, &tr.before, key, list)
	}
	canRecover := true
	switch {
	case err != nil && client.IsClientError(err):
		// A token that may create but not list (e.g. a scoped credential with only the write
		// permission): create without the means to recover a lost create.
		tflog.Warn(ctx, "cannot list before creating; a create whose answer is lost will not be recovered",
			map[string]any{"kind": kind, "error": err.Error()})
		canRecover = false
	case err != nil:
		return zero, "", fmt.Errorf("listing the existing %ss before creating one: %w", kind, err)
	}
	before := make(map[string]bool, len(snapshot))
	for _, c := range snapshot {
		before[c.ID] = true
	}

	me := fmt.Sprintf("create-%d", nextClaimant.Add(1))
	claim := func(id string) bool {
		_, taken := tr.claims.Claim(key+"/"+id, me)
		return !taken
	}
	var lastErr error
	for attempt := 1; attempt <= createAttempts; attempt++ {
		obj, id, err := create(ctx)
		switch {
		case err == nil:
			if claim(id) {
				tr.made.Store(id, true)
				return obj, "", nil
			}
			// Another resource adopted this object after its own create was lost; that one's
			// object, if it was made, is identical: look for it.
			tflog.Info(ctx, "the object this create made was adopted by a twin; looking for the twin's", map[string]any{"kind": kind, "id": id})
		case client.MayHaveBeenApplied(err) && !canRecover:
			return zero, "", fmt.Errorf("%w (the %s may have been created; this token cannot list %ss to check, so look for it before applying again)", err, kind, kind)
		case client.MayHaveBeenApplied(err):
			tflog.Warn(ctx, "create failed after the request was sent; looking for the object before creating again",
				map[string]any{"kind": kind, "attempt": attempt, "error": err.Error()})
			lastErr = err
		default:
			return zero, "", err
		}
		now, ferr := listPatiently(ctx, list)
		if ferr != nil {
			if lastErr == nil {
				lastErr = ferr
			}
			return zero, "", fmt.Errorf("%w (and looking for a %s it may have created failed: %v)", lastErr, kind, ferr)
		}
		sort.SliceStable(now, func(i, j int) bool { return now[i].CreatedAt > now[j].CreatedAt })
		for _, c := range now {
			if c.Matches && !before[c.ID] && claim(c.ID) {
				tflog.Info(ctx, "adopted the object a lost create made", map[string]any{"kind": kind, "id": c.ID})
				tr.made.Store(c.ID, true)
				return zero, c.ID, nil
			}
		}
		if attempt < createAttempts {
			select {
			case <-ctx.Done():
				return zero, "", ctx.Err()
			case <-time.After(createBackoff << (attempt - 1)):
			}
		}
	}
	return zero, "", fmt.Errorf("could not create the %s after %d attempts: %w", kind, createAttempts, lastErr)
}

// listPatiently lists until the API answers, waiting up to recoveryPatience (or the context's
// deadline) while it is unreachable or failing, since only the list can tell whether a lost
// create happened. An answer that is a clear refusal (a 4xx) ends the wait at once.
func listPatiently(ctx context.Context, list func(context.Context) ([]Candidate, error)) ([]Candidate, error) {
	deadline := time.Now().Add(recoveryPatience)
	wait := time.Second
	for {
		found, err := list(ctx)
		if err == nil || client.IsClientError(err) || time.Now().Add(wait).After(deadline) {
			return found, err
		}
		tflog.Warn(ctx, "the API does not answer; waiting to learn whether a lost create happened",
			map[string]any{"retry_in": wait.String(), "error": err.Error()})
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
	}
}
