#include "app/app_runner.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/cli/exit_status.h"
#include "app/platform/frame_pacer.h"
#include "app/platform/ime.h"
#include "app/platform/input_queue.h"
#include "app/platform/window.h"
#include "app/preferences.h"
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
#include "fonts/japanese_font.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

// Frames rendered before a screenshot is taken (after any synthetic input is all taken): ImGui
// sizes auto-fitting windows over two frames.
constexpr int kScreenshotFrame = 3;
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

// Imports the built-in interview on first start (an empty collection): it is one source among
// others from then on.
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

void DrawAppFrame(AppController& controller) {
    // Esc stays on a screen that uses it: the Library's preview (cancel), a fit in progress.
    NavigationModel navigation{
        controller.screen(), controller.due_now(),
        (controller.screen() == Screen::kLibrary && controller.library().preview.has_value()) ||
            (controller.screen() == Screen::kSettings &&
             controller.settings_view().fit_progress.running)};
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
            controller.Apply(DrawBrowseScreen(controller.browse(), controller.browse_ui()));
            break;
        case Screen::kStats:
            controller.Apply(DrawStatsScreen(controller.stats(), controller.stats_ui()));
            break;
        case Screen::kSettings:
            controller.Apply(
                DrawSettingsScreen(controller.settings_view(), controller.settings_ui()));
            break;
        case Screen::kLibrary: {
            const LibraryIntent intent =
                DrawLibraryScreen(controller.library(), controller.library_ui());
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

int RunApp(const RunOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = SteadyClock::now();
    auto collection = storage::Collection::Open(options.db_path);
    if (!collection) {
        err << "mondo: " << collection.error().message << "\n";
        return ExitStatusFor(collection.error());
    }
    if (auto first = EnsureFirstSource(*collection); !first) {
        err << "mondo: " << first.error() << "\n";
        return 2;
    }
    AppController controller(*collection, SystemNowMs);
    // Background work (a fit on its worker thread) wakes the loop with an event of its own when
    // there is progress to draw; the loop then calls Tick, which takes it.
    static const Uint32 wake_event = SDL_RegisterEvents(1);
    controller.SetWakeUp([] {
        if (wake_event == static_cast<Uint32>(-1)) return;
        SDL_Event event{};
        event.type = wake_event;
        SDL_PushEvent(&event);
    });
    if (auto ready = controller.Start(); !ready) {
        err << "mondo: " << ready.error() << "\n";
        return 2;
    }
    const double database_ms = MsSince(started);
    Screen screen = Screen::kHome;
    if (options.screenshot && !ScreenFromName(options.screenshot->screen, screen)) {
        err << "mondo: unknown screen '" << options.screenshot->screen << "'\n";
        return 1;
    }
    auto face = fonts::FindJapaneseFont(controller.preferences().japanese_font);
    if (!face) {
        err << "mondo: " << face.error().message << "\n";
        return 1;
    }

    WindowOptions window_options;
    if (options.screenshot) {
        window_options.width = options.screenshot->width;
        window_options.height = options.screenshot->height;
        window_options.vsync = false;
    } else if (const auto geometry = LoadWindowGeometry(*collection)) {
        window_options.x = geometry->x;
        window_options.y = geometry->y;
        window_options.width = geometry->width;
        window_options.height = geometry->height;
    }
    const auto window_start = SteadyClock::now();
    auto window = Window::Create(window_options);
    if (!window) {
        err << "mondo: " << window.error().message << "\n";
        return 1;
    }
    const double window_ms = MsSince(window_start);
    // Whatever way this function returns, background work ends before the window (and SDL's
    // event queue the worker posts to) goes.
    struct StopBackgroundWork {
        AppController& controller;
        ~StopBackgroundWork() { controller.StopBackgroundWork(); }
    } stop_background_work{controller};

    const auto fonts_start = SteadyClock::now();
    fonts::GlyphSet glyphs;
    for (const auto& text : controller.VisibleTexts()) glyphs.AddUtf8(text);
    for (const auto& text : UiStrings()) glyphs.AddUtf8(text);
    const float scale = (*window)->DisplayScale();
    auto sizes = [&] {
        return fonts::FontSizes::FromBody(static_cast<float>(controller.preferences().font_size))
            .Scaled(scale);
    };
    auto loaded = fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs, sizes());
    if (!loaded) {
        err << "mondo: " << loaded.error().message << "\n";
        return 1;
    }
    ImGui::GetIO().FontDefault = loaded->body;
    SetTextFonts(&*loaded);
    SetHeadingFont(loaded->heading);
    controller.SetFontInUse(face->family);
    const double fonts_ms = MsSince(fonts_start);
    Theme theme = controller.preferences().theme;
    if (options.screenshot && options.screenshot->theme) theme = *options.screenshot->theme;
    ApplyTheme(theme, scale);
    if (options.screenshot) controller.Navigate(screen);

    std::int64_t last_backup_check = SystemNowMs() / 1000;
    const std::vector<std::string> keys =
        options.screenshot ? options.screenshot->keys : std::vector<std::string>{};
    std::size_t next_key = 0;
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
    for (;;) {
        // Synthetic input waits for background work (a fit) as a person would.
        if (options.screenshot && next_key < keys.size() && !controller.Busy()) {
            if (!PushSyntheticInput(keys[next_key])) {
                err << "mondo: unknown key '" << keys[next_key] << "' in --keys\n";
                return 1;
            }
            ++next_key;
        }
        SDL_Event event;
        // A screenshot waiting for background work sleeps until it reports.
        if (options.screenshot && controller.Busy() && input.Empty() &&
            SDL_WaitEventTimeout(&event, 50)) {
            take_event(event);
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
            (void)collection->MaybeBackup(now);
        }
        if (!options.screenshot && !pacer.WantsFrame() && input.Empty()) continue;

        input.FeedFrame(io);
        // Ctrl+Q quits from anywhere, text box or not.
        if (input.PressedWithCtrl(SDL_SCANCODE_Q)) break;
        (*window)->BeginFrame();
        DrawAppFrame(controller);
        (*window)->RenderFrame();
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
        if (options.screenshot && next_key >= keys.size() && input.Empty() && !controller.Busy()) {
            ++settled_frames;
        }
        if (options.screenshot && settled_frames >= kScreenshotFrame) {
            int width = 0;
            int height = 0;
            const auto pixels = (*window)->ReadPixels(width, height);
            if (!WritePng(options.screenshot->out, pixels, width, height)) {
                err << "mondo: cannot write " << options.screenshot->out << "\n";
                return 1;
            }
            std::u32string missing;
            for (const auto& text : controller.VisibleTexts()) {
                for (char32_t c : fonts::MissingCodePoints(*loaded->body, text)) {
                    if (missing.find(c) == std::u32string::npos) missing += c;
                }
            }
            for (const auto& text : UiStrings()) {
                for (char32_t c : fonts::MissingCodePoints(*loaded->body, text)) {
                    if (missing.find(c) == std::u32string::npos) missing += c;
                }
            }
            out << "screenshot: " << options.screenshot->out.string() << " " << width << "x"
                << height << ", glyphs missing from the atlas: " << missing.size() << "\n";
            if (!keys.empty()) out << "screens visited: " << screens_visited << "\n";
            if (!controller.library().import_error.empty())
                out << "import failed: " << controller.library().import_error << "\n";
            if (options.screenshot->timings) {
                const content::Json timings = {
                    {"database_ms", database_ms},
                    {"window_ms", window_ms},
                    {"fonts_ms", fonts_ms},
                    {"first_frames_ms", MsSince(fonts_start) - fonts_ms},
                    {"total_ms", MsSince(started)},
                    {"font_texture_bytes", loaded->TextureBytes()},
                    {"subset_cache_hit", loaded->report().subset_cache_hit},
                    {"peak_rss_kb", PeakRssKb()}};
                out << content::DumpJson(timings) << "\n";
            }
            controller.Shutdown();
            if (!missing.empty()) {
                err << "mondo: the font atlas lacks " << missing.size()
                    << " character(s) drawn on this screen\n";
                return 1;
            }
            return 0;
        }
        (*window)->Present();

        // Between frames: grow the atlas for new characters, apply a new font size or theme.
        if (controller.TakeFontChange()) {
            if (auto resized = loaded->SetSizes(sizes()); resized) {
                ClearTextLayoutCache();
                (*window)->ReloadFontTexture();
            }
        }
        // Typed text (answers, searches, the IME's composition) may hold characters not yet baked.
        loaded->Request(controller.study_ui().typed);
        loaded->Request(controller.browse_ui().query);
        loaded->Request(ImePreedit());
        if (controller.TakeTextsChanged()) {
            for (const auto& text : controller.VisibleTexts()) loaded->Request(text);
        }
        if (auto grown = loaded->Update(); grown && *grown) {
            ClearTextLayoutCache();
            (*window)->ReloadFontTexture();
        }
        if (!(options.screenshot && options.screenshot->theme) &&
            controller.preferences().theme != theme) {
            theme = controller.preferences().theme;
            ApplyTheme(theme, scale);
        }
    }
    controller.Shutdown();
    WindowGeometry geometry;
    (*window)->GetPositionAndSize(geometry.x, geometry.y, geometry.width, geometry.height);
    (void)SaveWindowGeometry(*collection, geometry);
    if (collection->ChangedSinceBackup()) {
        if (auto backup = collection->BackupNow(SystemNowMs() / 1000); !backup) {
            err << "mondo: the closing backup failed: " << backup.error().message << "\n";
        }
    }
    return 0;
}

}  // namespace mondo::app
