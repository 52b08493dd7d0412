#include "app/cli/source_import.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>
#include <utility>

namespace mondo::app {

bool ReadSourceFile(const std::string& path, std::string& bytes, std::string& problem) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        problem = "is a directory, not a text file";
        return false;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        problem =
            "cannot be opened (" + std::error_code(errno, std::generic_category()).message() + ")";
        return false;
    }
    // One byte over the limit is enough for the parser to refuse the file as too large.
    bytes.assign(content::kMaxSourceBytes + 1, '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (file.bad()) {
        problem = "cannot be read";
        return false;
    }
    bytes.resize(static_cast<std::size_t>(file.gcount()));
    return true;
}

std::string ImportPreview::DisplayTitle() const {
    if (!interview.title.empty()) return interview.title;
    return interview.exchanges.empty() ? std::string() : interview.exchanges.front().question;
}

std::string SourceTitle(const storage::SourceRecord& source, const content::Interview& interview) {
    if (!source.DisplayTitle().empty()) return source.DisplayTitle();
    return interview.exchanges.empty() ? std::string() : interview.exchanges.front().question;
}

std::string SourceTitle(const storage::SourceRecord& source,
                        const storage::SourceOutline& outline) {
    if (!source.DisplayTitle().empty()) return source.DisplayTitle();
    return outline.first_question;
}

namespace {

std::string Plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What the parser could not settle and a reader should check before adding the source.
std::vector<std::string> WarningsFor(const content::Interview& interview,
                                     const std::vector<content::Question>& questions) {
    std::vector<std::string> warnings;
    if (interview.title.empty()) {
        warnings.push_back(
            "No title line was found: the source is named after its first "
            "question.");
    }
    if (interview.exchanges.size() < 3) {
        warnings.push_back("Only " +
                           Plural(interview.exchanges.size(), "exchange was", "exchanges were") +
                           " found: check that the text labels its questions and answers.");
    }
    if (interview.sections.empty() && interview.exchanges.size() > 8) {
        warnings.push_back(
            "No section headings were found: the exchanges are listed as one "
            "section.");
    }
    std::set<int> asked;
    for (const auto& question : questions) {
        if (question.exchange) asked.insert(*question.exchange);
    }
    std::size_t courtesy = 0;
    std::size_t silent = 0;
    for (const auto& exchange : interview.exchanges) {
        if (exchange.courtesy) {
            ++courtesy;
        } else if (asked.count(exchange.index) == 0) {
            ++silent;
        }
    }
    if (courtesy > 0) {
        warnings.push_back(
            Plural(courtesy, "greeting or thanks exchange is", "greeting or thanks exchanges are") +
            " kept for reading, without questions.");
    }
    if (silent > 0) {
        warnings.push_back(Plural(silent, "exchange gives", "exchanges give") +
                           " no question (answers too short to ask about).");
    }
    if (questions.empty()) warnings.push_back("No questions could be made from this text.");
    return warnings;
}

}  // namespace

Expected<ImportPreview, std::string> PreviewImport(std::string_view bytes, std::string origin,
                                                   storage::Collection& collection) {
    auto interview = content::ParseInterview(bytes);
    if (!interview) return Unexpected(origin + ": " + interview.error().message);
    ImportPreview preview;
    preview.origin = std::move(origin);
    preview.interview = std::move(*interview);
    preview.questions = content::GenerateQuestions(preview.interview);
    for (const auto kind : content::kAllQuestionKinds) {
        int count = 0;
        for (const auto& question : preview.questions) count += question.kind == kind ? 1 : 0;
        preview.kinds.push_back(KindCount{kind, count});
    }
    preview.warnings = WarningsFor(preview.interview, preview.questions);
    auto sources = collection.Sources();
    if (!sources) return Unexpected(sources.error().message);
    for (const storage::SourceRecord& source : *sources) {
        if (source.id != preview.interview.source_id) continue;
        preview.updates = true;
        preview.custom_title = source.custom_title;
        preview.retired = source.retired();
    }
    auto expected = collection.PreviewImportSource(preview.interview, preview.questions);
    if (!expected) return Unexpected(expected.error().message);
    preview.expected = *expected;
    return preview;
}

Expected<storage::SyncReport, std::string> CommitImport(const ImportPreview& preview,
                                                        storage::Collection& collection) {
    auto report = collection.ImportSource(preview.interview, preview.questions);
    if (!report) return Unexpected(report.error().message);
    return *report;
}

}  // namespace mondo::app
