#include "document/python/PythonReader.h"

#include "document/python/PythonInterpreter.h"

#include <QRegularExpression>
#include <QStringList>

namespace gs {

bool PythonValue::holdsTensor() const
{
    if (kind == Kind::Tensor)
        return true;
    for (const PythonValue& item : items)
        if (item.holdsTensor())
            return true;
    return false;
}

PythonReadResult readPython(const QString& text)
{
    PythonReadResult result;
    try {
        const python::PyModule module = python::parsePython(text);
        result.program = python::Interpreter(text).run(module);
    } catch (const FormulaException& e) {
        result.error = FormulaError::at(text, e.span, e.message);
        result.program = PythonProgram{};
    }
    return result;
}

bool looksLikePython(const QString& text)
{
    // Each pattern is something formula text cannot hold (a formula never ends a line with ':',
    // assigns two names at once or calls methods); a keyword followed by '=' is a formula's name.
    static const char* const patterns[] = {
        "^[ \\t]*>>>",                                      // an interactive prompt
        "^[ \\t]*def[ \\t]+\\w+[ \\t]*\\(",                   // def f(
        "^[ \\t]*(with|import|del|elif|while|class)[ \\t]+(?![ \\t]*=)", // keywords that start statements
        "^[ \\t]*from[ \\t]+[\\w.]+[ \\t]+import[ \\t]",         // from tensorflow import keras
        "^[ \\t]*for[ \\t].*[ \\t]in[ \\t]",                     // for x in xs
        "^[ \\t]*@[ \\t]*\\w",                                  // a decorator
        "^[^#\\n]*:[ \\t]*(#.*)?$",                             // a line opening a block
        "^[ \\t]*\\w+[ \\t]*(,[ \\t]*\\w+[ \\t]*)+=[^=]",           // a, b = ...
        "\\.(gradient|jacobian|watch)[ \\t]*\\(",                 // tape.gradient(
        "GradientTape",
    };
    static const QRegularExpression python([] {
        QStringList all;
        for (const char* p : patterns)
            all << QStringLiteral("(?:%1)").arg(QString::fromLatin1(p));
        return QRegularExpression(all.join(u'|'), QRegularExpression::MultilineOption);
    }());
    return python.match(text).hasMatch();
}

bool isPythonFileName(const QString& fileName) { return fileName.endsWith(QStringLiteral(".py"), Qt::CaseInsensitive); }

} // namespace gs
