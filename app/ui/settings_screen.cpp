#include "app/ui/settings_screen.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>  // TempInputIsActive, NavMoveRequestCancel
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/platform/input_queue.h"
#include "app/sched/scheduler.h"
#include "app/study/settings.h"
#include "app/ui/plots.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

constexpr float kMinRetention = 0.70f;
constexpr float kMaxRetention = 0.99f;
constexpr int kMinFontSize = 14;
constexpr int kMaxFontSize = 32;
constexpr const char* kStepsHelp =
    "Write durations separated by spaces, like 1m 10m 1h 1d (s, m, h, d; a bare number is "
    "minutes), each between 1 second and 30 days.";

void Sync(const SettingsViewModel& model, SettingsUiState& ui) {
    if (ui.initialised && ui.synced == model.values) return;
    const SettingsValues& v = model.values;
    ui.synced = v;
    ui.retention = static_cast<float>(v.desired_retention);
    ui.new_per_day = v.new_per_day;
    ui.reviews_per_day = v.reviews_per_day;
    ui.learning_steps = v.learning_steps;
    ui.relearning_steps = v.relearning_steps;
    ui.day_start_hour = v.day_start_hour;
    ui.font_size = v.font_size;
    ui.japanese_font = v.japanese_font;
    ui.learning_steps_error.clear();
    ui.relearning_steps_error.clear();
    ui.initialised = true;
}

void FocusIfAsked(SettingsUiState& ui, SettingField field) {
    if (ui.focus != field) return;
    ImGui::SetKeyboardFocusHere();
    ui.focus = SettingField::kNone;
}

// The intent for `field`: the saved settings with that one field taken from the edit buffers
// (another field may hold an unfinished or invalid edit that must not be saved with it).
SettingsIntent Changed(const SettingsViewModel& model, const SettingsUiState& ui,
                       SettingField field) {
    SettingsIntent intent;
    intent.kind = SettingsIntent::Kind::kChanged;
    intent.field = field;
    intent.values = model.values;
    SettingsValues& v = intent.values;
    switch (field) {
        case SettingField::kDesiredRetention:
            v.desired_retention = std::round(static_cast<double>(std::clamp(
                                                 ui.retention, kMinRetention, kMaxRetention)) *
                                             100.0) /
                                  100.0;
            break;
        case SettingField::kNewPerDay:
            v.new_per_day = std::clamp(ui.new_per_day, 0, study::kMaxPerDayLimit);
            break;
        case SettingField::kReviewsPerDay:
            v.reviews_per_day = std::clamp(ui.reviews_per_day, 0, study::kMaxReviewLimit);
            break;
        case SettingField::kLearningSteps:
            v.learning_steps = ui.learning_steps;
            break;
        case SettingField::kRelearningSteps:
            v.relearning_steps = ui.relearning_steps;
            break;
        case SettingField::kDayStartHour:
            v.day_start_hour = std::clamp(ui.day_start_hour, 0, 23);
            break;
        case SettingField::kFontSize:
            v.font_size = std::clamp(ui.font_size, kMinFontSize, kMaxFontSize);
            break;
        case SettingField::kJapaneseFont:
            v.japanese_font = ui.japanese_font;
            break;
        case SettingField::kTheme:
        case SettingField::kNone:
            break;
    }
    return intent;
}

// Label column of the form.
void Label(const char* text) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::TableNextColumn();
}

