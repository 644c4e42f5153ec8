// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// Environment variables that stand in for provider arguments left unset.
const (
	envBaseURL               = "HIGHLEVEL_BASE_URL"
	envToken                 = "HIGHLEVEL_TOKEN"
	envLocationID            = "HIGHLEVEL_LOCATION_ID"
	envOAuthClientID         = "HIGHLEVEL_OAUTH_CLIENT_ID"
	envOAuthClientSecret     = "HIGHLEVEL_OAUTH_CLIENT_SECRET"
	envOAuthRefreshToken     = "HIGHLEVEL_OAUTH_REFRESH_TOKEN"
	envOAuthAccessToken      = "HIGHLEVEL_OAUTH_ACCESS_TOKEN"
	envOAuthRefreshTokenFile = "HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE"
	envCompanyID             = "HIGHLEVEL_COMPANY_ID"
	envMaxRetries            = "HIGHLEVEL_MAX_RETRIES"
	envRequestsPer10s        = "HIGHLEVEL_REQUESTS_PER_10S"

	defaultBaseURL        = "https://services.leadconnectorhq.com"
	defaultMaxRetries     = 4
	defaultRequestsPer10s = 95
)

type providerModel struct {
	BaseURL        types.String `tfsdk:"base_url"`
	Token          types.String `tfsdk:"token"`
	LocationID     types.String `tfsdk:"location_id"`
	OAuth          *oauthModel  `tfsdk:"oauth"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestsPer10s types.Int64  `tfsdk:"requests_per_10s"`
}

type oauthModel struct {
	ClientID         types.String `tfsdk:"client_id"`
	ClientSecret     types.String `tfsdk:"client_secret"`
	RefreshToken     types.String `tfsdk:"refresh_token"`
	RefreshTokenFile types.String `tfsdk:"refresh_token_file"`
	AccessToken      types.String `tfsdk:"access_token"`
	CompanyID        types.String `tfsdk:"company_id"`
}

func (p *highlevelProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage HighLevel's AI as code — Conversation AI agents with their actions and knowledge " +
			"bases, Voice AI phone agents with their actions, the users who may touch each client's AI, and the " +
			"conversations and call logs to export — for one client location or a whole agency.\n\n" +
			"Authenticate with a location **Private Integration Token** (`token`), or as an agency with the " +
			"`oauth` block: the provider exchanges the agency token for a token per location the first time " +
			"that location is used, and refreshes it before it expires.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the HighLevel API. Defaults to `" + defaultBaseURL + "`, or the `" +
					envBaseURL + "` environment variable. Point it at the bundled emulator to work without a HighLevel account.",
				Optional: true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "A location Private Integration Token (`pit-…`), a location access token, or a scoped " +
					"credential (`sct-…`, minted by `highlevel_scope_credential`; emulator only) that limits this provider to " +
					"the credential's permissions and agents. Conflicts with `oauth`. Defaults to the `" + envToken +
					"` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"location_id": schema.StringAttribute{
				MarkdownDescription: "The default location (sub-account) of every resource and data source that does not " +
					"set its own `location_id`. With a Private Integration Token, this is the token's location: before its first " +
					"request for a location the provider checks, once per run, that the token belongs to it (a read of the location, " +
					"or of its knowledge bases or conversations when the token may not read locations), and a mismatch fails the " +
					"plan without writing anything. Defaults to the `" + envLocationID + "` environment variable.",
				Optional: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a rate-limit answer (429), "+
					"a gateway error or a connection failure, with jittered exponential backoff that honours `Retry-After`. "+
					"A create is retried only when the request provably never reached the server. Default %d; `0` disables "+
					"retries. Defaults to the `%s` environment variable.", defaultMaxRetries, envMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"requests_per_10s": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Client-side limit of requests per location per 10 seconds, kept under "+
					"the API's limit of 100 (bursts included) so that an apply never fails on a 429. Default %d. `0` turns "+
					"the client-side limit off: only for the emulator with its limits off, e.g. in benchmarks. Defaults to "+
					"the `%s` environment variable.", defaultRequestsPer10s, envRequestsPer10s),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
		},
		Blocks: map[string]schema.Block{
			"oauth": schema.SingleNestedBlock{
				MarkdownDescription: "Agency authentication with a HighLevel OAuth app installed on the agency's locations. " +
					"Give `client_id`, `client_secret` and `refresh_token` (the provider refreshes the agency token), or an " +
					"agency `access_token` with the agency's `company_id`. Conflicts with `token`. Each argument defaults to an " +
					"environment variable: `" + envOAuthClientID + "`, `" + envOAuthClientSecret + "`, `" + envOAuthRefreshToken +
					"`, `" + envOAuthRefreshTokenFile + "`, `" + envOAuthAccessToken + "`, `" + envCompanyID + "`.",
				Attributes: map[string]schema.Attribute{
					"client_id": schema.StringAttribute{
						MarkdownDescription: "The OAuth app's client ID.",
						Optional:            true,
					},
					"client_secret": schema.StringAttribute{
						MarkdownDescription: "The OAuth app's client secret.",
						Optional:            true,
						Sensitive:           true,
					},
					"refresh_token": schema.StringAttribute{
						MarkdownDescription: "An agency (`Company`) refresh token of the app. HighLevel refresh tokens are " +
							"single-use: the provider keeps the newest one in memory for the run.",
						Optional:  true,
						Sensitive: true,
					},
					"refresh_token_file": schema.StringAttribute{
						MarkdownDescription: "Path of a file holding the agency refresh token. Because HighLevel refresh tokens " +
							"are single-use, the provider writes the new token back to this file (mode 0600, atomically) each time " +
							"it refreshes, so that the next run can refresh again. Use it instead of `refresh_token` for anything " +
							"that runs more than once (CI, a workstation). Defaults to the `" + envOAuthRefreshTokenFile + "` environment variable.",
						Optional: true,
					},
					"access_token": schema.StringAttribute{
						MarkdownDescription: "An agency (`Company`) access token. Alone, it is used until it expires; with the " +
							"refresh-token arguments, it is used first and renewed through them once the API rejects it.",
						Optional:  true,
						Sensitive: true,
					},
					"company_id": schema.StringAttribute{
						MarkdownDescription: "The agency's company ID, sent when exchanging the agency token for location tokens. " +
							"Required with `access_token` alone; with the refresh-token flow it defaults to the company of the token.",
						Optional: true,
					},
				},
			},
		},
	}
}

