// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Users: a location's users, their permissions and scopes (contract users.md). Every call
// carries the location's credential (a location PIT, or the location token minted from agency
// OAuth), so a user is reachable when its locationIds hold that location (§6.3). Quirks:
//
//   - create needs companyId: taken from the agency OAuth answer, else from GET /locations/{id}
//     (once per location and client);
//   - the Version is 2021-07-28, and v3 for a create or update whose scopes hold a v3-only value
//     (§5.3);
//   - password and scopesAssignedToOnly are write-only: never returned (§4.2);
//   - scopes come back as an array or as a string (§7.1): both are read;
//   - DELETE is queued (§6.2): the user may stay readable for minutes; the caller polls GetUser.

// UserScopes is every scope value of OAS v1 (users.md §5.4), in its order.
var UserScopes = []string{
	"campaigns.readonly", "campaigns.write", "calendars.readonly", "calendars/events.write",
	"calendars/groups.write", "calendars.write", "contacts.write", "contacts/bulkActions.write",
	"workflows.readonly", "workflows.write", "triggers.write", "funnels.write", "forms.write", "surveys.write",
	"quizzes.write", "websites.write", "medias.write", "medias.readonly", "opportunities.write",
	"opportunities/leadValue.readonly", "opportunities/bulkActions.write", "reporting/phone.readonly",
	"reporting/adwords.readonly", "reporting/facebookAds.readonly", "reporting/attributions.readonly",
	"prospecting/auditReport.write", "reporting/reports.readonly", "reporting/agent.readonly",
	"reporting/reports.write", "reporting/stats.export", "payments.write", "payments/records.write",
	"payments/orders.readonly", "payments/orders.export", "payments/orders.import",
	"payments/orders.collectPayment", "payments/subscriptions.readonly", "payments/subscriptions.write",
	"payments/subscriptions.update", "payments/subscriptions.export",
	"payments/subscriptions.pauseResumeCancel", "payments/subscriptions.sharePaymentMethod",
	"payments/transactions.readonly", "payments/transactions.export", "payments/transactions.import",
	"payments/transactions.refund", "payments/transactions.viewReceipts", "payments/taxesSettings.readonly",
	"payments/settings.readonly", "payments/taxesSettings.updateInclusiveExclusive",
	"payments/taxesSettings.manageRates", "payments/taxesSettings.configureAutomatic", "products.readonly",
	"products.write", "products.delete", "products.duplicate", "products.bulkActions",
	"payments/settings.write", "payments/settings.configureReceipt", "payments/settings.configureSubscription",
	"invoices.write", "invoices.readonly", "invoices/schedule.readonly", "invoices/schedule.write",
	"invoices/template.readonly", "invoices/template.write", "reputation/review.write",
	"reputation/listing.write", "reputation/reviewsAIAgents.write", "reputation/gbp.write",
	"conversations.write", "conversations.readonly", "conversations/message.readonly",
	"conversations/message.write", "contentAI.write", "dashboard/stats.readonly", "locations/tags.write",
	"locations/tags.readonly", "marketing.write", "eliza.write", "settings.write", "socialplanner/post.write",
	"socialplanner/account.readonly", "socialplanner/account.write", "socialplanner/category.readonly",
	"socialplanner/category.write", "socialplanner/csv.readonly", "socialplanner/csv.write",
	"socialplanner/group.write", "socialplanner/hashtag.readonly", "socialplanner/hashtag.write",
	"socialplanner/oauth.readonly", "socialplanner/oauth.write", "socialplanner/post.readonly",
	"socialplanner/recurring.readonly", "socialplanner/recurring.write", "socialplanner/review.readonly",
	"socialplanner/review.write", "socialplanner/rss.readonly", "socialplanner/rss.write",
	"socialplanner/search.readonly", "socialplanner/setting.readonly", "socialplanner/setting.write",
	"socialplanner/stat.readonly", "socialplanner/tag.readonly", "socialplanner/tag.write",
	"socialplanner/filters.readonly", "socialplanner/medias.readonly", "socialplanner/medias.write",
	"socialplanner/watermarks.readonly", "socialplanner/watermarks.write", "socialplanner/metatag.readonly",
	"socialplanner/facebook.readonly", "socialplanner/linkedin.readonly", "socialplanner/twitter.readonly",
	"socialplanner/notification.readonly", "socialplanner/notification.write",
	"socialplanner/snapshot.readonly", "socialplanner/snapshot.write", "marketing/affiliate.write",
	"blogs.write", "membership.write", "communities.write", "gokollab.write", "certificates.write",
	"certificates.readonly", "adPublishing.write", "adPublishing.readonly", "prospecting.write",
	"prospecting.readonly", "prospecting/reports.readonly", "private-integration-location.readonly",
	"private-integration-location.write", "private-integration-company.readonly",
	"private-integration-company.write", "native-integrations.readonly", "native-integrations.write",
	"wordpress.write", "wordpress.read", "custom-menu-link.write", "qrcodes.write",
	"users/team-management.write", "users/team-management.readonly", "loginas.write",
	"users-sso-login-management.write", "users-sso-login-management.readonly", "sso-config.write",
	"snapshots/api.readonly", "snapshots/api.create", "snapshots/api.edit", "snapshots/api.push",
	"snapshots/api.refresh", "snapshots/api.share", "snapshots/api.delete",
	"internaltools.location-transfer.write", "internaltools.location-transfer.readonly",
	"affiliateportal.write", "affiliateportal.readonly", "companies.write", "internaltools.billing.write",
	"internaltools.billing.readonly", "internaltools.billing-common.readonly",
	"internaltools.billing-common.write", "voice-ai-agents.write", "voice-ai-agents.readonly",
	"voice-ai-common.readonly", "voice-ai-common.write", "voice-ai-agent-goals.readonly",
	"voice-ai-agent-goals.write", "voice-ai-dashboard.readonly", "agency/launchpad.write",
	"agency/launchpad.readonly", "launchpad/location.write", "launchpad/location.readonly",
	"text-ai-agents.write", "text-ai-agent-goals.readonly", "text-ai-agent-goals.write",
	"text-ai-agent-training.write", "text-ai-agents-dashboard.readonly", "locations.create", "locations.delete",
	"locations.export.list", "locations.features-limits.manage", "locations.pause-resume",
	"locations.agency-subaccounts.manage", "locations.billing.manage", "locations.details.manage",
	"audit-logs.readonly", "audit-logs.export",
}

