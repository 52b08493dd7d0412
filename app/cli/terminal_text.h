// Text from files and collections, made safe to print to a terminal: a title such as
// "\x1b]0;…\x07" must not retitle the window, move the cursor or reorder the line (bidi
// overrides). Everything else — Japanese text, emoji, tabs and line breaks — passes unchanged.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace mondo::app {

// `text` with every C0 control but '\t' and '\n', DEL and every byte that is not part of valid
// UTF-8 written as "\xNN", and every C1 control (U+0080..U+009F) and bidirectional formatting
// character (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) written as "\uNNNN".
std::string TerminalSafe(std::string_view text);

// `value` with exactly `decimals` digits after the point ("%.*f"), as the tables print it.
std::string Fixed(double value, int decimals);

// A stream buffer that writes everything through TerminalSafe to `target` (which it does not
// own). A UTF-8 sequence split across writes is held until it is complete or the stream flushes.
class TerminalSafeBuffer : public std::streambuf {
  public:
    explicit TerminalSafeBuffer(std::streambuf* target) : target_(target) {}
    // What is still held goes out (not through the virtual sync(): no dynamic binding here).
    ~TerminalSafeBuffer() override { Flush(); }
    TerminalSafeBuffer(const TerminalSafeBuffer&) = delete;
    TerminalSafeBuffer& operator=(const TerminalSafeBuffer&) = delete;

  protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* bytes, std::streamsize count) override;
    int sync() override;

  private:
    bool Drain(bool everything);
    int Flush();
    std::streambuf* target_;
    std::string pending_;
};

// While alive, std::cout and std::cerr go through TerminalSafeBuffer when they are terminals
// (isatty); pipes and files get the bytes unchanged (exports and JSON stay exact data).
class TerminalGuard {
  public:
    TerminalGuard();
    ~TerminalGuard();
    TerminalGuard(const TerminalGuard&) = delete;
    TerminalGuard& operator=(const TerminalGuard&) = delete;

  private:
    std::unique_ptr<TerminalSafeBuffer> out_;
    std::unique_ptr<TerminalSafeBuffer> err_;
    std::streambuf* old_out_ = nullptr;
    std::streambuf* old_err_ = nullptr;
};

}  // namespace mondo::app
