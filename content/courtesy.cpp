#include "content/courtesy.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "content/japanese_text.h"
#include "content/unicode.h"

namespace mondo::content {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// Strips closing punctuation, emphasis and white space from the end of a sentence.
std::string_view StripEnd(std::string_view text) {
    static constexpr std::string_view kTails[] = {
        "。", "！", "!", "．", ".", "♪", "～", "~", "…", "（笑）", "(笑)", "*", "_", "\"", "”"};
    bool stripped = true;
    while (stripped) {
        stripped = false;
        text = detail::Trim(text);
        for (const auto tail : kTails) {
            if (EndsWith(text, tail)) {
                text.remove_suffix(tail.size());
                stripped = true;
            }
        }
    }
    return text;
}

bool HasQuestionMark(std::string_view text) {
    return text.find('?') != std::string_view::npos || text.find("？") != std::string_view::npos;
}

// Japanese: the sentence ends in a greeting or thanks, after a short lead ("本日は貴重なお話を").
bool IsJapaneseCourtesy(std::string_view text) {
    static constexpr std::string_view kEndings[] = {"ありがとうございました",
                                                    "ありがとうございます",
                                                    "ありがとう",
                                                    "よろしくお願いいたします",
                                                    "よろしくお願い致します",
                                                    "よろしくお願いします",
                                                    "宜しくお願いします",
                                                    "よろしくです",
                                                    "お疲れさまでした",
                                                    "お疲れ様でした",
                                                    "こんにちは",
                                                    "こんばんは",
                                                    "はじめまして",
                                                    "初めまして",
                                                    "失礼します",
                                                    "失礼いたします",
                                                    "こちらこそ",
                                                    "どうも",
                                                    "よろしく"};
    constexpr std::size_t kMaxLeadCodePoints = 30;
    for (const auto ending : kEndings) {
        if (!EndsWith(text, ending)) continue;
        const std::string_view lead = text.substr(0, text.size() - ending.size());
        return CodePointCount(lead) <= kMaxLeadCodePoints;
    }
    return false;
}

// English: the sentence opens with thanks or a greeting and is short ("Thank you, Daniel.",
// "Thanks for having me.", "It was a pleasure.").
bool IsEnglishCourtesy(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::replace(lower.begin(), lower.end(), '\'', ' ');
    static constexpr std::string_view kOpenings[] = {"thank you",         "thanks",
                                                     "many thanks",       "my pleasure",
                                                     "it was a pleasure", "it s a pleasure",
                                                     "a pleasure",        "pleasure",
                                                     "nice to meet",      "good to meet",
                                                     "great to be here",  "glad to be here",
                                                     "happy to be here",  "good to be here",
                                                     "welcome",           "hello",
                                                     "good morning",      "good afternoon",
                                                     "good evening",      "you re welcome",
                                                     "likewise",          "the pleasure is mine",
                                                     "same here"};
    if (StartsWith(lower, "thanks to ") || StartsWith(lower, "thank god")) return false;
    bool opens = false;
    for (const auto opening : kOpenings) {
        if (StartsWith(lower, opening) &&
            (lower.size() == opening.size() ||
             !std::isalpha(static_cast<unsigned char>(lower[opening.size()])))) {
            opens = true;
            break;
        }
    }
    if (!opens) return false;
    constexpr std::size_t kMaxWords = 14;
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : lower) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (letter && !in_word) ++words;
        in_word = letter;
    }
    return words <= kMaxWords;
}

}  // namespace

bool IsCourtesy(std::string_view sentence) {
    std::string_view text = detail::Trim(sentence);
    while (StartsWith(text, "*") || StartsWith(text, "_") || StartsWith(text, "\"") ||
           StartsWith(text, "“")) {
        text.remove_prefix(StartsWith(text, "“") ? std::string_view("“").size() : 1);
    }
    text = StripEnd(text);
    if (text.empty() || HasQuestionMark(text)) return false;
    return IsJapaneseCourtesy(text) || IsEnglishCourtesy(text);
}

bool IsCourtesyOnly(std::string_view text) {
    const auto sentences = SplitSentences(text);
    if (sentences.empty()) return false;
    return std::all_of(sentences.begin(), sentences.end(),
                       [](const std::string& s) { return IsCourtesy(s); });
}

}  // namespace mondo::content