// A group title spanning the form, with space above all but the first.
void Heading(const char* text, bool first) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (!first) ImGui::Dummy(ImVec2(0.0f, ImGui::GetTextLineHeight() * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().accent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
}

void Hint(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", text);
    ImGui::PopTextWrapPos();
}

// A steps field: validated as typed, saved (normalised) when left with a valid value.
bool StepsField(const char* id, std::string& text, std::string& error) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const bool edited = ImGui::InputText(id, &text);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    const auto parsed = sched::ParseSteps(text);
    const bool valid = parsed && parsed->size() <= study::kMaxSteps;
    if (edited || done) error = valid ? std::string() : std::string(kStepsHelp);
    if (!error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().wrong);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(("Not saved. " + error).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    if (!done || !valid) return false;
    text = sched::FormatSteps(*parsed);
    return true;
}

void LoadEstimate(const SettingsViewModel& model, float retention) {
    RetentionLoad at;
    if (model.load.empty() && model.load_progress.running) {
        // Simulated on a worker thread: a big collection takes seconds, the window stays usable.
        ImGui::TextDisabled("Estimating the daily load… %.0f%%",
                            model.load_progress.fraction * 100.0);
        return;
    }
    if (!InterpolateLoad(model.load, retention, at)) {
        ImGui::TextDisabled(
            "The estimate of the daily load appears once there is something to simulate.");
        return;
    }
    ImGui::Text("About %.0f reviews and %.0f minutes a day", at.reviews_per_day,
                at.minutes_per_day);
    // The average hides the start: new questions come back often in their first days.
    if (at.first_week_peak > at.reviews_per_day * 1.2 + 1.0) {
        ImGui::Text("First week: about %.0f reviews a day, up to %.0f",
                    at.first_week_reviews_per_day, at.first_week_peak);
    }
    // Outside the simulated range the nearest estimate is shown; say so rather than extrapolate.
    const double nearest = retention < model.load.front().retention ? model.load.front().retention
                                                                    : model.load.back().retention;
    if (std::fabs(nearest - retention) > 0.005 &&
        (retention < model.load.front().retention || retention > model.load.back().retention)) {
        ImGui::SameLine();
        ImGui::TextDisabled("(as at %.2f, the nearest simulated)", nearest);
    }
    ImGui::TextDisabled("simulated over the next %d days; the curve: reviews a day by retention",
                        model.load_days);
    if (model.load.size() < 2) return;
    std::vector<double> xs;
    std::vector<double> ys;
    for (const RetentionLoad& point : model.load) {
        xs.push_back(point.retention);
        ys.push_back(point.reviews_per_day);
    }
    plots::DrawLineChart(
        xs, ys, retention,
        [&](double x, double y) {
            RetentionLoad p;
            InterpolateLoad(model.load, x, p);
            char text[96];
            std::snprintf(text, sizeof text, "Retention %.0f%%: %.0f reviews, %.0f min a day",
                          x * 100.0, y, p.minutes_per_day);
            return std::string(text);
        },
        ImVec2(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 26.0f),
               ImGui::GetTextLineHeight() * 6.0f));
}

