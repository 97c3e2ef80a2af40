#include "document/FormulaError.h"

#include <QStringList>

namespace gs {

QString FormulaError::headline() const
{
    if (line <= 0)
        return message;
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QString FormulaError::formatted() const
{
    QString text = headline();
    if (line <= 0 || sourceLine.isNull())
        return text;
    // Tabs keep their width in the caret line so that the caret stays under the place.
    QString pad;
    for (int i = 0; i < column - 1 && i < sourceLine.size(); ++i)
        pad += sourceLine[i] == u'\t' ? u'\t' : u' ';
    const int visible = sourceLine.size() - (column - 1);
    const int carets = std::max(1, std::min(length, std::max(visible, 1)));
    return text + QStringLiteral("\n  ") + sourceLine + QStringLiteral("\n  ") + pad + QString(carets, u'^');
}

FormulaError FormulaError::at(const QString& text, const SourceSpan& span, const QString& message)
{
    FormulaError e;
    e.message = message;
    e.line = span.line;
    e.column = span.column;
    e.length = span.length;
    if (span.line > 0) {
        const QStringList lines = text.split(u'\n');
        if (span.line <= lines.size()) {
            e.sourceLine = lines[span.line - 1];
            if (e.sourceLine.endsWith(u'\r'))
                e.sourceLine.chop(1);
        }
    }
    return e;
}

} // namespace gs
