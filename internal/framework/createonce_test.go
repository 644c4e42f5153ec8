// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// The pauses between create attempts are real time; the tests do not need them long.
func init() { createBackoff = time.Millisecond }

var errLost = &client.TransportError{Method: "POST", Path: "/x", Attempts: 1, MaybeApplied: true, Err: errors.New("EOF")}

// fakeParent is a parent whose creates can be lost.
type fakeParent struct {
	objects []Candidate
	lose    []error // the outcome of each create: nil stores it; errLost before or after storing
	stored  []bool  // whether a lost create was stored anyway
	creates int
	lists   int
}

func (f *fakeParent) create(context.Context) (string, string, error) {
	i := f.creates
	f.creates++
	id := "new" + string(rune('a'+i))
	var err error
	if i < len(f.lose) {
		err = f.lose[i]
	}
	if err == nil || (i < len(f.stored) && f.stored[i]) {
		f.objects = append(f.objects, Candidate{ID: id, CreatedAt: "2026-11-25T00:00:0" + string(rune('0'+i)) + ".000Z", Matches: true})
	}
	if err != nil {
		return "", "", err
	}
	return id, id, nil
}

func (f *fakeParent) list(context.Context) ([]Candidate, error) {
	f.lists++
	return append([]Candidate(nil), f.objects...), nil
}

func TestCreateOnce(t *testing.T) {
	ctx := context.Background()
	twinBefore := Candidate{ID: "old", CreatedAt: "2026-01-01T00:00:00.000Z", Matches: true}

	t.Run("plain success: one create, one list per parent and run", func(t *testing.T) {
		tr := &CreateTracker{}
		p := &fakeParent{objects: []Candidate{twinBefore}}
		for i := 0; i < 3; i++ {
			if got, adopted, err := CreateOnce(ctx, tr, "agent", "loc", p.create, p.list); err != nil || got == "" || adopted != "" {
				t.Fatalf("got %q %q %v", got, adopted, err)
			}
		}
		if p.creates != 3 || p.lists != 1 {
			t.Fatalf("creates %d lists %d, want 3 and 1", p.creates, p.lists)
		}
	})
	t.Run("answer lost after storing: adopted, never made twice, never the older twin", func(t *testing.T) {
		p := &fakeParent{objects: []Candidate{twinBefore}, lose: []error{errLost}, stored: []bool{true}}
		_, adopted, err := CreateOnce(ctx, &CreateTracker{}, "agent", "loc", p.create, p.list)
		if err != nil || adopted != "newa" || p.creates != 1 {
			t.Fatalf("adopted %q %v after %d creates", adopted, err, p.creates)
		}
	})
	t.Run("request lost before storing: created again", func(t *testing.T) {
		p := &fakeParent{objects: []Candidate{twinBefore}, lose: []error{errLost}}
		got, adopted, err := CreateOnce(ctx, &CreateTracker{}, "agent", "loc", p.create, p.list)
		if err != nil || got != "newb" || adopted != "" || p.creates != 2 {
			t.Fatalf("got %q adopted %q %v after %d creates", got, adopted, err, p.creates)
		}
	})
	t.Run("a clear failure is returned at once", func(t *testing.T) {
		refused := &client.APIError{StatusCode: 422, Method: "POST", Messages: []string{"name must be a string"}}
		p := &fakeParent{lose: []error{refused}}
		if _, _, err := CreateOnce(ctx, &CreateTracker{}, "agent", "loc", p.create, p.list); !errors.Is(err, refused) || p.creates != 1 {
			t.Fatalf("err %v after %d creates", err, p.creates)
		}
	})
	t.Run("an object a twin of this run holds is never adopted", func(t *testing.T) {
		tr := &CreateTracker{}
		p := &fakeParent{}
		first, _, _ := CreateOnce(ctx, tr, "agent", "loc", p.create, p.list) // newa, held by the first resource
		p.lose = []error{nil, errLost}
		got, adopted, err := CreateOnce(ctx, tr, "agent", "loc", p.create, p.list)
		if err != nil || adopted == first || got != "newc" {
			t.Fatalf("got %q adopted %q %v; must not take %q", got, adopted, err, first)
		}
	})
	t.Run("in a parent this run created: no snapshot list, a lost create still recovered", func(t *testing.T) {
		tr := &CreateTracker{}
		kbs := &fakeParent{}
		kb, _, err := CreateOnce(ctx, tr, "knowledge base", "loc", kbs.create, kbs.list)
		if err != nil {
			t.Fatal(err)
		}
		faqs := &fakeParent{}
		for i := 0; i < 3; i++ {
			if _, _, err := CreateOnce(ctx, tr, "FAQ", "loc/"+kb, faqs.create, faqs.list); err != nil {
				t.Fatal(err)
			}
		}
		if faqs.lists != 0 {
			t.Fatalf("%d FAQ lists for a knowledge base this run created, want 0", faqs.lists)
		}
		faqs.lose, faqs.stored = []error{nil, nil, nil, errLost}, []bool{false, false, false, true}
		_, adopted, err := CreateOnce(ctx, tr, "FAQ", "loc/"+kb, faqs.create, faqs.list)
		if err != nil || adopted != "newd" || faqs.creates != 4 || faqs.lists != 1 {
			t.Fatalf("adopted %q %v after %d creates and %d lists; want newd, 4, 1", adopted, err, faqs.creates, faqs.lists)
		}
		// Another parent, not made here, is still listed first.
		other := &fakeParent{}
		if _, _, err := CreateOnce(ctx, tr, "FAQ", "loc/kb-from-before", other.create, other.list); err != nil || other.lists != 1 {
			t.Fatalf("%d lists, %v; want the snapshot of a parent this run did not create", other.lists, err)
		}
	})
	t.Run("gives up after bounded attempts", func(t *testing.T) {
		p := &fakeParent{}
		for i := 0; i < createAttempts; i++ {
			p.lose = append(p.lose, errLost)
		}
		if _, _, err := CreateOnce(ctx, &CreateTracker{}, "agent", "loc", p.create, p.list); err == nil || p.creates != createAttempts {
			t.Fatalf("err %v after %d creates", err, p.creates)
		}
	})
}

