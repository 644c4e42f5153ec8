# An FAQ of a knowledge base of the provider's location:
terraform import highlevel_knowledge_base_faq.parking <knowledge_base_id>/<faq_id>

# An FAQ of another location:
terraform import highlevel_knowledge_base_faq.parking <location_id>/<knowledge_base_id>/<faq_id>
