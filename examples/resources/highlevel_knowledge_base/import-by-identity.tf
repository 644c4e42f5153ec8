# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_knowledge_base.support
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    id          = "kb7Qx2LmN4pRs8TuVw0Y"
  }
}
