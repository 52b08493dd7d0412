// The Library: the screen's keys and intents (headless), and the controller behind it on a real
// collection — importing a pasted or dropped text after a preview, studying one source or all,
// and every screen's figures against `mondo stats --json`.
#include "app/ui/library_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext: where ImGui keeps its focus outline

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/app_runner.h"
#include "app/cli/source_import.h"
#include "app/cli/stats_command.h"
#include "app/local_time.h"
#include "app/study/collection_store.h"
#include "app/study/session.h"
#include "content/interview.h"
#include "content/json.h"
#include "storage/collection.h"
#include "tests/app/imgui_harness.h"
#include "tests/app/process.h"

using mondo::app::AppController;
using mondo::app::DrawLibraryScreen;
using mondo::app::LibraryImportView;
using mondo::app::LibraryIntent;
using mondo::app::LibrarySourceRow;
using mondo::app::LibraryUiState;
using mondo::app::LibraryViewModel;
using mondo::app::Screen;
using mondo::test::ImGuiHarness;
using Kind = mondo::app::LibraryIntent::Kind;

namespace {

LibraryIntent Run(ImGuiHarness& harness, const LibraryViewModel& model, LibraryUiState& ui) {
    LibraryIntent intent;
    harness.Frame([&] { intent = DrawLibraryScreen(model, ui); });
    return intent;
}

LibraryViewModel TwoSources() {
    LibraryViewModel model;
    LibrarySourceRow first;
    first.id = "aaaa";
    first.title = "DeepSeek";
    first.exchanges = 16;
    first.questions = 149;
    LibrarySourceRow second;
    second.id = "bbbb";
    second.title = "A Baker on Slow Bread";
    second.exchanges = 5;
    second.questions = 39;
    model.sources = {first, second};
    return model;
}

std::string ReadData(const std::string& relative) {
    std::ifstream file(std::string(MONDO_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

// An in-memory collection holding the built-in interview, as on first start.
mondo::storage::Collection BuiltinCollection() {
    auto collection = mondo::storage::Collection::OpenInMemory();
    REQUIRE(collection);
    auto preview =
        mondo::app::PreviewImport(mondo::content::BuiltinInterviewText(), "built-in", *collection);
    REQUIRE(preview);
    REQUIRE(mondo::app::CommitImport(*preview, *collection));
    return std::move(*collection);
}

std::set<std::string> SessionSources(const AppController& controller) {
    std::set<std::string> sources;
    for (const auto& item : controller.session()->items()) sources.insert(item.source_id);
    return sources;
}

// Answers `count` cards of the session's queue with `rating`.
void Answer(mondo::study::Session& session, int count, mondo::sched::Rating rating,
            std::int64_t now) {
    for (int i = 0; i < count && session.Current() != nullptr; ++i) {
        REQUIRE(session.Answer(rating, "", std::nullopt, now, 4000));
    }
}

}  // namespace

TEST_CASE(
    "Library keys: Enter studies the selected source, Shift+Enter all, R reads, Ctrl+V "
    "pastes") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryUiState ui;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_RETURN);
    LibraryIntent intent = Run(harness, model, ui);
    CHECK(intent.kind == Kind::kStudySource);
    CHECK(intent.source_id == "aaaa");

    harness.PressKey(SDL_SCANCODE_DOWN);
    Run(harness, model, ui);
    CHECK(ui.selected == 1);
    harness.PressKey(SDL_SCANCODE_R);
    intent = Run(harness, model, ui);
    CHECK(intent.kind == Kind::kReadSource);
    CHECK(intent.source_id == "bbbb");

    harness.PressKey(SDL_SCANCODE_RETURN, false, /*shift=*/true);
    CHECK(Run(harness, model, ui).kind == Kind::kStudyAll);

    harness.PressKey(SDL_SCANCODE_V, /*ctrl=*/true);
    CHECK(Run(harness, model, ui).kind == Kind::kPaste);

    harness.PressKey(SDL_SCANCODE_DOWN);
    Run(harness, model, ui);
    CHECK(ui.selected == 1);  // stays on the last source
}

TEST_CASE(
    "the Library's keys never show ImGui's focus outline (the screen moves its own selection)") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryUiState ui;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // ImGui draws its outline around the item g.NavId names unless g.NavDisableHighlight.
    const auto outline_shown = [&g] { return g.NavId != 0 && !g.NavDisableHighlight; };
    Run(harness, model, ui);
    Run(harness, model, ui);
    CHECK_FALSE(outline_shown());
    for (const int key : {SDL_SCANCODE_DOWN, SDL_SCANCODE_UP, SDL_SCANCODE_DOWN, SDL_SCANCODE_TAB,
                          SDL_SCANCODE_LEFT, SDL_SCANCODE_RIGHT, SDL_SCANCODE_SPACE}) {
        CAPTURE(key);
        harness.PressKey(key);
        CHECK(Run(harness, model, ui).kind == Kind::kNone);
        Run(harness, model, ui);
        CHECK_FALSE(outline_shown());
    }
    CHECK(ui.selected == 1);  // Down, Up, Down: the screen's own selection moved
    // A click on the "Source" header, then keys: still no outline.
    harness.Click(60.0f, 48.0f);
    Run(harness, model, ui);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_UP);
    Run(harness, model, ui);
    Run(harness, model, ui);
    CHECK_FALSE(outline_shown());
    CHECK(ui.selected == 0);
}

