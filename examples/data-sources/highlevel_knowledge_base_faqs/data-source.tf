# Every FAQ of a knowledge base, e.g. to export them or to check them in CI.
data "highlevel_knowledge_base" "clinic" {
  name = "Clinic FAQ"
}

data "highlevel_knowledge_base_faqs" "clinic" {
  knowledge_base_id = data.highlevel_knowledge_base.clinic.id
}

output "clinic_questions" {
  value = data.highlevel_knowledge_base_faqs.clinic.faqs[*].question
}
