#include "content/questions_json.h"

#include <cstdio>

#include "content/arguments.h"
#include "content/unicode.h"

namespace mondo::content {

namespace {

void AppendStringArray(std::string& out, const std::vector<std::string>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += JsonString(items[i]);
    }
    out += ']';
}

// One object per sentence: its text, role, marker, whether it is the core claim, and the
// contrast it states (or null).
void AppendArguments(std::string& out, const ArgumentStructure& arguments) {
    out += '[';
    for (std::size_t i = 0; i < arguments.sentences.size(); ++i) {
        const ArgumentSentence& s = arguments.sentences[i];
        if (i) out += ", ";
        out += "{\"sentence\": " + JsonString(s.text) +
               ", \"role\": " + JsonString(RoleName(s.role)) +
               ", \"marker\": " + JsonString(s.marker) +
               ", \"core\": " + (s.core ? "true" : "false") + ", \"contrast\": ";
        if (s.contrast) {
            out += "{\"rejected\": " + JsonString(s.contrast->rejected) +
                   ", \"asserted\": " + JsonString(s.contrast->asserted) + "}";
        } else {
            out += "null";
        }
        out += '}';
    }
    out += ']';
}

}  // namespace

std::string JsonString(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '\b':
                    out += "\\b";
                    break;
                case '\f':
                    out += "\\f";
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        char escaped[8];
                        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                        out += escaped;
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        const char32_t cp = DecodeUtf8(text, i);
        if (cp == 0x2028) {
            out += "\\u2028";
        } else if (cp == 0x2029) {
            out += "\\u2029";
        } else {
            AppendUtf8(out, cp);
        }
    }
    out += '"';
    return out;
}

std::string QuestionsJson(const Interview& interview, const std::vector<Question>& questions) {
    std::string out;
    out += "{\"source\": {\"id\": " + JsonString(interview.source_id) +
           ", \"title\": " + JsonString(interview.title) + "},\n";
    out += " \"sections\": [";
    for (std::size_t i = 0; i < interview.sections.size(); ++i) {
        const auto& s = interview.sections[i];
        out += i ? ",\n  " : "";
        out +=
            "{\"index\": " + std::to_string(s.index) + ", \"title\": " + JsonString(s.title) + "}";
    }
    out += "],\n \"profile\": ";
    AppendStringArray(out, interview.profile);
    out += ",\n \"ruby\": [";
    for (std::size_t i = 0; i < interview.ruby.size(); ++i) {
        const auto& r = interview.ruby[i];
        out += i ? ", " : "";
        out += "{\"base\": " + JsonString(r.base) + ", \"reading\": " + JsonString(r.reading) + "}";
    }
    out += "],\n \"exchanges\": [";
    for (std::size_t i = 0; i < interview.exchanges.size(); ++i) {
        const auto& e = interview.exchanges[i];
        out += i ? ",\n  " : "";
        out += "{\"index\": " + std::to_string(e.index) +
               ", \"section\": " + (e.section ? std::to_string(e.section) : std::string("null")) +
               ", \"question\": " + JsonString(e.question) +
               ", \"answer\": " + JsonString(e.answer) + ", \"notes\": ";
        AppendStringArray(out, e.notes);
        out += ", \"arguments\": ";
        AppendArguments(out, AnalyseArguments(e.answer, e.question));
        out += "}";
    }
    out += "],\n \"questions\": [";
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        out += i ? ",\n  " : "";
        out +=
            "{\"id\": " + JsonString(q.id) + ", \"kind\": " + JsonString(KindName(q.kind)) +
            ", \"exchange\": " + (q.exchange ? std::to_string(*q.exchange) : std::string("null")) +
            ", \"prompt\": " + JsonString(q.prompt) + ", \"answer\": " + JsonString(q.answer) +
            ", \"choices\": ";
        AppendStringArray(out, q.choices);
        out += ", \"accept\": ";
        AppendStringArray(out, q.accept);
        out += ", \"context\": " + JsonString(q.context);
        out += ", \"source_sentence\": " + JsonString(q.source_sentence) +
               ", \"source_role\": " + JsonString(RoleName(q.source_role)) +
               ", \"source_sentence_index\": " +
               (q.source_sentence_index ? std::to_string(*q.source_sentence_index) : "null");
        if (!q.falsified_by.empty()) {
            out += ", \"change\": {\"by\": " + JsonString(q.falsified_by) +
                   ", \"offset\": " + std::to_string(q.changed_offset) +
                   ", \"length\": " + std::to_string(q.changed_length) +
                   ", \"replacement\": " + JsonString(q.replacement) + "}";
        }
        out += "}";
    }
    out += "]}";
    return out;
}

}  // namespace mondo::content
