# Fonts benchmark: start-up font work (discover + subset cache hit + add + build + texture) against
# GetGlyphRangesJapanese() + the whole TTC, atlas growth, resizing, line breaking.
mondo_add_bench(fonts_bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/fonts_bench.cpp
    LIBS mondo_ui_strings mondo_fonts mondo_content)
