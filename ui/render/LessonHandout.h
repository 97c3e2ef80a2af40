#pragma once

#include <QString>

namespace gs {

struct GraphData;

/// A lesson as a handout (`gradscope export LESSON --lesson`, File > Export Lesson Handout): one
/// page per step with the lesson's title, the step's number, text and question (with ruled lines
/// for the answer), and the graph as that step shows it, hiding what the step conceals; such a
/// step is followed by a page with its answer revealed. An exercise step lists its goal's
/// conditions, a box to tick for each; the hints of all exercises are on a last page of their own.
///
/// `fileName` ending in .pdf gives one PDF of A4 landscape pages; .png or .svg gives one image per
/// step, numbered before the extension ("handout.png" -> "handout-01.png", "handout-02.png", ...).
/// PNG pages are rendered at `scale` pixels per point. Returns the number of pages written, or -1
/// with `error` set.
int exportLessonHandout(const GraphData& lesson, const QString& fileName, double scale = 1.0, QString* error = nullptr);

/// How many pages the handout of `lesson` has.
int lessonHandoutPageCount(const GraphData& lesson);

/// The file of page `index` (0-based) of an image handout: "out.png" -> "out-01.png".
QString handoutPageFile(const QString& fileName, int index, int pages);

} // namespace gs
