# App benchmark: ImGui CPU per frame on the study and read screens with the real font atlas.
if(MONDO_BUILD_APP)
    mondo_add_bench(app_bench
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/app_bench.cpp
        LIBS mondo_app)
endif()
