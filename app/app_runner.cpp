#include "app/app_runner.h"

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <string>
#include <vector>

#include "app/platform/ime.h"
#include "app/platform/window.h"
#include "app/app_controller.h"
#include "app/ui/home_screen.h"
#include "app/ui/navigation.h"
#include "app/ui/read_screen.h"
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

// Opens the collection, importing the built-in interview on first start.
Expected<content::Interview, std::string> LoadOrCreateInterview(storage::Collection& collection) {
    auto ids = collection.SourceIds();
    if (!ids) return Unexpected(ids.error().message);
    if (ids->empty()) {
        auto parsed = content::ParseInterview(content::BuiltinInterviewText());
        if (!parsed) return Unexpected("the built-in interview does not parse: " + parsed.error().message);
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

bool WritePng(const std::filesystem::path& path, const std::vector<unsigned char>& rgba, int width,
              int height) {
    return stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4) != 0;
}

}  // namespace

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
        case Screen::kStats:
        case Screen::kSettings:
            controller.Navigate(Screen::kHome);
            break;
    }
    if (!controller.error().empty()) {
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 16,
                                       viewport->WorkPos.y + viewport->WorkSize.y - 16),
                                ImGuiCond_Always, ImVec2(1, 1));
        ImGui::Begin("###error", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().wrong);
        ImGui::TextUnformatted(controller.error().c_str());
        ImGui::PopStyleColor();
        ImGui::End();
    }
    DrawImePreedit();
}

}  // namespace

int RunApp(const RunOptions& options, std::ostream& out, std::ostream& err) {
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
    auto face = fonts::FindJapaneseFont();
    if (!face) {
        err << "mondo: " << face.error().message << "\n";
        return 1;
    }
    AppController controller(*collection, std::move(*interview), SystemNowMs);
    if (auto started = controller.Start(); !started) {
        err << "mondo: " << started.error() << "\n";
        return 2;
    }
    Screen screen = Screen::kHome;
    if (options.screenshot && !ScreenFromName(options.screenshot->screen, screen)) {
        err << "mondo: unknown screen '" << options.screenshot->screen << "'\n";
        return 1;
    }

    fonts::GlyphSet glyphs;
    for (const auto& text : controller.VisibleTexts()) glyphs.AddUtf8(text);
    for (const auto& text : UiStrings()) glyphs.AddUtf8(text);

    WindowOptions window_options;
    if (options.screenshot) {
        window_options.width = options.screenshot->width;
        window_options.height = options.screenshot->height;
        window_options.vsync = false;
    }
    auto window = Window::Create(window_options);
    if (!window) {
        err << "mondo: " << window.error().message << "\n";
        return 1;
    }
    const float scale = (*window)->DisplayScale();
    auto loaded = fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs,
                                   fonts::FontSizes{}.Scaled(scale));
    if (!loaded) {
        err << "mondo: " << loaded.error().message << "\n";
        return 1;
    }
    ImGui::GetIO().FontDefault = loaded->body;
    ApplyTheme(Theme::kLight, scale);
    if (options.screenshot) controller.Navigate(screen);

    for (int frame = 0;; ++frame) {
        SDL_Event event;
        bool quit = false;
        while (SDL_PollEvent(&event)) {
            HandleImeEvent(event);
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) quit = true;
        }
        if (quit) break;
        controller.Tick();
        (*window)->BeginFrame();
        DrawFrame(controller);
        (*window)->RenderFrame();
        if (options.screenshot && frame + 1 >= kScreenshotFrame) {
            int width = 0;
            int height = 0;
            const auto pixels = (*window)->ReadPixels(width, height);
            if (!WritePng(options.screenshot->out, pixels, width, height)) {
                err << "mondo: cannot write " << options.screenshot->out << "\n";
                return 1;
            }
            std::u32string missing;
            for (const auto& text : controller.VisibleTexts()) {
                for (char32_t c : fonts::MissingCodePoints(*loaded->body, text)) missing += c;
            }
            out << "screenshot: " << options.screenshot->out.string() << " " << width << "x"
                << height << ", glyphs missing from the atlas: " << missing.size() << "\n";
            if (!missing.empty()) {
                err << "mondo: the font atlas lacks " << missing.size()
                    << " character(s) drawn on this screen\n";
                return 1;
            }
            return 0;
        }
        (*window)->Present();
    }
    controller.Shutdown();
    return 0;
}

}  // namespace mondo::app
