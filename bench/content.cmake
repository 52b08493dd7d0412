# Content benchmark: parse + generate the seed, and generated 1 MB / 2 MB interviews (linearity).
mondo_add_bench(content_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/content_bench.cpp
    LIBS mondo_content)
