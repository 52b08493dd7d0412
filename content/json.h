// JSON output for every `--json` of the command line, on nlohmann-json. Objects keep the order in
// which their keys are written (ordered_json), so the output reads in the order of the contract
// (README "Command line").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mondo::content {

using Json = nlohmann::ordered_json;

// `value` on one line, compact, UTF-8 kept as it is (not \u-escaped); bytes that are not UTF-8
// are written as U+FFFD, so the output is always valid JSON.
inline std::string DumpJson(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// `value`, or null when there is none.
template <typename T>
Json OrNull(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

}  // namespace mondo::content
