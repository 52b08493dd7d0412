# Scale (issue 13): a 100,000-question / 1,000,000-review collection on disk, warm and cold: today's
# due count, session start, Home/Read progress, the Stats screen's statistics, `mondo stats`.
mondo_add_bench(scale_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/scale_bench.cpp
    LIBS mondo_cli mondo_study mondo_storage mondo_content)
