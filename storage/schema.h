// Internal to mondo_storage: the schema upgrade ladder. Step N takes a database at user_version
// N-1 to N. A shipped step is never edited: changes go into a new step (and a new fixture in
// tests/data/storage/, see its README). schema_test.cpp fails when kSchemaVersion and the ladder
// disagree or a fixture of a shipped version is missing.
#pragma once

#include <span>

namespace mondo::storage::detail {

struct SchemaStep {
    int version;      // the user_version this step produces
    const char* sql;  // run inside the ladder's single BEGIN IMMEDIATE transaction
};

std::span<const SchemaStep> SchemaSteps();

// 'mndo' — marks a file as a mondo collection (PRAGMA application_id).
inline constexpr int kApplicationId = 0x6d6e646f;

}  // namespace mondo::storage::detail