// UserScopesV3Only are the values only OAS-v3 lists (users.md §5.3); sending one switches the
// request's Version to v3.
var UserScopesV3Only = []string{
	"pipelines.create", "ai-studio.readonly", "ai-studio.write", "askai.write", "copilot.readonly",
}

// UserPermissionFlags are the 38 flags of PermissionsDto (users.md §4.3), in OAS order; their
// documented defaults are UserPermissionDefault's.
var UserPermissionFlags = []string{
	"campaignsEnabled", "campaignsReadOnly", "contactsEnabled", "workflowsEnabled", "workflowsReadOnly",
	"triggersEnabled", "funnelsEnabled", "websitesEnabled", "opportunitiesEnabled", "dashboardStatsEnabled",
	"bulkRequestsEnabled", "appointmentsEnabled", "reviewsEnabled", "onlineListingsEnabled", "phoneCallEnabled",
	"conversationsEnabled", "assignedDataOnly", "adwordsReportingEnabled", "membershipEnabled",
	"facebookAdsReportingEnabled", "attributionsReportingEnabled", "settingsEnabled", "tagsEnabled",
	"leadValueEnabled", "marketingEnabled", "agentReportingEnabled", "botService", "socialPlanner",
	"bloggingEnabled", "invoiceEnabled", "affiliateManagerEnabled", "contentAiEnabled", "refundsEnabled",
	"recordPaymentEnabled", "cancelSubscriptionEnabled", "paymentsEnabled", "communitiesEnabled",
	"exportPaymentsEnabled",
}

// userPermissionsOff are the flags whose default is false; every other flag defaults to true.
var userPermissionsOff = []string{
	"campaignsReadOnly", "workflowsReadOnly", "websitesEnabled", "assignedDataOnly", "adwordsReportingEnabled",
	"membershipEnabled", "facebookAdsReportingEnabled", "attributionsReportingEnabled", "botService",
}

// UserPermissionDefault is the documented default of a permission flag.
func UserPermissionDefault(flag string) bool { return !slices.Contains(userPermissionsOff, flag) }

// Values of type and role (OAS-v3 descriptions; no schema enum).
var (
	UserTypeValues = []string{"account", "agency"}
	UserRoleValues = []string{"admin", "user"}
)

// UserPasswordOK is the OAS-v3 password rule (users.md §4.1): at least 12 characters with an
// upper-case letter, a lower-case letter, a digit and a special character (neither a letter, a
// digit nor white space).
func UserPasswordOK(p string) bool {
	var upper, lower, digit, special bool
	n := 0
	for _, r := range p {
		n++
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case !strings.ContainsRune(" \t\r\n", r) && !isLetterOrDigit(r):
			special = true
		}
	}
	return n >= 12 && upper && lower && digit && special
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// User is a user as GET, POST and PUT answer it (UserSuccessfulResponseDto), and as search lists
// it (UserSchema, with Deleted).
type User struct {
	ID               string            `json:"id"`
	Name             string            `json:"name,omitempty"`
	FirstName        string            `json:"firstName"`
	LastName         string            `json:"lastName"`
	Email            string            `json:"email"`
	Phone            string            `json:"phone,omitempty"`
	Extension        string            `json:"extension,omitempty"`
	Permissions      map[string]bool   `json:"permissions,omitempty"`
	Scopes           []string          `json:"-"` // array or string in the answer (§7.1); nil when not returned
	Roles            UserRoles         `json:"roles"`
	LCPhone          map[string]string `json:"lcPhone,omitempty"`
	PlatformLanguage string            `json:"platformLanguage,omitempty"`
	Deleted          bool              `json:"deleted,omitempty"` // search only: a queued deletion
}

