#include "app/cli/terminal_text.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace mondo::app {
namespace {

bool IsEscapedCodePoint(char32_t c) {
    return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

// The length of the UTF-8 sequence starting with `lead` (0: not a lead byte).
std::size_t SequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xc2 && lead <= 0xdf) return 2;
    if (lead >= 0xe0 && lead <= 0xef) return 3;
    if (lead >= 0xf0 && lead <= 0xf4) return 4;
    return 0;
}

// Decodes the sequence at `text[i]` of `length` bytes; false when it is not valid UTF-8
// (a bad continuation byte, an overlong form, a surrogate or a value above U+10FFFF).
bool Decode(std::string_view text, std::size_t i, std::size_t length, char32_t& out) {
    if (i + length > text.size()) return false;
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    char32_t c = byte(0) & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(k) & 0xc0) != 0x80) return false;
        c = (c << 6) | (byte(k) & 0x3f);
    }
    if ((length == 3 && c < 0x800) || (length == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff)) {
        return false;
    }
    out = c;
    return true;
}

void AppendEscape(std::string& out, const char* format, unsigned value) {
    char text[16];
    std::snprintf(text, sizeof text, format, value);
    out += text;
}

// Bytes at the end of `text` that start a UTF-8 sequence not yet complete.
std::size_t IncompleteTail(std::string_view text) {
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
        const auto byte = static_cast<unsigned char>(text[text.size() - back]);
        if ((byte & 0xc0) == 0x80) continue;  // a continuation byte: look further back
        const std::size_t length = SequenceLength(byte);
        return length > back ? back : 0;
    }
    return 0;
}

}  // namespace

std::string TerminalSafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7f) {
                AppendEscape(out, "\\x%02x", byte);
            } else {
                out += static_cast<char>(byte);
            }
            ++i;
            continue;
        }
        const std::size_t length = SequenceLength(byte);
        char32_t c = 0;
        if (length == 0 || !Decode(text, i, length, c)) {
            AppendEscape(out, "\\x%02x", byte);
            ++i;
            continue;
        }
        if (IsEscapedCodePoint(c)) {
            AppendEscape(out, "\\u%04x", static_cast<unsigned>(c));
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

TerminalSafeBuffer::int_type TerminalSafeBuffer::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (traits_type::to_char_type(c) == '\n' && !Drain(false)) return traits_type::eof();
    return c;
}

std::streamsize TerminalSafeBuffer::xsputn(const char* bytes, std::streamsize count) {
    pending_.append(bytes, static_cast<std::size_t>(count));
    if (pending_.size() >= 4096 || pending_.find('\n') != std::string::npos) {
        if (!Drain(false)) return 0;
    }
    return count;
}

int TerminalSafeBuffer::sync() { return Flush(); }

int TerminalSafeBuffer::Flush() {
    if (!Drain(true)) return -1;
    return target_->pubsync();
}

bool TerminalSafeBuffer::Drain(bool everything) {
    const std::size_t keep = everything ? 0 : IncompleteTail(pending_);
    const std::string safe =
        TerminalSafe(std::string_view(pending_).substr(0, pending_.size() - keep));
    pending_.erase(0, pending_.size() - keep);
    return target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size())) ==
           static_cast<std::streamsize>(safe.size());
}

TerminalGuard::TerminalGuard() {
    if (::isatty(STDOUT_FILENO)) {
        out_ = std::make_unique<TerminalSafeBuffer>(std::cout.rdbuf());
        old_out_ = std::cout.rdbuf(out_.get());
    }
    if (::isatty(STDERR_FILENO)) {
        err_ = std::make_unique<TerminalSafeBuffer>(std::cerr.rdbuf());
        old_err_ = std::cerr.rdbuf(err_.get());
    }
}

TerminalGuard::~TerminalGuard() {
    if (old_out_ != nullptr) {
        std::cout.flush();
        std::cout.rdbuf(old_out_);
    }
    if (old_err_ != nullptr) {
        std::cerr.flush();
        std::cerr.rdbuf(old_err_);
    }
}

std::string Fixed(double value, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace mondo::app
