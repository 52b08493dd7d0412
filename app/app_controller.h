// AppController: the app's state between frames. It owns the study session, builds the view
// model each screen draws from (only when something changed — never SQL per frame) and applies
// the intents screens return to the session and the collection.
//
// Ownership: refers to a Collection that must outlive it. Main thread only. Time comes from the
// injected clock (unix milliseconds) so tests can drive days in seconds.
//
// Sources: the collection may hold several interviews (the Library lists them). The learner
// chooses one, or all of them; the session then holds only the chosen questions, so Home, Study,
// Browse and Stats show the choice. Read reads one source at a time (the choice, or any other).
// A retired source (Library: Delete, then U to restore) is listed only by the Library: it cannot
// be chosen or read, its questions are in no queue and no figure of learned, mastery or due; its
// reviews stay in the log, so reviews per day, time studied, streaks and retention of "all
// sources" still count them. Its title, like every source's, is the learner's own when renamed.
//
// Where the code is: one class, one file per screen. app/controller/<screen>.cpp holds that
// screen's Apply(<Screen>Intent) and Refresh<Screen>() (library, home, study, read, browse, stats,
// settings); app/app_controller.cpp holds what every screen shares: the constructor, Start and
// the session, Navigate, Tick, Refresh (all view models), VisibleTexts and Shutdown. The drawing
// of a screen is in app/ui/<screen>_screen.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/background_fit.h"
#include "app/background_task.h"
#include "app/cli/source_import.h"
#include "app/local_time.h"
#include "app/study/progress.h"
#include "app/study/session.h"
#include "app/study/settings.h"
#include "app/study/simulator.h"
#include "app/ui/browse_screen.h"
#include "app/ui/home_screen.h"
#include "app/ui/library_screen.h"
#include "app/ui/read_screen.h"
#include "app/ui/screens.h"
#include "app/ui/settings_screen.h"
#include "app/ui/stats_screen.h"
#include "app/ui/study_screen.h"
#include "content/interview.h"
#include "storage/collection.h"

namespace mondo::app {

using Clock = std::function<std::int64_t()>;  // unix milliseconds

class AppController {
  public:
    AppController(storage::Collection& collection, Clock clock);

    // Loads settings and the sources (the choice saved last time), starts today's session and
    // builds the view models. On failure the message says what is wrong with the collection.
    Expected<Ok, std::string> Start();

    Screen screen() const { return screen_; }
    void Navigate(Screen screen);

    const LibraryViewModel& library() const { return library_; }
    LibraryUiState& library_ui() { return library_ui_; }
    const HomeViewModel& home() const { return home_; }
    const StudyViewModel& study() const { return study_; }
    const ReadViewModel& read() const { return read_; }
    const BrowseViewModel& browse() const { return browse_; }
    const StatsViewModel& stats() const { return stats_; }
    const SettingsViewModel& settings_view() const { return settings_view_; }
    StudyUiState& study_ui() { return study_ui_; }
    ReadUiState& read_ui() { return read_ui_; }
    BrowseUiState& browse_ui() { return browse_ui_; }
    StatsUiState& stats_ui() { return stats_ui_; }
    SettingsUiState& settings_ui() { return settings_ui_; }

    // The app's own preferences (theme, font), as saved in the collection.
    const SettingsValues& preferences() const { return settings_view_.values; }
    // Set when a change of font size or family needs the font atlas rebuilt; the loop clears it.
    bool TakeFontChange() { return std::exchange(font_changed_, false); }
    // The family the app draws with, shown in Settings.
    void SetFontInUse(std::string family) { settings_view_.font_in_use = std::move(family); }
    int due_now() const { return home_.due_now; }

    // The last error (a failed write, say), shown in a banner until the next action; empty if none.
    const std::string& error() const { return error_; }

    void Apply(const LibraryIntent& intent);
    void Apply(HomeIntent intent);
    void Apply(const StudyIntent& intent);
    void Apply(const ReadIntent& intent);
    void Apply(const BrowseIntent& intent);
    void Apply(const StatsIntent& intent);
    void Apply(const SettingsIntent& intent);

    // Parses `text` (pasted or read from a dropped file; `origin` names it) as `mondo import` does
    // and opens the Library on its preview, or on the parser's error. Writes nothing.
    void PreviewImport(std::string_view text, const std::string& origin);
    // A file dropped on the window: read with `mondo import`'s limit, then PreviewImport.
    void PreviewImportFile(const std::string& path);
    // Whether the source has changed since the last call (an import, a new choice): the loop then
    // adds the new texts' characters to the font atlas.
    bool TakeTextsChanged() { return std::exchange(texts_changed_, false); }

