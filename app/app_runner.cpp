#include "app/app_runner.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb_image_write.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/platform/ime.h"
#include "app/platform/window.h"
#include "app/preferences.h"
#include "app/ui/browse_screen.h"
#include "app/ui/home_screen.h"
#include "app/ui/japanese_text.h"
#include "app/ui/navigation.h"
#include "app/ui/read_screen.h"
#include "app/ui/settings_screen.h"
#include "app/ui/stats_screen.h"
#include "app/ui/study_screen.h"
#include "app/ui/theme.h"
#include "app/ui/ui_strings.h"
#include "content/interview.h"
#include "content/question.h"
#include "fonts/japanese_font.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

// Frames rendered before a screenshot is taken: ImGui sizes auto-fitting windows over two frames.
constexpr int kScreenshotFrame = 3;
// How often the loop offers the collection a backup (it makes one only after changes, every 30
// min).
constexpr std::int64_t kBackupCheckSeconds = 60;

using SteadyClock = std::chrono::steady_clock;

double MsSince(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// Imports the built-in interview on first start, then loads the first source.
Expected<content::Interview, std::string> LoadOrCreateInterview(storage::Collection& collection) {
    auto ids = collection.SourceIds();
    if (!ids) return Unexpected(ids.error().message);
    if (ids->empty()) {
        auto parsed = content::ParseInterview(content::BuiltinInterviewText());
        if (!parsed)
            return Unexpected("the built-in interview does not parse: " + parsed.error().message);
        const auto questions = content::GenerateQuestions(*parsed);
        auto imported = collection.ImportSource(*parsed, questions);
        if (!imported) return Unexpected(imported.error().message);
        ids = collection.SourceIds();
        if (!ids) return Unexpected(ids.error().message);
    }
    auto interview = collection.LoadInterview(ids->front());
    if (!interview) return Unexpected(interview.error().message);
    return std::move(*interview);
}

// Pushes the synthetic input item `key` (see ScreenshotRequest::keys) into SDL's queue: a key press
// and release, or a text input event. Returns false for an unknown key name.
bool PushSyntheticInput(const std::string& key) {
    SDL_Event event{};
    if (key.rfind("text:", 0) == 0) {
        event.type = SDL_TEXTINPUT;
        event.text.windowID = 0;
        std::snprintf(event.text.text, sizeof event.text.text, "%s", key.substr(5).c_str());
        return SDL_PushEvent(&event) == 1;
    }
    const SDL_Scancode code = SDL_GetScancodeFromName(key.c_str());
    if (code == SDL_SCANCODE_UNKNOWN) return false;
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    event.key.keysym.scancode = code;
    event.key.keysym.sym = SDL_GetKeyFromScancode(code);
    SDL_PushEvent(&event);
    return true;
}

void ReleaseSyntheticKey(const std::string& key) {
    if (key.rfind("text:", 0) == 0) return;
    SDL_Event event{};
    event.type = SDL_KEYUP;
    event.key.state = SDL_RELEASED;
    event.key.keysym.scancode = SDL_GetScancodeFromName(key.c_str());
    event.key.keysym.sym = SDL_GetKeyFromScancode(event.key.keysym.scancode);
    SDL_PushEvent(&event);
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

// Draws the current screen and applies what it returns.
void DrawFrame(AppController& controller) {
    NavigationModel navigation{controller.screen(), controller.due_now()};
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
    }
    DrawErrorBanner(controller.error());
    DrawImePreedit();
}

}  // namespace

int RunApp(const RunOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = SteadyClock::now();
    auto collection = storage::Collection::Open(options.db_path);
    if (!collection) {
        err << "mondo: " << collection.error().message << "\n";
        return 2;
    }
    auto interview = LoadOrCreateInterview(*collection);
    if (!interview) {
        err << "mondo: " << interview.error() << "\n";
        return 2;
    }
    AppController controller(*collection, std::move(*interview), SystemNowMs);
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
    // Each synthetic item takes two frames (press, release); the picture waits for all of them.
    const int screenshot_frame = kScreenshotFrame + 2 * static_cast<int>(keys.size());
    for (int frame = 0;; ++frame) {
        if (frame >= 1 && frame < 1 + 2 * static_cast<int>(keys.size())) {
            const std::string& key = keys[static_cast<std::size_t>((frame - 1) / 2)];
            if ((frame - 1) % 2 == 0) {
                if (!PushSyntheticInput(key)) {
                    err << "mondo: unknown key '" << key << "' in --keys\n";
                    return 1;
                }
            } else {
                ReleaseSyntheticKey(key);
            }
        }
        SDL_Event event;
        bool quit = false;
        while (SDL_PollEvent(&event)) {
            if (HandleImeEvent(event)) continue;
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) quit = true;
        }
        if (quit) break;
        controller.Tick();
        (*window)->BeginFrame();
        DrawFrame(controller);
        (*window)->RenderFrame();
        if (options.screenshot && frame + 1 >= screenshot_frame) {
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
            if (options.screenshot->timings) {
                out << "{\"database_ms\":" << database_ms << ",\"window_ms\":" << window_ms
                    << ",\"fonts_ms\":" << fonts_ms
                    << ",\"first_frames_ms\":" << MsSince(fonts_start) - fonts_ms
                    << ",\"total_ms\":" << MsSince(started)
                    << ",\"font_texture_bytes\":" << loaded->TextureBytes()
                    << ",\"subset_cache_hit\":"
                    << (loaded->report().subset_cache_hit ? "true" : "false")
                    << ",\"peak_rss_kb\":" << PeakRssKb() << "}\n";
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
        if (auto grown = loaded->Update(); grown && *grown) {
            ClearTextLayoutCache();
            (*window)->ReloadFontTexture();
        }
        if (!(options.screenshot && options.screenshot->theme) &&
            controller.preferences().theme != theme) {
            theme = controller.preferences().theme;
            ApplyTheme(theme, scale);
        }
        const std::int64_t now = SystemNowMs() / 1000;
        if (now - last_backup_check >= kBackupCheckSeconds) {
            last_backup_check = now;
            (void)collection->MaybeBackup(now);
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