TEST_CASE("a long list follows the selection: the selected source is scrolled into view") {
    ImGuiHarness harness(1280.0f, 400.0f);
    LibraryViewModel model;
    for (int i = 0; i < 60; ++i) {
        LibrarySourceRow row;
        row.id = "source" + std::to_string(i);
        row.title = "Interview " + std::to_string(i);
        model.sources.push_back(row);
    }
    LibraryUiState ui;
    Run(harness, model, ui);
    const ImGuiWindow* window = ImGui::FindWindowByName("Library###library");
    REQUIRE(window != nullptr);
    CHECK(window->Scroll.y == 0.0f);
    for (int i = 0; i < 59; ++i) {
        harness.PressKey(SDL_SCANCODE_DOWN);
        Run(harness, model, ui);
        Run(harness, model, ui);
        Run(harness, model, ui);
    }
    CHECK(ui.selected == 59);
    CHECK(window->Scroll.y > 0.0f);
    CHECK(window->Scroll.y == doctest::Approx(window->ScrollMax.y).epsilon(0.2));
    for (int i = 0; i < 59; ++i) {
        harness.PressKey(SDL_SCANCODE_UP);
        Run(harness, model, ui);
        Run(harness, model, ui);
        Run(harness, model, ui);
    }
    CHECK(ui.selected == 0);
    CHECK(window->Scroll.y < window->ScrollMax.y * 0.2f);
}

TEST_CASE("Library preview: Enter adds, Esc cancels, and the list's keys wait") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryImportView preview;
    preview.origin = "the clipboard";
    preview.title = "A Baker on Slow Bread";
    preview.exchanges = 5;
    preview.kinds = {{"recall", 5}, {"cloze", 10}};
    preview.warnings = {"No section headings were found."};
    model.preview = preview;
    LibraryUiState ui;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_RETURN);
    CHECK(Run(harness, model, ui).kind == Kind::kConfirmImport);
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    CHECK(Run(harness, model, ui).kind == Kind::kCancelImport);
    harness.PressKey(SDL_SCANCODE_R);
    CHECK(Run(harness, model, ui).kind == Kind::kNone);
}

TEST_CASE("Library rename: N opens the box on the selected title, Enter saves, Esc cancels") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryUiState ui;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_DOWN);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_N);
    CHECK(Run(harness, model, ui).kind == Kind::kNone);
    CHECK(ui.mode == LibraryUiState::Mode::kRenaming);
    CHECK(ui.editing_id == "bbbb");
    CHECK(ui.rename_text == "A Baker on Slow Bread");
    Run(harness, model, ui);  // the box takes the keyboard, its text selected
    Run(harness, model, ui);

    SUBCASE("typed text replaces the title and Enter renames") {
        harness.TypeText("Bread");
        Run(harness, model, ui);
        // The list's keys wait while the box is open: R is typed, not "read" (the queue hands
        // the key press to the frame after the text).
        harness.TypeText("r");
        harness.PressKey(SDL_SCANCODE_R);
        CHECK(Run(harness, model, ui).kind == Kind::kNone);
        CHECK(Run(harness, model, ui).kind == Kind::kNone);
        harness.PressKey(SDL_SCANCODE_RETURN);
        const LibraryIntent intent = Run(harness, model, ui);
        CHECK(intent.kind == Kind::kRename);
        CHECK(intent.source_id == "bbbb");
        CHECK(intent.text == "Breadr");
        CHECK(ui.mode == LibraryUiState::Mode::kList);
    }
    SUBCASE("Esc keeps the old title") {
        harness.TypeText("x");
        Run(harness, model, ui);
        CHECK(ui.rename_text == "x");
        harness.PressKey(SDL_SCANCODE_ESCAPE);
        CHECK(Run(harness, model, ui).kind == Kind::kNone);
        CHECK(ui.mode == LibraryUiState::Mode::kList);
        harness.PressKey(SDL_SCANCODE_RETURN);
        CHECK(Run(harness, model, ui).kind == Kind::kStudySource);  // the list's keys again
    }
}

