#include "app/ui/study_screen.h"

#include <SDL.h>
#include <imgui.h>

#include "app/ui/japanese_text.h"

namespace mondo::app {

namespace {

bool KeyPressed(SDL_Scancode code) { return ImGui::IsKeyPressed(code, false); }

}  // namespace

StudyIntent DrawStudyScreen(const StudyViewModel& model) {
    StudyIntent intent = StudyIntent::kNone;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Study###study", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);

    if (model.exchanges.empty()) {
        ImGui::TextUnformatted("This collection holds no exchanges.");
        ImGui::End();
        return intent;
    }
    const StudyExchangeView& exchange = model.exchanges[static_cast<std::size_t>(model.current)];
    const float width = ImGui::GetContentRegionAvail().x;

    ImGui::TextDisabled("%s", model.source_title.c_str());
    ImGui::TextDisabled("%d / %d  %s", exchange.index, static_cast<int>(model.exchanges.size()),
                        exchange.section_title.c_str());
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextUnformatted("Q");
    TextParagraph(exchange.question, width);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    if (model.revealed) {
        ImGui::TextUnformatted("Liang");
        TextParagraph(exchange.answer, width);
    } else if (ImGui::Button("Show answer (Space)")) {
        intent = StudyIntent::kShowAnswer;
    }
    ImGui::Spacing();
    ImGui::Separator();
    if (ImGui::Button("< Previous")) intent = StudyIntent::kPrevious;
    ImGui::SameLine();
    if (ImGui::Button("Next >")) intent = StudyIntent::kNext;

    if (!ImGui::GetIO().WantTextInput) {
        if (KeyPressed(SDL_SCANCODE_SPACE) || KeyPressed(SDL_SCANCODE_RETURN)) {
            intent = StudyIntent::kShowAnswer;
        } else if (KeyPressed(SDL_SCANCODE_RIGHT)) {
            intent = StudyIntent::kNext;
        } else if (KeyPressed(SDL_SCANCODE_LEFT)) {
            intent = StudyIntent::kPrevious;
        }
    }
    ImGui::End();
    return intent;
}

void ApplyStudyIntent(StudyViewModel& model, StudyIntent intent) {
    const int count = static_cast<int>(model.exchanges.size());
    switch (intent) {
        case StudyIntent::kNone:
            break;
        case StudyIntent::kShowAnswer:
            model.revealed = true;
            break;
        case StudyIntent::kNext:
            if (model.current + 1 < count) {
                ++model.current;
                model.revealed = false;
            }
            break;
        case StudyIntent::kPrevious:
            if (model.current > 0) {
                --model.current;
                model.revealed = false;
            }
            break;
    }
}

}  // namespace mondo::app
