#include "content/page_shapes.h"

#include <algorithm>
#include <cctype>

#include "content/unicode.h"

namespace mondo::content::detail {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The last code point of `text` and where it starts.
char32_t LastCodePoint(std::string_view text, std::size_t& at) {
    at = text.size();
    return DecodeUtf8Before(text, at);
}

char32_t FirstCodePoint(std::string_view text) {
    std::size_t i = 0;
    return text.empty() ? 0 : DecodeUtf8(text, i);
}

bool IsOpen(char32_t c) { return c == '(' || c == 0xFF08 || c == 0x3010 || c == 0xFF3B; }
bool IsClose(char32_t c) { return c == ')' || c == 0xFF09 || c == 0x3011 || c == 0xFF3D; }
bool IsColonLike(char32_t c) { return c == ':' || c == 0xFF1A || c == '=' || c == 0xFF1D; }

bool IsLatinLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::size_t LatinWordCount(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (letter && !in_word) ++words;
        in_word = letter;
    }
    return words;
}

bool IsMostlyLatin(std::string_view text) {
    std::size_t latin = 0, other = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = DecodeUtf8(text, i);
        if (IsLatinLetter(c)) ++latin;
        if (IsHan(c) || IsKana(c)) ++other;
    }
    return latin > 0 && latin >= other * 4;
}

// Removes one trailing bracket group: "ですね（笑）" → "ですね"; none → `text`.
std::string_view WithoutTrailingBracket(std::string_view text) {
    if (text.empty()) return text;
    std::size_t at = 0;
    if (!IsClose(LastCodePoint(text, at))) return text;
    int depth = 0;
    std::size_t open_at = std::string_view::npos;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t here = i;
        const char32_t c = DecodeUtf8(text, i);
        if (IsOpen(c)) {
            if (depth == 0) open_at = here;
            ++depth;
        } else if (IsClose(c) && depth > 0) {
            --depth;
        }
    }
    if (open_at == std::string_view::npos || depth != 0) return text;
    return Trim(text.substr(0, open_at));
}

constexpr std::string_view kCreditWords[] = {
    "撮影",      "写真",     "写真提供", "画像",         "画像提供",    "出典",     "提供",
    "文",        "取材・文", "取材",     "構成",         "編集",        "イラスト", "図",
    "資料",      "Photo",    "Photos",   "Photograph",   "Photography", "Image",    "Images",
    "Credit",    "Credits",  "Source",   "Illustration", "Caption",     "Words",    "Text",
    "Reporting", "photo",    "image",    "credit",       "source"};

// "撮影：…", "写真＝…", "Photo: …", "Photograph by …", "Interview by …".
bool OpensWithCredit(std::string_view text) {
    for (const auto word : kCreditWords) {
        if (!StartsWith(text, word)) continue;
        const std::string_view after = text.substr(word.size());
        const std::string_view trimmed = Trim(after);
        if (trimmed.empty()) continue;
        if (IsColonLike(FirstCodePoint(trimmed))) return true;
        if (StartsWith(after, " by ")) return true;
    }
    if (StartsWith(text, "Interview by ") || StartsWith(text, "Interviewed by ") ||
        StartsWith(text, "Written by ") || StartsWith(text, "Words by ")) {
        return true;
    }
    // "By Jane Doe | March 3, 2026": a byline.
    if (StartsWith(text, "By ") && text.size() > 3 &&
        std::isupper(static_cast<unsigned char>(text[3])) != 0) {
        return LatinWordCount(text) <= 14 && !EndsSentence(text);
    }
    return false;
}

}  // namespace

