import {
  to = highlevel_knowledge_base.support
  id = "ve9EPM428h8vShlRW1KT/kb7Qx2LmN4pRs8TuVw0Y" # <location_id>/<knowledge_base_id>, or just <knowledge_base_id>
}
