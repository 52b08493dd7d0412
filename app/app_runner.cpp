#include "app/app_runner.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/app_controller.h"
#include "app/background_backup.h"
#include "app/cli/exit_status.h"
#include "app/platform/frame_pacer.h"
#include "app/platform/ime.h"
#include "app/platform/input_queue.h"
#include "app/platform/window.h"
#include "app/preferences.h"
#include "app/start_trace.h"
#include "app/ui/browse_screen.h"
#include "app/ui/home_screen.h"
#include "app/ui/library_screen.h"
#include "app/ui/navigation.h"
#include "app/ui/paragraph.h"
#include "app/ui/read_screen.h"
#include "app/ui/settings_screen.h"
#include "app/ui/stats_screen.h"
#include "app/ui/study_screen.h"
#include "app/ui/theme.h"
#include "app/ui/ui_strings.h"
#include "content/interview.h"
#include "content/json.h"
#include "content/question.h"
#include "content/unicode.h"
#include "fonts/japanese_font.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

// Frames rendered before a screenshot is taken (after any synthetic input is all taken): ImGui
// sizes auto-fitting windows over two frames.
constexpr int kScreenshotFrame = 3;
// Synthetic input (screenshot --keys) starts once the window is shown, has drawn this many frames
// and has the keyboard, as a person's first key comes after the window appears: the window events
// of mapping it (focus among them) then arrive before the keys, not between them. A display that
// never gives the window the keyboard gets the keys after kSyntheticInputFocusWaitFrames frames.
constexpr int kSyntheticInputAfterFrames = 3;
constexpr int kSyntheticInputFocusWaitFrames = 60;
// A screenshot waits for background work (Settings' estimate, fit, "Help me decide") before its
// next key and before the picture, as a person would; at most this long in all, so a stuck or
// very slow worker ends the run with a message instead of hanging it.
constexpr double kScreenshotBackgroundWaitMs = 180'000.0;
// At rest the loop still wakes this often for the timers the app owns: a learning card coming
// due, the day boundary (both in AppController::Tick) and the backup check. No frame is drawn
// unless one of them changed something.
constexpr int kTimerWakeMs = 1000;
// How often the loop offers the collection a backup (it makes one only after changes, every 30
// min).
constexpr std::int64_t kBackupCheckSeconds = 60;

using SteadyClock = std::chrono::steady_clock;

double MsSince(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// Pushes the synthetic input item `item` (see ScreenshotRequest::keys) into SDL's queue: a key
// press and its release together (a quick tap, both in one frame), optionally with modifiers
// ("Ctrl+Z", "Shift+Tab"), a text input event ("text:…"), or a file dropped on the window
// ("drop:PATH", as SDL_DROPFILE). Returns false for an unknown key.
bool PushSyntheticInput(const std::string& item) {
    SDL_Event event{};
    if (item.rfind("drop:", 0) == 0) {
        event.type = SDL_DROPFILE;
        event.drop.file = SDL_strdup(item.substr(5).c_str());  // freed by whoever takes it
        event.drop.windowID = 0;
        return SDL_PushEvent(&event) == 1;
    }
    if (item.rfind("text:", 0) == 0) {
        event.type = SDL_TEXTINPUT;
        event.text.windowID = 0;
        std::snprintf(event.text.text, sizeof event.text.text, "%s", item.substr(5).c_str());
        return SDL_PushEvent(&event) == 1;
    }
    Uint16 modifiers = 0;
    std::string key = item;
    for (const auto& [prefix, modifier] : {std::pair<std::string, Uint16>{"Ctrl+", KMOD_LCTRL},
                                           {"Shift+", KMOD_LSHIFT},
                                           {"Alt+", KMOD_LALT}}) {
        if (key.rfind(prefix, 0) == 0 && key.size() > prefix.size()) {
            modifiers |= modifier;
            key = key.substr(prefix.size());
        }
    }
    const SDL_Scancode code = SDL_GetScancodeFromName(key.c_str());
    if (code == SDL_SCANCODE_UNKNOWN) return false;
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    event.key.keysym.scancode = code;
    event.key.keysym.sym = SDL_GetKeyFromScancode(code);
    event.key.keysym.mod = modifiers;
    SDL_PushEvent(&event);
    event.type = SDL_KEYUP;
    event.key.state = SDL_RELEASED;
    SDL_PushEvent(&event);
    return true;
}

long PeakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool WritePng(const std::filesystem::path& path, const std::vector<unsigned char>& rgba, int width,
              int height) {
    return stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4) != 0;
}

