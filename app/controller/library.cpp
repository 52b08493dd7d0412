// Library: every source with its progress; choosing one (or all) for the other screens; importing
// a pasted or dropped text after a preview.
#include <algorithm>
#include <map>

#include "app/app_controller.h"
#include "app/local_time.h"
#include "app/study/collection_store.h"

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
    } else {
        view.effect = "A new source: " + Counted(report.added, "questions") + " to learn.";
    }
    return view;
}

}  // namespace

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
            const std::string title = pending_import_->DisplayTitle();
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
            for (std::size_t i = 0; i < sources_.size(); ++i) {
                if (sources_[i].id == id) library_ui_.selected = static_cast<int>(i);
            }
            Refresh();
            return;
        }
        case Kind::kCancelImport:
            pending_import_.reset();
            RefreshLibrary();
            return;
    }
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
    // last answer from the cards.
    auto items = collection_.LoadStudyItems();
    if (!items) {
        Fail("cannot read the sources", items.error().message);
        return;
    }
    std::map<std::string, std::int64_t> last_review;
    for (const auto& item : *items) {
        if (item.card.state == sched::CardState::kNew) continue;
        std::int64_t& last = last_review[item.source_id];
        last = std::max(last, item.card.last_review);
    }
    for (const storage::SourceRecord& source : sources_) {
        const content::Interview& interview = InterviewOf(source.id);
        LibrarySourceRow row;
        row.id = source.id;
        row.title = source.title.empty() && !interview.exchanges.empty()
                        ? interview.exchanges.front().question
                        : source.title;
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
        row.last_studied = last_review[source.id] > 0 ? DateOf(last_review[source.id]) : "never";
        row.added = DateOf(source.imported_at);
        row.chosen = source.id == chosen_source_;
        model.sources.push_back(std::move(row));
    }
    library_ = std::move(model);
}

}  // namespace mondo::app
