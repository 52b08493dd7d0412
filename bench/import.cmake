# Import (issue 13): a generated 9 MB interview through `mondo import` in a fresh process into a new
# collection on disk (wall, processor time, peak RSS), then `mondo stats` on the result. It runs the
# `mondo` binary, so it exists only where the app is built (the fuzzing build leaves it out).
if(MONDO_BUILD_APP)
    mondo_add_bench(import_bench
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/import_bench.cpp
        LIBS mondo_content)
    target_compile_definitions(import_bench PRIVATE MONDO_BINARY="$<TARGET_FILE:mondo>")
    add_dependencies(import_bench mondo)
endif()
