#include "app/sched/review_log.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <unordered_map>

namespace mondo::sched {
namespace {

std::string Quote(std::string_view text) {
    constexpr std::size_t kMax = 40;
    std::string out = "\"";
    for (const char c : text.substr(0, kMax)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > kMax) out += "...";
    return out + "\"";
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

template <typename T>
std::optional<T> ParseInteger(std::string_view text) {
    T value{};
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

// Fixed-width run of digits at `pos`, advancing it.
bool Digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += width;
    out = value;
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

// Days from 1970-01-01 to a proleptic Gregorian date (the era-based civil-date formula).
std::int64_t DaysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// Splits `line` at commas into `fields` (cleared first; reused across lines, so a log of many
// lines allocates once instead of once a line).
void SplitFields(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos) {
            fields.push_back(Trim(line.substr(start)));
            return;
        }
        fields.push_back(Trim(line.substr(start, comma - start)));
        start = comma + 1;
    }
}

struct Columns {
    std::size_t card_id = SIZE_MAX;
    std::size_t rating = SIZE_MAX;
    std::size_t time = SIZE_MAX;
    std::size_t duration = SIZE_MAX;
    std::size_t needed = 0;  // fields a row must have
};

}  // namespace

std::optional<std::int64_t> ParseIsoTimeMs(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!Digits(text, pos, 4, year) || !Expect(text, pos, '-') || !Digits(text, pos, 2, month) ||
        !Expect(text, pos, '-') || !Digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
    ++pos;
    if (!Digits(text, pos, 2, hour) || !Expect(text, pos, ':') || !Digits(text, pos, 2, minute)) {
        return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':' && !(++pos, Digits(text, pos, 2, second))) {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    int millis = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t i = digits; i < 3; ++i) millis *= 10;
    }
    int offset_minutes = 0;
    if (pos < text.size()) {
        const char sign = text[pos++];
        if (sign == 'Z' || sign == 'z') {
            // UTC
        } else if (sign == '+' || sign == '-') {
            int oh = 0, om = 0;
            if (!Digits(text, pos, 2, oh)) return std::nullopt;
            if (pos < text.size() && text[pos] == ':') ++pos;
            if (pos < text.size() && !Digits(text, pos, 2, om)) return std::nullopt;
            if (oh > 23 || om > 59) return std::nullopt;
            offset_minutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size()) return std::nullopt;
    const std::int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 +
                                 minute * 60 + second - offset_minutes * 60;
    return seconds * 1000 + millis;
}

Expected<std::vector<ReviewLogEntry>, ReviewLogError> ParseReviewLogCsv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<ReviewLogEntry> entries;
    std::optional<Columns> columns;
    std::size_t line_number = 0;
    std::size_t start = 0;
    std::vector<std::string_view> fields;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = Trim(text.substr(start, end - start));
        start = end + 1;
        ++line_number;
        if (line.empty()) continue;
        SplitFields(line, fields);
        const auto fail = [&](std::string message) {
            return Unexpected{ReviewLogError{line_number, std::move(message)}};
        };

