# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_knowledge_base_file.price_list
  identity = {
    location_id       = "ve9EPM428h8vShlRW1KT"
    knowledge_base_id = "kb7Qx2LmN4pRs8TuVw0Y"
    id                = "fl2Jk8MnB4vCx6ZqW9eR"
  }
}