MarkdownLine NormaliseMarkdown(std::string_view line) {
    MarkdownLine out;
    std::string_view t = Trim(line);
    // A rule: three or more of one mark, maybe spaced ("---", "* * *", "＊＊＊", "◇◇◇").
    {
        std::size_t marks = 0;
        bool only_marks = !t.empty();
        for (std::size_t i = 0; i < t.size() && only_marks;) {
            const char32_t c = DecodeUtf8(t, i);
            if (c == '-' || c == '*' || c == '_' || c == '=' || c == 0xFF0A || c == 0x25C7 ||
                c == 0x25C6 || c == 0x2500 || c == 0x2501 || c == 0x2015 || c == 0x2014) {
                ++marks;
            } else if (!IsSpaceLike(c)) {
                only_marks = false;
            }
        }
        if (only_marks && marks >= 3) {
            out.rule = true;
            return out;
        }
    }
    if (StartsWith(t, "![")) {
        out.image = true;
        out.text = std::string(t);
        return out;
    }
    // "# Heading" … "###### Heading" (a space after the marks: "#tag" is a hashtag).
    {
        std::size_t hashes = 0;
        while (hashes < t.size() && t[hashes] == '#') ++hashes;
        if (hashes >= 1 && hashes <= 6 && hashes < t.size() && t[hashes] == ' ') {
            out.heading = true;
            t = Trim(t.substr(hashes));
            while (EndsWith(t, "#")) t.remove_suffix(1);
            t = Trim(t);
        }
    }
    // "> quoted" (nested quotes too).
    while (StartsWith(t, ">")) {
        out.quote = true;
        t = Trim(t.substr(1));
    }
    // Whole-line emphasis: "**…**", "__…__", "*…*", "_…_".
    for (const std::string_view mark : {"**", "__"}) {
        if (t.size() > 2 * mark.size() && StartsWith(t, mark) && EndsWith(t, mark) &&
            t.substr(mark.size(), t.size() - 2 * mark.size()).find(mark) ==
                std::string_view::npos) {
            out.bold = true;
            t = Trim(t.substr(mark.size(), t.size() - 2 * mark.size()));
            break;
        }
    }
    if (!out.bold) {
        for (const std::string_view mark : {"*", "_"}) {
            if (t.size() > 2 && StartsWith(t, mark) && EndsWith(t, mark) &&
                !StartsWith(t.substr(1), mark) && !StartsWith(t, "* ")) {
                t = Trim(t.substr(1, t.size() - 2));
                break;
            }
        }
    }
    // Links: "[text](url)" → "text"; a line of nothing but links (and a list mark) is link_only.
    std::string text;
    text.reserve(t.size());
    std::size_t links = 0;
    bool other_text = false;
    std::string_view body = t;
    if (StartsWith(body, "- ") || StartsWith(body, "* ") || StartsWith(body, "+ ")) {
        text.append(body.substr(0, 2));
        body.remove_prefix(2);
    }
    for (std::size_t i = 0; i < body.size();) {
        if (body[i] == '[') {
            const std::size_t close = body.find("](", i);
            const std::size_t end = close == std::string_view::npos ? close : body.find(')', close);
            if (close != std::string_view::npos && end != std::string_view::npos &&
                body.substr(i + 1, close - i - 1).find('\n') == std::string_view::npos) {
                text.append(body.substr(i + 1, close - i - 1));
                ++links;
                i = end + 1;
                continue;
            }
        }
        std::size_t next = i;
        const char32_t c = DecodeUtf8(body, next);
        if (!IsSpaceLike(c) && c != '|' && c != 0xFF5C && c != 0x00B7 && c != 0x30FB && c != '/' &&
            c != ',' && c != 0x3001) {
            other_text = true;
        }
        text.append(body.substr(i, next - i));
        i = next;
    }
    out.link_only = links > 0 && !other_text;
    // "**Q:** …", "**森田：** …", "**Q**: …": a bold label opening the line.
    if (StartsWith(text, "**") || StartsWith(text, "__")) {
        const std::string mark = text.substr(0, 2);
        const std::size_t close = text.find(mark, 2);
        if (close != std::string::npos && close <= 2 + 4 * 20) {
            text = text.substr(2, close - 2) +
                   (close + 2 < text.size() &&
                            !IsColonLike(static_cast<unsigned char>(text[close + 2]))
                        ? " "
                        : "") +
                   std::string(Trim(std::string_view(text).substr(close + 2)));
        }
    }
    // Bold or italic marks left inside the text.
    if (text.find("**") != std::string::npos) {
        std::string plain;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text.compare(i, 2, "**") == 0) {
                ++i;
                continue;
            }
            plain.push_back(text[i]);
        }
        text = std::move(plain);
    }
    out.text = std::string(Trim(text));
    return out;
}