TEST_CASE(
    "Library retire and restore: Delete asks first, Enter retires, Esc keeps; U restores a "
    "retired source, which cannot be studied or read") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryUiState ui;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_DELETE);
    CHECK(Run(harness, model, ui).kind == Kind::kNone);
    CHECK(ui.mode == LibraryUiState::Mode::kConfirmRetire);
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    CHECK(Run(harness, model, ui).kind == Kind::kNone);
    CHECK(ui.mode == LibraryUiState::Mode::kList);

    harness.PressKey(SDL_SCANCODE_DELETE);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_RETURN);  // retires; does not study
    LibraryIntent intent = Run(harness, model, ui);
    CHECK(intent.kind == Kind::kRetire);
    CHECK(intent.source_id == "aaaa");
    CHECK(ui.mode == LibraryUiState::Mode::kList);

    harness.PressKey(SDL_SCANCODE_U);  // an active source: nothing to restore
    CHECK(Run(harness, model, ui).kind == Kind::kNone);

    model.sources[0].retired = true;
    model.sources[0].retired_on = "2026-12-02";
    for (const int key : {SDL_SCANCODE_RETURN, SDL_SCANCODE_R, SDL_SCANCODE_DELETE}) {
        CAPTURE(key);
        harness.PressKey(key);
        CHECK(Run(harness, model, ui).kind == Kind::kNone);
        CHECK(ui.mode == LibraryUiState::Mode::kList);
    }
    harness.PressKey(SDL_SCANCODE_U);
    intent = Run(harness, model, ui);
    CHECK(intent.kind == Kind::kRestore);
    CHECK(intent.source_id == "aaaa");
    harness.PressKey(SDL_SCANCODE_RETURN, false, /*shift=*/true);
    CHECK(Run(harness, model, ui).kind == Kind::kStudyAll);  // the other source is active
}

TEST_CASE(
    "a pasted interview is previewed without writing, added on Enter, and studied alone or "
    "with the others") {
    auto collection = BuiltinCollection();
    AppController controller(collection, [] { return mondo::app::SystemNowMs(); });
    REQUIRE(controller.Start());
    controller.Navigate(Screen::kLibrary);
    REQUIRE(controller.library().sources.size() == 1);
    const std::string builtin = controller.library().sources[0].id;
    CHECK(controller.library().sources[0].exchanges == 16);

    const std::string text = ReadData("library/five_exchanges.txt");
    controller.PreviewImport(text, "the clipboard");
    REQUIRE(controller.library().preview);
    const LibraryImportView& preview = *controller.library().preview;
    CHECK(preview.title == "A Baker on Slow Bread");
    CHECK(preview.exchanges == 5);
    CHECK(preview.sections == 0);
    int questions = 0;
    for (const auto& [kind, count] : preview.kinds) questions += count;
    CHECK(questions == preview.questions);
    CHECK(preview.questions > 0);
    CHECK(preview.effect.find("A new source") != std::string::npos);
    CHECK(collection.SourceIds()->size() == 1);  // nothing written yet

    SUBCASE("Esc cancels: nothing is added") {
        controller.Apply(LibraryIntent{Kind::kCancelImport, {}, {}});
        CHECK_FALSE(controller.library().preview);
        CHECK(collection.SourceIds()->size() == 1);
    }
    SUBCASE("Enter adds; one source or all are studied") {
        controller.Apply(LibraryIntent{Kind::kConfirmImport, {}, {}});
        CHECK_FALSE(controller.library().preview);
        REQUIRE(controller.library().sources.size() == 2);
        const std::string baker = controller.library().sources[1].id;
        CHECK(controller.library().sources[1].title == "A Baker on Slow Bread");
        CHECK(controller.library().sources[1].questions == preview.questions);
        CHECK(controller.library().notice.find("added") != std::string::npos);

        controller.Apply(LibraryIntent{Kind::kStudySource, baker, {}});
        CHECK(controller.screen() == Screen::kStudy);
        CHECK(controller.chosen_source() == baker);
        CHECK(SessionSources(controller) == std::set<std::string>{baker});
        REQUIRE(controller.study().has_card);
        CHECK(controller.study().card.question_id.rfind(baker, 0) == 0);
        CHECK(controller.home().source_title == "A Baker on Slow Bread");
        CHECK(controller.home().total_questions == preview.questions);

        controller.Apply(LibraryIntent{Kind::kStudyAll, {}, {}});
        CHECK(controller.chosen_source().empty());
        CHECK(SessionSources(controller) == std::set<std::string>{builtin, baker});
        CHECK(controller.home().rows_are_sources);
        CHECK(controller.home().sections.size() == 2);

        // Stats of all sources: clicking the baker's exchange 2 studies it, not the built-in
        // interview's exchange 2.
        controller.Navigate(Screen::kStats);
        CHECK(controller.stats().sources.size() == 2);
        mondo::app::StatsIntent exchange;
        exchange.kind = mondo::app::StatsIntent::Kind::kStudyExchange;
        exchange.exchange = 2;
        exchange.source_id = baker;
        controller.Apply(exchange);
        CHECK(controller.screen() == Screen::kStudy);
        int of_exchange = 0;
        for (const auto& item : controller.session()->items())
            of_exchange += item.source_id == baker && item.question.exchange == 2 ? 1 : 0;
        REQUIRE(of_exchange > 0);
        CHECK(controller.session()->Counts().Total() == of_exchange);
        REQUIRE(controller.session()->Current() != nullptr);
        CHECK(controller.session()->Current()->source_id == baker);
        CHECK(controller.session()->Current()->question.exchange == 2);
        CHECK(controller.chosen_source().empty());  // the choice stays "all"
        controller.Navigate(Screen::kLibrary);

        // The same text again updates the source as `mondo import` would: all kept.
        controller.PreviewImport(text, "the clipboard");
        REQUIRE(controller.library().preview);
        CHECK(controller.library().preview->effect.find(
                  "Updates the stored source: " + std::to_string(preview.questions) +
                  " kept, 0 added, 0 retired") != std::string::npos);

        // Read reads the chosen source and N switches.
        controller.Apply(LibraryIntent{Kind::kReadSource, baker, {}});
        CHECK(controller.screen() == Screen::kRead);
        CHECK(controller.read().title == "A Baker on Slow Bread");
        CHECK(controller.read().exchanges.size() == 5);
        controller.Apply(mondo::app::ReadIntent{mondo::app::ReadIntent::Kind::kNextSource, 0});
        CHECK(controller.read().exchanges.size() == 16);
        CHECK(controller.chosen_source() == builtin);
    }
}

