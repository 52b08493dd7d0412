# Scheduler benchmarks: replay of the real 12,580-review log and NextAll for one card.
mondo_add_bench(sched_bench SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/sched_bench.cpp LIBS mondo_sched)
