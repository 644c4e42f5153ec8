resource "highlevel_knowledge_base" "documents" {
  name = "Documents"
}

# A PDF beside the configuration. Editing the file replaces it in HighLevel on the next
# apply (its SHA-256 is compared at plan time).
resource "highlevel_knowledge_base_file" "price_list" {
  knowledge_base_id = highlevel_knowledge_base.documents.id
  path              = "${path.module}/price-list.pdf"
}
