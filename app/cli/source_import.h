// Bringing a source into the collection: the one path every import takes, `mondo import FILE` and
// the window's paste (Ctrl+V) and drop-file import alike, so all three read with the same limit,
// parse with the same parser and report the same errors.
//
//   std::string bytes, problem;
//   if (!ReadSourceFile(path, bytes, problem)) …             // "<path> <problem>"
//   auto preview = PreviewImport(bytes, path, collection);   // parsed, nothing written
//   auto report = CommitImport(*preview, collection);        // one transaction
//
// Errors are sentences for the user. Nothing is written before CommitImport, and CommitImport
// writes all or nothing (storage::Collection::ImportSource). Main thread only (the collection).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/expected.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::app {

// Reads at most content::kMaxSourceBytes + 1 bytes of the file at `path` (enough for the parser
// to refuse a larger one as too large without reading a dropped video into memory). On failure
// `problem` completes the sentence "<path> …" ("is a directory, not a text file", "cannot be
// opened (…)").
bool ReadSourceFile(const std::string& path, std::string& bytes, std::string& problem);

struct KindCount {
    content::QuestionKind kind = content::QuestionKind::kRecall;
    int count = 0;
};

// What importing a text would bring in, before anything is saved.
struct ImportPreview {
    std::string origin;  // where the text came from: "the clipboard", or a file path
    content::Interview interview;
    std::vector<content::Question> questions;
    std::vector<KindCount> kinds;       // every kind, in content::kAllQuestionKinds order
    std::vector<std::string> warnings;  // what the parser found doubtful, one sentence each
    // True when a source with this id is stored already: importing updates it, and `expected`
    // says how (kept / added / retired / restored), exactly as the import will.
    bool updates = false;
    storage::SyncReport expected;
    // The stored source's state, which an update keeps: the learner's own title (empty: none) and
    // whether it is retired.
    std::string custom_title;
    bool retired = false;

    // The title shown for the source: the parsed title, else its first question.
    std::string DisplayTitle() const;
};

// The title shown for a stored source everywhere (Library, Home, Read, Stats, `mondo stats`): the
// learner's own (renamed in the Library), else the parsed title, else its first question.
std::string SourceTitle(const storage::SourceRecord& source, const content::Interview& interview);
// The same from the source's outline (no exchange text read).
std::string SourceTitle(const storage::SourceRecord& source, const storage::SourceOutline& outline);

// Parses `bytes` with content::ParseInterview (size limit, encoding errors with the byte offset),
// generates the questions and compares them with what `collection` holds. Errors: "<origin>:
// <the parser's message>", or a storage error's message. Writes nothing.
Expected<ImportPreview, std::string> PreviewImport(std::string_view bytes, std::string origin,
                                                   storage::Collection& collection);

// Adds or updates the previewed source in one transaction; on failure nothing is written.
Expected<storage::SyncReport, std::string> CommitImport(const ImportPreview& preview,
                                                        storage::Collection& collection);

}  // namespace mondo::app
