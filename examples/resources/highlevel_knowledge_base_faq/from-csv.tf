# The same from a spreadsheet exported as CSV (faqs.csv, columns key,question,answer).
resource "highlevel_knowledge_base_faq" "from_csv" {
  for_each = { for row in csvdecode(file("${path.module}/faqs.csv")) : row.key => row }

  knowledge_base_id = highlevel_knowledge_base.clinic.id
  question          = each.value.question
  answer            = each.value.answer
}
