// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"net/http"
)

// Location is a HighLevel location (sub-account), GET /locations/{id} (contract §3.6).
type Location struct {
	ID         string `json:"id"`
	CompanyID  string `json:"companyId"`
	Name       string `json:"name"`
	Timezone   string `json:"timezone"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Address    string `json:"address"`
	City       string `json:"city"`
	State      string `json:"state"`
	Country    string `json:"country"`
	PostalCode string `json:"postalCode"`
	Website    string `json:"website"`
}

// GetLocation reads a location ("" = the default location). It needs the locations.readonly
// scope; IsNotFound / IsForbidden tell an unknown location from one the token cannot reach.
func (c *Client) GetLocation(ctx context.Context, locationID string) (*Location, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	var out Location
	err = c.do(ctx, req{method: http.MethodGet, path: pathf("/locations/%s", loc),
		family: familyLocations, locationID: loc}, inEnvelope(&out, "location"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}
