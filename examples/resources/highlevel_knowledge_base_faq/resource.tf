resource "highlevel_knowledge_base" "clinic" {
  name = "Clinic FAQ"
}

# One FAQ.
resource "highlevel_knowledge_base_faq" "parking" {
  knowledge_base_id = highlevel_knowledge_base.clinic.id
  question          = "Where can I park?"
  answer            = "Free parking is behind the building, entrance on Elm Street."
}

# Many FAQs kept in a YAML file beside the configuration (faqs.yaml), one entry per FAQ under
# a stable key: editing a question or an answer updates that FAQ in place, and removing an
# entry deletes it.
resource "highlevel_knowledge_base_faq" "from_yaml" {
  for_each = yamldecode(file("${path.module}/faqs.yaml"))

  knowledge_base_id = highlevel_knowledge_base.clinic.id
  question          = each.value.question
  answer            = each.value.answer
}
