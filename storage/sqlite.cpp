#include "storage/sqlite.h"

#include <cassert>
#include <utility>

#include "storage/page_cache.h"

namespace mondo::storage::detail {

StorageError ErrorFromCode(int code, std::string_view what, std::string_view detail) {
    StorageErrorKind kind = StorageErrorKind::kInternal;
    std::string reason;
    switch (code & 0xff) {
        case SQLITE_FULL:
            kind = StorageErrorKind::kIo;
            reason = "the disk is full";
            break;
        case SQLITE_IOERR:
            kind = StorageErrorKind::kIo;
            reason = "an input/output error occurred (disk full or failing?)";
            break;
        case SQLITE_CANTOPEN:
            kind = StorageErrorKind::kIo;
            reason = "the file cannot be opened";
            break;
        case SQLITE_READONLY:
        case SQLITE_PERM:
            kind = StorageErrorKind::kIo;
            reason = "the file or its folder is not writable";
            break;
        case SQLITE_CORRUPT:
            kind = StorageErrorKind::kCorrupt;
            reason = "the database is corrupt";
            break;
        case SQLITE_NOTADB:
            kind = StorageErrorKind::kNotADatabase;
            reason = "the file is not a database";
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            kind = StorageErrorKind::kLocked;
            reason = "the database is in use by another program";
            break;
        default:
            reason = "SQLite error";
            break;
    }
    std::string message(what);
    message += ": " + reason;
    if (!detail.empty()) {
        message += " (";
        message += detail;
        message += ")";
    }
    return StorageError{kind, std::move(message)};
}

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::Bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
    // A non-null pointer even for empty text, so an empty string is stored as '' and not NULL.
    sqlite3_bind_text64(stmt_, index, text.empty() ? "" : text.data(), text.size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(),
                        SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::BindUncopied(int index, std::string_view text) {
    sqlite3_bind_text64(stmt_, index, text.empty() ? "" : text.data(), text.size(), SQLITE_STATIC,
                        SQLITE_UTF8);
    return *this;
}

Statement& Statement::BindBlobUncopied(int index, std::string_view bytes) {
    sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(),
                        SQLITE_STATIC);
    return *this;
}

Statement& Statement::BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::Bind(int index, std::optional<std::int64_t> value) {
    return value ? Bind(index, *value) : BindNull(index);
}

Expected<bool, StorageError> Statement::Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(stmt_);
        return false;
    }
    StorageError error = ErrorFromCode(rc, "A database operation failed", sqlite3_errmsg(db_));
    sqlite3_reset(stmt_);
    return Unexpected(std::move(error));
}

Expected<Ok, StorageError> Statement::Run() {
    for (;;) {
        auto row = Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) return Ok{};
    }
}

void Statement::Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
    // Blob access returns the stored bytes unchanged, whatever the column's type.
    const void* data = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr || size <= 0) return {};
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

bool Statement::IsNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
}

// ---- Database ----

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        Close();
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Database::~Database() { Close(); }

void Database::Close() {
    if (db_ == nullptr) return;
    // Every statement and backup of the connection is RAII-owned and must be gone by now, so the
    // close succeeds at once; one still open is a leak that debug and sanitizer builds stop on.
    const int rc = sqlite3_close(db_);
    assert(rc == SQLITE_OK && "Database::Close: a statement or backup is still open");
    // Release builds: the connection closes when its last statement is finalized.
    if (rc != SQLITE_OK) sqlite3_close_v2(db_);
    db_ = nullptr;
}

Expected<Database, StorageError> Database::Open(const std::string& uri_or_path, int flags) {
    ProvidePageCache();  // before SQLite initialises, which the first open does
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(uri_or_path.c_str(), &raw, flags, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK) {
        const std::string detail = raw ? sqlite3_errmsg(raw) : "out of memory";
        return Unexpected(ErrorFromCode(rc, "Cannot open " + uri_or_path, detail));
    }
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Expected<Statement, StorageError> Database::Prepare(std::string_view sql, bool persistent) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return Unexpected(
            ErrorFromCode(rc, "A database query failed to prepare", sqlite3_errmsg(db_)));
    }
    return Statement(db_, stmt);
}

Expected<Ok, StorageError> Database::Exec(const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        return Unexpected(ErrorFromCode(rc, "A database operation failed", detail));
    }
    return Ok{};
}

Expected<std::int64_t, StorageError> Database::QueryInt(const char* sql) {
    auto stmt = Prepare(sql);
    if (!stmt) return Unexpected(std::move(stmt).error());
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    return *row ? stmt->Int(0) : 0;
}

Expected<std::string, StorageError> Database::QueryText(const char* sql) {
    auto stmt = Prepare(sql);
    if (!stmt) return Unexpected(std::move(stmt).error());
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    return *row ? stmt->Text(0) : std::string();
}

std::string Database::LastError() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

std::int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Database::Changes() const { return sqlite3_changes(db_); }

// ---- Transaction ----

Expected<Transaction, StorageError> Transaction::Begin(Database& db, Lock lock) {
    MONDO_TRY(db.Exec(lock == Lock::kExclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE"));
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_ != nullptr && sqlite3_get_autocommit(db_->get()) == 0) {
        // The result is ignored on purpose: a destructor cannot report it, and a failed ROLLBACK
        // leaves SQLite rolling back on its own when the connection closes.
        sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

Expected<Ok, StorageError> Transaction::Commit() {
    assert(db_ != nullptr && "Transaction::Commit called twice");
    auto committed = db_->Exec("COMMIT");
    if (!committed) return committed;  // the destructor rolls back
    db_ = nullptr;
    return Ok{};
}

}  // namespace mondo::storage::detail
