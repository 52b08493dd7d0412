// Helpers shared by the content tests: read files from tests/data/content, parse the seed.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "content/interview.h"

namespace mondo::content::testing {

inline std::string ReadTestFile(const std::string& name) {
    std::ifstream file(std::string(MONDO_TEST_DATA_DIR) + "/content/" + name, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "missing test file " << name);
    std::ostringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
}

inline Interview ParseOrFail(std::string_view text) {
    auto parsed = ParseInterview(text);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed.has_value() ? "" : parsed.error().message));
    return std::move(parsed).value();
}

inline Interview Seed() { return ParseOrFail(BuiltinInterviewText()); }

inline bool Contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace mondo::content::testing
