// Export: Anki's plain-text note import and the FSRS tools' review log CSV.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <streambuf>
#include <string_view>

#include "storage/collection.h"
#include "storage/collection_impl.h"
#include "storage/queries.h"

namespace mondo::storage {

namespace sql = detail::sql;
using detail::Statement;

namespace {

// A field for Anki's text importer with html:false: quoted (quotes doubled) when it holds the
// separator, a quote or a line break; NUL bytes, which no text file can carry, are dropped.
std::string AnkiField(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    bool quote = false;
    for (const char c : text) {
        if (c == '\0') continue;
        if (c == '\t' || c == '\n' || c == '\r' || c == '"') quote = true;
        clean += c;
    }
    if (!quote) return clean;
    std::string out = "\"";
    for (const char c : clean) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// Anki tags are separated by spaces: anything that is not printable and non-space becomes '_'.
std::string Tag(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (u <= 0x20 || u == 0x7f || c == '"') ? '_' : c;
    }
    return out.empty() ? "_" : out;
}

Expected<Ok, StorageError> WriteAnki(detail::Database& db, std::ostream& out) {
    out << "#separator:tab\n#html:false\n#notetype:Basic\n#deck:mondo\n#columns:"
           "GUID\tFront\tBack\tTags\n"
           "#guid column:1\n#tags column:4\n";
    auto stmt = db.Prepare(sql::kExportQuestions);
    if (!stmt) return Unexpected(std::move(stmt).error());
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        const Statement& s = *stmt;
        std::string front = s.Text(2);
        const std::vector<std::string> choices = detail::DecodeList(s.Text(4));
        for (std::size_t i = 0; i < choices.size(); ++i) {
            front += (i == 0 ? "\n\n" : "\n") + std::to_string(i + 1) + ". " + choices[i];
        }
        std::string back = s.Text(3);
        const std::string context = s.Text(5);
        if (!context.empty() && context != back) back += "\n\n" + context;
        std::string tags = "mondo " + Tag(s.Text(6)) + " kind::" + Tag(s.Text(1));
        if (s.Int(7) > 0) tags += " exchange::" + std::to_string(s.Int(7));
        out << AnkiField(s.Text(0)) << '\t' << AnkiField(front) << '\t' << AnkiField(back) << '\t'
            << AnkiField(tags) << '\n';
    }
    return Ok{};
}

Expected<Ok, StorageError> WriteRevlog(detail::Database& db, std::ostream& out) {
    out << "card_id,review_rating,review_time,review_duration\n";
    auto stmt = db.Prepare(sql::kExportRevlog);
    if (!stmt) return Unexpected(std::move(stmt).error());
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        out << stmt->Int(0) << ',' << stmt->Int(1) << ',' << stmt->Int(2) << ',' << stmt->Int(3)
            << '\n';
    }
    return Ok{};
}

// An output stream buffer over a file descriptor (which it does not own); a failed write puts
// the stream in the bad state.
class FdBuffer : public std::streambuf {
  public:
    explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
    FdBuffer(const FdBuffer&) = delete;
    FdBuffer& operator=(const FdBuffer&) = delete;
    int error() const { return error_; }

  protected:
    int_type overflow(int_type c) override {
        if (!Drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return Drain() ? 0 : -1; }

  private:
    bool Drain() {
        const char* next = pbase();
        while (next < pptr()) {
            const ssize_t wrote = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
            if (wrote < 0 && errno == EINTR) continue;
            if (wrote <= 0) {
                error_ = wrote < 0 ? errno : EIO;
                return false;
            }
            next += wrote;
        }
        setp(buffer_, buffer_ + sizeof buffer_);
        return true;
    }
    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

StorageError IoError(std::string message) {
    return StorageError{StorageErrorKind::kIo, std::move(message)};
}

}  // namespace

Expected<Ok, StorageError> Collection::ExportToFile(ExportFormat format,
                                                    const std::filesystem::path& out) {
    struct stat existing {};
    if (::lstat(out.c_str(), &existing) == 0) {
        if (!S_ISREG(existing.st_mode)) {
            const char* what = S_ISLNK(existing.st_mode)    ? "a symbolic link"
                               : S_ISFIFO(existing.st_mode) ? "a FIFO"
                               : S_ISDIR(existing.st_mode)  ? "a folder"
                               : S_ISCHR(existing.st_mode) || S_ISBLK(existing.st_mode)
                                   ? "a device"
                                   : "not a regular file";
            return Unexpected(IoError("Cannot export to " + out.string() + ": it is " + what +
                                      "; give a new file name or a regular file"));
        }
    } else if (errno != ENOENT) {
        const int error = errno;
        return Unexpected(
            IoError("Cannot export to " + out.string() + ": " + std::strerror(error)));
    }
    // mkstemp creates the file exclusively (O_EXCL), so an existing name, symlink or not, is
    // never opened.
    std::string temporary = out.string() + ".partial-XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        const int error = errno;
        return Unexpected(IoError("Cannot write " + out.string() + ": " + std::strerror(error)));
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);  // as an ordinary new file; mkstemp makes it 0600
    auto fail = [&](StorageError error) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return Unexpected(std::move(error));
    };
    FdBuffer buffer(fd);
    std::ostream stream(&buffer);
    if (auto written = Export(format, stream); !written) {
        if (buffer.error() != 0) {
            return fail(
                IoError("Cannot write " + out.string() + ": " + std::strerror(buffer.error())));
        }
        return fail(std::move(written).error());
    }
    if (::fsync(fd) != 0) {
        const int error = errno;
        return fail(IoError("Cannot write " + out.string() + ": " + std::strerror(error)));
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return Unexpected(IoError("Cannot write " + out.string() + ": " + std::strerror(error)));
    }
    // What `out` is may have changed since the first look; the rename replaces only the name.
    if (::lstat(out.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
        ::unlink(temporary.c_str());
        return Unexpected(IoError("Cannot export to " + out.string() +
                                  ": it stopped being a regular file during the export"));
    }
    if (::rename(temporary.c_str(), out.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return Unexpected(IoError("Cannot write " + out.string() + ": " + std::strerror(error)));
    }
    return Ok{};
}

Expected<Ok, StorageError> Collection::Export(ExportFormat format, std::ostream& out) {
    auto written =
        format == ExportFormat::kAnkiTsv ? WriteAnki(impl_->db, out) : WriteRevlog(impl_->db, out);
    if (!written) return written;
    out.flush();
    if (!out)
        return Unexpected(
            StorageError{StorageErrorKind::kIo, "Cannot write the export (disk full?)"});
    return Ok{};
}

}  // namespace mondo::storage
