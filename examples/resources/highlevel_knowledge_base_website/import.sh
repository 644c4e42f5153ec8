# A website source is imported by its knowledge base and its last crawl operation:
terraform import highlevel_knowledge_base_website.services <knowledge_base_id>/<operation_id>

# In another location:
terraform import highlevel_knowledge_base_website.services <location_id>/<knowledge_base_id>/<operation_id>
