// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Users family (contract users.md): location users, their permissions and scopes. Users
// belong to a company; a location token reaches the users of its location, an agency token
// (OAuth or PIT) every user of its company (§6.3).

// UserState is the Users family's part of State.
type UserState struct {
	Users map[string]*User `json:"users,omitempty"`
	// UserDeleteDelay is how long a deleted user stays visible (users.md §6.2; default 0),
	// set by Options.UserDeleteDelay or PUT /_emulator/users.
	UserDeleteDelay time.Duration `json:"userDeleteDelay,omitempty"`
}

// User is a user as stored. The password is kept only as its SHA-256.
type User struct {
	ID                   string            `json:"id"`
	CompanyID            string            `json:"companyId"`
	FirstName            string            `json:"firstName"`
	LastName             string            `json:"lastName"`
	Email                string            `json:"email"`
	Phone                string            `json:"phone"`
	Type                 string            `json:"type"`
	Role                 string            `json:"role"`
	LocationIDs          []string          `json:"locationIds"`
	Permissions          map[string]bool   `json:"permissions"`
	Scopes               []string          `json:"scopes"`
	ScopesAssignedToOnly []string          `json:"scopesAssignedToOnly"`
	PasswordSHA256       string            `json:"passwordSha256"`
	ProfilePhoto         string            `json:"profilePhoto,omitempty"`
	TwilioPhone          map[string]string `json:"twilioPhone,omitempty"`
	PlatformLanguage     string            `json:"platformLanguage,omitempty"`
	CreatedAt            time.Time         `json:"createdAt"`
	// DeleteAt is set by DELETE: the user is gone once the clock reaches it (queued deletion).
	DeleteAt *time.Time `json:"deleteAt,omitempty"`
}

// gone reports whether a queued deletion has taken effect.
func (u *User) gone(now time.Time) bool { return u.DeleteAt != nil && !now.Before(*u.DeleteAt) }

// queued reports whether the user is deleted but still visible.
func (u *User) queued(now time.Time) bool { return u.DeleteAt != nil && now.Before(*u.DeleteAt) }

const (
	msgUserNotFound   = "User not found" // wording unconfirmed (users.md §1)
	msgUserEmailTaken = "User with this email already exists"
	msgUserEmailFixed = "Email update is not supported"
)

// registerUserRoutes: the routes of users.md §3.1 except the deprecated GET /users/.
func (e *Emulator) registerUserRoutes(mux *http.ServeMux) {
	if e.st.Users == nil {
		e.st.Users = map[string]*User{}
	}
	if e.opts.UserDeleteDelay > 0 {
		e.st.UserDeleteDelay = e.opts.UserDeleteDelay
	}
	tokens := audLocation | audCompanyOAuth | audCompanyPIT
	read := routeOpts{scope: "users.readonly", accept: tokens}
	write := routeOpts{scope: "users.write", accept: tokens}
	e.handle(mux, "POST /users/{$}", write, e.createUser)
	e.handle(mux, "POST /users", write, e.createUser)
	search := read
	search.location = locQuery
	e.handle(mux, "GET /users/search", search, e.searchUsers)
	e.handle(mux, "POST /users/search/filter-by-email",
		routeOpts{scope: "users.readonly", accept: audCompanyOAuth | audCompanyPIT}, e.filterUsersByEmail)
	e.handle(mux, "GET /users/{userId}", read, e.getUser)
	e.handle(mux, "PUT /users/{userId}", write, e.updateUser)
	e.handle(mux, "DELETE /users/{userId}", write, e.deleteUser)
}

// registerUserControl adds PUT /_emulator/users {"delete_delay_ms":n}: how long a deleted
// user stays visible (0 = gone at once).
func (e *Emulator) registerUserControl(mux *http.ServeMux) {
	mux.HandleFunc("PUT /_emulator/users", e.adminOnly(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			DeleteDelayMS int64 `json:"delete_delay_ms"`
		}
		if !readControl(w, r, &body) {
			return
		}
		if body.DeleteDelayMS < 0 {
			writeNestError(w, http.StatusBadRequest, "delete_delay_ms must be >= 0")
			return
		}
		e.mu.Lock()
		e.st.UserDeleteDelay = time.Duration(body.DeleteDelayMS) * time.Millisecond
		err := e.persistLocked()
		e.mu.Unlock()
		if err != nil {
			writeNestError(w, http.StatusInternalServerError, msgInternal)
			return
		}
		writeControlJSON(w, http.StatusOK, map[string]any{"delete_delay_ms": body.DeleteDelayMS})
	}))
}

