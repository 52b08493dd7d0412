// The Library: the screen's keys and intents (headless), and the controller behind it on a real
// collection — importing a pasted or dropped text after a preview, studying one source or all,
// and every screen's figures against `mondo stats --json`.
#include "app/ui/library_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app_controller.h"
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
        controller.Apply(LibraryIntent{Kind::kCancelImport, {}});
        CHECK_FALSE(controller.library().preview);
        CHECK(collection.SourceIds()->size() == 1);
    }
    SUBCASE("Enter adds; one source or all are studied") {
        controller.Apply(LibraryIntent{Kind::kConfirmImport, {}});
        CHECK_FALSE(controller.library().preview);
        REQUIRE(controller.library().sources.size() == 2);
        const std::string baker = controller.library().sources[1].id;
        CHECK(controller.library().sources[1].title == "A Baker on Slow Bread");
        CHECK(controller.library().sources[1].questions == preview.questions);
        CHECK(controller.library().notice.find("added") != std::string::npos);

        controller.Apply(LibraryIntent{Kind::kStudySource, baker});
        CHECK(controller.screen() == Screen::kStudy);
        CHECK(controller.chosen_source() == baker);
        CHECK(SessionSources(controller) == std::set<std::string>{baker});
        REQUIRE(controller.study().has_card);
        CHECK(controller.study().card.question_id.rfind(baker, 0) == 0);
        CHECK(controller.home().source_title == "A Baker on Slow Bread");
        CHECK(controller.home().total_questions == preview.questions);

        controller.Apply(LibraryIntent{Kind::kStudyAll, {}});
        CHECK(controller.chosen_source().empty());
        CHECK(SessionSources(controller) == std::set<std::string>{builtin, baker});
        CHECK(controller.home().rows_are_sources);
        CHECK(controller.home().sections.size() == 2);

        // The same text again updates the source as `mondo import` would: all kept.
        controller.PreviewImport(text, "the clipboard");
        REQUIRE(controller.library().preview);
        CHECK(controller.library().preview->effect.find(
                  "Updates the stored source: " + std::to_string(preview.questions) +
                  " kept, 0 added, 0 retired") != std::string::npos);

        // Read reads the chosen source and N switches.
        controller.Apply(LibraryIntent{Kind::kReadSource, baker});
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
    "with sources of 16, 5 and 4 exchanges the Library, Home, Browse and Read agree with "
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
    };
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
            controller.Apply(LibraryIntent{Kind::kStudySource, row.id});
            one.home_learned = controller.home().learned;
            one.home_total = controller.home().total_questions;
            controller.Navigate(Screen::kBrowse);
            one.browse_rows = controller.browse().rows.size();
            one.read_exchanges = controller.read().exchanges.size();
            shown.push_back(one);
        }
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
    }
    CHECK(learned_somewhere > 0);
    CHECK(all["total_reviews"] == 4 + 3 + 2);
}