TEST_CASE("a binary or unreadable drop shows the parser's error and changes nothing") {
    auto collection = BuiltinCollection();
    AppController controller(collection, [] { return mondo::app::SystemNowMs(); });
    REQUIRE(controller.Start());
    mondo::test::TempDir dir;
    const std::string binary = dir.File("picture.png");
    mondo::test::WriteFile(binary, std::string("\x89PNG\r\n\x1a\n\xff\xfe data"));
    controller.PreviewImportFile(binary);
    CHECK(controller.screen() == Screen::kLibrary);
    CHECK_FALSE(controller.library().preview);
    CHECK(controller.library().import_error.find(binary + ": ") == 0);
    CHECK(controller.library().import_error.find("byte 0") != std::string::npos);
    CHECK(collection.SourceIds()->size() == 1);

    controller.PreviewImportFile(dir.File("missing.txt"));
    CHECK(controller.library().import_error.find("cannot be opened") != std::string::npos);

    controller.PreviewImport(std::string(mondo::content::kMaxSourceBytes + 1, 'a'),
                             "the clipboard");
    CHECK(controller.library().import_error.find("the clipboard: ") == 0);
    CHECK_FALSE(controller.library().preview);
    CHECK(collection.SourceIds()->size() == 1);
}

TEST_CASE(
    "with sources of 16, 5 and 4 exchanges the Library, Home, Browse, Read and Stats agree with "
    "mondo stats --json") {
    mondo::test::TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::int64_t now = mondo::app::SystemNowMs() / 1000;
    struct Shown {
        std::string id;
        LibrarySourceRow library;
        int home_learned = 0;
        int home_total = 0;
        std::size_t browse_rows = 0;
        std::size_t read_exchanges = 0;
        std::vector<mondo::app::ReadExchangeView> read;
        std::vector<mondo::app::HomeSectionRow> home_sections;
        mondo::app::StatsViewModel stats;
    };
    mondo::app::StatsViewModel all_stats;
    mondo::app::HomeViewModel all_home;
    std::size_t all_browse_rows = 0;
    std::vector<Shown> shown;
    {
        auto collection = mondo::storage::Collection::Open(db);
        REQUIRE(collection);
        for (const std::string& text :
             {std::string(mondo::content::BuiltinInterviewText()),
              ReadData("library/five_exchanges.txt"), ReadData("content/dash_unlabelled.txt")}) {
            auto preview = mondo::app::PreviewImport(text, "test", *collection);
            REQUIRE(preview);
            REQUIRE(mondo::app::CommitImport(*preview, *collection));
        }
        auto ids = collection->SourceIds();
        REQUIRE(ids->size() == 3);
        auto settings = mondo::study::LoadSettings(*collection);
        REQUIRE(settings);
        settings->utc_offset_at = mondo::app::LocalUtcOffset;
        const mondo::sched::Rating ratings[3] = {
            mondo::sched::Rating::kEasy, mondo::sched::Rating::kGood, mondo::sched::Rating::kAgain};
        for (std::size_t s = 0; s < 3; ++s) {
            auto session = mondo::study::Session::Start(
                std::make_unique<mondo::study::CollectionStore>(*collection, (*ids)[s]), *settings,
                now);
            REQUIRE(session);
            Answer(*session, 4 - static_cast<int>(s), ratings[s], now);
        }

        AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
        REQUIRE(controller.Start());
        controller.Navigate(Screen::kLibrary);
        const std::vector<LibrarySourceRow> rows = controller.library().sources;
        REQUIRE(rows.size() == 3);
        for (const LibrarySourceRow& row : rows) {
            Shown one;
            one.id = row.id;
            one.library = row;
            controller.Apply(LibraryIntent{Kind::kStudySource, row.id, {}});
            one.home_learned = controller.home().learned;
            one.home_total = controller.home().total_questions;
            controller.Navigate(Screen::kBrowse);
            one.browse_rows = controller.browse().rows.size();
            one.read_exchanges = controller.read().exchanges.size();
            one.read = controller.read().exchanges;
            one.home_sections = controller.home().sections;
            controller.Navigate(Screen::kStats);
            one.stats = controller.stats();
            shown.push_back(one);
        }
        controller.Apply(LibraryIntent{Kind::kStudyAll, {}, {}});
        all_home = controller.home();
        controller.Navigate(Screen::kBrowse);
        all_browse_rows = controller.browse().rows.size();
        controller.Navigate(Screen::kStats);
        all_stats = controller.stats();
        controller.Shutdown();
    }
    CHECK(shown[0].library.exchanges == 16);
    CHECK(shown[1].library.exchanges == 5);
    CHECK(shown[2].library.exchanges == 4);

    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(mondo::app::RunStatsCommand({"--db", db, "--json"}, out, err) == 0);
    const auto all = mondo::content::Json::parse(out.str());
    REQUIRE(all["sources"].size() == 3);
    int learned_somewhere = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const Shown& screen = shown[i];
        const auto& source = all["sources"][i];
        CAPTURE(i);
        CHECK(source["id"] == screen.id);
        CHECK(source["exchanges"] == screen.library.exchanges);
        CHECK(source["questions"] == screen.library.questions);
        CHECK(source["learned"] == screen.library.learned);
        CHECK(source["due_today"] == screen.library.due_today);
        CHECK(source["mastery"].get<double>() ==
              doctest::Approx(screen.library.mastery).epsilon(1e-3));
        CHECK(screen.home_learned == screen.library.learned);
        CHECK(screen.home_total == screen.library.questions);
        CHECK(static_cast<int>(screen.browse_rows) == screen.library.questions);
        CHECK(static_cast<int>(screen.read_exchanges) == screen.library.exchanges);
        learned_somewhere += screen.library.learned;

        // Stats with this source chosen: its figures only, as `mondo stats --source` counts them.
        const mondo::app::StatsViewModel& stats = screen.stats;
        CHECK(stats.showing == screen.library.title);
        CHECK(stats.total_questions == screen.library.questions);
        CHECK(stats.learned_questions == screen.library.learned);
        CHECK(stats.total_reviews == 4 - static_cast<int>(i));
        REQUIRE_FALSE(stats.forecast.empty());
        CHECK(stats.forecast.front() == screen.library.due_today);
        std::ostringstream one_out;
        REQUIRE(mondo::app::RunStatsCommand({"--db", db, "--source", screen.id, "--json"}, one_out,
                                            err) == 0);
        const auto one = mondo::content::Json::parse(one_out.str());
        CHECK(one["total_questions"] == stats.total_questions);
        CHECK(one["learned_questions"] == stats.learned_questions);
        CHECK(one["total_reviews"] == stats.total_reviews);
        CHECK(one["today"]["reviews"] == stats.history.back().Total());
        CHECK(one["streak"] == stats.streak_days);
        CHECK(one["forecast"] == stats.forecast);
        CHECK(one["retention"]["year"]["young"]["total"] == stats.retention[3].young.total);
        REQUIRE(one["sections"].size() == stats.sections.size());
        for (std::size_t k = 0; k < stats.sections.size(); ++k) {
            CHECK(one["sections"][k]["learned"] == stats.sections[k].learned);
            CHECK(one["sections"][k]["questions"] == stats.sections[k].questions);
            CHECK(one["sections"][k]["source"] == screen.id);
        }
        CHECK(stats.sources.empty());  // one source shown: no rows per source
        // Home's sections and Read's exchanges are Stats' rows.
        for (const mondo::app::HomeSectionRow& row : screen.home_sections) {
            CAPTURE(row.index);
            int matched = 0;
            for (const mondo::app::MasteryRow& in_stats : stats.sections) {
                if (in_stats.index != row.index) continue;
                ++matched;
                CHECK(in_stats.questions == row.questions);
                CHECK(in_stats.learned == row.learned);
                CHECK(in_stats.mastery == doctest::Approx(row.mastery).epsilon(1e-3));
            }
            CHECK(matched == (row.questions > 0 ? 1 : 0));
        }
        for (const mondo::app::ReadExchangeView& view : screen.read) {
            CAPTURE(view.index);
            int matched = 0;
            for (const mondo::app::MasteryRow& in_stats : stats.exchanges) {
                if (in_stats.index != view.index) continue;
                ++matched;
                CHECK(in_stats.questions == view.questions);
                CHECK(in_stats.learned == view.learned);
                CHECK(in_stats.mastery == doctest::Approx(view.mastery).epsilon(1e-3));
            }
            CHECK(matched == (view.questions > 0 ? 1 : 0));
        }
    }
    CHECK(learned_somewhere > 0);
    CHECK(all["total_reviews"] == 4 + 3 + 2);
    // All sources: the collection's figures, the sum of the three.
    CHECK(all_stats.showing == "all sources");
    CHECK(all_stats.total_reviews == 4 + 3 + 2);
    CHECK(all["total_questions"] == all_stats.total_questions);
    CHECK(all["learned_questions"] == all_stats.learned_questions);
    CHECK(all["forecast"] == all_stats.forecast);
    CHECK(all_stats.total_questions ==
          shown[0].library.questions + shown[1].library.questions + shown[2].library.questions);
    CHECK(all_stats.learned_questions == learned_somewhere);
    CHECK(all_stats.forecast.front() ==
          shown[0].library.due_today + shown[1].library.due_today + shown[2].library.due_today);
    CHECK(static_cast<int>(all_browse_rows) == all_stats.total_questions);

    // All sources: Home and Stats give a row per source, each the source's own figures (the
    // Library's and `mondo stats --json`'s), and Stats lists every source's sections and
    // exchanges, summing to them.
    REQUIRE(all_home.rows_are_sources);
    REQUIRE(all_home.sections.size() == 3);
    REQUIRE(all_stats.sources.size() == 3);
    REQUIRE(all["sections"].size() == all_stats.sections.size());
    for (std::size_t k = 0; k < all_stats.sections.size(); ++k) {
        CAPTURE(k);
        CHECK(all["sections"][k]["source"] == all_stats.sections[k].source_id);
        CHECK(all["sections"][k]["title"] == all_stats.sections[k].label);
        CHECK(all["sections"][k]["learned"] == all_stats.sections[k].learned);
        CHECK(all["sections"][k]["questions"] == all_stats.sections[k].questions);
    }
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        const LibrarySourceRow& library = shown[i].library;
        const mondo::app::MasteryRow& source = all_stats.sources[i];
        CHECK(source.source_id == library.id);
        CHECK(source.label == library.title);
        CHECK(source.questions == library.questions);
        CHECK(source.learned == library.learned);
        CHECK(source.mastery == doctest::Approx(library.mastery).epsilon(1e-3));
        CHECK(all_home.sections[i].title == library.title);
        CHECK(all_home.sections[i].questions == library.questions);
        CHECK(all_home.sections[i].learned == library.learned);
        CHECK(all_home.sections[i].mastery == doctest::Approx(library.mastery).epsilon(1e-3));
        int section_questions = 0;
        int section_learned = 0;
        for (const auto& row : all_stats.sections) {
            if (row.source_id != library.id) continue;
            section_questions += row.questions;
            section_learned += row.learned;
        }
        CHECK(section_questions == library.questions);
        CHECK(section_learned == library.learned);
        int exchanges = 0;
        int exchange_learned = 0;
        for (const auto& row : all_stats.exchanges) {
            if (row.source_id != library.id) continue;
            ++exchanges;
            exchange_learned += row.learned;
        }
        CHECK(exchanges == library.exchanges);
        CHECK(exchange_learned <= library.learned);  // profile questions have no exchange
        // The same sections as with the source chosen alone.
        std::vector<int> alone;
        for (const auto& row : shown[i].stats.sections) alone.push_back(row.learned);
        std::vector<int> among_all;
        for (const auto& row : all_stats.sections) {
            if (row.source_id == library.id) among_all.push_back(row.learned);
        }
        CHECK(alone == among_all);
    }

    std::ostringstream unknown;
    CHECK(mondo::app::RunStatsCommand({"--db", db, "--source", "nope"}, unknown, err) == 1);
}

