// Helpers shared by the storage tests: temporary folders, hand-built interviews and questions,
// file bytes, and a card/review builder.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::storage::testing {

// A fresh folder under the system temp dir, removed (with everything in it) at the end.
class TempDir {
  public:
    TempDir() {
        std::random_device random;
        path_ =
            std::filesystem::temp_directory_path() /
            ("mondo-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        // Make read-only test folders removable again.
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_directory(ec)) {
                std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                             std::filesystem::perm_options::add, ec);
            }
        }
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path File(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

inline std::string ReadBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A small interview built by hand: 2 sections, `exchanges` exchanges, notes, ruby, profile.
inline content::Interview SmallInterview(int exchanges = 3,
                                         const std::string& title = "テスト・インタビュー") {
    content::Interview interview;
    interview.title = title;
    interview.source_id = content::SourceIdFor(title);
    interview.intro = {"はじめに。", "二つ目の段落。"};
    interview.profile = {"広東省湛江市出身", "浙江大学卒業"};
    interview.sections = {{1, "第一部"}, {2, "第二部"}};
    for (int i = 1; i <= exchanges; ++i) {
        content::Exchange e;
        e.index = i;
        e.section = i <= 1 ? 1 : 2;
        e.question = "質問" + std::to_string(i) + "は何ですか？";
        e.answer = "答え" + std::to_string(i) + "です。\n二段落目。";
        if (i == 2) e.notes = {"(注:補足)"};
        interview.exchanges.push_back(e);
    }
    interview.ruby = {{"湛江", "ジャンジアン"}};
    return interview;
}

inline content::Question MakeQuestion(const content::Interview& interview, const std::string& tag,
                                      content::QuestionKind kind = content::QuestionKind::kRecall,
                                      std::optional<int> exchange = 1) {
    content::Question q;
    q.id = interview.source_id + "-" + std::string(content::KindName(kind)) + "-" + tag;
    q.kind = kind;
    q.exchange = exchange;
    q.prompt = "prompt " + tag;
    q.answer = "answer " + tag;
    if (kind == content::QuestionKind::kChoice) q.choices = {"a " + tag, "b", "c", "d"};
    if (kind == content::QuestionKind::kCloze) q.accept = {"variant " + tag};
    q.context = "context " + tag;
    return q;
}

// One question per exchange (recall) plus a profile question.
inline std::vector<content::Question> QuestionsFor(const content::Interview& interview) {
    std::vector<content::Question> questions;
    for (const auto& e : interview.exchanges) {
        questions.push_back(MakeQuestion(interview, "e" + std::to_string(e.index),
                                         content::QuestionKind::kRecall, e.index));
    }
    questions.push_back(
        MakeQuestion(interview, "p1", content::QuestionKind::kProfile, std::nullopt));
    return questions;
}

inline Collection OpenOrFail(const std::filesystem::path& path) {
    auto collection = Collection::Open(path);
    REQUIRE_MESSAGE(collection.has_value(),
                    (collection ? std::string() : collection.error().message));
    return std::move(collection).value();
}

inline Collection InMemoryOrFail() {
    auto collection = Collection::OpenInMemory();
    REQUIRE_MESSAGE(collection.has_value(),
                    (collection ? std::string() : collection.error().message));
    return std::move(collection).value();
}

// A review of `question_id` at `time_ms` moving the card from `before` to a plausible next state.
inline ReviewRow MakeReview(const std::string& question_id, const sched::Card& before,
                            std::int64_t time_ms, int rating = 3) {
    ReviewRow row;
    row.question_id = question_id;
    row.time_ms = time_ms;
    row.rating = static_cast<sched::Rating>(rating);
    row.elapsed_days = 0;
    row.scheduled_days = rating == 1 ? 0 : 3;
    row.duration_ms = 4200;
    row.card_before = before;
    sched::Card after = before;
    after.state = rating == 1 ? sched::CardState::kLearning : sched::CardState::kReview;
    after.memory.stability = before.memory.stability + 1.5;
    after.memory.difficulty = 5.25;
    after.due = time_ms / 1000 + 3 * 86400;
    after.reps = before.reps + 1;
    after.lapses =
        before.lapses + (rating == 1 && before.state == sched::CardState::kReview ? 1 : 0);
    after.scheduled_days = row.scheduled_days;
    after.last_review = time_ms / 1000;
    row.card_after = after;
    return row;
}

// Answers the `index`-th study item (in interview order) once, at `time_ms`, from the card it has.
inline void ReviewItem(Collection& collection, std::size_t index, std::int64_t time_ms) {
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(index < items->size());
    const StudyItem& item = (*items)[index];
    REQUIRE(collection.RecordReview(MakeReview(item.question.id, item.card, time_ms)).has_value());
}

// A collection on disk at `path` holding SmallInterview(exchanges), its first question answered
// once (as a new card) at `time_ms`: the small collection backup, restore and crash tests start
// from.
inline Collection CollectionWithOneReview(const std::filesystem::path& path, int exchanges,
                                          std::int64_t time_ms) {
    Collection collection = OpenOrFail(path);
    const auto interview = SmallInterview(exchanges);
    REQUIRE(collection.ImportSource(interview, QuestionsFor(interview)).has_value());
    ReviewItem(collection, 0, time_ms);
    return collection;
}

}  // namespace mondo::storage::testing
