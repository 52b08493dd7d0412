#include "app/cli/exit_status.h"

namespace mondo::app {

int ExitStatusFor(const storage::StorageError& error) {
    switch (error.kind) {
        case storage::StorageErrorKind::kNotADatabase:
        case storage::StorageErrorKind::kCorrupt:
        case storage::StorageErrorKind::kTooNew:
        case storage::StorageErrorKind::kLocked:
            return kExitCollectionUnusable;
        case storage::StorageErrorKind::kIo:
        case storage::StorageErrorKind::kInternal:
            return kExitCannot;
    }
    return kExitCannot;
}

int ReportStorageError(std::ostream& err, std::string_view command,
                       const storage::StorageError& error) {
    err << "mondo " << command << ": " << error.message << "\n";
    return ExitStatusFor(error);
}

}  // namespace mondo::app
