#pragma once

#include <QString>

#include <vector>

namespace gs {

struct Example;

/// A lesson shipped in the resources (resources/lessons/*.gscope).
struct BuiltinLesson {
    QString title;
    QString resource; ///< ":/lessons/01-tape-basics.gscope"
    QString plotInput; ///< what the function plot sweeps
    double plotFrom = -10;
    double plotTo = 10;
};

/// The built-in lessons in the order of the chapter.
const std::vector<BuiltinLesson>& builtinLessons();

/// The lesson as an example to open (untitled, so that saving asks where).
Example lessonExample(const BuiltinLesson& lesson);

} // namespace gs