// userOf returns a live user the caller may reach, or nil (404): a user of the caller's
// company, and for a location token one whose locationIds hold that location (§6.3).
func (c *reqCtx) userOf(id string) *User {
	u := c.st.Users[id]
	if u == nil || u.gone(c.now) || u.CompanyID != c.caller.companyID {
		return nil
	}
	if loc := c.locationID(); loc != "" && !slices.Contains(u.LocationIDs, loc) {
		return nil
	}
	return u
}

// purgeGoneUsers drops users whose queued deletion took effect.
func (st *State) purgeGoneUsers(now time.Time) {
	for id, u := range st.Users {
		if u.gone(now) {
			delete(st.Users, id)
		}
	}
}

// checkUserReach answers 403/422 when the caller may not write these members: the company
// must be the caller's; a location token may only give its own location to an account user;
// an agency token only locations of its company.
func (c *reqCtx) checkUserReach(in userInput) bool {
	if in.companyID != nil && *in.companyID != c.caller.companyID {
		c.forbidden(msgLocation)
		return false
	}
	if loc := c.locationID(); loc != "" {
		if (in.hasLocationIDs && !slices.Equal(dedupe(in.locationIDs), []string{loc})) || (in.typ != nil && *in.typ != "account") {
			c.forbidden(msgLocation)
			return false
		}
		return true
	}
	for _, id := range in.locationIDs {
		if l := c.st.Locations[id]; l == nil || l.CompanyID != c.caller.companyID {
			c.invalid("locationIds must be locations of the company")
			return false
		}
	}
	return true
}

// emailTaken reports whether another live user of the company has this email (case-insensitive).
func (st *State) emailTaken(companyID, email, exceptID string, now time.Time) bool {
	for _, u := range st.Users {
		if u.ID != exceptID && u.CompanyID == companyID && !u.gone(now) && strings.EqualFold(u.Email, email) {
			return true
		}
	}
	return false
}

func (c *reqCtx) isV3() bool { return c.r.Header.Get("Version") == "v3" }

func passwordHash(p string) string {
	sum := sha256.Sum256([]byte(p))
	return hex.EncodeToString(sum[:])
}

func (e *Emulator) createUser(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	in := validateUser(o, true, c.isV3())
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	if !c.checkUserReach(in) {
		return
	}
	c.st.purgeGoneUsers(c.now)
	if c.st.emailTaken(c.caller.companyID, *in.email, "", c.now) {
		c.badRequest(msgUserEmailTaken)
		return
	}
	u := &User{
		ID: newID(), CompanyID: c.caller.companyID, Email: *in.email, Permissions: map[string]bool{},
		Scopes: slices.Clone(userScopesV1), ScopesAssignedToOnly: []string{}, CreatedAt: c.now,
	}
	slices.Sort(u.Scopes)
	for k, v := range userPermissionDefaults {
		u.Permissions[k] = v
	}
	in.apply(u)
	c.st.Users[u.ID] = u
	c.json(http.StatusCreated, userView(u))
}

func (in userInput) apply(u *User) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&u.FirstName, in.firstName)
	set(&u.LastName, in.lastName)
	set(&u.Phone, in.phone)
	set(&u.Type, in.typ)
	set(&u.Role, in.role)
	set(&u.ProfilePhoto, in.profilePhoto)
	set(&u.PlatformLanguage, in.platformLanguage)
	if in.password != nil {
		u.PasswordSHA256 = passwordHash(*in.password)
	}
	if in.hasLocationIDs {
		u.LocationIDs = dedupe(in.locationIDs)
	}
	if in.hasScopes {
		u.Scopes = in.scopes
	}
	if in.hasScopesAssigned {
		u.ScopesAssignedToOnly = in.scopesAssignedToOnly
	}
	for k, v := range in.permissions { // merged per flag (unconfirmed, users.md §4.3)
		u.Permissions[k] = v
	}
	if in.hasTwilioPhone {
		u.TwilioPhone = in.twilioPhone
	}
}