    // A learner's title for a source (Library: N), checked: white space at either end removed;
    // refused with the reason (a sentence for the Library) when not UTF-8, when it holds a control
    // character, a line break or an invisible direction control, or when longer than
    // kMaxTitleCharacters code points. An empty result means the text's own title.
    static constexpr std::size_t kMaxTitleCharacters = 200;
    static Expected<std::string, std::string> CheckTitle(std::string_view text);

    // The chosen source's id; empty when all sources are chosen.
    const std::string& chosen_source() const { return chosen_source_; }

    // Called once per frame: brings a learning card back when its step comes due and rolls the
    // queue over at the day boundary. Cheap when nothing changes. Returns true when the view
    // models changed (the window then draws a frame).
    bool Tick();

    // Every string the current view models can draw (for the font atlas and glyph checks).
    std::vector<std::string> VisibleTexts() const;
    // The strings of VisibleTexts drawn in the heading font (titles, section titles) and in the
    // furigana font (readings): those fonts hold only these glyphs.
    std::vector<std::string> HeadingTexts() const;
    std::vector<std::string> ReadingTexts() const;

    // Ends the session (records time studied) and stops background work. Called before the
    // collection closes.
    void Shutdown();

    // Background work (Settings' load estimate, "Help me decide" and "Optimise parameters" run
    // on worker threads): `wake_up` is called from those threads when progress or a result is
    // ready to show (the window loop pushes an event so that it wakes and calls Tick). Set it
    // before the first Apply.
    void SetWakeUp(std::function<void()> wake_up) { wake_up_ = std::move(wake_up); }
    // Background work is running (Tick shows its progress, then its result).
    bool Busy() const { return fit_job_ || load_job_ || decide_job_; }
    // Cancels and joins any background work (no message). Safe to call more than once.
    void StopBackgroundWork();

    const study::Session* session() const { return session_ ? &*session_ : nullptr; }
    // The chosen source's interview (all sources chosen: the first source's).
    const content::Interview& interview() const { return InterviewOf(chosen_source_); }

  private:
    std::int64_t NowMs() const { return clock_(); }
    std::int64_t NowSeconds() const { return clock_() / 1000; }
    // Shared (app/app_controller.cpp).
    Expected<Ok, std::string> StartSession(study::QueueScope scope);
    // Reads the sources and their interviews (after an import, at start).
    Expected<Ok, std::string> LoadSources();
    // Whether `source_id` is a stored source that is not retired.
    bool IsActiveSource(const std::string& source_id) const;
    // Makes `source_id` (empty: all) the choice, saves it and restarts the session on it.
    void Choose(const std::string& source_id);
    // The interview of a source (unknown or empty id: the first source's).
    const content::Interview& InterviewOf(const std::string& source_id) const;
    // The generator's question (with the fields the collection does not store), or null.
    const content::Question* GeneratedQuestion(const std::string& source_id,
                                               const std::string& question_id);
    void StudyScope(study::QueueScope scope, const std::string& what);
    void Refresh();          // rebuilds every view model from the session
    void RefreshProgress();  // progress_ from the collection's aggregates
    std::string SectionTitle(const std::string& source_id, int exchange) const;
    // The source of a question (its id begins with the source's); empty when none matches.
    std::string SourceOf(const std::string& question_id) const;
    void Fail(const std::string& what, const std::string& message);
    // "in 5 min": how long until something comes due, at least a minute.
    static std::string FormatWait(std::int64_t seconds);