func TestCreateOnceWaitsForTheAPIToLearnWhatHappened(t *testing.T) {
	down := &client.TransportError{Method: "GET", Path: "/x", Attempts: 5, Err: errors.New("connection refused")}
	p := &fakeParent{lose: []error{errLost}, stored: []bool{true}}
	failures := 2
	list := func(ctx context.Context) ([]Candidate, error) {
		if p.lists > 0 && failures > 0 { // the first list is the snapshot, before the outage
			failures--
			return nil, down
		}
		return p.list(ctx)
	}
	_, adopted, err := CreateOnce(context.Background(), &CreateTracker{}, "agent", "loc", p.create, list)
	if err != nil || adopted != "newa" || p.creates != 1 {
		t.Fatalf("adopted %q %v after %d creates; want the stored object once the API is back", adopted, err, p.creates)
	}
}

func TestCreateOnceWithATokenThatCannotList(t *testing.T) {
	denied := &client.APIError{StatusCode: 403, Method: "GET", Messages: []string{"Missing permission conversation-ai.readonly"}}
	p := &fakeParent{}
	list := func(context.Context) ([]Candidate, error) { return nil, denied }
	got, _, err := CreateOnce(context.Background(), &CreateTracker{}, "agent", "loc", p.create, list)
	if err != nil || got != "newa" {
		t.Fatalf("got %q %v; a token that may only write must still create", got, err)
	}
	p.lose = []error{nil, errLost}
	if _, _, err := CreateOnce(context.Background(), &CreateTracker{}, "agent", "loc", p.create, list); err == nil || p.creates != 2 {
		t.Fatalf("a lost create without the means to check must fail clearly, not repeat: err %v, creates %d", err, p.creates)
	}
}

// With ByCreationTime and a server Date known, no list precedes the first create; a lost
// create adopts only a match created at or after that Date, never an older twin, and refuses
// to guess about a match created just before it.
func TestCreateOnceByCreationTime(t *testing.T) {
	ctx := context.Background()
	since := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	tr := func() *CreateTracker {
		return &CreateTracker{ServerTime: func() (time.Time, bool) { return since, true }}
	}
	at := func(id string, t time.Time) Candidate {
		return Candidate{ID: id, CreatedAt: t.Format(time.RFC3339Nano), Created: t, Matches: true}
	}
	t.Run("no snapshot list", func(t *testing.T) {
		p := &fakeParent{objects: []Candidate{at("old", since.Add(-time.Hour))}}
		if _, _, err := CreateOnce(ctx, tr(), "agent", "loc", p.create, p.list, ByCreationTime); err != nil || p.lists != 0 {
			t.Fatalf("%v, %d lists; want none", err, p.lists)
		}
	})
	lostAfterStoring := func(objects ...Candidate) (string, *fakeParent, error) {
		p := &fakeParent{objects: objects, lose: []error{errLost}}
		list := func(context.Context) ([]Candidate, error) {
			p.lists++
			// The lost create was stored at since + 2s.
			return append(append([]Candidate(nil), p.objects...), at("mine", since.Add(2*time.Second))), nil
		}
		_, adopted, err := CreateOnce(ctx, tr(), "agent", "loc", p.create, list, ByCreationTime)
		return adopted, p, err
	}
	t.Run("adopts the new one, never the old twin", func(t *testing.T) {
		adopted, p, err := lostAfterStoring(at("old", since.Add(-time.Hour)))
		if err != nil || adopted != "mine" || p.creates != 1 {
			t.Fatalf("adopted %q %v after %d creates", adopted, err, p.creates)
		}
	})
	t.Run("a match just before the Date: no guess, no second create", func(t *testing.T) {
		p := &fakeParent{objects: []Candidate{at("close", since.Add(-time.Second))}, lose: []error{errLost}}
		_, adopted, err := CreateOnce(ctx, tr(), "agent", "loc", p.create, p.list, ByCreationTime)
		if err == nil || adopted != "" || p.creates != 1 || !strings.Contains(err.Error(), "close") {
			t.Fatalf("adopted %q %v after %d creates; want an error naming the ambiguous object", adopted, err, p.creates)
		}
	})
	t.Run("no Date yet: the snapshot as before", func(t *testing.T) {
		p := &fakeParent{}
		none := &CreateTracker{ServerTime: func() (time.Time, bool) { return time.Time{}, false }}
		if _, _, err := CreateOnce(ctx, none, "agent", "loc", p.create, p.list, ByCreationTime); err != nil || p.lists != 1 {
			t.Fatalf("%v, %d lists; want the snapshot", err, p.lists)
		}
	})
}
