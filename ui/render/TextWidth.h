#pragma once

class QFont;
class QString;

namespace gs {

/// QFontMetricsF::horizontalAdvance, remembered: the same few texts (op names, port names,
/// numbers) are measured over and over when a large graph is refreshed, and shaping text is the
/// costly part of laying out a node. Only for the editor's own fonts (kept apart by pixel size
/// and weight); GUI thread only.
double textWidth(const QFont& font, const QString& text);

} // namespace gs
