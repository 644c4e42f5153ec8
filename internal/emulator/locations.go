// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import "net/http"

// GET /locations/{locationId} (contract §3.6): location tokens for their own location,
// agency tokens (OAuth or PIT) for any location of their company.
func (e *Emulator) registerLocationRoutes(mux *http.ServeMux) {
	e.handle(mux, "GET /locations/{locationId}", routeOpts{
		scope: "locations.readonly", accept: audLocation | audCompanyOAuth | audCompanyPIT, location: locPath,
	}, e.getLocation)
}

func (e *Emulator) getLocation(c *reqCtx) {
	l := c.st.Locations[c.path("locationId")]
	if l == nil { // unreachable after the location check, kept for safety
		c.notFound("Location not found")
		return
	}
	c.json(http.StatusOK, map[string]any{"location": map[string]any{
		"id": l.ID, "companyId": l.CompanyID, "name": l.Name, "timezone": l.Timezone, "email": l.Email,
		"phone": l.Phone, "address": l.Address, "city": l.City, "state": l.State, "country": l.Country,
		"postalCode": l.PostalCode, "website": l.Website, "dateAdded": isoTime(l.CreatedAt),
	}})
}
