#pragma once

#include <QString>

#include <optional>

namespace gs {

class GraphPicture;

enum class PictureFormat { Png, Svg, Pdf };

/// The format a file name asks for by its extension (.png, .svg, .pdf), if any.
std::optional<PictureFormat> pictureFormatFor(const QString& fileName);

/// Writes the picture to `fileName` in the format its extension names. PNG is rendered at
/// `scale` pixels per scene unit; SVG and PDF are vector pictures one point per scene unit.
bool exportPicture(const GraphPicture& picture, const QString& fileName, double scale = 1.0, QString* error = nullptr);

} // namespace gs
