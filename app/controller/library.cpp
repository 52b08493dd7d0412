// Library: every source with its progress; choosing one (or all) for the other screens; importing
// a pasted or dropped text after a preview.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

#include "app/app_controller.h"
#include "app/local_time.h"
#include "app/study/collection_store.h"
#include "content/unicode.h"

namespace mondo::app {

namespace {

std::string DateOf(std::int64_t unix_seconds) {
    return LocalDateTime(unix_seconds).substr(0, 10);  // "YYYY-MM-DD"
}

std::string Counted(int n, const char* what) { return std::to_string(n) + " " + what; }

LibraryImportView ViewOf(const ImportPreview& preview) {
    LibraryImportView view;
    view.origin = preview.origin;
    view.title = preview.DisplayTitle();
    view.sections = static_cast<int>(preview.interview.sections.size());
    view.exchanges = static_cast<int>(preview.interview.exchanges.size());
    view.profile = static_cast<int>(preview.interview.profile.size());
    view.questions = static_cast<int>(preview.questions.size());
    for (const KindCount& kind : preview.kinds)
        view.kinds.emplace_back(std::string(content::KindName(kind.kind)), kind.count);
    view.warnings = preview.warnings;
    const storage::SyncReport& report = preview.expected;
    if (preview.updates) {
        view.effect = "Updates the stored source: " + Counted(report.kept, "kept") + ", " +
                      Counted(report.added, "added") + ", " + Counted(report.retired, "retired");
        if (report.restored > 0) view.effect += ", " + Counted(report.restored, "restored");
        view.effect += " (reviews are kept).";
        if (!preview.custom_title.empty())
            view.effect += " Your title \"" + preview.custom_title + "\" stays.";
        if (preview.retired)
            view.effect += " The source is retired and stays so: U restores it in the list.";
    } else {
        view.effect = "A new source: " + Counted(report.added, "questions") + " to learn.";
    }
    return view;
}

// A character a title must not hold: controls (C0, DEL, C1: tabs and line breaks among them),
// the Unicode line and paragraph separators, and the invisible direction overrides and isolates
// (they reorder the text drawn after them: a title could then pass for another), and U+FFFD, what
// is left of damaged text.
bool ForbiddenInTitle(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == content::kReplacementCharacter;
}

// "U+000A (a line break)" for the message.
std::string Described(char32_t cp) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    const char* what = cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 ? "a line break"
                       : cp == '\t'                                             ? "a tab"
                       : cp == content::kReplacementCharacter ? "the mark of damaged text"
                       : cp >= 0x202A                         ? "a direction control"
                                                              : "a control character";
    return std::string(code) + " (" + what + ")";
}

}  // namespace

Expected<std::string, std::string> AppController::CheckTitle(std::string_view text) {
    if (const std::size_t bad = content::FirstInvalidUtf8(text); bad != std::string_view::npos) {
        return Unexpected("The name is not valid UTF-8 text (byte " + std::to_string(bad) +
                          "); nothing was changed.");
    }
    const std::string_view title = content::TrimSpace(text);
    for (std::size_t i = 0; i < title.size();) {
        const std::size_t at = i;
        const char32_t cp = content::DecodeUtf8(title, i);
        if (ForbiddenInTitle(cp)) {
            return Unexpected("A name is one line of visible text: it has " + Described(cp) +
                              " at character " +
                              std::to_string(content::CodePointCount(title.substr(0, at)) + 1) +
                              "; nothing was changed.");
        }
    }
    if (const std::size_t length = content::CodePointCount(title); length > kMaxTitleCharacters) {
        return Unexpected("A name has at most " + std::to_string(kMaxTitleCharacters) +
                          " characters; this one has " + std::to_string(length) +
                          "; nothing was changed.");
    }
    return std::string(title);
}

void AppController::Apply(const LibraryIntent& intent) {
    using Kind = LibraryIntent::Kind;
    switch (intent.kind) {
        case Kind::kNone:
        case Kind::kPaste:  // the loop reads the clipboard and calls PreviewImport
            return;
        case Kind::kStudySource:
        case Kind::kStudyAll:
            Choose(intent.kind == Kind::kStudyAll ? std::string() : intent.source_id);
            screen_ = Screen::kStudy;
            error_.clear();
            Refresh();
            return;
        case Kind::kReadSource:
            Choose(intent.source_id);
            read_source_ = intent.source_id;
            read_ui_ = ReadUiState{};
            screen_ = Screen::kRead;
            error_.clear();
            Refresh();
            return;
        case Kind::kConfirmImport: {
            if (!pending_import_) return;
            auto report = CommitImport(*pending_import_, collection_);
            if (!report) {
                library_.import_error = "cannot add the source: " + report.error();
                pending_import_.reset();
                RefreshLibrary();
                return;
            }
            const std::string id = pending_import_->interview.source_id;
            const std::string title = pending_import_->custom_title.empty()
                                          ? pending_import_->DisplayTitle()
                                          : pending_import_->custom_title;
            pending_import_.reset();
            if (auto loaded = LoadSources(); !loaded) {
                Fail("cannot read the sources", loaded.error());
                return;
            }
            // The session picks up the new questions (the choice stays as it was).
            if (auto started = StartSession({}); !started)
                Fail("cannot start studying", started.error());
            library_.notice = "Added \"" + title + "\": " + Counted(report->added, "added") + ", " +
                              Counted(report->kept, "kept") + ", " +
                              Counted(report->retired, "retired") + ".";
            library_.import_error.clear();
            for (std::size_t i = 0; i < all_sources_.size(); ++i) {
                if (all_sources_[i].id == id) library_ui_.selected = static_cast<int>(i);
            }
            Refresh();
            return;
        }
        case Kind::kCancelImport:
            pending_import_.reset();
            RefreshLibrary();
            return;
        case Kind::kRename:
            Rename(intent.source_id, intent.text);
            return;
        case Kind::kRetire:
        case Kind::kRestore:
            SetRetired(intent.source_id, intent.kind == Kind::kRetire);
            return;
    }
}

