import {
  to = highlevel_knowledge_base_faq.parking
  id = "kb7Qx2LmN4pRs8TuVw0Y/fq3Hd9KsL2mNp5QrT7vX" # <knowledge_base_id>/<faq_id>, or <location_id>/<knowledge_base_id>/<faq_id>
}
