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
