resource "highlevel_knowledge_base" "website" {
  name = "Website"
}

# Every page under /services: apply waits until all of them are trained (set TF_LOG=INFO to
# follow the crawl), and fails naming the pages that could not be trained.
resource "highlevel_knowledge_base_website" "services" {
  knowledge_base_id = highlevel_knowledge_base.website.id
  url               = "https://www.brightsmiledental.example/services"
  option            = "Path"

  timeouts {
    create = "30m"
    update = "30m"
  }
}

# Only chosen pages of the site. Adding or removing a URL updates the source in place.
resource "highlevel_knowledge_base_website" "policies" {
  knowledge_base_id = highlevel_knowledge_base.website.id
  url               = "https://www.brightsmiledental.example/"
  option            = "Domain"
  pre_selected_urls = [
    "https://www.brightsmiledental.example/privacy",
    "https://www.brightsmiledental.example/cancellation-policy",
  ]
}