void ParametersSection(const SettingsViewModel& model, SettingsUiState& ui,
                       SettingsIntent& intent) {
    ImGui::TextUnformatted("Memory model (FSRS)");
    ImGui::TextDisabled(
        "Fit the model's 21 parameters to how you actually remember, from your own reviews.");
    const auto ask = [&](SettingsIntent::Kind kind) {
        intent = SettingsIntent{};
        intent.kind = kind;
        intent.values = model.values;
    };
    const FitProgressView& progress = model.fit_progress;
    if (progress.running) {
        // The fit runs on a worker thread: the window stays usable; Esc or Cancel stops it.
        ImGui::BeginDisabled();
        ImGui::Button("Optimise parameters");
        ImGui::EndDisabled();
        ImGui::SameLine();
        char overlay[64];
        if (progress.epoch == 0) {
            std::snprintf(overlay, sizeof overlay, "Preparing your reviews");
        } else {
            std::snprintf(overlay, sizeof overlay, "Pass %d of %d: %.0f%%", progress.epoch,
                          progress.epochs, progress.fraction * 100.0);
        }
        ImGui::ProgressBar(
            static_cast<float>(progress.fraction),
            ImVec2(std::min(ImGui::GetContentRegionAvail().x * 0.6f, ImGui::GetFontSize() * 18.0f),
                   0.0f),
            overlay);
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ask(SettingsIntent::Kind::kCancelOptimise);
        if (!ImGui::IsAnyItemActive() && !ImGui::GetIO().WantTextInput &&
            KeyPressed(SDL_SCANCODE_ESCAPE, false)) {
            ask(SettingsIntent::Kind::kCancelOptimise);
        }
        ImGui::TextDisabled("Esc cancels; the parameters in use stay until you choose.");
    } else if (ImGui::Button("Optimise parameters")) {
        ask(SettingsIntent::Kind::kOptimise);
    }
    if (model.can_undo_parameters && !progress.running) {
        ImGui::SameLine();
        if (ImGui::Button("Put the previous parameters back")) {
            ask(SettingsIntent::Kind::kUndoParameters);
        }
    }
    const ParameterFitView& fit = model.fit;
    if (fit.ran) {
        ImGui::Text("%zu reviews, %zu of them predictable.", fit.reviews, fit.items);
        ImGui::Text("In use:  log loss %.4f, RMSE %.1f%%", fit.log_loss_before,
                    fit.rmse_before * 100.0);
        ImGui::Text("Fitted:  log loss %.4f, RMSE %.1f%%", fit.log_loss_after,
                    fit.rmse_after * 100.0);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(fit.health.c_str());
        ImGui::PopTextWrapPos();
        if (fit.better) {
            if (ImGui::Button("Use the fitted parameters")) ask(SettingsIntent::Kind::kApplyFit);
            ImGui::SameLine();
            ImGui::TextDisabled("Memory is recomputed from your reviews; due dates stay.");
        }
    }
    if (!model.parameters_message.empty()) {
        ImGui::TextUnformatted(model.parameters_message.c_str());
    }
    ImGui::Spacing();
    // The button stays (keyboard focus stays on it while the year is simulated); pressed again
    // meanwhile it does nothing.
    if (ImGui::Button("Help me decide") && !model.decide_progress.running) {
        ask(SettingsIntent::Kind::kHelpDecide);
    }
    ImGui::SameLine();
    if (model.decide_progress.running) {
        // On a worker thread, as the fit: Esc or Cancel stops it (Esc stops the fit first).
        if (!progress.running && !ImGui::IsAnyItemActive() && !ImGui::GetIO().WantTextInput &&
            KeyPressed(SDL_SCANCODE_ESCAPE, false)) {
            ask(SettingsIntent::Kind::kCancelHelpDecide);
        }
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "Simulating a year: %.0f%%",
                      model.decide_progress.fraction * 100.0);
        ImGui::ProgressBar(
            static_cast<float>(model.decide_progress.fraction),
            ImVec2(std::min(ImGui::GetContentRegionAvail().x * 0.6f, ImGui::GetFontSize() * 18.0f),
                   0.0f),
            overlay);
        ImGui::SameLine();
        if (ImGui::Button("Cancel##decide")) ask(SettingsIntent::Kind::kCancelHelpDecide);
    } else {
        ImGui::TextDisabled("which desired retention costs least per question remembered");
    }
    if (model.decide.size() >= 2 && model.decide_best >= 0) {
        const RetentionChoice& best = model.decide[static_cast<std::size_t>(model.decide_best)];
        ImGui::Text(
            "Least work per question remembered: retention %.2f (%.*f minutes a day, "
            "%.0f questions remembered after %d days)",
            best.retention, best.minutes_per_day < 10.0 ? 1 : 0, best.minutes_per_day,
            best.memorized, model.decide_days);
        ImGui::TextDisabled(
            "the curve: minutes a day (up) against questions remembered (across), "
            "retention %.2f to %.2f",
            model.decide.front().retention, model.decide.back().retention);
        char best_label[32];
        std::snprintf(best_label, sizeof best_label, "retention %.2f", best.retention);
        std::vector<double> xs;
        std::vector<double> ys;
        for (const RetentionChoice& c : model.decide) {
            xs.push_back(c.memorized);
            ys.push_back(c.minutes_per_day);
        }
        const auto& choices = model.decide;
        plots::DrawLineChart(
            xs, ys, best.memorized,
            [&choices](double x, double y) {
                double retention = choices.front().retention;
                for (const RetentionChoice& c : choices) {
                    if (std::fabs(c.memorized - x) < 1e-9) retention = c.retention;
                }
                char text[96];
                std::snprintf(text, sizeof text, "Retention %.2f: %.0f remembered, %.1f min a day",
                              retention, x, y);
                return std::string(text);
            },
            ImVec2(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 26.0f),
                   ImGui::GetTextLineHeight() * 6.0f),
            "%.0f", best_label);
        // The answer comes seconds after the button was pressed, under the fold on most
        // windows: brought into view once.
        if (!ui.decide_in_view) {
            ImGui::SetScrollHereY(1.0f);
            ui.decide_in_view = true;
        }
    } else {
        ui.decide_in_view = false;
    }
}

}  // namespace

int LeastWorkPerMemorized(const std::vector<RetentionChoice>& choices) {
    int best = -1;
    double best_cost = 0.0;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choices[i].memorized <= 0.0) continue;
        const double cost = choices[i].minutes_per_day / choices[i].memorized;
        if (best < 0 || cost < best_cost) {
            best = static_cast<int>(i);
            best_cost = cost;
        }
    }
    return best;
}

