// Export: Anki's plain-text note import and the FSRS tools' review log CSV.
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

}  // namespace

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