bool EndsSentence(std::string_view text) {
    text = Trim(text);
    // "…です（笑）" and "…。（写真）": look through one bracket group at the end.
    const std::string_view inner = WithoutTrailingBracket(text);
    if (inner.size() != text.size()) {
        if (inner.empty()) return false;
        const std::string_view bracket = text.substr(inner.size());
        if (bracket.find("笑") != std::string_view::npos) return true;
        return EndsSentence(inner);
    }
    if (text.empty()) return false;
    std::size_t at = 0;
    const char32_t last = LastCodePoint(text, at);
    static constexpr std::u32string_view kEnds = U"。．.!！?？…‥";
    if (kEnds.find(last) != std::u32string_view::npos) return true;
    static constexpr std::u32string_view kQuotes = U"」』”\"’'";
    if (kQuotes.find(last) != std::u32string_view::npos && at > 0) {
        // "「…です。」" ends a sentence; a title in quotes ("…が語る「継がない自由」") does not.
        const std::string_view before = text.substr(0, at);
        std::size_t before_at = 0;
        const char32_t c = LastCodePoint(before, before_at);
        return kEnds.find(c) != std::u32string_view::npos;
    }
    return false;
}

bool IsShortNonSentence(std::string_view text) {
    text = Trim(text);
    if (text.empty() || EndsSentence(text)) return false;
    // A line ending in a colon introduces what follows: it is part of a turn.
    std::size_t at = 0;
    const char32_t last = LastCodePoint(text, at);
    if (last == ':' || last == 0xFF1A || last == 0x3001 || last == ',' || last == 0xFF0C) {
        return false;
    }
    if (IsMostlyLatin(text)) return LatinWordCount(text) <= 10;
    return CodePointCount(text) <= 40;
}

bool IsTinyNonSentence(std::string_view text) {
    if (!IsShortNonSentence(text)) return false;
    return IsMostlyLatin(text) ? LatinWordCount(text) <= 6 : CodePointCount(Trim(text)) <= 20;
}

bool IsEditorialNote(std::string_view text) {
    text = Trim(text);
    if (IsMostlyLatin(text)) {
        if (LatinWordCount(text) > 30) return false;
        std::string lower(text);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        static constexpr std::string_view kPhrases[] = {
            "edited for length",    "edited for clarity", "edited and condensed",
            "condensed and edited", "condensed for",      "has been edited",
            "have been edited",     "lightly edited"};
        return std::any_of(std::begin(kPhrases), std::end(kPhrases),
                           [&](std::string_view p) { return lower.find(p) != std::string::npos; });
    }
    if (CodePointCount(text) > 60) return false;
    static constexpr std::string_view kPhrases[] = {"を再構成",   "一部を編集", "加筆修正",
                                                    "加筆・修正", "抜粋して",   "一部抜粋"};
    return std::any_of(std::begin(kPhrases), std::end(kPhrases),
                       [&](std::string_view p) { return text.find(p) != std::string_view::npos; });
}

bool IsCreditLine(std::string_view text) {
    text = Trim(text);
    if (text.empty() || CodePointCount(text) > 160) return false;
    if (OpensWithCredit(text)) return true;
    // "…（撮影：田中 誠）", "… (Credit: Ada Nwosu)".
    const std::string_view inner = WithoutTrailingBracket(text);
    if (inner.size() == text.size()) return false;
    std::string_view bracket = text.substr(inner.size());
    std::size_t i = 0;
    DecodeUtf8(bracket, i);  // the opening bracket
    bracket = Trim(bracket.substr(i));
    if (OpensWithCredit(bracket)) return true;
    // A whole line in brackets opened by "word：" ("（聞き手：山田）", "(取材・構成＝…)").
    if (!inner.empty() || CodePointCount(bracket) > 40) return false;
    std::size_t count = 0;
    for (std::size_t k = 0; k < bracket.size() && count < 8; ++count) {
        if (IsColonLike(DecodeUtf8(bracket, k))) return count > 0;
    }
    return false;
}