func (e *Emulator) getUser(c *reqCtx) {
	u := c.userOf(c.path("userId"))
	if u == nil {
		c.notFound(msgUserNotFound)
		return
	}
	c.json(http.StatusOK, userView(u))
}

// PUT: absent members are unchanged; present ones replace (users.md §6.1).
func (e *Emulator) updateUser(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	in := validateUser(o, false, c.isV3())
	if !o.errs().ok() {
		c.invalid(o.errs().msgs...)
		return
	}
	if !c.checkUserReach(in) {
		return
	}
	u := c.userOf(c.path("userId"))
	if u == nil || u.DeleteAt != nil {
		c.notFound(msgUserNotFound)
		return
	}
	if in.email != nil && !strings.EqualFold(*in.email, u.Email) {
		c.badRequest(msgUserEmailFixed)
		return
	}
	in.apply(u)
	c.json(http.StatusOK, userView(u))
}

// DELETE queues the deletion (users.md §6.2): the user stays visible for UserDeleteDelay.
func (e *Emulator) deleteUser(c *reqCtx) {
	u := c.userOf(c.path("userId"))
	if u == nil {
		c.notFound(msgUserNotFound)
		return
	}
	if u.DeleteAt == nil {
		at := c.now.Add(c.st.UserDeleteDelay)
		u.DeleteAt = &at
	}
	if u.gone(c.now) {
		delete(c.st.Users, u.ID)
	}
	key := "succeded" // sic, OAS v1 and the SDK; v3 spells it correctly
	if c.isV3() {
		key = "succeeded"
	}
	c.json(http.StatusOK, map[string]any{
		key:       true,
		"message": "Queued deleting user with e-mail " + u.Email + " and name " + u.FirstName + " " + u.LastName + ". Will take effect in a few minutes.",
	})
}

