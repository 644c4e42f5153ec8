# The client's CRM syncs conversations. Its credential may only read them, expires at the end
# of 2030, and is rotated every quarter: changing `quarter` issues a new token and then revokes
# the old one.
resource "highlevel_scope" "crm" {
  name        = "Client CRM"
  permissions = ["conversations.readonly", "conversations/message.readonly"]
}

resource "highlevel_scope_credential" "crm" {
  scope_id   = highlevel_scope.crm.id
  name       = "Client CRM sync"
  expires_at = "2030-12-31T23:59:59Z"

  rotation_triggers = {
    quarter = "2026-Q1"
  }

  # Issue the new credential before the old one is revoked, so the CRM is never without one.
  lifecycle {
    create_before_destroy = true
  }
}

# The token is Sensitive but stored in the state: protect the state, and hand the token to the
# CRM through a secret store rather than an output.
output "crm_token_prefix" {
  value = highlevel_scope_credential.crm.token_prefix
}
