output "location_id" {
  description = "The client's location ID (the input, for convenience in maps of clients)."
  value       = var.location_id
}

output "agent_id" {
  description = "ID of the client's agent (highlevel_agent)."
  value       = highlevel_agent.this.id
}

output "action_ids" {
  description = "IDs of the agent's actions by purpose: `handover`, and `booking` when var.booking is set."
  value = merge(
    { handover = highlevel_agent_action.handover.id },
    var.booking == null ? {} : { booking = highlevel_agent_action.booking[0].id },
  )
}

output "knowledge_base_id" {
  description = "ID of the client's knowledge base."
  value       = highlevel_knowledge_base.this.id
}

output "faq_ids" {
  description = "IDs of the FAQs by their key in var.faqs_file."
  value       = { for key, faq in highlevel_knowledge_base_faq.this : key => faq.id }
}

output "website_pages_trained" {
  description = "How many pages of the client's website the knowledge base holds (0 without var.website)."
  value       = var.website == null ? 0 : highlevel_knowledge_base_website.this[0].pages_trained
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