    // Per screen (app/controller/<screen>.cpp).
    void RefreshLibrary();
    // Library: the learner's title for a source (empty or the parsed title: none; a title
    // CheckTitle refuses writes nothing, and the box stays open on the text typed with the reason
    // in LibraryUiState::rename_problem); retiring or restoring a source (the session is rebuilt
    // without or with its questions).
    void Rename(const std::string& source_id, const std::string& text);
    void SetRetired(const std::string& source_id, bool retire);
    // The settings key of the Library's choice (a source id; absent or empty: all sources).
    static constexpr const char* kChosenSourceSetting = "library.source";
    void RefreshHome();
    void Check(const study::AnswerInput& input);
    void Answer(sched::Rating rating, std::optional<study::Override> override_choice);
    // Shows `text` above the card for kNoticeMs (what just happened and how to take it back).
    void Notify(std::string text);
    void RefreshStudy();
    void RefreshRead();
    void RefreshBrowse();
    void RefreshBrowseHistory();
    void RefreshStats();
    void RefreshSettings();
    void ApplyParameterIntent(const SettingsIntent& intent);
    // Takes the running fit's progress, or its result once it has finished, into the Settings
    // view model. True when something shown changed.
    bool PollFit();
    // The same for the load estimate and "Help me decide".
    bool PollEstimates();
    // Simulates `retentions` over `days` on a worker thread (the collection read there too).
    using EstimateTask = BackgroundTask<Expected<std::vector<study::LoadEstimate>, std::string>>;
    std::unique_ptr<EstimateTask> StartEstimate(std::vector<double> retentions, int days);
    // Reads the whole collection's study items: made here, called on a worker thread, through a
    // second connection to the file (an in-memory collection, in tests, is read here at once).
    Expected<std::function<Expected<std::vector<study::StudyItem>, std::string>()>, std::string>
    StudyItemsReader(const StopFlag& stop);
    // Cancels `job` and keeps it until its thread ends (ReapStoppedWork joins it then).
    void Retire(std::unique_ptr<BackgroundWork> job);
    void ReapStoppedWork();
    void ShowLoad(const std::vector<study::LoadEstimate>& estimates);
    void ShowDecide(const std::vector<study::LoadEstimate>& estimates, int days);
    void ShowFit(const sched::OptimizeOutcome& outcome, std::size_t reviews);

    storage::Collection& collection_;
    std::vector<storage::SourceRecord> all_sources_;  // every source, retired ones too (Library)
    std::vector<storage::SourceRecord> sources_;      // the sources not retired, in import order
    // Every source's interview by id, its title the one shown (SourceTitle).
    std::map<std::string, content::Interview> interviews_;
    std::string chosen_source_;  // empty: all sources
    std::string read_source_;    // the source Read shows
    // Per source, its questions as the generator makes them today, by id (made when first
    // needed): the explanation fields (source sentence, role, changed span) the collection does
    // not store.
    std::map<std::string, std::unordered_map<std::string, content::Question>> generated_;
    std::optional<ImportPreview> pending_import_;
    bool texts_changed_ = false;
    std::size_t session_items_seen_ = 0;  // the session's items when texts were last collected
    Clock clock_;
    study::StudySettings settings_;
    std::optional<sched::Parameters> fitted_parameters_;  // the last fit, if it predicts better
    std::function<void()> wake_up_;
    std::unique_ptr<BackgroundFit> fit_job_;    // the fit in progress, if any
    std::unique_ptr<EstimateTask> load_job_;    // the load estimate in progress, if any
    std::unique_ptr<EstimateTask> decide_job_;  // "Help me decide" in progress, if any
    std::vector<std::unique_ptr<BackgroundWork>> stopping_;  // cancelled, thread still ending
    static constexpr int kDecideDays = 365;                  // "Help me decide"'s horizon
    std::optional<study::Session> session_;
    // The collection's progress (study/progress.h) as of the last Refresh; Home and Read show it.
    std::optional<study::Progress> progress_;
    study::QueueScope scope_;
    Screen screen_ = Screen::kHome;
    std::optional<study::CheckResult> check_;  // the checked answer of the current card
    StudyPhase phase_ = StudyPhase::kAsking;
    // Each showing of a card gets its own number: a card shown again (its next learning step, or
    // brought back by undo) starts afresh (empty answer box, its own answer time).
    int showing_ = 0;
    std::string shown_question_;  // the card on screen, its showing, and since when (duration)
    int shown_showing_ = -1;
    std::int64_t shown_at_ms_ = 0;
    bool first_run_ = false;

    LibraryViewModel library_;
    LibraryUiState library_ui_;
    HomeViewModel home_;
    StudyViewModel study_;
    ReadViewModel read_;
    BrowseViewModel browse_;
    StatsViewModel stats_;
    SettingsViewModel settings_view_;
    StudyUiState study_ui_;
    ReadUiState read_ui_;
    BrowseUiState browse_ui_;
    StatsUiState stats_ui_;
    SettingsUiState settings_ui_;
    bool font_changed_ = false;
    std::uint64_t browse_revision_ = 0;
    std::string error_;
    std::string notice_;
    std::int64_t notice_until_ms_ = 0;
    static constexpr std::int64_t kNoticeMs = 6000;
};

}  // namespace mondo::app
