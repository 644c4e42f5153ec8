# Look a knowledge base up by its exact name (or by id), e.g. to attach it to an agent
# managed elsewhere, or to watch how much content it holds.
data "highlevel_knowledge_base" "support" {
  name = "Support"
}

output "support_knowledge_base_id" {
  value = data.highlevel_knowledge_base.support.id
}

output "support_faq_count" {
  value = data.highlevel_knowledge_base.support.kb_metadata.faqs
}
