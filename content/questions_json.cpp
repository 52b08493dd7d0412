#include "content/questions_json.h"

#include "content/arguments.h"
#include "content/json.h"

namespace mondo::content {

namespace {

// One object per sentence: its text, role, marker, whether it is the core claim, and the
// contrast it states (or null).
Json ArgumentsJson(const ArgumentStructure& arguments) {
    Json out = Json::array();
    for (const ArgumentSentence& s : arguments.sentences) {
        Json contrast = nullptr;
        if (s.contrast) {
            contrast = {{"rejected", s.contrast->rejected}, {"asserted", s.contrast->asserted}};
        }
        out.push_back({{"sentence", s.text},
                       {"role", RoleName(s.role)},
                       {"marker", s.marker},
                       {"core", s.core},
                       {"contrast", std::move(contrast)}});
    }
    return out;
}

Json QuestionJson(const Question& q) {
    Json out = {{"id", q.id},
                {"kind", KindName(q.kind)},
                {"exchange", OrNull(q.exchange)},
                {"prompt", q.prompt},
                {"answer", q.answer},
                {"choices", q.choices},
                {"accept", q.accept},
                {"context", q.context},
                {"source_sentence", q.source_sentence},
                {"source_role", RoleName(q.source_role)},
                {"source_sentence_index", OrNull(q.source_sentence_index)}};
    if (!q.falsified_by.empty()) {
        out["change"] = {{"by", q.falsified_by},
                         {"offset", q.changed_offset},
                         {"length", q.changed_length},
                         {"replacement", q.replacement}};
    }
    return out;
}

}  // namespace

std::string QuestionsJson(const Interview& interview, const std::vector<Question>& questions) {
    Json sections = Json::array();
    for (const auto& s : interview.sections) {
        sections.push_back({{"index", s.index}, {"title", s.title}});
    }
    Json ruby = Json::array();
    for (const auto& r : interview.ruby) ruby.push_back({{"base", r.base}, {"reading", r.reading}});
    Json exchanges = Json::array();
    for (const auto& e : interview.exchanges) {
        exchanges.push_back({{"index", e.index},
                             {"section", e.section ? Json(e.section) : Json(nullptr)},
                             {"question", e.question},
                             {"answer", e.answer},
                             {"notes", e.notes},
                             {"arguments", ArgumentsJson(AnalyseArguments(e.answer, e.question))}});
    }
    Json items = Json::array();
    for (const auto& q : questions) items.push_back(QuestionJson(q));
    const Json document = {{"source", {{"id", interview.source_id}, {"title", interview.title}}},
                           {"sections", std::move(sections)},
                           {"profile", interview.profile},
                           {"ruby", std::move(ruby)},
                           {"exchanges", std::move(exchanges)},
                           {"questions", std::move(items)}};
    return DumpJson(document);
}

}  // namespace mondo::content
