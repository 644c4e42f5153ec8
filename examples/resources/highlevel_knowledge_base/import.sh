# A knowledge base of the provider's location:
terraform import highlevel_knowledge_base.support <knowledge_base_id>

# A knowledge base of another location:
terraform import highlevel_knowledge_base.support <location_id>/<knowledge_base_id>