// UserRoles is the roles member: where the API returns type, role and locationIds.
type UserRoles struct {
	Type               string   `json:"type"`
	Role               string   `json:"role"`
	LocationIDs        []string `json:"locationIds"`
	RestrictSubAccount bool     `json:"restrictSubAccount,omitempty"`
}

// UnmarshalJSON reads scopes as an array, or as a string split on commas and white space.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	var aux struct {
		*plain
		Scopes json.RawMessage `json:"scopes"`
	}
	aux.plain = (*plain)(u)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.Scopes = nil
	switch {
	case len(aux.Scopes) == 0 || isJSONNull(aux.Scopes):
	case aux.Scopes[0] == '"':
		var s string
		if err := json.Unmarshal(aux.Scopes, &s); err != nil {
			return fmt.Errorf("user scopes: %w", err)
		}
		u.Scopes = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	default:
		if err := json.Unmarshal(aux.Scopes, &u.Scopes); err != nil {
			return fmt.Errorf("user scopes: %w", err)
		}
	}
	if u.Scopes == nil && len(aux.Scopes) > 0 && !isJSONNull(aux.Scopes) {
		u.Scopes = []string{} // "" or []: no scopes; absent or null stays nil (not returned)
	}
	return nil
}

// UserInput is the body of POST /users/ and PUT /users/{id}. The provider always sends the
// full scopes lists and all 38 permissions (the server's merge rules are undocumented):
//
//   - CompanyID "" is filled by CreateUser; it is not sent on update;
//   - Email and Password are sent when not "" (the provider sends the email on create only, the
//     password on create and when its version changes);
//   - Phone nil is not sent, "" clears it;
//   - Scopes and ScopesAssignedToOnly are sent when non-nil ([] disables all);
//   - Permissions is sent when non-nil.
type UserInput struct {
	CompanyID            string
	FirstName, LastName  string
	Email                string
	Password             string
	Phone                *string
	Type, Role           string
	LocationIDs          []string
	Permissions          map[string]bool
	Scopes               []string
	ScopesAssignedToOnly []string
}

// MarshalJSON implements the rules of UserInput.
func (in UserInput) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	put := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	put("companyId", in.CompanyID)
	put("firstName", in.FirstName)
	put("lastName", in.LastName)
	put("email", in.Email)
	put("password", in.Password)
	put("type", in.Type)
	put("role", in.Role)
	if in.Phone != nil {
		m["phone"] = *in.Phone
	}
	if in.LocationIDs != nil {
		m["locationIds"] = in.LocationIDs
	}
	if in.Permissions != nil {
		m["permissions"] = in.Permissions
	}
	if in.Scopes != nil {
		m["scopes"] = in.Scopes
	}
	if in.ScopesAssignedToOnly != nil {
		m["scopesAssignedToOnly"] = in.ScopesAssignedToOnly
	}
	return json.Marshal(m)
}

// version is v3 when a scope value exists only in OAS-v3 (users.md §2), else the family's.
func (in UserInput) version() string {
	for _, s := range slices.Concat(in.Scopes, in.ScopesAssignedToOnly) {
		if slices.Contains(UserScopesV3Only, s) {
			return "v3"
		}
	}
	return ""
}

// companyIDs caches the company of each (client, location): one lookup per location and run,
// also when many creates start together.
var companyIDs sync.Map // companyKey → *companyEntry

type companyKey struct {
	c   *Client
	loc string
}

type companyEntry struct {
	mu sync.Mutex // held during the lookup
	id string
}

