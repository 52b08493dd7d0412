// Internal to mondo_storage: RAII over the SQLite C API (a connection, prepared statements, a
// transaction guard) and the mapping of SQLite result codes to StorageError.
//
// Ownership: Database owns its sqlite3*; Statement owns its sqlite3_stmt* and must not outlive the
// Database it came from. Transaction rolls back in its destructor unless Commit() succeeded; the
// destructor never throws. Not thread-safe.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "content/expected.h"
#include "storage/collection.h"

namespace mondo::storage {

// Wraps an error for return. Clang 14 cannot deduce mondo::Unexpected's argument from its
// deduction guide in every context, so storage code calls this function (it hides the template
// in unqualified lookup inside mondo::storage).
inline mondo::Unexpected<StorageError> Unexpected(StorageError error) {
    return mondo::Unexpected<StorageError>{std::move(error)};
}

}  // namespace mondo::storage

namespace mondo::storage::detail {

// The error for a failed SQLite call: SQLITE_FULL/IOERR/CANTOPEN/READONLY/PERM → kIo,
// CORRUPT → kCorrupt, NOTADB → kNotADatabase, BUSY/LOCKED → kLocked, anything else → kInternal.
StorageError ErrorFromCode(int code, std::string_view what, std::string_view detail);

class Statement {
  public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Binds are 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT) and bound with
    // their length, so embedded NUL bytes survive.
    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    Statement& Bind(int index, double value);
    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
    Statement& Bind(int index, const std::string& text) {
        return Bind(index, std::string_view(text));
    }
    Statement& BindBlob(int index, std::string_view bytes);
    // Bound without a copy (SQLITE_STATIC): the bytes must stay unchanged until the statement is
    // rebound, reset or destroyed, which for a bulk insert is the next row.
    Statement& BindUncopied(int index, std::string_view text);
    Statement& BindBlobUncopied(int index, std::string_view bytes);
    Statement& BindNull(int index);
    Statement& Bind(int index, std::optional<std::int64_t> value);

    // SQLITE_ROW → true, SQLITE_DONE → false (and resets), an error → the StorageError.
    Expected<bool, StorageError> Step();
    // Steps to completion (for statements that return no rows).
    Expected<Ok, StorageError> Run();
    void Reset();

    std::int64_t Int(int column) const;
    double Double(int column) const;
    std::string Text(int column) const;  // verbatim, including NUL bytes
    bool IsNull(int column) const;
    std::optional<std::int64_t> OptionalInt(int column) const;

    sqlite3_stmt* get() const { return stmt_; }

  private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
  public:
    Database() = default;
    explicit Database(sqlite3* db) : db_(db) {}
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Opens with sqlite3_open_v2 and extended result codes on.
    static Expected<Database, StorageError> Open(const std::string& uri_or_path, int flags);

    Expected<Statement, StorageError> Prepare(std::string_view sql, bool persistent = false);
    // Runs one or more statements without results (DDL, pragmas).
    Expected<Ok, StorageError> Exec(const char* sql);
    // The first column of the first row as an integer / text.
    Expected<std::int64_t, StorageError> QueryInt(const char* sql);
    Expected<std::string, StorageError> QueryText(const char* sql);

    std::string LastError() const;
    std::int64_t LastInsertRowId() const;
    int Changes() const;
    sqlite3* get() const { return db_; }
    // Closes now (for callers that must know the file is released). Every Statement of this
    // connection must be gone (asserted: a leaked statement would keep the file open).
    void Close();

  private:
    sqlite3* db_ = nullptr;
};

// Rolls back unless committed. BEGIN IMMEDIATE takes the write lock up front, so a transaction
// never fails half way because another connection wrote first. kExclusive (BEGIN EXCLUSIVE) also
// keeps readers out from the start: in a rollback-journal mode, a transaction that must write pages
// into the database file before it commits (a cache spill) then never waits for a reader there.
class Transaction {
  public:
    enum class Lock { kImmediate, kExclusive };
    static Expected<Transaction, StorageError> Begin(Database& db, Lock lock = Lock::kImmediate);
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();

    Expected<Ok, StorageError> Commit();

  private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;
};

}  // namespace mondo::storage::detail
