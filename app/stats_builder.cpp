#include "app/stats_builder.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include "app/study/progress.h"
#include "content/json.h"
#include "content/unicode.h"

namespace mondo::app {

namespace {

constexpr int kHistoryDays = 365;
constexpr int kForecastDays = 30;
constexpr int kAllDays = 36500;
// The row of profile questions and exchanges without a section.
constexpr const char* kOtherQuestions = "Profile and other questions";

// "YYYY-MM-DD" of a collection day (DayNumber counts local days since 1970-01-01).
std::string DateOfDay(std::int64_t day_number) {
    const std::time_t t = static_cast<std::time_t>(day_number * 86400);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

std::string Percent(const RetentionCount& count) {
    if (count.total == 0) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * count.passed / count.total);
    return text;
}

}  // namespace

Expected<StatsViewModel, storage::StorageError> LoadStats(storage::Collection& collection,
                                                          const content::Interview& interview,
                                                          const study::StudySettings& settings,
                                                          std::int64_t now, StatsScope scope) {
    return LoadStats(collection, std::vector<const content::Interview*>{&interview}, settings, now,
                     scope);
}

Expected<StatsViewModel, storage::StorageError> LoadStats(
    storage::Collection& collection, const std::vector<const content::Interview*>& interviews,
    const study::StudySettings& settings, std::int64_t now, StatsScope scope) {
    assert(!interviews.empty() && (scope == StatsScope::kCollection || interviews.size() == 1) &&
           "LoadStats: one interview for a source's statistics, at least one for the collection's");
    StatsViewModel stats;
    const std::string& source = interviews.front()->source_id;
    const bool of_source = scope == StatsScope::kSource && !source.empty();
    const storage::ProgressClock clock = study::MakeProgressClock(settings, now);
    const std::int64_t offset = clock.day_offset_seconds;
    const std::int64_t today =
        (now + offset) / 86400 - ((now + offset) < 0 && (now + offset) % 86400 != 0);
    const std::int64_t first_day = today - kHistoryDays + 1;

    stats.history.resize(kHistoryDays);
    for (int i = 0; i < kHistoryDays; ++i)
        stats.history[static_cast<std::size_t>(i)].date = DateOfDay(first_day + i);

    // Every day with reviews (a century either side: a clock set back is counted in the totals,
    // not drawn).
    auto days = collection.ReviewsPerDay(today - kAllDays, today + kAllDays, offset,
                                         of_source ? source : std::string());
    if (!days) return Unexpected(std::move(days).error());
    std::set<std::int64_t> study_days;
    for (const storage::DayReviews& day : *days) {
        const int reviews = day.count[0] + day.count[1] + day.count[2] + day.count[3];
        const double minutes = static_cast<double>(day.studied_ms) / 60000.0;
        if (reviews > 0) study_days.insert(day.day);
        stats.total_reviews += reviews;
        stats.minutes_total += minutes;
        if (day.day > today) continue;
        if (day.day >= first_day) {
            StatsDay& entry = stats.history[static_cast<std::size_t>(day.day - first_day)];
            entry.again = day.count[0];
            entry.hard = day.count[1];
            entry.good = day.count[2];
            entry.easy = day.count[3];
            entry.minutes = minutes;
        }
        if (day.day == today) stats.minutes_today += minutes;
        if (today - day.day < 7) stats.minutes_week += minutes;
    }

    // True retention counts reviews of cards in the review state only (Anki).
    auto retention =
        collection.RetentionPerDay(first_day, today, offset, of_source ? source : std::string());
    if (!retention) return Unexpected(std::move(retention).error());
    const int windows[4] = {1, 7, 30, 365};
    for (const storage::DayRetention& day : *retention) {
        for (std::size_t w = 0; w < 4; ++w) {
            if (today - day.day >= windows[w]) continue;
            RetentionRow& row = stats.retention[w];
            row.young.passed += day.young_passed;
            row.young.total += day.young_total;
            row.mature.passed += day.mature_passed;
            row.mature.total += day.mature_total;
        }
    }

    // Streaks: consecutive study days, the current one ending today or yesterday.
    int run = 0;
    std::int64_t previous = 0;
    for (const std::int64_t day : study_days) {
        run = (run > 0 && day == previous + 1) ? run + 1 : 1;
        previous = day;
        stats.longest_streak_days = std::max(stats.longest_streak_days, run);
    }
    if (!study_days.empty() && *study_days.rbegin() >= today - 1) {
        std::int64_t day = *study_days.rbegin();
        while (study_days.count(day)) {
            ++stats.streak_days;
            --day;
        }
    }

    auto forecast =
        collection.DueForecast(today, kForecastDays, offset, of_source ? source : std::string());
    if (!forecast) return Unexpected(std::move(forecast).error());
    stats.forecast = std::move(*forecast);

    const auto row_of = [](int index, std::string label, const study::ProgressFigures& figures,
                           const std::string& source_id) {
        MasteryRow row{index, std::move(label), figures.questions, figures.learned,
                       figures.mastery()};
        row.source_id = source_id;
        return row;
    };
    // The collection's totals once (not for one source's statistics); each shown source's
    // sections and exchanges from its own rows.
    study::Progress collection_progress;
    if (!of_source) {
        auto all = study::LoadProgress(collection, {}, settings, now);
        if (!all) return Unexpected(std::move(all).error());
        collection_progress = std::move(*all);
    }
    for (const content::Interview* interview : interviews) {
        auto progress = study::LoadSourceProgress(collection, interview->source_id, settings, now);
        if (!progress) return Unexpected(std::move(progress).error());
        const std::string& id = interview->source_id;
        if (interview == interviews.front()) {
            const study::ProgressFigures& totals =
                of_source ? progress->source : collection_progress.collection;
            stats.total_questions = totals.questions;
            stats.learned_questions = totals.learned;
        }
        if (interviews.size() > 1)
            stats.sources.push_back(row_of(0, interview->title, progress->source, id));
        if (const auto it = progress->sections.find(0); it != progress->sections.end())
            stats.sections.push_back(row_of(0, kOtherQuestions, it->second, id));
        for (const auto& section : interview->sections) {
            const auto it = progress->sections.find(section.index);
            if (it == progress->sections.end()) continue;
            stats.sections.push_back(row_of(section.index,
                                            std::to_string(section.index) + ". " + section.title,
                                            it->second, id));
        }
        for (const auto& exchange : interview->exchanges) {
            const auto it = progress->exchanges.find(exchange.index);
            if (it == progress->exchanges.end()) continue;
            const std::string excerpt(content::TruncateUtf8(exchange.question, 60));
            stats.exchanges.push_back(
                row_of(exchange.index,
                       "Exchange " + std::to_string(exchange.index) + "  " + excerpt +
                           (excerpt.size() < exchange.question.size() ? "…" : ""),
                       it->second, id));
        }
    }
    return stats;
}

std::string FormatStatsText(const StatsViewModel& stats) {
    std::ostringstream out;
    const StatsDay& today = stats.history.back();
    out << "today: " << today.Total() << " reviews, " << static_cast<int>(stats.minutes_today + 0.5)
        << " min\n";
    out << "streak: " << stats.streak_days << " days (longest " << stats.longest_streak_days
        << ")\n";
    out << "questions: " << stats.learned_questions << " learned of " << stats.total_questions
        << "\n";
    out << "reviews: " << stats.total_reviews << " in all, "
        << static_cast<int>(stats.minutes_total + 0.5) << " min\n";
    out << "reviews per day (last 14 days):\n";
    for (std::size_t i = stats.history.size() >= 14 ? stats.history.size() - 14 : 0;
         i < stats.history.size(); ++i) {
        const StatsDay& day = stats.history[i];
        out << "  " << day.date << "  " << day.Total() << "  (again " << day.again << ", hard "
            << day.hard << ", good " << day.good << ", easy " << day.easy << ")\n";
    }
    const char* windows[4] = {"today", "7 days", "30 days", "365 days"};
    out << "true retention (young / mature):\n";
    for (int w = 0; w < 4; ++w) {
        const RetentionRow& row = stats.retention[static_cast<std::size_t>(w)];
        out << "  " << windows[w] << ": " << Percent(row.young) << " of " << row.young.total
            << " / " << Percent(row.mature) << " of " << row.mature.total << "\n";
    }
    const auto mastery_line = [&out](const std::string& indent, const MasteryRow& row) {
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.0f%%", row.mastery * 100.0);
        out << indent << row.label << ": " << percent << " (" << row.learned << "/" << row.questions
            << " learned)\n";
    };
    if (!stats.sources.empty()) {
        // All sources: each one's mastery, then its sections under it.
        out << "mastery per source and section:\n";
        for (const MasteryRow& source : stats.sources) {
            mastery_line("  ", source);
            for (const MasteryRow& row : stats.sections) {
                if (row.source_id == source.source_id) mastery_line("    ", row);
            }
        }
        return out.str();
    }
    out << "mastery per section:\n";
    for (const MasteryRow& row : stats.sections) mastery_line("  ", row);
    return out.str();
}

std::string FormatStatsJson(const StatsViewModel& stats,
                            const std::vector<SourceSummary>& sources) {
    using content::Json;
    const StatsDay& today = stats.history.back();
    Json days = Json::array();
    for (const StatsDay& day : stats.history) {
        if (day.Total() == 0) continue;
        days.push_back({{"date", day.date},
                        {"again", day.again},
                        {"hard", day.hard},
                        {"good", day.good},
                        {"easy", day.easy},
                        {"minutes", day.minutes}});
    }
    Json retention = Json::object();
    const char* windows[4] = {"today", "week", "month", "year"};
    for (std::size_t w = 0; w < 4; ++w) {
        const RetentionRow& row = stats.retention[w];
        retention[windows[w]] = {
            {"young", {{"passed", row.young.passed}, {"total", row.young.total}}},
            {"mature", {{"passed", row.mature.passed}, {"total", row.mature.total}}}};
    }
    Json sections = Json::array();
    for (const MasteryRow& row : stats.sections) {
        sections.push_back({{"index", row.index},
                            {"title", row.label},
                            {"questions", row.questions},
                            {"learned", row.learned},
                            {"mastery", row.mastery},
                            {"source", row.source_id}});
    }
    const Json document = {
        {"today", {{"reviews", today.Total()}, {"minutes", stats.minutes_today}}},
        {"streak", stats.streak_days},
        {"longest_streak", stats.longest_streak_days},
        {"total_reviews", stats.total_reviews},
        {"total_questions", stats.total_questions},
        {"learned_questions", stats.learned_questions},
        {"minutes_total", stats.minutes_total},
        {"reviews_per_day", std::move(days)},
        {"retention", std::move(retention)},
        {"forecast", stats.forecast},
        {"sections", std::move(sections)}};
    Json document_with_sources = document;
    if (!sources.empty()) {
        Json list = Json::array();
        for (const SourceSummary& source : sources) {
            list.push_back({{"id", source.id},
                            {"title", source.title},
                            {"exchanges", source.exchanges},
                            {"questions", source.questions},
                            {"learned", source.learned},
                            {"mastery", source.mastery},
                            {"due_today", source.due_today},
                            {"added", source.added},
                            {"retired", source.retired}});
        }
        document_with_sources["sources"] = std::move(list);
    }
    return content::DumpJson(document_with_sources) + "\n";
}

}  // namespace mondo::app
