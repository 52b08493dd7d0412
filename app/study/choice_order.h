// The order in which a multiple-choice question's options are shown.
//
// The generator stores each question's choices in one fixed order; shown that way on every
// review, a learner could remember "the answer is the third" instead of the answer. So every
// showing gets its own arrangement, seeded by the question id and its review count: the same
// showing (the same card, reps unchanged, e.g. after an undo or a redraw) always gets the same
// order, the next showing another one, and the right answer never stands where it stood at the
// showing before. Pure and deterministic (no hidden randomness), so tests can check it.
#pragma once

#include <vector>

#include "content/question.h"

namespace mondo::study {

// Whether the question is answered by picking one of its choices (choice, which question, and
// cloze or profile questions that carry choices). Order questions have choices too, but they are
// an arrangement to restore, not options to pick from.
bool HasShuffledChoices(const content::Question& question);

// The shown arrangement for the showing after `review_count` reviews: element p is the index in
// question.choices of the option shown at position p (a permutation of 0..choices.size()-1).
// The identity when the question has no shuffled choices. Thread-safe.
std::vector<int> ShownChoiceOrder(const content::Question& question, int review_count);

// Order questions: the sentences to put in order, arranged anew for every showing, seeded by the
// question id and its review count like the choices above: element p is the index in
// question.choices of the sentence shown at position p. Never the right order (the learner has
// something to do) and, when another arrangement exists, never the arrangement of the showing
// before, so the learner cannot learn moves instead of the argument. O(review count); the identity
// for any other kind. Thread-safe.
std::vector<int> ShownOrderArrangement(const content::Question& question, int review_count);

}  // namespace mondo::study