// UserCompanyID returns the company (agency) id that user routes need: the agency OAuth
// answer's, else the location's companyId: from the location check's read when it made one,
// else GET /locations/{id} (needs locations.readonly).
func (c *Client) UserCompanyID(ctx context.Context, locationID string) (string, error) {
	if o, ok := c.auth.(*oauthSource); ok {
		if id := o.company(); id != "" {
			return id, nil
		}
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return "", err
	}
	v, _ := companyIDs.LoadOrStore(companyKey{c, loc}, &companyEntry{})
	e := v.(*companyEntry) //nolint:forcetypeassert // companyIDs holds nothing else
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.id != "" {
		return e.id, nil
	}
	// The location check of a static token has usually read the location already.
	if err := c.CheckLocation(ctx, loc); err != nil {
		return "", err
	}
	if id := c.checkedCompanyID(loc); id != "" {
		e.id = id
		return e.id, nil
	}
	l, err := c.GetLocation(ctx, loc)
	if err != nil {
		return "", fmt.Errorf("finding the company of location %s (users need its companyId): %w", loc, err)
	}
	if l.CompanyID == "" {
		return "", fmt.Errorf("location %s: the API did not return its companyId", loc)
	}
	e.id = l.CompanyID
	return e.id, nil
}

// CreateUser creates a user (POST /users/, 201). It is never retried once it may have reached
// the server.
func (c *Client) CreateUser(ctx context.Context, locationID string, in UserInput) (*User, error) {
	if in.CompanyID == "" {
		co, err := c.UserCompanyID(ctx, locationID)
		if err != nil {
			return nil, err
		}
		in.CompanyID = co
	}
	c.secrets.add(in.Password)
	var out User
	err := c.do(ctx, req{method: http.MethodPost, path: "/users/", family: familyUsers, locationID: locationID,
		body: in, version: in.version()}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetUser reads a user (GET /users/{id}); IsNotFound(err) when it is gone or out of reach.
func (c *Client) GetUser(ctx context.Context, locationID, id string) (*User, error) {
	if err := requireID("user", id); err != nil {
		return nil, err
	}
	var out User
	err := c.do(ctx, req{method: http.MethodGet, path: pathf("/users/%s", id), family: familyUsers, locationID: locationID}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateUser writes a user (PUT /users/{id}); absent members are unchanged (users.md §6.1).
func (c *Client) UpdateUser(ctx context.Context, locationID, id string, in UserInput) (*User, error) {
	if err := requireID("user", id); err != nil {
		return nil, err
	}
	c.secrets.add(in.Password)
	var out User
	err := c.do(ctx, req{method: http.MethodPut, path: pathf("/users/%s", id), family: familyUsers, locationID: locationID,
		body: in, version: in.version()}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteUser queues a user's deletion (DELETE /users/{id}). The API answers {succeded:true}
// (v1, sic) or {succeeded:true} (v3) and removes the user minutes later: poll GetUser until
// IsNotFound. A 404 is returned as an error (IsNotFound).
func (c *Client) DeleteUser(ctx context.Context, locationID, id string) error {
	if err := requireID("user", id); err != nil {
		return err
	}
	var out struct {
		Succeded  *bool  `json:"succeded"`
		Succeeded *bool  `json:"succeeded"`
		Message   string `json:"message"`
	}
	err := c.do(ctx, req{method: http.MethodDelete, path: pathf("/users/%s", id), family: familyUsers, locationID: locationID}, &out)
	if err != nil {
		return err
	}
	if (out.Succeded != nil && !*out.Succeded) || (out.Succeeded != nil && !*out.Succeeded) {
		return fmt.Errorf("DELETE /users/%s: the API answered that the deletion did not succeed: %s", id, out.Message)
	}
	return nil
}

// ListUsers lists the location's users (GET /users/search, skip/limit), every page. query
// filters by name, email or phone (server-side substring). The next page starts after what
// came back; count is a cross-check, and a list that cannot be completed is an error.
// Users whose deletion is queued (deleted:true) are left out.
func (c *Client) ListUsers(ctx context.Context, locationID, query string) ([]User, error) {
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	company, err := c.UserCompanyID(ctx, loc)
	if err != nil {
		return nil, err
	}
	progress := listProgress{what: "users of location " + loc}
	seen := map[string]bool{}
	var all []User
	for {
		q := url.Values{"companyId": {company}, "locationId": {loc}, "skip": {strconv.Itoa(progress.collected)},
			"limit": {strconv.Itoa(listPageSize)}}
		if query != "" {
			q.Set("query", query)
		}
		var page struct {
			Users []User `json:"users"`
			Count *int   `json:"count"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/users/search", family: familyUsers, locationID: loc, query: q}, &page)
		if err != nil {
			return nil, err
		}
		for _, u := range page.Users {
			if u.ID == "" || seen[u.ID] {
				return nil, fmt.Errorf("listing users of location %s: the API repeated user %q at skip %d; refusing an incomplete list", loc, u.ID, progress.collected)
			}
			seen[u.ID] = true
			if !u.Deleted {
				all = append(all, u)
			}
		}
		more, err := progress.page(len(page.Users), nil, page.Count)
		if err != nil {
			return nil, err
		}
		if !more {
			return all, nil
		}
	}
}
