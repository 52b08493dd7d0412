// What the controller tests share: a collection holding the built-in interview, and intents.
#pragma once

#include <doctest/doctest.h>

#include <utility>

#include "app/ui/study_screen.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::test {

// An in-memory collection with the built-in interview and its generated questions imported.
inline storage::Collection BuiltinCollection() {
    auto collection = storage::Collection::OpenInMemory();
    REQUIRE(collection.has_value());
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    REQUIRE(
        collection->ImportSource(*interview, content::GenerateQuestions(*interview)).has_value());
    return std::move(*collection);
}

inline app::StudyIntent Intent(app::StudyIntent::Kind kind, int index = 0) {
    app::StudyIntent intent;
    intent.kind = kind;
    intent.index = index;
    return intent;
}

}  // namespace mondo::test
