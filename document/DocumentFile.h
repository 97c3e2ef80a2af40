#pragma once

#include "document/GraphData.h"

#include <QByteArray>
#include <QPointF>
#include <QString>

#include <optional>

namespace gs {

/// The .gscope format (docs/file-format.md): JSON with "format": "gradscope" and a version.
/// Version 2 added lesson steps; files without steps are still written as version 1.
constexpr int documentFormatVersion = 2;

/// Sizes beyond which a file is refused with a clear message instead of being read.
namespace documentlimits {
constexpr qint64 fileBytes = 16 * 1024 * 1024;
constexpr int nodes = 10'000;
constexpr int connections = 50'000;
constexpr int groups = 1'000;
constexpr int comments = 1'000;
constexpr int customInputs = 100;
constexpr std::int64_t tensorElements = 1'000'000; ///< in one value
constexpr std::int64_t totalElements = 4'000'000;  ///< in the whole file
constexpr int nameLength = 256;                    ///< labels, group names, titles
constexpr int textLength = 100'000;                ///< comments and notes
} // namespace documentlimits

/// What is wrong with a file and where: a JSON path such as `$.graph.nodes[3].op`, or a line
/// and column for text that is not JSON at all.
struct DocumentFileError {
    QString where;
    QString message;
    /// "$.graph.nodes[3].op: unknown op 'fooo' (did you mean 'floor'?)"
    QString text() const { return where.isEmpty() ? message : where + QStringLiteral(": ") + message; }
};

/// How a document was last looked at: the canvas's zoom and the point of the graph at its centre.
/// Saved with the file but not part of the document: changing it is not an edit, not undoable.
struct SavedView {
    double zoom = 1.0;
    QPointF centre;
    friend bool operator==(const SavedView&, const SavedView&) = default;
};

struct DocumentReadResult {
    GraphData data;
    std::optional<SavedView> view; ///< when the file has one
    std::optional<DocumentFileError> error;
    bool ok() const { return !error.has_value(); }
};

/// Reads a .gscope document from its bytes. Never throws, never trusts the input: every field is
/// checked (types, ranges, references, arity, attributes, cycles) and sizes are bounded.
DocumentReadResult documentFromJson(const QByteArray& bytes);
/// The document as .gscope bytes (indented JSON).
QByteArray documentToJson(const GraphData& data, const std::optional<SavedView>& view = std::nullopt);

/// Reads a file (refusing files larger than documentlimits::fileBytes).
DocumentReadResult loadDocument(const QString& fileName);
/// Writes a file atomically (QSaveFile): on any failure the old file is left untouched.
bool saveDocument(const GraphData& data, const QString& fileName, QString* error = nullptr,
                  const std::optional<SavedView>& view = std::nullopt);
/// Writes bytes atomically, as saveDocument() does.
bool saveFileAtomically(const QByteArray& bytes, const QString& fileName, QString* error = nullptr);

} // namespace gs
