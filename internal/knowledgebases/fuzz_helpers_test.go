// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"reflect"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

type fuzzMarker struct{}

// TestFuzzBounded fuzzes every Fuzz target of this package for a bounded time (see
// fuzztest.Bounded; HIGHLEVEL_FUZZTIME sets the time per target).
func TestFuzzBounded(t *testing.T) { fuzztest.Bounded(t, reflect.TypeOf(fuzzMarker{}).PkgPath()) }
