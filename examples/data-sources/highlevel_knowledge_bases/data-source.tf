# Every knowledge base of the location, e.g. to attach them all to one agent.
data "highlevel_knowledge_bases" "all" {}

output "knowledge_base_names" {
  value = data.highlevel_knowledge_bases.all.knowledge_bases[*].name
}
