// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"slices"
	"strings"
	"unicode"
)

// Validation of the Users family (contract users.md §1, §4.1, §5.4). The enums are the
// emulator's own copy of the official OpenAPI files (apps/users.json at d9cbcd5 and
// apps/v3/users-v3.json): the emulator never imports the client.

// userScopesV1 is the scope enum of OAS v1, in its order (users.md §5.4, 189 values).
var userScopesV1 = []string{
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

// userScopesV3Only are the values OAS-v3 adds (users.md §5.3). The emulator accepts them
// only on a request whose Version is v3 (unconfirmed).
var userScopesV3Only = []string{
	"pipelines.create", "ai-studio.readonly", "ai-studio.write", "askai.write", "copilot.readonly",
}

// userPermissionDefaults are the 38 flags of PermissionsDto with their defaults (users.md §4.3).
var userPermissionDefaults = map[string]bool{
	"campaignsEnabled": true, "campaignsReadOnly": false, "contactsEnabled": true, "workflowsEnabled": true,
	"workflowsReadOnly": false, "triggersEnabled": true, "funnelsEnabled": true, "websitesEnabled": false,
	"opportunitiesEnabled": true, "dashboardStatsEnabled": true, "bulkRequestsEnabled": true,
	"appointmentsEnabled": true, "reviewsEnabled": true, "onlineListingsEnabled": true, "phoneCallEnabled": true,
	"conversationsEnabled": true, "assignedDataOnly": false, "adwordsReportingEnabled": false,
	"membershipEnabled": false, "facebookAdsReportingEnabled": false, "attributionsReportingEnabled": false,
	"settingsEnabled": true, "tagsEnabled": true, "leadValueEnabled": true, "marketingEnabled": true,
	"agentReportingEnabled": true, "botService": false, "socialPlanner": true, "bloggingEnabled": true,
	"invoiceEnabled": true, "affiliateManagerEnabled": true, "contentAiEnabled": true, "refundsEnabled": true,
	"recordPaymentEnabled": true, "cancelSubscriptionEnabled": true, "paymentsEnabled": true,
	"communitiesEnabled": true, "exportPaymentsEnabled": true,
}

var (
	userTypes     = []string{"account", "agency"}
	userRoles     = []string{"admin", "user"}
	userLanguages = []string{"en_US", "es", "fr_CA", "fr_FR", "nl", "de", "pt_PT", "pt_BR", "it", "sv", "da", "fi", "no"}
	userMembers   = []string{
		"companyId", "firstName", "lastName", "email", "password", "phone", "type", "role", "locationIds",
		"permissions", "scopes", "scopesAssignedToOnly", "profilePhoto", "twilioPhone", "platformLanguage",
	}
)

const msgUserPassword = "password must be at least 12 characters and contain upper-case, lower-case, numeric and special characters"

// passwordOK is the OAS-v3 password rule, enforced under every Version (users.md §4.1): at
// least 12 characters, one upper-case letter, one lower-case letter, one digit and one
// special character (anything that is neither a letter, a digit nor white space).
func passwordOK(p string) bool {
	var upper, lower, digit, special bool
	for _, r := range p {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r):
			special = true
		}
	}
	return len([]rune(p)) >= 12 && upper && lower && digit && special
}

// emailOK is the emulator's format check (unconfirmed): one @, a dot in the domain, no spaces.
func emailOK(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.ContainsAny(s, " \t\r\n") && !strings.Contains(domain, "@") &&
		strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// userInput is a validated create or update body; nil fields were absent.
type userInput struct {
	companyID, firstName, lastName, email, password, phone *string
	typ, role, profilePhoto, platformLanguage              *string
	locationIDs, scopes, scopesAssignedToOnly              []string
	hasLocationIDs, hasScopes, hasScopesAssigned           bool
	permissions                                            map[string]bool
	twilioPhone                                            map[string]string
	hasTwilioPhone                                         bool
}

// validateUser checks a create (create=true) or update body. v3 allows the v3-only scopes.
func validateUser(o *obj, create, v3 bool) userInput {
	var in userInput
	o.whitelist(userMembers...)
	strp := func(s string, ok bool) *string {
		if !ok {
			return nil
		}
		return &s
	}
	if create {
		in.companyID = strp(o.reqStr("companyId"))
		in.firstName = strp(o.reqStr("firstName"))
		in.lastName = strp(o.reqStr("lastName"))
		in.email = strp(o.reqStr("email"))
		in.password = strp(o.reqStr("password"))
		in.typ = strp(o.reqEnum("type", userTypes...))
		in.role = strp(o.reqEnum("role", userRoles...))
		in.locationIDs, in.hasLocationIDs = o.reqStrList("locationIds", 1)
	} else {
		in.companyID = strp(o.nonEmptyStr("companyId"))
		in.firstName = strp(o.nonEmptyStr("firstName"))
		in.lastName = strp(o.nonEmptyStr("lastName"))
		in.email = strp(o.nonEmptyStr("email"))
		in.password = strp(o.nonEmptyStr("password"))
		in.typ = strp(o.enum("type", userTypes...))
		in.role = strp(o.enum("role", userRoles...))
		in.locationIDs, in.hasLocationIDs = o.strList("locationIds", 1)
	}
	if in.email != nil && !emailOK(*in.email) {
		o.errs().add("email must be an email")
	}
	if in.password != nil && !passwordOK(*in.password) {
		o.errs().add(msgUserPassword)
	}
	in.phone = strp(o.str("phone"))
	in.profilePhoto = strp(o.str("profilePhoto"))
	in.platformLanguage = strp(o.enum("platformLanguage", userLanguages...))
	allowed := userScopesV1
	if v3 {
		allowed = slices.Concat(userScopesV1, userScopesV3Only)
	}
	in.scopes, in.hasScopes = scopeList(o, "scopes", allowed)
	in.scopesAssignedToOnly, in.hasScopesAssigned = scopeList(o, "scopesAssignedToOnly", allowed)
	if p, ok := o.object("permissions"); ok {
		names := make([]string, 0, len(userPermissionDefaults))
		for k := range userPermissionDefaults {
			names = append(names, k)
		}
		p.whitelist(names...)
		in.permissions = map[string]bool{}
		for _, k := range names {
			if b, ok := p.boolean(k); ok {
				in.permissions[k] = b
			}
		}
	}
	if tp, ok := o.object("twilioPhone"); ok {
		in.hasTwilioPhone = true
		in.twilioPhone = map[string]string{}
		for k := range tp.m {
			if s, ok := tp.str(k); ok {
				in.twilioPhone[k] = s
			}
		}
	}
	return in
}

// scopeList validates a scopes array: every value from allowed (NestJS @IsIn with each).
func scopeList(o *obj, field string, allowed []string) ([]string, bool) {
	if !o.has(field) {
		return nil, false
	}
	list, ok := o.strList(field, 0)
	if !ok {
		return nil, false
	}
	for _, s := range list {
		if !slices.Contains(allowed, s) {
			o.errs().add("each value in %s must be one of the following values: %s", o.name(field), strings.Join(allowed, ", "))
			return nil, false
		}
	}
	out := dedupe(list)
	slices.Sort(out)
	return out, true
}
