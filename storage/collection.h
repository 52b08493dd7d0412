// Collection: one SQLite file holding sources, questions, card states and the review log.
//
// Ownership: a Collection owns its sqlite3 handle (and, for files, the single-writer lock); it is
// move-only and closes in its destructor. Thread-safety: one thread at a time.
// Errors: every operation that can fail for reasons outside the program (corrupt file, full disk,
// another process) returns Expected<…, StorageError>; nothing throws across this interface.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/expected.h"
#include "content/interview.h"
#include "content/question.h"

namespace mondo::storage {

enum class StorageErrorKind {
    kNotADatabase,  // the file is not SQLite
    kCorrupt,       // SQLite, but quick_check fails
    kTooNew,        // written by a newer mondo (schema version above ours)
    kLocked,        // another mondo process has the collection open
    kIo,            // cannot read/write/create (permissions, missing directory, full disk…)
    kInternal,      // an SQL error that should not happen
};

struct StorageError {
    StorageErrorKind kind = StorageErrorKind::kInternal;
    std::string message;  // one sentence for the user, naming the file
};

// $XDG_DATA_HOME/mondo/collection.sqlite3, else ~/.local/share/mondo/collection.sqlite3.
std::filesystem::path DefaultCollectionPath();

struct OpenOptions {
    bool create_if_missing = true;
};

struct SyncReport {
    int added = 0;
    int kept = 0;
    int retired = 0;
};

class Collection {
public:
    // Opens (or creates) the collection at `path`: WAL, synchronous=FULL, foreign keys,
    // quick_check, schema upgrade. On failure the file is left byte for byte as it was.
    static Expected<Collection, StorageError> Open(const std::filesystem::path& path,
                                                   OpenOptions options = {});
    // A private in-memory collection, for tests and `mondo questions`.
    static Expected<Collection, StorageError> OpenInMemory();

    Collection(Collection&&) noexcept;
    Collection& operator=(Collection&&) noexcept;
    ~Collection();

    // Adds or updates a source and its questions in one transaction.
    Expected<SyncReport, StorageError> ImportSource(const content::Interview& interview,
                                                    const std::vector<content::Question>& questions);

    // Ids of the stored sources, in import order.
    Expected<std::vector<std::string>, StorageError> SourceIds();

    // The interview as stored (title, sections, exchanges, notes, ruby, profile).
    Expected<content::Interview, StorageError> LoadInterview(const std::string& source_id);

private:
    struct Impl;
    explicit Collection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mondo::storage
