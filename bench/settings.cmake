# Settings on the scale collection (issue 14): the load estimate, "Help me decide" and reading the
# review log for a fit, each timed as the worker threads run them.
mondo_add_bench(settings_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/settings_bench.cpp
    LIBS mondo_study mondo_storage mondo_sched)
