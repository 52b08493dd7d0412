// Recovery of furigana that lost its ruby markup (internal to mondo_content).
//
// A web page's <ruby>湛江<rt>ジャンジアン</rt></ruby> becomes "湛江ジャンジアン" when copied as
// text. The rule (measured on the seed, see the notes in the repository history): a katakana run
// right after a Han run is a reading when it sounds like the Mandarin pinyin of the Han characters
// it follows. Ordinary compounds such as 国産チップ or 大型モデル are far from that. Readings
// written in parentheses are recovered too: katakana by the same pinyin rule
// (朱啸虎（ジューシャオフー）, but not 自動運転（オートパイロット）), hiragana right after a short
// kanji word (楮（こうぞ）).
//
// Thread-safety: the ICU transliterators are per thread (created lazily, on the first Han+katakana
// join a thread meets, then reused).
#pragma once

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "content/interview.h"

namespace mondo::content::detail {

// Returns `text` with every flattened reading removed, appending each recovered pair to `found`.
std::string RemoveFlattenedFurigana(std::string_view text, std::vector<Ruby>& found);

// How far (0 = same sound, 1 = unrelated) a katakana string is from the pinyin of a Han string.
double ReadingDistance(std::string_view han, std::string_view katakana);

// Milliseconds spent creating transliterators on this thread so far (for the benchmark).
double FuriganaSetupMilliseconds();

// Creates the transliterators once on a thread of its own and drops them: ICU keeps the rules it
// parsed (about 120 ms of work, the first time in a process), so the thread that next needs them
// creates its own in a millisecond. ParseInterview starts one for a long text, whose first
// reading it meets only well into the text. The destructor joins the thread (never throws);
// without a thread (the system refuses one) it does nothing.
class TransliteratorWarmUp {
  public:
    TransliteratorWarmUp();
    TransliteratorWarmUp(const TransliteratorWarmUp&) = delete;
    TransliteratorWarmUp& operator=(const TransliteratorWarmUp&) = delete;
    ~TransliteratorWarmUp();

  private:
    std::thread thread_;
};

}  // namespace mondo::content::detail
