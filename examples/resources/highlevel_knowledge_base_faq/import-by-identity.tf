# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_knowledge_base_faq.parking
  identity = {
    location_id       = "ve9EPM428h8vShlRW1KT"
    knowledge_base_id = "kb7Qx2LmN4pRs8TuVw0Y"
    id                = "fq3Hd9KsL2mNp5QrT7vX"
  }
}