std::string DescribeFit(const ParameterFitView& fit) {
    if (fit.items < 8) {
        return "Too few reviews to fit yet: the defaults, fitted to many learners, stay.";
    }
    char text[320];
    const double points = fit.rmse_after * 100.0;
    const char* quality = fit.rmse_after <= 0.05   ? "well"
                          : fit.rmse_after <= 0.10 ? "fairly well"
                                                   : "poorly";
    std::snprintf(text, sizeof text,
                  "Health: the fitted parameters predict your recall %s: on average %.1f "
                  "percentage points from what happened. %s",
                  quality, points,
                  fit.better ? "They predict better than the ones in use."
                             : "They do not predict better than the ones in use: keep those.");
    std::string out = text;
    if (fit.items < 400) out += " With so few reviews the fit is still rough.";
    return out;
}

bool InterpolateLoad(const std::vector<RetentionLoad>& load, double retention, RetentionLoad& out) {
    if (load.empty()) return false;
    if (retention <= load.front().retention) {
        out = load.front();
    } else if (retention >= load.back().retention) {
        out = load.back();
    } else {
        for (std::size_t i = 1; i < load.size(); ++i) {
            const RetentionLoad& a = load[i - 1];
            const RetentionLoad& b = load[i];
            if (retention > b.retention) continue;
            const double span = b.retention - a.retention;
            const double t = span > 0.0 ? (retention - a.retention) / span : 0.0;
            out.reviews_per_day = a.reviews_per_day + t * (b.reviews_per_day - a.reviews_per_day);
            out.minutes_per_day = a.minutes_per_day + t * (b.minutes_per_day - a.minutes_per_day);
            out.first_week_reviews_per_day =
                a.first_week_reviews_per_day +
                t * (b.first_week_reviews_per_day - a.first_week_reviews_per_day);
            out.first_week_peak = a.first_week_peak + t * (b.first_week_peak - a.first_week_peak);
            break;
        }
    }
    out.retention = retention;
    return true;
}