TEST_CASE(
    "renaming a source from the Library shows the new title on every screen and in mondo stats "
    "--json, survives a reimport, and an empty name brings the parsed title back") {
    mondo::test::TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::string text = ReadData("library/five_exchanges.txt");
    std::string baker;
    {
        auto collection = mondo::storage::Collection::Open(db);
        REQUIRE(collection);
        REQUIRE(mondo::app::EnsureFirstSource(*collection));
        AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
        REQUIRE(controller.Start());
        controller.PreviewImport(text, "the clipboard");
        controller.Apply(LibraryIntent{Kind::kConfirmImport, {}, {}});
        REQUIRE(controller.library().sources.size() == 2);
        baker = controller.library().sources[1].id;

        controller.Apply(LibraryIntent{Kind::kRename, baker, "  パンの話 (my notes)  "});
        CHECK(controller.library().sources[1].title == "パンの話 (my notes)");
        CHECK(controller.library().sources[1].parsed_title == "A Baker on Slow Bread");
        controller.Apply(LibraryIntent{Kind::kStudySource, baker, {}});
        CHECK(controller.home().source_title == "パンの話 (my notes)");
        controller.Apply(LibraryIntent{Kind::kReadSource, baker, {}});
        CHECK(controller.read().title == "パンの話 (my notes)");
        const auto texts = controller.VisibleTexts();
        CHECK(std::find(texts.begin(), texts.end(), "パンの話 (my notes)") != texts.end());

        // The same text imported again keeps the learner's title (and says so first).
        controller.PreviewImport(text + "\n", "the clipboard");
        REQUIRE(controller.library().preview);
        CHECK(controller.library().preview->effect.find("パンの話 (my notes)") !=
              std::string::npos);
        controller.Apply(LibraryIntent{Kind::kConfirmImport, {}, {}});
        controller.Navigate(Screen::kLibrary);
        CHECK(controller.library().sources[1].title == "パンの話 (my notes)");
        controller.Shutdown();
    }
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(mondo::app::RunStatsCommand({"--db", db, "--json"}, out, err) == 0);
    auto json = mondo::content::Json::parse(out.str());
    REQUIRE(json["sources"].size() == 2);
    CHECK(json["sources"][1]["title"] == "パンの話 (my notes)");
    CHECK(json["sources"][1]["retired"] == false);

    auto collection = mondo::storage::Collection::Open(db);
    REQUIRE(collection);
    AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
    REQUIRE(controller.Start());
    controller.Navigate(Screen::kLibrary);
    CHECK(controller.library().sources[1].title == "パンの話 (my notes)");  // kept on disk
    // The parsed title typed back, or nothing, means no title of one's own.
    controller.Apply(LibraryIntent{Kind::kRename, baker, "A Baker on Slow Bread"});
    CHECK(collection->Sources()->at(1).custom_title.empty());
    controller.Apply(LibraryIntent{Kind::kRename, baker, "x"});
    controller.Apply(LibraryIntent{Kind::kRename, baker, "   "});
    CHECK(collection->Sources()->at(1).custom_title.empty());
    CHECK(controller.library().sources[1].title == "A Baker on Slow Bread");
    CHECK(controller.library().sources[1].parsed_title.empty());
}

