#include "app/stats_builder.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include "content/json.h"
#include "content/unicode.h"

namespace mondo::app {

namespace {

constexpr int kHistoryDays = 365;
constexpr int kForecastDays = 30;
constexpr int kMatureDays = 21;  // Anki: an interval of 21 days or more is mature

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

StatsViewModel BuildStats(const std::vector<ReviewFact>& reviews,
                          const std::vector<study::StudyItem>& items,
                          const content::Interview& interview, const study::StudySettings& settings,
                          std::int64_t now) {
    StatsViewModel stats;
    const sched::DayBoundary boundary = settings.MakeDayBoundary();
    const std::int64_t today = boundary.DayNumber(now);
    const std::int64_t first_day = today - kHistoryDays + 1;

    stats.history.resize(kHistoryDays);
    for (int i = 0; i < kHistoryDays; ++i)
        stats.history[static_cast<std::size_t>(i)].date = DateOfDay(first_day + i);

    std::set<std::int64_t> study_days;
    const int windows[4] = {1, 7, 30, 365};
    for (const ReviewFact& review : reviews) {
        const std::int64_t day = boundary.DayNumber(review.time_ms / 1000);
        const double minutes = static_cast<double>(review.duration_ms) / 60000.0;
        study_days.insert(day);
        ++stats.total_reviews;
        stats.minutes_total += minutes;
        if (day > today) continue;  // a clock set back: counted in totals, not drawn
        if (day >= first_day) {
            StatsDay& entry = stats.history[static_cast<std::size_t>(day - first_day)];
            switch (review.rating) {
                case 1:
                    ++entry.again;
                    break;
                case 2:
                    ++entry.hard;
                    break;
                case 4:
                    ++entry.easy;
                    break;
                default:
                    ++entry.good;
                    break;
            }
            entry.minutes += minutes;
        }
        if (day == today) stats.minutes_today += minutes;
        if (today - day < 7) stats.minutes_week += minutes;
        // True retention counts reviews of cards in the review state only (Anki).
        if (review.state_before != sched::CardState::kReview) continue;
        for (int w = 0; w < 4; ++w) {
            if (today - day >= windows[w]) continue;
            RetentionRow& row = stats.retention[static_cast<std::size_t>(w)];
            RetentionCount& count =
                review.interval_before_days >= kMatureDays ? row.mature : row.young;
            ++count.total;
            if (review.rating > 1) ++count.passed;
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

    // Forecast, mastery per section and exchange.
    stats.forecast.assign(kForecastDays, 0);
    std::map<int, int> section_of_exchange;
    for (const auto& exchange : interview.exchanges)
        section_of_exchange[exchange.index] = exchange.section;
    std::map<int, MasteryRow> sections;
    for (const auto& section : interview.sections) {
        sections[section.index] = MasteryRow{
            section.index, std::to_string(section.index) + ". " + section.title, 0, 0, 0.0};
    }
    std::map<int, MasteryRow> exchanges;
    for (const auto& exchange : interview.exchanges) {
        const std::string excerpt(content::TruncateUtf8(exchange.question, 60));
        exchanges[exchange.index] =
            MasteryRow{exchange.index,
                       "Exchange " + std::to_string(exchange.index) + "  " + excerpt +
                           (excerpt.size() < exchange.question.size() ? "…" : ""),
                       0, 0, 0.0};
    }
    for (const auto& item : items) {
        if (item.suspended) continue;
        ++stats.total_questions;
        const bool learned = item.card.state == sched::CardState::kReview;
        if (learned) ++stats.learned_questions;
        if (item.card.state != sched::CardState::kNew) {
            const std::int64_t due_day = std::max(boundary.DayNumber(item.card.due), today);
            if (due_day - today < kForecastDays)
                ++stats.forecast[static_cast<std::size_t>(due_day - today)];
        }
        const double r =
            sched::RetrievabilityAt(item.card, now, settings.parameters, boundary).value_or(0.0);
        if (!item.question.exchange) continue;
        const int exchange = *item.question.exchange;
        for (MasteryRow* row : {&exchanges[exchange], &sections[section_of_exchange[exchange]]}) {
            ++row->questions;
            if (learned) ++row->learned;
            row->mastery += r;
        }
    }
    for (auto* rows : {&sections, &exchanges}) {
        for (auto& [index, row] : *rows) {
            if (index == 0 && row.questions == 0) continue;
            if (row.questions > 0) row.mastery /= row.questions;
            (rows == &sections ? stats.sections : stats.exchanges).push_back(row);
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
    out << "mastery per section:\n";
    for (const MasteryRow& row : stats.sections) {
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.0f%%", row.mastery * 100.0);
        out << "  " << row.label << ": " << percent << " (" << row.learned << "/" << row.questions
            << " learned)\n";
    }
    return out.str();
}

std::string FormatStatsJson(const StatsViewModel& stats) {
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
                            {"mastery", row.mastery}});
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
    return content::DumpJson(document) + "\n";
}

std::vector<ReviewFact> ReviewFactsOf(const std::vector<storage::ReviewRow>& log) {
    std::vector<ReviewFact> facts;
    facts.reserve(log.size());
    for (const auto& row : log) {
        ReviewFact fact;
        fact.question_id = row.question_id;
        fact.time_ms = row.time_ms;
        fact.rating = static_cast<int>(row.rating);
        fact.duration_ms = row.duration_ms;
        fact.state_before = row.card_before.state;
        fact.interval_before_days = row.card_before.scheduled_days;
        facts.push_back(std::move(fact));
    }
    return facts;
}

}  // namespace mondo::app
