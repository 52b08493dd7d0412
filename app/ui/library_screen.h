// The Library screen: every source brought in (by `mondo import`, paste or drop) with its
// progress, the choice of what Home, Study, Read, Browse and Stats show (one source or all of
// them), renaming and retiring sources, and the preview of a text about to be imported.
//
// Keys (no text box active): Up/Down select a source; Enter studies the selected source;
// Shift+Enter studies all sources together; R reads the selected source; N renames it (an inline
// box: Enter saves, Esc cancels; an empty name brings the parsed title back); Delete retires it
// after a confirmation (Enter or Y retires, Esc or N keeps it); U restores a retired source;
// Ctrl+V imports the clipboard. While a preview is shown: Enter adds the source, Esc cancels.
// A long title is cut with "…" in the list; the line under the list shows the selected source's
// full title (and the hovered title shows it as a tooltip).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mondo::app {

struct LibrarySourceRow {
    std::string id;
    std::string title;
    int exchanges = 0;
    int questions = 0;         // active questions
    int learned = 0;           // as on Home: in the review state
    double mastery = 0.0;      // 0..1: mean retrievability of its questions (new ones count 0)
    int due_today = 0;         // reviews due by the end of today (new questions not counted)
    std::string last_studied;  // a date, or "never"
    std::string added;         // the date of its first import
    bool chosen = false;       // the source Home, Read, Browse and Stats show
    bool retired = false;      // set aside: no figures (shown as "-"), cannot be chosen
    std::string retired_on;    // the date it was retired, when retired
    std::string parsed_title;  // the title the text gave, when `title` is the learner's own
};

// What an import would bring in (app/cli/source_import.h), as the preview shows it.
struct LibraryImportView {
    std::string origin;  // "the clipboard", or the dropped file's path
    std::string title;
    int sections = 0;
    int exchanges = 0;
    int profile = 0;                                 // profile facts
    int questions = 0;                               // all kinds together
    std::vector<std::pair<std::string, int>> kinds;  // kind name, count (every kind)
    std::vector<std::string> warnings;
    std::string effect;  // "A new source." / "Updates the stored source: 40 kept, 2 added, …"
};

struct LibraryViewModel {
    std::vector<LibrarySourceRow> sources;
    bool all_chosen = true;  // no single source chosen: every screen shows all sources
    std::optional<LibraryImportView> preview;
    std::string import_error;  // the last import's failure (the parser's message), or empty
    std::string notice;        // the last import's result, or empty
};

struct LibraryUiState {
    enum class Mode {
        kList,           // the list's keys
        kRenaming,       // the inline box in the selected row (`editing_id`)
        kConfirmRetire,  // asking before `editing_id` is retired
    };
    int selected = 0;  // index into sources
    Mode mode = Mode::kList;
    std::string editing_id;      // the source being renamed or about to be retired
    std::string rename_text;     // the inline box's text
    std::string rename_problem;  // why the name typed was refused (shown under the box), or empty
    bool focus_rename = false;   // give the box the keyboard on the next frame
    bool ime_composing = false;  // set by the app every frame: Enter then belongs to the IME
};

struct LibraryIntent {
    enum class Kind {
        kNone,
        kStudySource,    // study `source_id` (it becomes the choice)
        kStudyAll,       // study every source together (the choice becomes "all")
        kReadSource,     // read `source_id` (it becomes the choice)
        kPaste,          // import the clipboard: the loop reads it and previews
        kConfirmImport,  // add the previewed source
        kCancelImport,   // forget the preview
        kRename,         // give `source_id` the title `text` (empty: the parsed title again)
        kRetire,         // retire `source_id` (confirmed)
        kRestore,        // bring the retired `source_id` back
    };
    Kind kind = Kind::kNone;
    std::string source_id;
    std::string text;
};

LibraryIntent DrawLibraryScreen(const LibraryViewModel& model, LibraryUiState& ui);

}  // namespace mondo::app
