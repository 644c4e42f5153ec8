# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_knowledge_base_website.services
  identity = {
    location_id       = "ve9EPM428h8vShlRW1KT"
    knowledge_base_id = "kb7Qx2LmN4pRs8TuVw0Y"
    id                = "66f1c0a2b3d4e5f601234567"
  }
}
