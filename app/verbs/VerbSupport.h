#pragma once

#include "document/GraphData.h"
#include "document/TensorValue.h"
#include "document/python/PythonProgram.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace gs {

/// Bad input for a verb: reported as one line on standard error, exit status 2.
struct UsageError {
    QString message;
};

/// Parses a verb's arguments; throws UsageError for unknown options or missing values.
void parseVerbArguments(QCommandLineParser& parser, const char* verb, const QStringList& arguments);

/// The document FORMULA_OR_FILE names: "lesson:N" or "lesson:NAME" is built-in lesson N (from 1)
/// or the one whose file name contains NAME; an existing file is read as a .gscope document when
/// it holds JSON, as Python code when it is a .py file or looks like Python (looksLikePython())
/// and as formula text otherwise; any other argument is Python code when it looks like it, else
/// formula text. Throws UsageError with the file's name, the JSON path or the line and column.
GraphData loadFormulaOrFile(const QString& argument);

/// The Python code FORMULA_OR_FILE names, read: a .py file, another file of text or an argument
/// that looksLikePython(); nullopt for anything else. Throws UsageError with the line and column
/// of the first problem. loadFormulaOrFile() reads Python too, and gives its document.
std::optional<PythonProgram> loadPythonProgram(const QString& argument);

/// The resource of built-in lesson `name` (a number from 1, or part of its file name); throws
/// UsageError listing the lessons there are.
QString builtinLessonResource(const QString& name);

/// The top-level node labelled `name`; throws UsageError naming the labels there are.
NodeId nodeNamed(const GraphData& data, const QString& name, const char* option);

struct EvaluationOptions;

/// A value given on the command line: 5, -1.5e3, nan, inf, [1,2], [[1,2],[3,4]]; nullopt if not.
std::optional<TensorValue> parseValue(const QString& text);
/// The variable, constant or input labelled `name`; throws UsageError for anything else.
NodeId valueNode(const GraphData& data, const QString& name, const char* option);
/// Reads `--at NAME=VALUE,...` into `options.values`; throws UsageError naming what is wrong.
void readAt(const GraphData& data, const QString& list, EvaluationOptions& options);

/// Splits "a=1,b=[1,2]" at the commas outside brackets.
QStringList splitOutsideBrackets(const QString& text);

/// Runs a verb body, turning a UsageError into one line on standard error and status 2.
template <class F> int runReportingUsageErrors(F&& body);

int reportUsageError(const UsageError& error);

template <class F> int runReportingUsageErrors(F&& body)
{
    try {
        return body();
    } catch (const UsageError& error) {
        return reportUsageError(error);
    }
}

} // namespace gs