// GET /users/search (users.md §3.2): companyId required; locationId filters (a location token
// is limited to its location); query matches name, email or phone; skip/limit paging (limit
// default 25, max 100); count = all matches. Queued deletions are listed with deleted:true.
func (e *Emulator) searchUsers(c *reqCtx) {
	q := c.r.URL.Query()
	var msgs []string
	if q.Get("companyId") == "" {
		msgs = append(msgs, "companyId should not be empty")
	}
	skip, m1 := queryInt(q, "skip", 0, 0, 1<<31)
	limit, m2 := queryInt(q, "limit", 25, 1, 100)
	msgs = append(append(msgs, m1...), m2...)
	if sd := q.Get("sortDirection"); sd != "" && sd != "asc" && sd != "desc" {
		msgs = append(msgs, "sortDirection must be one of the following values: asc, desc")
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	if q.Get("companyId") != c.caller.companyID {
		c.forbidden(msgLocation)
		return
	}
	loc := q.Get("locationId")
	if loc == "" {
		loc = c.locationID()
	}
	var ids []string
	if s := q.Get("ids"); s != "" {
		ids = strings.Split(s, ",")
	}
	query := strings.ToLower(q.Get("query"))
	var matched []*User
	for _, u := range c.st.Users {
		switch {
		case u.CompanyID != c.caller.companyID || u.gone(c.now):
		case loc != "" && !slices.Contains(u.LocationIDs, loc):
		case q.Get("type") != "" && u.Type != q.Get("type"):
		case q.Get("role") != "" && u.Role != q.Get("role"):
		case ids != nil && !slices.Contains(ids, u.ID):
		case query != "" && !strings.Contains(strings.ToLower(u.FirstName+" "+u.LastName), query) &&
			!strings.Contains(strings.ToLower(u.Email), query) && !strings.Contains(strings.ToLower(u.Phone), query):
		default:
			matched = append(matched, u)
		}
	}
	sortUsers(matched, q.Get("sort"), q.Get("sortDirection") == "desc")
	start := min(int(skip), len(matched))
	page := matched[start:min(start+int(limit), len(matched))]
	items := make([]userListItem, 0, len(page))
	for _, u := range page {
		items = append(items, userListView(u, c.now))
	}
	c.json(http.StatusOK, map[string]any{"users": items, "count": len(matched)})
}

// sortUsers orders by first and last name (default) or by dateAdded, then by id.
func sortUsers(us []*User, by string, desc bool) {
	slices.SortFunc(us, func(a, b *User) int {
		d := 0
		if by == "dateAdded" {
			d = a.CreatedAt.Compare(b.CreatedAt)
		} else {
			d = strings.Compare(strings.ToLower(a.FirstName+" "+a.LastName), strings.ToLower(b.FirstName+" "+b.LastName))
		}
		if d == 0 {
			d = strings.Compare(a.ID, b.ID)
		}
		if desc {
			d = -d
		}
		return d
	})
}

// POST /users/search/filter-by-email (agency tokens only): emails is a comma-separated string.
func (e *Emulator) filterUsersByEmail(c *reqCtx) {
	o := c.object()
	if o == nil {
		return
	}
	o.whitelist("companyId", "emails", "deleted", "skip", "limit", "projection")
	company, _ := o.reqStr("companyId")
	emails, _ := o.reqStr("emails")
	deleted, _ := o.boolean("deleted")
	skipS, _ := o.str("skip")
	limitS, _ := o.str("limit")
	projection, _ := o.str("projection")
	skip, m1 := queryInt(map[string][]string{"skip": {skipS}}, "skip", 0, 0, 1<<31)
	limit, m2 := queryInt(map[string][]string{"limit": {limitS}}, "limit", 25, 1, 100)
	if !o.errs().ok() || len(m1)+len(m2) > 0 {
		c.invalid(append(append(o.errs().msgs, m1...), m2...)...)
		return
	}
	if company != c.caller.companyID {
		c.forbidden(msgLocation)
		return
	}
	want := map[string]bool{}
	for _, s := range strings.Split(emails, ",") {
		want[strings.ToLower(strings.TrimSpace(s))] = true
	}
	var matched []*User
	for _, u := range c.st.Users {
		if u.CompanyID == company && !u.gone(c.now) && want[strings.ToLower(u.Email)] && u.queued(c.now) == deleted {
			matched = append(matched, u)
		}
	}
	sortUsers(matched, "", false)
	start := min(int(skip), len(matched))
	page := matched[start:min(start+int(limit), len(matched))]
	items := make([]any, 0, len(page))
	for _, u := range page {
		if projection == "all" {
			items = append(items, userListView(u, c.now))
		} else {
			items = append(items, map[string]any{"id": u.ID, "email": u.Email})
		}
	}
	c.json(http.StatusOK, map[string]any{"users": items, "count": len(matched)})
}

// userRoles is the roles member of a User answer.
type userRolesJSON struct {
	Type               string   `json:"type"`
	Role               string   `json:"role"`
	LocationIDs        []string `json:"locationIds"`
	RestrictSubAccount bool     `json:"restrictSubAccount"`
}

// userJSON is the User answer (users.md §4.2): never password, scopesAssignedToOnly,
// profilePhoto, twilioPhone or companyId; type/role/locationIds only under roles.
type userJSON struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	FirstName        string            `json:"firstName"`
	LastName         string            `json:"lastName"`
	Email            string            `json:"email"`
	Phone            string            `json:"phone"`
	Extension        string            `json:"extension"`
	Permissions      map[string]bool   `json:"permissions"`
	Scopes           []string          `json:"scopes"`
	Roles            userRolesJSON     `json:"roles"`
	LCPhone          map[string]string `json:"lcPhone"`
	PlatformLanguage string            `json:"platformLanguage,omitempty"`
}

type userListItem struct {
	userJSON
	Deleted bool `json:"deleted"`
}

func userView(u *User) userJSON {
	scopes := slices.Clone(u.Scopes)
	if scopes == nil {
		scopes = []string{}
	}
	slices.Sort(scopes)
	perms := make(map[string]bool, len(u.Permissions))
	for k, v := range u.Permissions {
		perms[k] = v
	}
	return userJSON{
		ID: u.ID, Name: strings.TrimSpace(u.FirstName + " " + u.LastName), FirstName: u.FirstName, LastName: u.LastName,
		Email: u.Email, Phone: u.Phone, Permissions: perms, Scopes: scopes,
		Roles:   userRolesJSON{Type: u.Type, Role: u.Role, LocationIDs: orEmpty(slices.Clone(u.LocationIDs))},
		LCPhone: map[string]string{}, PlatformLanguage: u.PlatformLanguage,
	}
}

func userListView(u *User, now time.Time) userListItem {
	return userListItem{userJSON: userView(u), Deleted: u.queued(now)}
}
