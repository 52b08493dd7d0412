# Study benchmarks: today's queue on a 100,000-question collection, a 365-day simulation of the
# built-in interview, and the Settings screen's load estimate.
mondo_add_bench(study_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/study_bench.cpp
    LIBS mondo_study)
