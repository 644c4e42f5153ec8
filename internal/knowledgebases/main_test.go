// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
