# Settings on the scale collection (issue 14): the load estimate, "Help me decide" and reading the
# review log for a fit, each timed as the worker threads run them, and the UI thread meanwhile
# (the app controller: it needs the app library).
if(MONDO_BUILD_APP)
    mondo_add_bench(settings_bench
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/settings_bench.cpp
        LIBS mondo_app mondo_study mondo_storage mondo_sched)
endif()
