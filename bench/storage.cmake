# Storage: grade → durable commit, and a generated large collection (100,000 questions, 1,000,000
# reviews): today's queue, the statistics aggregates, open.
mondo_add_bench(mondo_storage_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/storage_bench.cpp
    LIBS mondo_storage mondo_content)