bool IsLinkLike(std::string_view text) {
    text = Trim(text);
    if (text.empty()) return false;
    static constexpr std::u32string_view kArrows = U"▶►▷→⇒»›≫➡☞▼▽";
    if (kArrows.find(FirstCodePoint(text)) != std::u32string_view::npos) {
        return CodePointCount(text) <= 80;
    }
    const bool short_line =
        IsMostlyLatin(text) ? LatinWordCount(text) <= 14 : CodePointCount(text) <= 60;
    if (!short_line) return false;
    if (text.find("http://") != std::string_view::npos ||
        text.find("https://") != std::string_view::npos ||
        text.find("www.") != std::string_view::npos) {
        return true;
    }
    // A bare domain with a path: "example.com/alvarez".
    static constexpr std::string_view kDomains[] = {".com/", ".org/", ".net/", ".jp/",
                                                    ".io/",  ".co/",  ".info/"};
    return std::any_of(std::begin(kDomains), std::end(kDomains),
                       [&](std::string_view d) { return text.find(d) != std::string_view::npos; });
}

bool IsHashtagLine(std::string_view text) {
    std::size_t tags = 0;
    bool at_token_start = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = DecodeUtf8(text, i);
        if (at_token_start && (c == '#' || c == 0xFF03) && i < text.size()) {
            std::size_t probe = i;
            const char32_t next = DecodeUtf8(text, probe);
            if (!IsSpaceLike(next) && next != '#') ++tags;
        }
        at_token_start = IsSpaceLike(c) || IsColonLike(c) || c == 0x3001 || c == ',';
    }
    return tags >= 2 && CodePointCount(text) <= 120;
}

bool IsDateLine(std::string_view text) {
    text = Trim(text);
    if (text.empty() || CodePointCount(text) > 40) return false;
    static constexpr std::string_view kWords[] = {
        "January",   "February",  "March",    "April",    "May",  "June", "July", "August",
        "September", "October",   "November", "December", "Jan",  "Feb",  "Mar",  "Apr",
        "Jun",       "Jul",       "Aug",      "Sep",      "Sept", "Oct",  "Nov",  "Dec",
        "Updated",   "Published", "Posted",   "on",       "at",   "am",   "pm",   "AM",
        "PM",        "更新",      "公開",     "掲載",     "配信", "投稿"};
    std::size_t digits = 0, other = 0;
    for (std::size_t i = 0; i < text.size();) {
        bool word = false;
        for (const auto w : kWords) {
            if (text.compare(i, w.size(), w) == 0) {
                i += w.size();
                word = true;
                break;
            }
        }
        if (word) continue;
        const char32_t c = DecodeUtf8(text, i);
        static constexpr std::u32string_view kDateMarks =
            U"年月日時分秒曜火水木金土/.:-,()（）：／・ ";
        if (IsDigit(c)) {
            ++digits;
        } else if (!IsSpaceLike(c) && kDateMarks.find(c) == std::u32string_view::npos) {
            ++other;
        }
    }
    return digits >= 4 && other <= 2;
}

bool IsPagination(std::string_view text) {
    std::size_t numbers = 0, long_words = 0, tokens = 0;
    std::size_t token_length = 0;
    bool all_digits = true;
    const auto end_token = [&] {
        if (token_length > 0) {
            ++tokens;
            if (all_digits) {
                ++numbers;
            } else if (token_length > 4) {
                ++long_words;
            }
        }
        token_length = 0;
        all_digits = true;
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = DecodeUtf8(text, i);
        if (IsSpaceLike(c) || c == '|') {
            end_token();
            continue;
        }
        ++token_length;
        if (!IsDigit(c)) all_digits = false;
    }
    end_token();
    return numbers >= 2 && long_words == 0 && tokens <= 20;
}

bool IsWrappedInQuotes(std::string_view text) {
    text = Trim(text);
    static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
        {"「", "」"}, {"『", "』"}, {"“", "”"}, {"\"", "\""}, {"‘", "’"}};
    for (const auto& [open, close] : kPairs) {
        if (text.size() > open.size() + close.size() && StartsWith(text, open) &&
            EndsWith(text, close)) {
            return true;
        }
    }
    return false;
}