SettingsIntent DrawSettingsScreen(const SettingsViewModel& model, SettingsUiState& ui) {
    SettingsIntent intent;
    Sync(model, ui);
    BeginScreenWindow("Settings###settings");
    ImGui::TextUnformatted("Settings");
    ImGui::TextDisabled("Changes apply at once and are saved in the collection.");
    ImGui::Spacing();

    const float em = ImGui::GetFontSize();
    const float form_width = std::min(ImGui::GetContentRegionAvail().x, em * 52.0f);
    constexpr ImGuiTableFlags table_flags =
        ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##form", 2, table_flags, ImVec2(form_width, 0))) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em * 12.0f);
        ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);

        Heading("Reviews", true);
        Label("Desired retention");
        FocusIfAsked(ui, SettingField::kDesiredRetention);
        ImGui::SetNextItemWidth(em * 14.0f);
        const float retention_before = ui.retention;
        ImGui::SliderFloat("##retention", &ui.retention, kMinRetention, kMaxRetention, "%.2f",
                           ImGuiSliderFlags_AlwaysClamp);
        if (ImGui::IsItemDeactivatedAfterEdit())
            intent = Changed(model, ui, SettingField::kDesiredRetention);
        // Left/Right move the value by 0.01 a tap while the slider has the keyboard (ImGui's own
        // step is a hundredth of the range, which "%.2f" rounds away, and it accelerates).
        if (ImGui::IsItemFocused() && !ImGui::TempInputIsActive(ImGui::GetItemID())) {
            const int step = KeyPressed(SDL_SCANCODE_LEFT, true)    ? -1
                             : KeyPressed(SDL_SCANCODE_RIGHT, true) ? 1
                                                                    : 0;
            if (step != 0) {
                ui.retention = std::clamp(
                    (std::round(retention_before * 100.0f) + static_cast<float>(step)) / 100.0f,
                    kMinRetention, kMaxRetention);
                ImGui::NavMoveRequestCancel();  // the arrow moves the value, not the focus
                intent = Changed(model, ui, SettingField::kDesiredRetention);
            }
        }
        Hint("The chance of remembering a question when it comes back. Higher means more reviews.");
        LoadEstimate(model, ui.retention);

        Label("New questions a day");
        FocusIfAsked(ui, SettingField::kNewPerDay);
        ImGui::SetNextItemWidth(em * 9.0f);
        if (ImGui::InputInt("##new_per_day", &ui.new_per_day, 1, 10,
                            ImGuiInputTextFlags_EnterReturnsTrue)) {
            ui.new_per_day = std::clamp(ui.new_per_day, 0, study::kMaxPerDayLimit);
            intent = Changed(model, ui, SettingField::kNewPerDay);
        }

        Label("Reviews a day at most");
        FocusIfAsked(ui, SettingField::kReviewsPerDay);
        ImGui::SetNextItemWidth(em * 9.0f);
        if (ImGui::InputInt("##reviews_per_day", &ui.reviews_per_day, 10, 100,
                            ImGuiInputTextFlags_EnterReturnsTrue)) {
            ui.reviews_per_day = std::clamp(ui.reviews_per_day, 0, study::kMaxReviewLimit);
            intent = Changed(model, ui, SettingField::kReviewsPerDay);
        }

        Heading("Learning", false);
        Label("Learning steps");
        FocusIfAsked(ui, SettingField::kLearningSteps);
        if (StepsField("##learning_steps", ui.learning_steps, ui.learning_steps_error)) {
            intent = Changed(model, ui, SettingField::kLearningSteps);
        }
        Hint("Waits before a new question comes back on its first day.");

        Label("Relearning steps");
        FocusIfAsked(ui, SettingField::kRelearningSteps);
        if (StepsField("##relearning_steps", ui.relearning_steps, ui.relearning_steps_error)) {
            intent = Changed(model, ui, SettingField::kRelearningSteps);
        }
        Hint("Waits before a forgotten question comes back.");

        Label("Next day starts at");
        FocusIfAsked(ui, SettingField::kDayStartHour);
        ImGui::SetNextItemWidth(em * 9.0f);
        ImGui::SliderInt("##day_start", &ui.day_start_hour, 0, 23, "%d:00",
                         ImGuiSliderFlags_AlwaysClamp);
        if (ImGui::IsItemDeactivatedAfterEdit())
            intent = Changed(model, ui, SettingField::kDayStartHour);
        Hint("Reviews after midnight count for the previous day until this hour.");

        Heading("Appearance", false);
        Label("Font size");
        FocusIfAsked(ui, SettingField::kFontSize);
        ImGui::SetNextItemWidth(em * 9.0f);
        ImGui::SliderInt("##font_size", &ui.font_size, kMinFontSize, kMaxFontSize, "%d px",
                         ImGuiSliderFlags_AlwaysClamp);
        if (ImGui::IsItemDeactivatedAfterEdit())
            intent = Changed(model, ui, SettingField::kFontSize);

        Label("Theme");
        FocusIfAsked(ui, SettingField::kTheme);
        for (const Theme theme : {Theme::kLight, Theme::kDark}) {
            if (theme == Theme::kDark) ImGui::SameLine();
            if (ImGui::RadioButton(theme == Theme::kLight ? "Light" : "Dark",
                                   model.values.theme == theme) &&
                model.values.theme != theme) {
                intent = Changed(model, ui, SettingField::kTheme);
                intent.values.theme = theme;
            }
        }

        Label("Japanese font");
        FocusIfAsked(ui, SettingField::kJapaneseFont);
        ImGui::SetNextItemWidth(em * 14.0f);
        InputTextWithHintUnlessComposing("##japanese_font", "automatic", &ui.japanese_font,
                                         ui.ime_composing);
        if (ImGui::IsItemDeactivatedAfterEdit())
            intent = Changed(model, ui, SettingField::kJapaneseFont);
        if (!model.font_families.empty()) {
            ImGui::SameLine();
            if (ImGui::BeginCombo("##font_families", nullptr, ImGuiComboFlags_NoPreview)) {
                if (ImGui::Selectable("automatic", ui.japanese_font.empty())) {
                    ui.japanese_font.clear();
                    intent = Changed(model, ui, SettingField::kJapaneseFont);
                }
                for (const std::string& family : model.font_families) {
                    if (ImGui::Selectable(family.c_str(), family == ui.japanese_font)) {
                        ui.japanese_font = family;
                        intent = Changed(model, ui, SettingField::kJapaneseFont);
                    }
                }
                ImGui::EndCombo();
            }
        }
        if (!model.font_in_use.empty())
            ImGui::TextDisabled("In use: %s", model.font_in_use.c_str());
        ImGui::EndTable();
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ParametersSection(model, ui, intent);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    if (ImGui::Button("Reset to defaults")) {
        intent = SettingsIntent{};
        intent.kind = SettingsIntent::Kind::kResetDefaults;
        intent.values = model.values;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("Tab moves between fields; Enter applies a typed value.");
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
