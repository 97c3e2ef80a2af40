#include "ui/lessons/LessonCatalog.h"

#include "ui/files/Examples.h"

namespace gs {

const std::vector<BuiltinLesson>& builtinLessons()
{
    static const std::vector<BuiltinLesson> list{
        {QStringLiteral("1. Computing gradients with a tape"), QStringLiteral(":/lessons/01-tape-basics.gscope"), QStringLiteral("w1"), -10, 10},
        {QStringLiteral("2. What the tape watches"), QStringLiteral(":/lessons/02-what-the-tape-watches.gscope"), QStringLiteral("w1"), -10, 10},
        {QStringLiteral("3. Jacobians and Hessians"), QStringLiteral(":/lessons/03-jacobians-hessians.gscope"), QStringLiteral("w1"), -10, 10},
        {QStringLiteral("4. stop_gradient: the valve"), QStringLiteral(":/lessons/04-stop-gradient.gscope"), QStringLiteral("w1"), -10, 10},
        {QStringLiteral("5. When gradients go NaN"), QStringLiteral(":/lessons/05-nan-gradients.gscope"), QStringLiteral("x"), -10, 110},
        {QStringLiteral("6. A custom training loop"), QStringLiteral(":/lessons/06-training-loop.gscope"), QStringLiteral("w"), -2, 4},
        {QStringLiteral("7. TF Functions and graphs"), QStringLiteral(":/lessons/07-tf-functions.gscope"), QStringLiteral("x"), -3, 3},
        // After the softplus lesson in the chapter's order of ideas, numbered last so that lessons 6 and 7 keep their numbers.
        {QStringLiteral("8. A gallery of NaNs and their cures"), QStringLiteral(":/lessons/08-nan-gallery.gscope"), QStringLiteral("x"), -120, 20},
    };
    return list;
}

Example lessonExample(const BuiltinLesson& lesson)
{
    Example e;
    e.title = lesson.title;
    e.resource = lesson.resource;
    e.plotInput = lesson.plotInput;
    e.plotFrom = lesson.plotFrom;
    e.plotTo = lesson.plotTo;
    return e;
}

} // namespace gs
