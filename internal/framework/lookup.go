// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"
	"strings"
)

// Lookup is a data source's search for one object of a location by a key other than its ID
// (a name, an email), among a list whose query matches more loosely (substrings, any case).
type Lookup struct {
	What, Whats string // the kind of object, singular and plural: "agent", "agents"
	Location    string
	// Is and Are say how the objects match, for one and for several: `is named "X"`.
	Is, Are string
}

// ByName is the Lookup of an object by its exact name.
func ByName(what, whats, location, name string) Lookup {
	return Lookup{What: what, Whats: whats, Location: location,
		Is: fmt.Sprintf("is named %q", name), Are: fmt.Sprintf("are named %q", name)}
}

// FindOne returns the one item that matches. None, or several (the API does not keep names
// unique), is an error that says so and names the candidates' IDs.
func FindOne[T any](l Lookup, items []T, matches func(T) bool, id func(T) string) (T, error) {
	var found []T
	var ids []string
	for _, it := range items {
		if matches(it) {
			found = append(found, it)
			ids = append(ids, id(it))
		}
	}
	var zero T
	switch len(found) {
	case 0:
		return zero, fmt.Errorf("no %s of location %s %s", l.What, l.Location, l.Is)
	case 1:
		return found[0], nil
	}
	return zero, fmt.Errorf("%d %s of location %s %s (%s); look the %s up by id instead",
		len(found), l.Whats, l.Location, l.Are, strings.Join(ids, ", "), l.What)
}