        if (!columns) {
            Columns c;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                std::size_t* slot = fields[i] == "card_id"           ? &c.card_id
                                    : fields[i] == "review_rating"   ? &c.rating
                                    : fields[i] == "review_time"     ? &c.time
                                    : fields[i] == "review_duration" ? &c.duration
                                                                     : nullptr;
                if (!slot) continue;
                if (*slot != SIZE_MAX) return fail("column " + Quote(fields[i]) + " appears twice");
                *slot = i;
            }
            for (const auto& [index, name] :
                 {std::pair{c.card_id, "card_id"}, std::pair{c.rating, "review_rating"},
                  std::pair{c.time, "review_time"}}) {
                if (index == SIZE_MAX) {
                    return fail(
                        std::string("the header has no ") + name +
                        " column (expected card_id,review_rating,review_time,review_duration)");
                }
            }
            c.needed = 1 + std::max({c.card_id, c.rating, c.time,
                                     c.duration == SIZE_MAX ? 0 : c.duration});
            columns = c;
            continue;
        }

        if (fields.size() < columns->needed) {
            return fail("expected " + std::to_string(columns->needed) + " fields, got " +
                        std::to_string(fields.size()));
        }
        ReviewLogEntry entry;
        const std::string_view id = fields[columns->card_id];
        const auto card_id = ParseInteger<std::int64_t>(id);
        if (!card_id) return fail("card_id must be an integer, got " + Quote(id));
        entry.card_id = *card_id;

        const std::string_view rating_text = fields[columns->rating];
        const auto rating = ParseInteger<int>(rating_text);
        if (!rating || !IsValidRating(*rating)) {
            return fail("review_rating must be 1-4, got " + Quote(rating_text));
        }
        entry.rating = static_cast<Rating>(*rating);

        const std::string_view time_text = fields[columns->time];
        std::optional<std::int64_t> time_ms;
        if (!time_text.empty() && std::all_of(time_text.begin(), time_text.end(),
                                              [](char c) { return c >= '0' && c <= '9'; })) {
            time_ms = ParseInteger<std::int64_t>(time_text);
        } else {
            time_ms = ParseIsoTimeMs(time_text);
        }
        if (!time_ms) {
            return fail(
                "review_time must be ISO 8601 (2024-03-29T20:32:32+00:00) or unix "
                "milliseconds, got " +
                Quote(time_text));
        }
        entry.review_time_ms = *time_ms;

        if (columns->duration != SIZE_MAX) {
            const std::string_view duration_text = fields[columns->duration];
            if (!duration_text.empty()) {
                const auto duration = ParseInteger<std::int64_t>(duration_text);
                if (!duration || *duration < 0) {
                    return fail("review_duration must be a non-negative integer (ms), got " +
                                Quote(duration_text));
                }
                entry.duration_ms = *duration;
            }
        }
        entries.push_back(entry);
    }
    if (!columns) {
        return Unexpected{ReviewLogError{0, "the review log is empty (no header line)"}};
    }
    return entries;
}

std::vector<ReplayRow> Replay(const std::vector<ReviewLogEntry>& log,
                              const ReplayOptions& options) {
    std::vector<std::size_t> order(log.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return log[a].review_time_ms < log[b].review_time_ms;
    });

    struct Last {
        MemoryState memory;
        std::int64_t time_s;
    };
    std::unordered_map<std::int64_t, Last> cards;
    cards.reserve(log.size() / 4 + 1);
    std::vector<ReplayRow> rows;
    rows.reserve(log.size());
    for (const std::size_t index : order) {
        const ReviewLogEntry& entry = log[index];
        // Floor to seconds so that instants before 1970 still fall in the right day.
        const std::int64_t time_s =
            entry.review_time_ms / 1000 - (entry.review_time_ms % 1000 < 0 ? 1 : 0);
        ReplayRow row;
        row.card_id = entry.card_id;
        row.rating = entry.rating;
        row.review_time_ms = entry.review_time_ms;
        const auto it = cards.find(entry.card_id);
        if (it == cards.end()) {
            row.memory = InitialMemoryState(options.parameters, entry.rating);
            cards.emplace(entry.card_id, Last{row.memory, time_s});
        } else {
            row.elapsed_days = options.day_boundary.ElapsedDays(it->second.time_s, time_s);
            row.retrievability =
                Retrievability(options.parameters, row.elapsed_days, it->second.memory.stability);
            row.memory = NextMemoryState(options.parameters, it->second.memory, row.elapsed_days,
                                         entry.rating);
            it->second = Last{row.memory, time_s};
        }
        row.interval = RoundedInterval(options.parameters, row.memory.stability,
                                       options.desired_retention, options.maximum_interval);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace mondo::sched