void AppController::Rename(const std::string& source_id, const std::string& text) {
    const auto source = std::find_if(all_sources_.begin(), all_sources_.end(),
                                     [&](const auto& s) { return s.id == source_id; });
    if (source == all_sources_.end()) return;
    auto checked = CheckTitle(text);
    if (!checked) {
        // The box stays open on what was typed, the reason under it; nothing is written.
        library_ui_.mode = LibraryUiState::Mode::kRenaming;
        library_ui_.editing_id = source_id;
        library_ui_.rename_text = text;
        library_ui_.rename_problem = checked.error();
        library_ui_.focus_rename = true;
        return;
    }
    library_ui_.rename_problem.clear();
    library_ui_.mode = LibraryUiState::Mode::kList;
    // The text's own title (or nothing) means no title of one's own.
    std::string title = std::move(*checked);
    if (title == source->title) title.clear();
    if (auto saved = collection_.SetSourceTitle(source_id, title); !saved) {
        Fail("cannot rename the source", saved.error().message);
        return;
    }
    if (auto loaded = LoadSources(); !loaded) {
        Fail("cannot read the sources", loaded.error());
        return;
    }
    library_.notice = title.empty() ? "The source has its own title again: \"" +
                                          InterviewOf(source_id).title + "\"."
                                    : "Renamed: \"" + title + "\".";
    library_.import_error.clear();
    Refresh();
}

void AppController::SetRetired(const std::string& source_id, bool retire) {
    if (std::none_of(all_sources_.begin(), all_sources_.end(),
                     [&](const auto& s) { return s.id == source_id; })) {
        return;
    }
    const std::string title = InterviewOf(source_id).title;
    auto changed = retire ? collection_.RetireSource(source_id, NowSeconds())
                          : collection_.RestoreSource(source_id);
    if (!changed) {
        Fail(retire ? "cannot retire the source" : "cannot restore the source",
             changed.error().message);
        return;
    }
    // A retired chosen source gives way to all sources (LoadSources); the session is rebuilt
    // without (or with) its questions.
    if (auto loaded = LoadSources(); !loaded) {
        Fail("cannot read the sources", loaded.error());
        return;
    }
    if (auto saved = collection_.SetSetting(kChosenSourceSetting, chosen_source_); !saved)
        Fail("cannot save the choice of source", saved.error().message);
    if (auto started = StartSession({}); !started) Fail("cannot start studying", started.error());
    library_.notice = retire ? "Retired \"" + title +
                                   "\": its questions left the queue; its reviews stay in the "
                                   "history. U restores it."
                             : "Restored \"" + title + "\": its questions are back as they were.";
    library_.import_error.clear();
    Refresh();
}

void AppController::PreviewImport(std::string_view text, const std::string& origin) {
    screen_ = Screen::kLibrary;
    error_.clear();
    library_.notice.clear();
    auto preview = app::PreviewImport(text, origin, collection_);
    if (!preview) {
        pending_import_.reset();
        library_.import_error = preview.error();
    } else {
        pending_import_ = std::move(*preview);
        library_.import_error.clear();
    }
    texts_changed_ = true;
    Refresh();
}

void AppController::PreviewImportFile(const std::string& path) {
    std::string bytes;
    std::string problem;
    if (!ReadSourceFile(path, bytes, problem)) {
        screen_ = Screen::kLibrary;
        pending_import_.reset();
        library_.notice.clear();
        library_.import_error = path + " " + problem;
        texts_changed_ = true;
        Refresh();
        return;
    }
    PreviewImport(bytes, path);
}

void AppController::RefreshLibrary() {
    LibraryViewModel model;
    model.all_chosen = chosen_source_.empty();
    model.import_error = library_.import_error;
    model.notice = library_.notice;
    if (pending_import_) model.preview = ViewOf(*pending_import_);
    if (screen_ != Screen::kLibrary) {
        library_ = std::move(model);
        return;
    }
    // Every source's figures (the one definition, study/progress.h), whatever the choice; the
    // last answer from the cards (retired questions too).
    auto last_review = collection_.LastReviewBySource();
    if (!last_review) {
        Fail("cannot read the sources", last_review.error().message);
        return;
    }
    for (const storage::SourceRecord& source : all_sources_) {
        const content::Interview& interview = InterviewOf(source.id);
        LibrarySourceRow row;
        row.id = source.id;
        row.title = interview.title;  // SourceTitle: the learner's own, else the parsed one
        if (!source.custom_title.empty()) row.parsed_title = source.title;
        row.retired = source.retired();
        if (source.retired_at) row.retired_on = DateOf(*source.retired_at);
        row.exchanges = static_cast<int>(interview.exchanges.size());
        if (progress_) {
            if (const auto it = progress_->by_source.find(source.id);
                it != progress_->by_source.end()) {
                row.questions = it->second.questions;
                row.learned = it->second.learned;
                row.mastery = it->second.mastery();
                row.due_today = it->second.due;
            }
        }
        const auto last = last_review->find(source.id);
        row.last_studied =
            last != last_review->end() && last->second > 0 ? DateOf(last->second) : "never";
        row.added = DateOf(source.added_at);
        row.chosen = source.id == chosen_source_;
        model.sources.push_back(std::move(row));
    }
    library_ = std::move(model);
}

}  // namespace mondo::app
