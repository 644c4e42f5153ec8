# A file is imported by its knowledge base and its ID; the first plan then records the
# local path and hash without uploading again:
terraform import highlevel_knowledge_base_file.price_list <knowledge_base_id>/<file_id>