TEST_CASE(
    "a name that is not one line of visible UTF-8 text, or too long, is refused with the reason: "
    "nothing is written and the box stays open on what was typed") {
    auto collection = BuiltinCollection();
    AppController controller(collection, [] { return mondo::app::SystemNowMs(); });
    REQUIRE(controller.Start());
    controller.Navigate(Screen::kLibrary);
    const std::string id = controller.library().sources[0].id;
    const std::string title = controller.library().sources[0].title;
    controller.Apply(LibraryIntent{Kind::kRename, id, "My notes"});
    REQUIRE(collection.Sources()->at(0).custom_title == "My notes");

    std::string too_long;
    for (std::size_t i = 0; i <= AppController::kMaxTitleCharacters; ++i) too_long += "長";
    const struct {
        std::string typed;
        std::string reason;
    } refused[] = {
        {"two\nlines", "U+000A (a line break)"},
        {"a\r\nb", "U+000D (a line break)"},
        {"tab\there", "U+0009 (a tab)"},
        {"bell\x07", "U+0007 (a control character)"},
        {"nul" + std::string(1, '\0') + "x", "U+0000 (a control character)"},
        {"esc \x1b[31mred", "U+001B (a control character)"},
        {"c1 \xC2\x85 next line", "U+0085 (a control character)"},
        {"line\xE2\x80\xA8separator", "U+2028 (a line break)"},
        {"evil\xE2\x80\xAEtxt.exe", "U+202E (a direction control)"},
        {"cut \xEF\xBF\xBD", "U+FFFD (the mark of damaged text)"},
        {"bad \xC3\x28 utf-8", "not valid UTF-8 text (byte 4)"},
        {too_long, "at most 200 characters; this one has 201"},
    };
    for (const auto& [typed, reason] : refused) {
        CAPTURE(reason);
        controller.library_ui().mode = LibraryUiState::Mode::kList;
        controller.Apply(LibraryIntent{Kind::kRename, id, typed});
        CHECK(collection.Sources()->at(0).custom_title == "My notes");  // nothing written
        CHECK(controller.library().sources[0].title == "My notes");
        CHECK(controller.error().empty());
        const LibraryUiState& ui = controller.library_ui();
        CHECK(ui.mode == LibraryUiState::Mode::kRenaming);
        CHECK(ui.editing_id == id);
        CHECK(ui.rename_text == typed);  // what was typed is not lost
        CHECK(ui.rename_problem.find(reason) != std::string::npos);
        CHECK(ui.rename_problem.find("nothing was changed") != std::string::npos);
    }
    // Where the character is: counted in characters, after the trimmed white space.
    controller.Apply(LibraryIntent{Kind::kRename, id, "  日本\n語"});
    CHECK(controller.library_ui().rename_problem.find("at character 3") != std::string::npos);

    // Accepted: white space of any kind trimmed (a trailing line break is white space), and
    // exactly the longest name.
    controller.Apply(LibraryIntent{Kind::kRename, id, "\xE3\x80\x80 パンの話\t\n"});
    CHECK(collection.Sources()->at(0).custom_title == "パンの話");
    CHECK(controller.library_ui().rename_problem.empty());
    CHECK(controller.library_ui().mode == LibraryUiState::Mode::kList);
    too_long.resize(too_long.size() - std::string("長").size());
    controller.Apply(LibraryIntent{Kind::kRename, id, too_long});
    CHECK(collection.Sources()->at(0).custom_title == too_long);
    // Nothing but white space: the text's own title again.
    controller.Apply(LibraryIntent{Kind::kRename, id, " \xE3\x80\x80 "});
    CHECK(collection.Sources()->at(0).custom_title.empty());
    CHECK(controller.library().sources[0].title == title);
}

