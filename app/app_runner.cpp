#include "app/app_runner.h"

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <string>
#include <vector>

#include "app/platform/ime.h"
#include "app/platform/window.h"
#include "app/ui/study_screen.h"
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

StudyViewModel BuildStudyViewModel(const content::Interview& interview) {
    StudyViewModel model;
    model.source_title = interview.title;
    for (const auto& exchange : interview.exchanges) {
        StudyExchangeView view;
        view.index = exchange.index;
        for (const auto& section : interview.sections) {
            if (section.index == exchange.section) view.section_title = section.title;
        }
        view.question = exchange.question;
        view.answer = exchange.answer;
        model.exchanges.push_back(std::move(view));
    }
    return model;
}

std::vector<std::string> TextsOf(const StudyViewModel& model) {
    std::vector<std::string> texts = {model.source_title};
    for (const auto& exchange : model.exchanges) {
        texts.push_back(exchange.section_title);
        texts.push_back(exchange.question);
        texts.push_back(exchange.answer);
    }
    return texts;
}

bool WritePng(const std::filesystem::path& path, const std::vector<unsigned char>& rgba, int width,
              int height) {
    return stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4) != 0;
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

    StudyViewModel study = BuildStudyViewModel(*interview);
    fonts::GlyphSet glyphs;
    for (const auto& text : TextsOf(study)) glyphs.AddUtf8(text);
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
    auto loaded = fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs,
                                   fonts::FontSizes{}.Scaled((*window)->DisplayScale()));
    if (!loaded) {
        err << "mondo: " << loaded.error().message << "\n";
        return 1;
    }
    ImGui::GetIO().FontDefault = loaded->body;

    for (int frame = 0;; ++frame) {
        SDL_Event event;
        bool quit = false;
        while (SDL_PollEvent(&event)) {
            HandleImeEvent(event);
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) quit = true;
        }
        if (quit) break;
        (*window)->BeginFrame();
        const StudyIntent intent = DrawStudyScreen(study);
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
            for (const auto& text : TextsOf(study)) {
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
        ApplyStudyIntent(study, intent);
    }
    return 0;
}

}  // namespace mondo::app
