#include "document/LessonStep.h"

namespace gs {

const QStringList& lockableControls()
{
    static const QStringList names{QStringLiteral("formula"), QStringLiteral("values"), QStringLiteral("target"),
                                   QStringLiteral("sources"), QStringLiteral("dtype"),  QStringLiteral("view"),
                                   QStringLiteral("graph")};
    return names;
}

const QStringList& concealableParts()
{
    static const QStringList names{QStringLiteral("gradients"), QStringLiteral("values")};
    return names;
}

QString lessonViewName(LessonView view)
{
    return view == LessonView::Gradient ? QStringLiteral("gradient") : QStringLiteral("forward");
}

std::optional<LessonView> lessonViewNamed(const QString& name)
{
    if (name == u"forward")
        return LessonView::Forward;
    if (name == u"gradient")
        return LessonView::Gradient;
    return std::nullopt;
}

} // namespace gs