TEST_CASE("a refused name is shown under the open box until Esc closes it") {
    ImGuiHarness harness;
    LibraryViewModel model = TwoSources();
    LibraryUiState ui;
    ui.mode = LibraryUiState::Mode::kRenaming;
    ui.editing_id = "aaaa";
    ui.rename_text = "two\nlines";
    ui.rename_problem = "A name is one line of visible text: it has U+000A (a line break)";
    ui.focus_rename = true;
    const std::string logged = harness.LoggedFrame([&] { (void)DrawLibraryScreen(model, ui); });
    CHECK(logged.find("U+000A (a line break)") != std::string::npos);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    Run(harness, model, ui);
    CHECK(ui.mode == LibraryUiState::Mode::kList);
    CHECK(ui.rename_problem.empty());
    // N opens the box afresh, without the old reason.
    ui.rename_problem = "stale";
    harness.PressKey(SDL_SCANCODE_N);
    Run(harness, model, ui);
    CHECK(ui.mode == LibraryUiState::Mode::kRenaming);
    CHECK(ui.rename_problem.empty());
}

TEST_CASE(
    "retiring a source takes its questions out of the queue and the figures and keeps its "
    "reviews; the built-in interview stays retired at the next start until restored") {
    mondo::test::TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::int64_t now = mondo::app::SystemNowMs() / 1000;
    std::string builtin;
    std::string baker;
    int builtin_questions = 0;
    {
        auto collection = mondo::storage::Collection::Open(db);
        REQUIRE(collection);
        REQUIRE(mondo::app::EnsureFirstSource(*collection));
        AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
        REQUIRE(controller.Start());
        controller.PreviewImport(ReadData("library/five_exchanges.txt"), "the clipboard");
        controller.Apply(LibraryIntent{Kind::kConfirmImport, {}, {}});
        controller.Navigate(Screen::kLibrary);
        REQUIRE(controller.library().sources.size() == 2);
        builtin = controller.library().sources[0].id;
        baker = controller.library().sources[1].id;
        builtin_questions = controller.library().sources[0].questions;
        controller.Apply(LibraryIntent{Kind::kStudySource, builtin, {}});
        controller.Shutdown();
        // Two answers to the built-in interview's questions.
        auto settings = mondo::study::LoadSettings(*collection);
        REQUIRE(settings);
        settings->utc_offset_at = mondo::app::LocalUtcOffset;
        auto session = mondo::study::Session::Start(
            std::make_unique<mondo::study::CollectionStore>(*collection, builtin), *settings, now);
        REQUIRE(session);
        Answer(*session, 2, mondo::sched::Rating::kEasy, now);
    }
    LibrarySourceRow before_retiring;
    {
        auto collection = mondo::storage::Collection::Open(db);
        REQUIRE(collection);
        AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
        REQUIRE(controller.Start());
        CHECK(controller.chosen_source() == builtin);
        controller.Navigate(Screen::kLibrary);
        CHECK(controller.home().total_questions == builtin_questions);
        before_retiring = controller.library().sources[0];
        CHECK(before_retiring.due_today + before_retiring.learned > 0);
        controller.Apply(LibraryIntent{Kind::kRetire, builtin, {}});
        CHECK(controller.error().empty());
        const LibrarySourceRow& row = controller.library().sources[0];
        CHECK(row.retired);
        CHECK_FALSE(row.retired_on.empty());
        CHECK(row.last_studied != "never");  // its history stays
        CHECK(row.exchanges == 16);
        CHECK(controller.library().notice.find("Retired") == 0);
        // The choice falls back to all sources, which are now the baker's only.
        CHECK(controller.chosen_source().empty());
        CHECK(SessionSources(controller) == std::set<std::string>{baker});
        CHECK(controller.home().total_questions == controller.library().sources[1].questions);
        CHECK_FALSE(controller.home().rows_are_sources);
        CHECK(collection->LoadReviewLog()->size() == 2);
        // A retired source cannot be chosen or read.
        controller.Apply(LibraryIntent{Kind::kStudySource, builtin, {}});
        CHECK(SessionSources(controller) == std::set<std::string>{baker});
        controller.Shutdown();
    }
    {
        // The next start: the built-in interview is not imported again behind the learner's back.
        auto collection = mondo::storage::Collection::Open(db);
        REQUIRE(collection);
        REQUIRE(mondo::app::EnsureFirstSource(*collection));
        CHECK(collection->SourceIds()->size() == 2);
        CHECK(collection->Sources()->front().retired());
        AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
        REQUIRE(controller.Start());
        CHECK(SessionSources(controller) == std::set<std::string>{baker});
        controller.Shutdown();
    }
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(mondo::app::RunStatsCommand({"--db", db, "--json"}, out, err) == 0);
    auto json = mondo::content::Json::parse(out.str());
    REQUIRE(json["sources"].size() == 2);
    CHECK(json["sources"][0]["retired"] == true);
    CHECK(json["sources"][0]["questions"] == 0);
    CHECK(json["total_reviews"] == 2);  // the history keeps its reviews

    auto collection = mondo::storage::Collection::Open(db);
    REQUIRE(collection);
    AppController controller(*collection, [] { return mondo::app::SystemNowMs(); });
    REQUIRE(controller.Start());
    controller.Navigate(Screen::kLibrary);
    controller.Apply(LibraryIntent{Kind::kRestore, builtin, {}});
    CHECK_FALSE(controller.library().sources[0].retired);
    // Back as it was: the same figures (its cards were kept).
    const LibrarySourceRow& restored = controller.library().sources[0];
    CHECK(restored.questions == builtin_questions);
    CHECK(restored.learned == before_retiring.learned);
    CHECK(restored.due_today == before_retiring.due_today);
    CHECK(restored.mastery == doctest::Approx(before_retiring.mastery).epsilon(1e-3));
    CAPTURE(SessionSources(controller).size());
    CHECK(SessionSources(controller).count(builtin) == 1);
    CHECK(controller.home().rows_are_sources);
    controller.Apply(LibraryIntent{Kind::kReadSource, builtin, {}});
    CHECK(controller.read().exchanges.size() == 16);
}