// True when a text box took text this frame. ImGui publishes it in io.WantTextInput only at the
// next NewFrame; the context's pending value is current after Render.
bool TextBoxActive() {
    const ImGuiContext& context = *ImGui::GetCurrentContext();
    if (context.WantTextInputNextFrame != -1) return context.WantTextInputNextFrame != 0;
    return ImGui::GetIO().WantTextInput;
}

void DrawErrorBanner(const std::string& error) {
    if (error.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 16,
                                   viewport->WorkPos.y + viewport->WorkSize.y - 16),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::Begin("###error", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().wrong);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopStyleColor();
    ImGui::End();
}

}  // namespace

Expected<Ok, std::string> EnsureFirstSource(storage::Collection& collection) {
    auto ids = collection.SourceIds();
    if (!ids) return Unexpected(ids.error().message);
    if (!ids->empty()) return Ok{};
    auto parsed = content::ParseInterview(content::BuiltinInterviewText());
    if (!parsed)
        return Unexpected("the built-in interview does not parse: " + parsed.error().message);
    const auto questions = content::GenerateQuestions(*parsed);
    auto imported = collection.ImportSource(*parsed, questions);
    if (!imported) return Unexpected(imported.error().message);
    return Ok{};
}

void DrawAppFrame(AppController& controller) {
    // Esc stays on a screen that uses it: the Library's preview, rename box and question before
    // retiring (cancel), a fit or "Help me decide" in progress (cancel).
    const SettingsViewModel& settings = controller.settings_view();
    NavigationModel navigation{
        controller.screen(), controller.due_now(),
        (controller.screen() == Screen::kLibrary &&
         (controller.library().preview.has_value() ||
          controller.library_ui().mode != LibraryUiState::Mode::kList)) ||
            (controller.screen() == Screen::kSettings &&
             (settings.fit_progress.running || settings.decide_progress.running))};
    if (const auto asked = DrawNavigationBar(navigation)) controller.Navigate(*asked);
    switch (controller.screen()) {
        case Screen::kHome:
            controller.Apply(DrawHomeScreen(controller.home()));
            break;
        case Screen::kStudy: {
            StudyUiState& ui = controller.study_ui();
            ui.ime_composing = ImeComposing();
            controller.Apply(DrawStudyScreen(controller.study(), ui));
            break;
        }
        case Screen::kRead:
            controller.Apply(DrawReadScreen(controller.read(), controller.read_ui()));
            break;
        case Screen::kBrowse:
            controller.browse_ui().ime_composing = ImeComposing();
            controller.Apply(DrawBrowseScreen(controller.browse(), controller.browse_ui()));
            break;
        case Screen::kStats:
            controller.Apply(DrawStatsScreen(controller.stats(), controller.stats_ui()));
            break;
        case Screen::kSettings:
            controller.settings_ui().ime_composing = ImeComposing();
            controller.Apply(
                DrawSettingsScreen(controller.settings_view(), controller.settings_ui()));
            break;
        case Screen::kLibrary: {
            LibraryUiState& ui = controller.library_ui();
            ui.ime_composing = ImeComposing();
            const LibraryIntent intent = DrawLibraryScreen(controller.library(), ui);
            if (intent.kind == LibraryIntent::Kind::kPaste) {
                // SDL reads the clipboard (X11: the selection's owner sends it).
                char* text = SDL_GetClipboardText();
                controller.PreviewImport(text != nullptr ? text : "", "the clipboard");
                SDL_free(text);
            } else {
                controller.Apply(intent);
            }
            break;
        }
    }
    DrawErrorBanner(controller.error());
    DrawImePreedit();
}

