# EMULATOR ONLY, opt-in (var.external_app, default null): a scope limited to this client's
# agent and a credential issued under it, for an external app. highlevel_scope and
# highlevel_scope_credential are an extension of the bundled emulator (contract §5); HighLevel's
# real API has no such routes, so with the default (null) nothing here is planned and the
# module works unchanged against the real API. examples/scoped-credentials shows it in use.
# Against the real API, give people and integrations AI access with users (users.tf).

variable "external_app" {
  description = "EMULATOR ONLY (the scope extension exists in the bundled emulator, not in HighLevel's API; leave null against the real API). An external app (a CRM, Zapier, a reporting tool) that talks to the client's location with a credential of its own: a scope limited to this client's agent and to `permissions`, and a credential issued under it. `expires_at` (RFC 3339) ends the credential; changing `rotation` (any text, e.g. \"2026-Q2\") issues a new credential and revokes the old one. `null` (the default): no external app."
  type = object({
    name        = string
    permissions = set(string)
    expires_at  = optional(string)
    rotation    = optional(string, "initial")
  })
  default = null

  validation {
    condition     = var.external_app == null || try(length(var.external_app.name) >= 1 && length(var.external_app.name) <= 35 && trimspace(var.external_app.name) == var.external_app.name, false)
    error_message = "external_app.name must be 1 to 35 characters without leading or trailing spaces."
  }
  validation {
    condition = var.external_app == null || try(length(var.external_app.permissions) > 0 && length(setsubtract(var.external_app.permissions, [
      "conversation-ai.readonly", "conversation-ai.write",
      "knowledge-bases.readonly", "knowledge-bases.write",
      "conversations.readonly", "conversations.write",
      "conversations/message.readonly", "conversations/message.write",
      "locations.readonly",
    ])) == 0, false)
    error_message = "external_app.permissions must hold at least one of conversation-ai.readonly, conversation-ai.write, knowledge-bases.readonly, knowledge-bases.write, conversations.readonly, conversations.write, conversations/message.readonly, conversations/message.write, locations.readonly (a .write permission does not include the .readonly one)."
  }
  validation {
    condition     = var.external_app == null || try(var.external_app.expires_at == null || can(timeadd(var.external_app.expires_at, "0s")), false)
    error_message = "external_app.expires_at must be an RFC 3339 timestamp such as \"2030-12-31T23:59:59Z\", or null for a credential that does not expire."
  }
}

# The external app's scope: only this client's agent, only the permissions it needs. A leaked
# credential exposes one agent of one client.
resource "highlevel_scope" "external_app" {
  count = var.external_app == null ? 0 : 1

  location_id = var.location_id
  name        = "${var.client_name}: ${var.external_app.name}"
  description = "${var.external_app.name} for ${var.client_name}'s ${var.agent.name} agent. Managed by Terraform."
  permissions = var.external_app.permissions
  agent_ids   = [highlevel_agent.this.id]
}

# The stored form of the credential, because an external app needs a token that outlives the
# Terraform run (the ephemeral form is revoked when the run ends). Its token is Sensitive and
# in the state: protect the state, and pass the token to the app through a secret store.
resource "highlevel_scope_credential" "external_app" {
  count = var.external_app == null ? 0 : 1

  location_id = var.location_id
  scope_id    = highlevel_scope.external_app[0].id
  name        = "${var.external_app.name} (${var.client_name})"
  expires_at  = var.external_app.expires_at

  rotation_triggers = {
    rotation = var.external_app.rotation
  }

  # Issue the new credential before the old one is revoked, so the app is never without one.
  lifecycle {
    create_before_destroy = true
  }
}

output "external_app_scope_id" {
  description = "ID of the external app's scope, or null without var.external_app."
  value       = var.external_app == null ? null : highlevel_scope.external_app[0].id
}

output "external_app_credential_id" {
  description = "ID of the external app's credential (not a secret), or null without var.external_app."
  value       = var.external_app == null ? null : highlevel_scope_credential.external_app[0].id
}

output "external_app_token_prefix" {
  description = "The first 8 characters of the external app's token (not a secret): tells credentials apart in logs and in the HighLevel UI."
  value       = var.external_app == null ? null : highlevel_scope_credential.external_app[0].token_prefix
}

output "external_app_token" {
  description = "The external app's bearer token (sct-…). Sensitive: hand it to a secret store resource (Vault, AWS Secrets Manager, a CI secret), never print it. `terraform output -raw` shows it, so restrict who can read the state."
  value       = var.external_app == null ? null : highlevel_scope_credential.external_app[0].token
  sensitive   = true
}
