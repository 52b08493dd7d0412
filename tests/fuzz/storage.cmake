# Opening a collection file of arbitrary bytes (headers, pages, schema, versions), then reading
# everything back and checking it.
mondo_add_fuzzer(collection_open LIBS mondo_storage)
