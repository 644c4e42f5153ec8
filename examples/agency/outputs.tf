output "clients" {
  description = "Per client key: the IDs an agency needs to find the client's objects in HighLevel (no secrets)."
  value = {
    for key, c in module.client : key => {
      location_id           = c.location_id
      agent_id              = c.agent_id
      knowledge_base_id     = c.knowledge_base_id
      website_pages_trained = c.website_pages_trained
      user_ids              = c.user_ids
    }
  }
}

output "client_count" {
  description = "How many clients the configuration manages."
  value       = length(module.client)
}