std::optional<NameReading> MatchNameReading(std::string_view text) {
    text = Trim(text);
    std::size_t i = 0, count = 0, spaces = 0;
    bool has_name_script = false;
    std::size_t name_end = 0;
    while (i < text.size() && count <= 12) {
        const std::size_t at = i;
        const char32_t c = DecodeUtf8(text, i);
        if (IsOpen(c)) {
            name_end = at;
            break;
        }
        if (IsSpaceLike(c)) {
            if (++spaces > 2) return std::nullopt;
        } else if (IsHan(c) || IsKatakana(c)) {
            has_name_script = true;
        } else if (!IsHiragana(c) && !IsLatinLetter(c)) {
            return std::nullopt;
        }
        ++count;
    }
    if (name_end == 0 || !has_name_script) return std::nullopt;
    const std::size_t reading_start = i;
    std::size_t reading_count = 0;
    while (i < text.size() && reading_count <= 30) {
        const std::size_t at = i;
        const char32_t c = DecodeUtf8(text, i);
        if (IsClose(c)) {
            const std::string_view reading = Trim(text.substr(reading_start, at - reading_start));
            if (reading.empty()) return std::nullopt;
            return NameReading{std::string(Trim(text.substr(0, name_end))), std::string(reading),
                               Trim(text.substr(i))};
        }
        if (!IsKana(c) && c != 0x30FB && c != 0xFF65 && !IsSpaceLike(c)) return std::nullopt;
        ++reading_count;
    }
    return std::nullopt;
}

std::vector<Ruby> NameRuby(const NameReading& name) {
    const auto split = [](std::string_view text, bool dots) {
        std::vector<std::string> parts(1);
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t at = i;
            const char32_t c = DecodeUtf8(text, i);
            if (IsSpaceLike(c) || (dots && (c == 0x30FB || c == 0xFF65))) {
                if (!parts.back().empty()) parts.emplace_back();
                continue;
            }
            parts.back().append(text.substr(at, i - at));
        }
        if (parts.back().empty()) parts.pop_back();
        return parts;
    };
    const auto bases = split(name.name, false);
    const auto readings = split(name.reading, true);
    std::vector<Ruby> out;
    if (bases.size() == readings.size() && bases.size() > 1) {
        for (std::size_t k = 0; k < bases.size(); ++k) out.push_back(Ruby{bases[k], readings[k]});
        return out;
    }
    std::string base, reading;
    for (const auto& b : bases) base += b;
    for (const auto& r : readings) reading += r;
    if (!base.empty() && !reading.empty()) out.push_back(Ruby{base, reading});
    return out;
}

bool HasBirthOrCareerFact(std::string_view text) {
    if (text.find("生まれ") != std::string_view::npos ||
        text.find("出身") != std::string_view::npos ||
        text.find("born") != std::string_view::npos ||
        text.find("Born") != std::string_view::npos) {
        return true;
    }
    std::size_t digits = 0;
    for (const char c : text) {
        digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
        if (digits == 4) return true;
    }
    return false;
}

std::optional<NameReading> MatchNameBeforeFacts(std::string_view text) {
    text = Trim(text);
    std::size_t i = 0, count = 0;
    bool has_han = false;
    while (i < text.size() && count <= 8) {
        const std::size_t at = i;
        const char32_t c = DecodeUtf8(text, i);
        if (IsSpaceLike(c)) {
            if (count < 2 || !has_han) return std::nullopt;
            const std::string_view rest = Trim(text.substr(i));
            std::size_t probe = 0;
            if (rest.empty() || !IsDigit(DecodeUtf8(rest, probe))) return std::nullopt;
            const std::string_view head = rest.substr(0, std::min<std::size_t>(rest.size(), 60));
            if (head.find("生まれ") == std::string_view::npos &&
                head.find("出身") == std::string_view::npos) {
                return std::nullopt;
            }
            return NameReading{std::string(text.substr(0, at)), std::string(), rest};
        }
        if (IsHan(c)) {
            has_han = true;
        } else if (!IsKana(c)) {
            return std::nullopt;
        }
        ++count;
    }
    return std::nullopt;
}