// resolvedConfig is the provider configuration after environment defaults.
type resolvedConfig struct {
	client.Config
	unknown          bool   // some argument is not known until apply; checks wait for Configure
	refreshTokenFile string // where the rotating refresh token lives, if anywhere
}

// resolve merges the configuration with its environment defaults and checks it. Problems are
// reported as attribute errors that say which arguments to set.
func resolve(m providerModel, addError func(path.Path, string, string)) resolvedConfig {
	var rc resolvedConfig
	str := func(v types.String, env string) string {
		if v.IsUnknown() {
			rc.unknown = true
			return ""
		}
		if !v.IsNull() {
			return v.ValueString()
		}
		return os.Getenv(env)
	}
	integer := func(v types.Int64, env string, def int, p path.Path) int {
		if v.IsUnknown() {
			rc.unknown = true
			return def
		}
		if !v.IsNull() {
			return int(v.ValueInt64())
		}
		if s := os.Getenv(env); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				addError(p, "Invalid "+env, fmt.Sprintf("%s must be a whole number, got %q.", env, s))
				return def
			}
			return n
		}
		return def
	}

	rc.BaseURL = str(m.BaseURL, envBaseURL)
	if rc.BaseURL == "" {
		rc.BaseURL = defaultBaseURL
	}
	rc.Token = str(m.Token, envToken)
	rc.LocationID = str(m.LocationID, envLocationID)
	rc.MaxRetries = integer(m.MaxRetries, envMaxRetries, defaultMaxRetries, path.Root("max_retries"))
	if rc.MaxRetries == 0 {
		rc.MaxRetries = -1 // the client reads 0 as "default"; the user's 0 means no retries
	}
	rc.RequestsPer10s = integer(m.RequestsPer10s, envRequestsPer10s, defaultRequestsPer10s, path.Root("requests_per_10s"))
	if rc.RequestsPer10s == 0 {
		rc.RequestsPer10s = -1 // the client reads 0 as "default"; the user's 0 means no limit
	}

	oauth := m.OAuth
	if oauth == nil {
		oauth = &oauthModel{}
	}
	o := client.OAuthConfig{
		ClientID:     str(oauth.ClientID, envOAuthClientID),
		ClientSecret: str(oauth.ClientSecret, envOAuthClientSecret),
		RefreshToken: str(oauth.RefreshToken, envOAuthRefreshToken),
		AccessToken:  str(oauth.AccessToken, envOAuthAccessToken),
		CompanyID:    str(oauth.CompanyID, envCompanyID),
	}
	rc.refreshTokenFile = str(oauth.RefreshTokenFile, envOAuthRefreshTokenFile)
	if rc.unknown {
		return rc
	}

	if u, err := url.Parse(rc.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		addError(path.Root("base_url"), "Invalid base_url",
			fmt.Sprintf("base_url must be an absolute http(s) URL such as %q, got %q.", defaultBaseURL, rc.BaseURL))
	}

	if rc.refreshTokenFile != "" {
		if o.RefreshToken != "" {
			addError(path.Root("oauth").AtName("refresh_token_file"), "Conflicting OAuth arguments",
				"Give either refresh_token or refresh_token_file, not both.")
		} else if tok, err := readRefreshToken(rc.refreshTokenFile); err != nil {
			addError(path.Root("oauth").AtName("refresh_token_file"), "Cannot read refresh_token_file", err.Error())
		} else {
			o.RefreshToken = tok
		}
	}
	oauthSet := m.OAuth != nil || o.ClientID != "" || o.ClientSecret != "" || o.RefreshToken != "" || o.AccessToken != "" || o.CompanyID != ""
	switch {
	case rc.Token != "" && oauthSet:
		addError(path.Root("token"), "Conflicting authentication",
			"Set either token (a Private Integration Token, or "+envToken+") or the oauth block (agency OAuth), not both.")
	case rc.Token == "" && !oauthSet:
		addError(path.Root("token"), "Missing authentication",
			"Set token (a location Private Integration Token, or the "+envToken+" environment variable), or the oauth "+
				"block with client_id, client_secret and refresh_token (or access_token) and company_id.")
	case oauthSet:
		refreshFlow := o.ClientID != "" || o.ClientSecret != "" || o.RefreshToken != ""
		switch {
		case refreshFlow && (o.ClientID == "" || o.ClientSecret == "" || o.RefreshToken == ""):
			addError(path.Root("oauth"), "Incomplete OAuth arguments",
				"The refresh-token flow needs all of client_id, client_secret and refresh_token.")
		case !refreshFlow && o.AccessToken == "":
			addError(path.Root("oauth"), "Incomplete OAuth arguments",
				"The oauth block needs client_id, client_secret and refresh_token, or access_token.")
		case !refreshFlow && o.CompanyID == "":
			addError(path.Root("oauth").AtName("company_id"), "Missing company_id",
				"With access_token alone, the oauth block needs company_id (or "+envCompanyID+") to exchange the "+
					"agency token for location tokens.")
		}
		rc.OAuth = &o
	}
	return rc
}

