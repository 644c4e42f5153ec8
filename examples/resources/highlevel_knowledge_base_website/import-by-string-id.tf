import {
  to = highlevel_knowledge_base_website.services
  id = "kb7Qx2LmN4pRs8TuVw0Y/66f1c0a2b3d4e5f601234567" # <knowledge_base_id>/<operation_id>
}
