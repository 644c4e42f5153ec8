// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"
	"strings"
)

// ParseImportID splits an import ID of the form "<parent>/<child>" or, when the parent may be
// left to the provider's default, "<child>". names describes the parts for the error message,
// e.g. ParseImportID(id, true, "location_id", "agent_id").
func ParseImportID(id string, parentOptional bool, parentName, childName string) (parent, child string, err error) {
	parts := strings.Split(id, "/")
	switch {
	case len(parts) == 2 && parts[0] != "" && parts[1] != "":
		return parts[0], parts[1], nil
	case len(parts) == 1 && parts[0] != "" && parentOptional:
		return "", parts[0], nil
	}
	if parentOptional {
		return "", "", fmt.Errorf("import ID %q must be %q or %q", id, "<"+childName+">", "<"+parentName+">/<"+childName+">")
	}
	return "", "", fmt.Errorf("import ID %q must be %q", id, "<"+parentName+">/<"+childName+">")
}