namespace {

// The start runs in three lanes that meet at the first frame, so the window shows content after
// the longest lane rather than after their sum:
//   collection lane (a thread): open the collection, read the window's geometry, import the
//     built-in interview on the first start, start the controller (today's session, the view
//     models) and collect the texts the screens can draw;
//   font lane (a thread): find the Japanese font (fontconfig) while the collection opens, then
//     build the glyph set from those texts and the font atlas at the display scale the window
//     had when it last closed (not waiting for the display; 1 when not known);
//   main thread: connect to the display (SDL), create the window and its renderer as soon as the
//     geometry is known, then make the ImGui context and draw once the atlas is built (built
//     again first if the display's scale is not the one assumed).
// What a lane makes is handed over through a promise and is the main thread's only after that; a
// lane that fails hands over its failure instead, and the lanes waiting for it give up.

// A lane's failure: what to tell the user and the exit status (see RunApp).
struct StartFailure {
    std::string message;
    int exit_status = 1;
};

// From the collection lane to the font lane.
struct FontRequest {
    std::string preferred_family;
    int font_size = 20;
    float display_scale = 1.0f;      // the scale saved with the window's geometry
    std::vector<std::string> texts;  // every text the screens can draw at start
    // Those drawn in the heading font and in the furigana font (see fonts::FontGlyphs).
    std::vector<std::string> heading_texts;
    std::vector<std::string> reading_texts;
};

// From the collection lane to the main thread.
struct OpenedCollection {
    std::unique_ptr<storage::Collection> collection;
    std::unique_ptr<AppController> controller;
    double ms = 0.0;
};

// From the font lane to the main thread.
struct BuiltFonts {
    fonts::FontFace face;
    fonts::LoadedFonts loaded;
    float display_scale = 1.0f;  // the scale the atlas was built at
    double ms = 0.0;
};

fonts::FontSizes SizesFor(int font_size, float scale) {
    return fonts::FontSizes::FromBody(static_cast<float>(font_size)).Scaled(scale);
}

void RunCollectionLane(
    const RunOptions& options,
    std::promise<Expected<std::optional<WindowGeometry>, StartFailure>>& geometry,
    std::promise<std::optional<FontRequest>>& font_request,
    std::promise<Expected<OpenedCollection, StartFailure>>& opened) {
    const auto start = SteadyClock::now();
    auto collection = storage::Collection::Open(options.db_path);
    TraceStart("collection", "collection opened");
    if (!collection) {
        const StartFailure failure{collection.error().message, ExitStatusFor(collection.error())};
        geometry.set_value(Unexpected(failure));
        font_request.set_value(std::nullopt);
        opened.set_value(Unexpected(failure));
        return;
    }
    auto owned = std::make_unique<storage::Collection>(std::move(*collection));
    // A screenshot's window has the size asked for; the app's the size it had when it closed.
    const std::optional<WindowGeometry> saved =
        options.screenshot ? std::nullopt : LoadWindowGeometry(*owned);
    geometry.set_value(saved);
    TraceStart("collection", "window geometry read");
    const auto fail = [&](std::string message) {
        font_request.set_value(std::nullopt);
        opened.set_value(Unexpected(StartFailure{std::move(message), 2}));
    };
    if (auto first = EnsureFirstSource(*owned); !first) return fail(first.error());
    TraceStart("collection", "first source ensured");
    auto controller = std::make_unique<AppController>(*owned, SystemNowMs);
    if (auto ready = controller->Start(); !ready) return fail(ready.error());
    TraceStart("collection", "controller started (session, view models)");
    const float display_scale = saved && saved->display_scale_percent > 0
                                    ? static_cast<float>(saved->display_scale_percent) / 100.0f
                                    : 1.0f;
    font_request.set_value(FontRequest{
        controller->preferences().japanese_font, controller->preferences().font_size, display_scale,
        controller->VisibleTexts(), controller->HeadingTexts(), controller->ReadingTexts()});
    opened.set_value(OpenedCollection{std::move(owned), std::move(controller), MsSince(start)});
}

void RunFontLane(std::future<std::optional<FontRequest>> font_request, ImFontAtlas& atlas,
                 std::promise<Expected<BuiltFonts, StartFailure>>& built) {
    // fontconfig's own start (its configuration and caches) overlaps the collection's: the font
    // most learners use (none chosen in Settings) is looked for before the setting is known.
    auto face = fonts::FindJapaneseFont();
    TraceStart("fonts", "Japanese font found (fontconfig)");
    const std::optional<FontRequest> request = font_request.get();
    if (!request) {  // the collection lane failed and says why
        built.set_value(Unexpected(StartFailure{"no collection", 2}));
        return;
    }
    const auto start = SteadyClock::now();
    if (!request->preferred_family.empty() &&
        (!face || face->family != request->preferred_family)) {
        face = fonts::FindJapaneseFont(request->preferred_family);
    }
    if (!face) {
        built.set_value(Unexpected(StartFailure{face.error().message, 1}));
        return;
    }
    // Each font gets the glyphs of what it draws; the heading and furigana fonts grow (Request
    // with the font) when a screen draws something else in them.
    fonts::FontGlyphs glyphs;
    for (const auto& text : request->texts) glyphs.body.AddUtf8(text);
    for (const auto& text : UiStrings()) glyphs.body.AddUtf8(text);
    for (const auto& text : request->heading_texts) glyphs.heading.AddUtf8(text);
    for (const auto& text : request->reading_texts) glyphs.furigana.AddUtf8(text);
    TraceStart("fonts", "glyph sets");
    auto loaded = fonts::LoadFonts(atlas, *face, glyphs,
                                   SizesFor(request->font_size, request->display_scale));
    if (!loaded) {
        built.set_value(Unexpected(StartFailure{loaded.error().message, 1}));
        return;
    }
    // The RGBA texture the renderer uploads, converted here rather than in the first frame.
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
    TraceStart("fonts", "fonts loaded (atlas built)");
    built.set_value(
        BuiltFonts{std::move(*face), std::move(*loaded), request->display_scale, MsSince(start)});
}

// Everything the loop uses, declared in the order it is made (and destroyed in reverse): the
// atlas outlives the window (whose backend clears the atlas' texture id) and the fonts built
// into it; the controller is destroyed before the collection it refers to.
struct StartedApp {
    std::unique_ptr<storage::Collection> collection;
    std::unique_ptr<AppController> controller;
    std::unique_ptr<ImFontAtlas> atlas = std::make_unique<ImFontAtlas>();
    std::unique_ptr<Window> window;
    fonts::FontFace face;
    fonts::LoadedFonts fonts;
    double database_ms = 0.0;
    double window_ms = 0.0;
    double fonts_ms = 0.0;
};

// Runs the three lanes; returns when the window, the collection and the fonts are all ready (the
// ImGui context made, nothing drawn yet) or the first failure, with both lane threads joined.
Expected<StartedApp, StartFailure> StartUp(const RunOptions& options) {
    StartedApp app;
    std::promise<Expected<std::optional<WindowGeometry>, StartFailure>> geometry;
    std::promise<std::optional<FontRequest>> font_request;
    std::promise<Expected<OpenedCollection, StartFailure>> opened;
    std::promise<Expected<BuiltFonts, StartFailure>> built;
    auto geometry_ready = geometry.get_future();
    auto opened_ready = opened.get_future();
    auto built_ready = built.get_future();
    // Before any lane meets ICU: SDL changes the process locale while it connects (see there).
    content::PrepareIcuDefaults();
    // SDL connects to the display before the lanes start, not beside them: while it connects,
    // D-Bus may fork to launch a session bus, and a child forked while another thread holds a
    // lock of the allocator (AddressSanitizer's, for one) waits for it forever. Creating the
    // window still overlaps the lanes.
    const auto window_start = SteadyClock::now();
    auto video = StartVideo();
    std::thread collection_lane(RunCollectionLane, std::cref(options), std::ref(geometry),
                                std::ref(font_request), std::ref(opened));
    std::thread font_lane(RunFontLane, font_request.get_future(), std::ref(*app.atlas),
                          std::ref(built));
    // Neither lane waits for the main thread: on every way out both are simply joined.
    const auto join_lanes = [&] {
        if (collection_lane.joinable()) collection_lane.join();
        if (font_lane.joinable()) font_lane.join();
    };
    struct JoinAtExit {
        const decltype(join_lanes)& join;
        ~JoinAtExit() { join(); }
    } join_at_exit{join_lanes};

    if (!video) {
        // A collection that cannot be opened is reported first, as without a display.
        if (auto opened_first = geometry_ready.get(); !opened_first)
            return Unexpected(opened_first.error());
        return Unexpected(StartFailure{video.error().message, 1});
    }
    auto window_geometry = geometry_ready.get();
    if (!window_geometry) {
        SDL_Quit();
        return Unexpected(window_geometry.error());
    }
    WindowOptions window_options;
    window_options.start_imgui = false;
    // Shown with its first frame (RunApp): the display never shows the window blank, and the
    // work of mapping it comes after the first frame rather than before.
    window_options.hidden = true;
    if (options.screenshot) {
        window_options.width = options.screenshot->width;
        window_options.height = options.screenshot->height;
        window_options.vsync = false;
    } else if (const auto& saved = *window_geometry) {
        window_options.x = saved->x;
        window_options.y = saved->y;
        window_options.width = saved->width;
        window_options.height = saved->height;
    }
    auto window = Window::Create(window_options);
    if (!window) return Unexpected(StartFailure{window.error().message, 1});
    app.window = std::move(*window);
    app.window_ms = MsSince(window_start);

    auto collection = opened_ready.get();
    if (!collection) return Unexpected(collection.error());
    app.collection = std::move(collection->collection);
    app.controller = std::move(collection->controller);
    app.database_ms = collection->ms;
    auto fonts = built_ready.get();
    if (!fonts) return Unexpected(fonts.error());
    app.face = std::move(fonts->face);
    app.fonts = std::move(fonts->loaded);
    app.fonts_ms = fonts->ms;
    // Only once the font lane is gone: ImGui counts every allocation in the current context.
    join_lanes();
    if (const float scale = app.window->DisplayScale(); scale != fonts->display_scale) {
        // Another display than last time (or the first start on a HiDPI one): built again.
        TraceStart("main", "display scale differs from the saved one");
        const auto rebuild_start = SteadyClock::now();
        if (auto resized =
                app.fonts.SetSizes(SizesFor(app.controller->preferences().font_size, scale));
            !resized) {
            return Unexpected(StartFailure{resized.error().message, 1});
        }
        app.fonts_ms += MsSince(rebuild_start);
        TraceStart("main", "fonts built again at the display's scale");
    }
    app.window->StartImGui(app.atlas.get());
    return app;
}

}  // namespace

