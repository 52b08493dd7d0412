// Greetings and thanks: the sentences that open and close an interview ("よろしくお願いします",
// "本日はありがとうございました", "Thank you for having me", "It was a pleasure") and carry no
// argument. They stay in the text for reading; no question is ever made from them.
//
// Contract: pure functions over UTF-8, no ICU state of their own except SplitSentences
// (thread-safe). A courtesy sentence is recognised by its shape: it ends (Japanese) or starts
// (English) with a greeting or thanks and holds little else (at most a short lead such as
// "本日は貴重なお話を" or a tail such as "for having me"). A question ("…ありがとうございました？")
// is never courtesy, nor a sentence where "thanks" is a preposition ("Thanks to the grant, …").
#pragma once

#include <string_view>

namespace mondo::content {

// Whether `sentence` (one sentence, as SplitSentences gives it) is only a greeting or thanks.
bool IsCourtesy(std::string_view sentence);

// Whether `text` has at least one sentence and every sentence of it is courtesy.
bool IsCourtesyOnly(std::string_view text);

}  // namespace mondo::content
