# What reads outside input end to end: an import into an in-memory collection (parser →
# generator → sync), the line breaker and ruby layout on arbitrary text, and the validity of
# `mondo questions --json` for any input (checked with nlohmann's strict parser).
mondo_add_fuzzer(import_end_to_end LIBS mondo_storage mondo_content)
mondo_add_fuzzer(text_layout LIBS mondo_fonts)
find_package(nlohmann_json 3 REQUIRED)
mondo_add_fuzzer(questions_json LIBS mondo_content nlohmann_json::nlohmann_json)