int RunApp(const RunOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = SteadyClock::now();
    TraceStart("main", "main entered");
    Screen screen = Screen::kHome;
    if (options.screenshot && !ScreenFromName(options.screenshot->screen, screen)) {
        err << "mondo: unknown screen '" << options.screenshot->screen << "'\n";
        return 1;
    }
    auto started_app = StartUp(options);
    if (!started_app) {
        err << "mondo: " << started_app.error().message << "\n";
        return started_app.error().exit_status;
    }
    const auto fonts_ready = SteadyClock::now();
    StartedApp& app = *started_app;
    storage::Collection& collection = *app.collection;
    AppController& controller = *app.controller;
    // Background work (a fit on its worker thread) wakes the loop with an event of its own when
    // there is progress to draw; the loop then calls Tick, which takes it.
    static const Uint32 wake_event = SDL_RegisterEvents(1);
    controller.SetWakeUp([] {
        if (wake_event == static_cast<Uint32>(-1)) return;
        SDL_Event event{};
        event.type = wake_event;
        SDL_PushEvent(&event);
    });
    // Whatever way this function returns, background work ends before the window (and SDL's
    // event queue the worker posts to) goes.
    struct StopBackgroundWork {
        AppController& controller;
        ~StopBackgroundWork() { controller.StopBackgroundWork(); }
    } stop_background_work{controller};
    std::unique_ptr<Window>& window = app.window;
    fonts::LoadedFonts* loaded = &app.fonts;
    const float scale = window->DisplayScale();
    auto sizes = [&] { return SizesFor(controller.preferences().font_size, scale); };
    ImGui::GetIO().FontDefault = loaded->body;
    SetTextFonts(loaded);
    SetHeadingFont(loaded->heading);
    controller.SetFontInUse(app.face.family);
    Theme theme = controller.preferences().theme;
    if (options.screenshot && options.screenshot->theme) theme = *options.screenshot->theme;
    ApplyTheme(theme, scale);
    if (options.screenshot) controller.Navigate(screen);

    std::int64_t last_backup_check = SystemNowMs() / 1000;
    // The periodic backup runs on a worker: a verified copy of a big collection takes seconds.
    BackgroundBackup backups(collection);
    const std::vector<std::string> keys =
        options.screenshot ? options.screenshot->keys : std::vector<std::string>{};
    std::size_t next_key = 0;
    // Frames presented so far (the window is shown with the first).
    int frames_presented = 0;
    // Screenshots: frames drawn since the synthetic input was all taken.
    int settled_frames = 0;
    std::string screens_visited = ScreenName(controller.screen());
    ImGuiIO& io = ImGui::GetIO();
    // A blinking caret would need frames at rest; the caret is drawn steady.
    io.ConfigInputTextCursorBlink = false;
    InputQueue& input = FrameInput();
    input.Clear();
    FramePacer pacer;
    bool quit = false;
    const auto take_event = [&](SDL_Event& event) {
        if (event.type == SDL_QUIT) quit = true;
        pacer.Wake();
        if (event.type == SDL_DROPFILE) {
            // A file dropped on the window: previewed on the Library as `mondo import` would.
            if (event.drop.file != nullptr) controller.PreviewImportFile(event.drop.file);
            SDL_free(event.drop.file);
            return;
        }
        if (!input.Push(event)) ImGui_ImplSDL2_ProcessEvent(&event);
    };
    // Screenshots: how long background work has been waited for, and whether the wait gave up.
    double background_wait_ms = 0.0;
    bool gave_up_waiting = false;
    const auto waiting_for_background_work = [&] {
        if (!controller.Busy() || gave_up_waiting) return false;
        gave_up_waiting = background_wait_ms >= kScreenshotBackgroundWaitMs;
        return !gave_up_waiting;
    };
    for (;;) {
        // Synthetic input waits for background work (a fit) as a person would.
        // (Only a screenshot's loop asks: the interactive loop has no synthetic input.)
        // The next key only once ImGui has taken the last one (press and release a frame each):
        // a key that starts background work (Settings' fit) must have done so before the next is
        // pushed, or that next key acts on the screen as it was before the work and its result.
        const auto ready_for_keys = [&] {
            return input.Empty() && frames_presented >= kSyntheticInputAfterFrames &&
                   (window->HasKeyboardFocus() ||
                    frames_presented >= kSyntheticInputFocusWaitFrames);
        };
        if (options.screenshot && next_key < keys.size() && ready_for_keys() &&
            !waiting_for_background_work()) {
            if (!PushSyntheticInput(keys[next_key])) {
                err << "mondo: unknown key '" << keys[next_key] << "' in --keys\n";
                return 1;
            }
            ++next_key;
        }
        SDL_Event event;
        // A screenshot waiting for background work sleeps until it reports (a worker pushes an
        // event when its progress or result is ready).
        if (options.screenshot && input.Empty() && waiting_for_background_work()) {
            const auto wait_start = SteadyClock::now();
            if (SDL_WaitEventTimeout(&event, 50)) take_event(event);
            background_wait_ms += MsSince(wait_start);
        }
        // At rest: sleep until an event or the next timer the app owns (session tick, backup).
        if (!options.screenshot && !pacer.WantsFrame() && input.Empty() &&
            SDL_WaitEventTimeout(&event, kTimerWakeMs)) {
            take_event(event);
        }
        while (SDL_PollEvent(&event)) take_event(event);
        if (quit) break;
        if (controller.Tick()) pacer.Wake();
        const std::int64_t now = SystemNowMs() / 1000;
        if (now - last_backup_check >= kBackupCheckSeconds) {
            last_backup_check = now;
            backups.Tick(now);
        }
        if (!options.screenshot && !pacer.WantsFrame() && input.Empty()) continue;

        input.FeedFrame(io);
        // Ctrl+Q quits from anywhere, text box or not.
        if (input.PressedWithCtrl(SDL_SCANCODE_Q)) break;
        window->BeginFrame();
        DrawAppFrame(controller);
        TraceStart("main", "frame laid out");
        window->RenderFrame();
        TraceStart("main", "frame drawn");
        // Text input (and the input method) only while a text box is active.
        FollowTextInput(TextBoxActive());
        pacer.FrameDrawn();
        pacer.Request(TakeRequestedFrames());
        if (!input.Empty()) pacer.Request(1);
        if (ScreenName(controller.screen()) !=
            screens_visited.substr(screens_visited.rfind(' ') + 1)) {
            screens_visited += std::string(" ") + ScreenName(controller.screen());
        }
        // A screenshot waits for background work (a fit) to show its result.
        if (options.screenshot && next_key >= keys.size() && input.Empty() &&
            !waiting_for_background_work() && frames_presented >= kSyntheticInputAfterFrames) {
            ++settled_frames;
        }
        if (options.screenshot && settled_frames >= kScreenshotFrame) {
            int width = 0;
            int height = 0;
            const auto pixels = window->ReadPixels(width, height);
            if (!WritePng(options.screenshot->out, pixels, width, height)) {
                err << "mondo: cannot write " << options.screenshot->out << "\n";
                return 1;
            }
            // Every text in the font that draws it: the heading and furigana fonts hold only
            // what was asked of them.
            std::u32string missing;
            const auto check = [&](const ImFont& font, const std::vector<std::string>& texts) {
                for (const auto& text : texts) {
                    for (char32_t c : fonts::MissingCodePoints(font, text)) {
                        if (missing.find(c) == std::u32string::npos) missing += c;
                    }
                }
            };
            check(*loaded->body, controller.VisibleTexts());
            check(*loaded->body, UiStrings());
            check(*loaded->heading, controller.HeadingTexts());
            check(*loaded->furigana, controller.ReadingTexts());
            out << "screenshot: " << options.screenshot->out.string() << " " << width << "x"
                << height << ", glyphs missing from the atlas: " << missing.size() << "\n";
            if (!keys.empty()) out << "screens visited: " << screens_visited << "\n";
            if (!controller.library().import_error.empty())
                out << "import failed: " << controller.library().import_error << "\n";
            if (screens_visited.find("settings") != std::string::npos) {
                // What Settings' background work left on screen (the window test reads it).
                const SettingsViewModel& shown = controller.settings_view();
                out << "settings results: fit " << (shown.fit.ran ? "shown" : "none")
                    << ", help me decide " << (shown.decide.empty() ? "none" : "shown") << "\n";
            }
            if (options.screenshot->timings) {
                const content::Json timings = {
                    {"database_ms", app.database_ms},
                    {"window_ms", app.window_ms},
                    {"fonts_ms", app.fonts_ms},
                    {"first_frames_ms", MsSince(fonts_ready)},
                    {"total_ms", MsSince(started)},
                    {"font_texture_bytes", loaded->TextureBytes()},
                    {"subset_cache_hit", loaded->report().subset_cache_hit},
                    {"peak_rss_kb", PeakRssKb()}};
                out << content::DumpJson(timings) << "\n";
            }
            controller.Shutdown();
            if (gave_up_waiting) {
                err << "mondo: background work was still running after "
                    << kScreenshotBackgroundWaitMs / 1000.0
                    << " s; the screenshot shows it unfinished\n";
                return 1;
            }
            if (!missing.empty()) {
                err << "mondo: the font atlas lacks " << missing.size()
                    << " character(s) drawn on this screen\n";
                return 1;
            }
            return 0;
        }
        // The first frame is drawn into the hidden window's surface; mapped now, the window
        // appears with it.
        window->Show();
        window->Present();
        ++frames_presented;
        TraceStart("main", "frame presented");
        PrintStartTrace(err);

        // Between frames: grow the atlas for new characters, apply a new font size or theme.
        if (controller.TakeFontChange()) {
            if (auto resized = loaded->SetSizes(sizes()); resized) {
                ClearTextLayoutCache();
                window->ReloadFontTexture();
            }
        }
        // Typed text (answers, searches, the IME's composition) may hold characters not yet baked.
        loaded->Request(controller.study_ui().typed);
        loaded->Request(controller.browse_ui().query);
        loaded->Request(controller.library_ui().rename_text);
        loaded->Request(ImePreedit());
        if (controller.TakeTextsChanged()) {
            for (const auto& text : controller.VisibleTexts()) loaded->Request(text);
            for (const auto& text : controller.HeadingTexts())
                loaded->Request(text, loaded->heading);
            for (const auto& text : controller.ReadingTexts())
                loaded->Request(text, loaded->furigana);
        }
        if (auto grown = loaded->Update(); grown && *grown) {
            ClearTextLayoutCache();
            window->ReloadFontTexture();
            pacer.Request(1);  // what was drawn before the glyphs came is drawn again
        }
        if (!(options.screenshot && options.screenshot->theme) &&
            controller.preferences().theme != theme) {
            theme = controller.preferences().theme;
            ApplyTheme(theme, scale);
        }
    }
    // Quitting. The window goes first: what follows (joining background work, the closing
    // backup: a verified copy of the whole collection, seconds on a big one) would otherwise
    // leave it on screen, frozen, after Ctrl+Q.
    WindowGeometry geometry;
    window->GetPositionAndSize(geometry.x, geometry.y, geometry.width, geometry.height);
    geometry.display_scale_percent = static_cast<int>(std::lround(scale * 100.0f));
    window->Hide();
    controller.Shutdown();
    backups.Finish();
    // A backup only when the learner's data changed (a run without reviews or edits makes none);
    // the window's place is saved after it, so that saving it is no reason for one.
    if (collection.ChangedSinceBackup()) {
        if (auto backup = collection.BackupNow(SystemNowMs() / 1000); !backup) {
            err << "mondo: the closing backup failed: " << backup.error().message << "\n";
        }
    }
    (void)SaveWindowGeometry(collection, geometry);
    return 0;
}

}  // namespace mondo::app
