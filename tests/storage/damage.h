// Damage a collection the way a bug or another program could, outside mondo.
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace mondo::storage::testing {

// Points the index questions_by_source at other columns without rebuilding it: every page stays
// well formed (quick_check passes) but the index no longer matches its table.
inline void DamageIndex(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "PRAGMA writable_schema=ON;"
                         "UPDATE sqlite_schema SET sql='CREATE INDEX questions_by_source ON "
                         "questions(position, retired, source_id)' "
                         "WHERE name='questions_by_source';",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    auto pragma = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        std::string result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return result;
    };
    REQUIRE(pragma("PRAGMA quick_check") == "ok");
    REQUIRE(pragma("PRAGMA integrity_check") != "ok");
    sqlite3_close(db);
}

}  // namespace mondo::storage::testing
