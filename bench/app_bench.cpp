// ImGui CPU per frame (no GPU: NewFrame → screen → Render) on the study, read and browse screens
// with the real Japanese font atlas, medians of repeated frames. Start-up phases and peak RSS of
// the real app are measured by scripts/bench with `mondo screenshot --timings`.
#include <imgui.h>

#include <cstdio>
#include <vector>

#include "app/ui/paragraph.h"
#include "app/ui/read_screen.h"
#include "app/ui/study_screen.h"
#include "app/ui/theme.h"
#include "app/ui/ui_strings.h"
#include "bench/bench_util.h"
#include "content/interview.h"
#include "content/question.h"
#include "fonts/japanese_font.h"

using namespace mondo;

namespace {

double FrameMicros(int frames, const std::function<void()>& draw) {
    std::vector<double> ms = bench::TimeRuns(frames, [&] {
        ImGui::NewFrame();
        draw();
        ImGui::Render();
    });
    return bench::Median(ms) * 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int frames = smoke ? 2 : 600;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;

    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    if (!interview) return 1;
    const auto questions = content::GenerateQuestions(*interview);
    auto face = fonts::FindJapaneseFont();
    if (!face) {
        std::fprintf(stderr, "%s\n", face.error().message.c_str());
        return 1;
    }
    fonts::GlyphSet glyphs;
    for (const auto& e : interview->exchanges) glyphs.AddUtf8(e.question + e.answer);
    for (const auto& q : questions) {
        glyphs.AddUtf8(q.prompt + q.answer + q.context);
        for (const auto& c : q.choices) glyphs.AddUtf8(c);
    }
    for (const auto& s : app::UiStrings()) glyphs.AddUtf8(s);
    auto loaded = fonts::LoadFonts(*io.Fonts, *face, glyphs);
    if (!loaded) return 1;
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    io.FontDefault = loaded->body;
    app::SetTextFonts(&*loaded);
    app::SetHeadingFont(loaded->heading);
    app::ApplyTheme(app::Theme::kLight, 1.0f);

    // The study screen with a revealed choice question: prompt, four choices, context, buttons.
    app::StudyViewModel study;
    for (const auto& q : questions) {
        if (q.kind != content::QuestionKind::kChoice) continue;
        study.has_card = true;
        study.card.question_id = q.id;
        study.card.kind = q.kind;
        study.card.exchange = q.exchange.value_or(0);
        study.card.prompt = q.prompt;
        study.card.answer = q.answer;
        study.card.choices = q.choices;
        study.card.context = q.context;
        study.card.interval_labels = {"<1m", "6m", "10m", "5d"};
        study.phase = app::StudyPhase::kRevealed;
        break;
    }
    app::StudyUiState study_ui;
    app::ReadViewModel read;
    read.title = interview->title;
    read.profile = interview->profile;
    read.sections = interview->sections;
    read.ruby = interview->ruby;
    for (const auto& e : interview->exchanges) {
        app::ReadExchangeView view;
        view.index = e.index;
        view.section = e.section;
        view.question = e.question;
        view.answer = e.answer;
        view.notes = e.notes;
        read.exchanges.push_back(view);
    }
    app::ReadUiState read_ui;

    // Warm the line-break caches as the app would after its first frames.
    FrameMicros(3, [&] { app::DrawStudyScreen(study, study_ui); });
    FrameMicros(3, [&] { app::DrawReadScreen(read, read_ui); });
    const double study_us = FrameMicros(frames, [&] { app::DrawStudyScreen(study, study_ui); });
    const double read_us = FrameMicros(frames, [&] { app::DrawReadScreen(read, read_ui); });
    bench::Report("ImGui CPU per frame, study screen (choice, revealed)", study_us, "us");
    bench::Report("ImGui CPU per frame, read screen (whole interview)", read_us, "us");
    app::SetTextFonts(nullptr);
    ImGui::DestroyContext();
    return 0;
}