bool IsProfileHeader(std::string_view text) {
    text = Trim(text);
    static constexpr std::string_view kMarks[] = {"【", "】", "■",  "●", "◆",  "《", "》",
                                                  "[",  "]",  "：", ":", "〈", "〉"};
    bool stripped = true;
    while (stripped && !text.empty()) {
        stripped = false;
        for (const auto mark : kMarks) {
            if (StartsWith(text, mark)) {
                text = Trim(text.substr(mark.size()));
                stripped = true;
            }
            if (EndsWith(text, mark)) {
                text = Trim(text.substr(0, text.size() - mark.size()));
                stripped = true;
            }
        }
    }
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80
                   ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                   : c;
    });
    static constexpr std::string_view kHeaders[] = {"プロフィール",
                                                    "略歴",
                                                    "経歴",
                                                    "人物紹介",
                                                    "profile",
                                                    "biography",
                                                    "bio",
                                                    "about the author",
                                                    "about the interviewee",
                                                    "about"};
    return std::find(std::begin(kHeaders), std::end(kHeaders), lower) != std::end(kHeaders);
}

bool LooksLikeEnglishBio(std::string_view text, std::string_view known_text) {
    text = Trim(text);
    std::vector<std::string_view> name;
    std::size_t i = 0;
    while (i < text.size() && name.size() < 5) {
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != '(') ++end;
        const std::string_view word = text.substr(i, end - i);
        if (word.empty() || std::isupper(static_cast<unsigned char>(word[0])) == 0) break;
        name.push_back(word);
        i = end;
        if (i < text.size() && text[i] != ' ') break;
        ++i;
    }
    if (name.size() < 2 || name.size() > 4) return false;
    const std::string_view after = Trim(text.substr(std::min(i, text.size())));
    const bool bio_verb =
        StartsWith(after, "is ") || StartsWith(after, "was ") || StartsWith(after, "has ") ||
        StartsWith(after, "(born") || StartsWith(after, ", born") ||
        StartsWith(text.substr(std::min(i > 0 ? i - 1 : 0, text.size())), ", born");
    if (!bio_verb) return false;
    // A bio speaks of its subject in the third person; "New York is where I grew up" is an answer.
    std::string padded(1, ' ');
    padded.append(text).push_back(' ');
    static constexpr std::string_view kFirstPerson[] = {" I ",  " I'm ", " I've ", " my ",  " My ",
                                                        " we ", " We ",  " our ",  " Our ", " me "};
    for (const auto word : kFirstPerson) {
        if (padded.find(word) != std::string::npos) return false;
    }
    return known_text.find(name.front()) != std::string_view::npos ||
           known_text.find(name.back()) != std::string_view::npos || HasBirthOrCareerFact(text);
}

namespace {

// Tokens for RepeatIndex: each CJK character, each Latin word (lower case), each number.
template <typename Visit>
void ForEachTokenPair(std::string_view text, Visit visit) {
    std::uint64_t previous = 0;
    bool have_previous = false;
    std::string word;
    const auto emit = [&](std::uint64_t token) {
        if (have_previous) visit(previous * 0x9E3779B97F4A7C15ULL ^ token);
        previous = token;
        have_previous = true;
    };
    const auto flush_word = [&] {
        if (!word.empty()) emit(Fnv1a64(word) | 1ULL << 63);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = DecodeUtf8(text, i);
        if (c < 0x80 && std::isalnum(static_cast<int>(c)) != 0) {
            word.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
            continue;
        }
        flush_word();
        if (IsHan(c) || IsKana(c) || (c >= 0xFF10 && c <= 0xFF5A)) emit(c);
    }
    flush_word();
}

}  // namespace

void RepeatIndex::Add(std::string_view text) {
    ForEachTokenPair(text, [&](std::uint64_t pair) { ++counts_[pair]; });
}

double RepeatIndex::RepeatedShare(std::string_view text, std::size_t min_pairs) const {
    std::unordered_map<std::uint64_t, std::uint32_t> own;
    std::vector<std::uint64_t> pairs;
    ForEachTokenPair(text, [&](std::uint64_t pair) {
        ++own[pair];
        pairs.push_back(pair);
    });
    if (pairs.size() < min_pairs) return 0.0;
    std::size_t repeated = 0;
    for (const auto pair : pairs) {
        const auto found = counts_.find(pair);
        if (found != counts_.end() && found->second > own[pair]) ++repeated;
    }
    return static_cast<double>(repeated) / static_cast<double>(pairs.size());
}

}  // namespace mondo::content::detail
