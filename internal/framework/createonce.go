// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"slices"
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
	// Created is the API's creation time (ParseCreated(CreatedAt)), zero when unknown; listers
	// of kinds created with ByCreationTime set it.
	Created time.Time
	// Matches reports whether the object looks like the one being created.
	Matches bool
}

// CreateOption changes how CreateOnce tells new objects from old ones.
type CreateOption int

// ByCreationTime: the API gives every object of this kind its creation time (a required
// createdAt in HighLevel's published schema), so once the API has answered a request with its
// Date, CreateOnce need not list the parent before the first create: after a lost create it
// adopts only a matching object created at or after that Date (server time, no clock skew),
// takes none older than clockMargin before it, and refuses to guess in between.
const ByCreationTime CreateOption = 1

// clockMargin is how far apart the clocks of the API's servers may be, for ByCreationTime. On
// one clock this create's object is never older than the Date seen before it was sent (Date is
// rounded down to the second); NTP keeps servers within milliseconds of each other. A matching
// object created within the margin before that Date is neither adopted nor created again. An
// identical object from an earlier apply is older than that unless it ended within 2 s.
const clockMargin = 2 * time.Second

// ParseCreated parses the API's createdAt (ISO 8601); zero when it is empty or not a time.
func ParseCreated(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// CreateTracker is what CreateOnce remembers during one provider run: the objects each create
// made or adopted, and which objects every parent held before this run created anything in it.
type CreateTracker struct {
	claims Claims
	before ListCache
	made   sync.Map // ids of the objects this run created or adopted
	// ServerTime is the API's latest Date (client.Client.ServerTime), for ByCreationTime.
	ServerTime func() (time.Time, bool)
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
// by an earlier run is never adopted (with ByCreationTime, the API's clock tells instead). A
// normal create costs its one POST plus, once per parent
// and run, that list — and not even that in a parent this run created (a knowledge base's
// FAQs, a new agent's actions), which held nothing before.
//
// It returns the created object, or the id of the adopted one (which the caller then reads).
func CreateOnce[T any](ctx context.Context, tr *CreateTracker, kind, parent string,
	create func(context.Context) (T, string, error),
	list func(context.Context) ([]Candidate, error),
	opts ...CreateOption,
) (created T, adoptedID string, err error) {
	var zero T
	key := kind + "/" + parent
	var snapshot []Candidate
	var since time.Time // ByCreationTime: objects created from then on may be this create's
	if slices.Contains(opts, ByCreationTime) && tr.ServerTime != nil {
		if t, ok := tr.ServerTime(); ok {
			since = t
		}
	}
	bySnapshot := since.IsZero() && !tr.heldNothingBefore(parent)
	if bySnapshot {
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
			lastErr = fmt.Errorf("the %s this create made (%s) was taken by another resource of this run", kind, id)
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
			if !c.Matches || before[c.ID] {
				continue
			}
			if !bySnapshot && !since.IsZero() {
				if !c.Created.IsZero() && c.Created.Before(since.Add(-clockMargin)) {
					continue // existed long before this run's last answer from the API
				}
				if c.Created.IsZero() || c.Created.Before(since) {
					if tr.claims.Holder(key+"/"+c.ID) == "" {
						return zero, "", fmt.Errorf("%w (a matching %s %s was created at %s, within %s before the API's last answer, "+
							"so this run cannot tell whether this create made it; nothing was created again. If no resource of "+
							"your configuration holds %s, import it into this resource; otherwise apply again)",
							lastErr, kind, c.ID, c.CreatedAt, clockMargin, c.ID)
					}
					continue
				}
			}
			if claim(c.ID) {
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