func (p *highlevelProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resolve(m, resp.Diagnostics.AddAttributeError)
}

func (p *highlevelProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rc := resolve(m, resp.Diagnostics.AddAttributeError)
	if resp.Diagnostics.HasError() {
		return
	}
	if rc.unknown {
		// Not an error yet: a plan that needs no API call (a destroy, or a provider alias fed by
		// an ephemeral credential that is opened later) must succeed. The first call fails.
		tflog.Debug(ctx, "provider arguments not known yet; API calls will fail until they are")
		data := framework.NewProviderData(client.NewUnavailable(errors.New("the highlevel provider's configuration " +
			"depends on a value that is not known yet (for example a token from a resource that is not created yet); " +
			"the API cannot be called until it is. Use values known at plan time (variables, locals, environment " +
			"variables, ephemeral resources), or apply the resources it depends on first (-target)")))
		resp.ResourceData, resp.DataSourceData, resp.EphemeralResourceData = data, data, data
		return
	}
	rc.UserAgent = "terraform-provider-highlevel/" + p.version + " (+https://registry.terraform.io/providers/ghl-iac/highlevel; terraform " + req.TerraformVersion + ")"
	if rc.OAuth != nil && rc.refreshTokenFile != "" {
		file := rc.refreshTokenFile
		rc.OAuth.RefreshTokenRotated = func(token string) {
			if err := writeRefreshToken(file, token); err != nil {
				// The API has already consumed the old token: say loudly that the new one was not kept.
				tflog.Error(ctx, "cannot save the rotated OAuth refresh token; the next run will need a new one",
					map[string]any{"file": file, "error": err.Error()})
			}
		}
	}
	c, err := client.New(rc.Config)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the HighLevel API client", err.Error())
		return
	}
	data := framework.NewProviderData(c)
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}
