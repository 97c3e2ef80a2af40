#pragma once

// What each input reader promises, checked on one input: shared by the fuzz targets (fuzz_*.cpp),
// which abort when a promise is broken, and by the regression test over fuzz/regressions/
// (tests/document/tst_fuzz_regressions.cpp), which replays every input the fuzzers ever found.
// See docs/fuzzing.md.
#include <QByteArray>
#include <QString>

#include <optional>

namespace gs::fuzz {

enum class Reader {
    Formula,   ///< readFormula(): formula text
    Python,    ///< readPython(): Python code
    Gscope,    ///< documentFromJson(): .gscope documents
    Lesson,    ///< documentFromJson() and lessonFrame() on every step: lessons
    RunFile,   ///< runSpecFromJson(): training run files
    Csv,       ///< nn::parseCsv() and splitTable(): CSV tables
    Inputs,    ///< inputsFromJson(): eval --inputs files
    TraceCall, ///< parseTraceArguments(): trace --call arguments
};

/// "formula", "python", "gscope", "lesson", "runfile", "csv", "inputs", "trace_call": the names of
/// the fuzz targets (fuzz_<name>) and of their folders in fuzz/corpus and fuzz/regressions.
std::optional<Reader> readerNamed(const QString& name);

/// The promise `reader` broke on `input`, with what it had to say; empty when it kept them all.
/// Every reader gives a result or a clear error (a non-empty message), never both and never
/// neither, and never throws anything else; a result written back in the reader's own format
/// reads back as the same result. A crash or a sanitizer report is a broken promise too, of course.
QString brokenPromise(Reader reader, const QByteArray& input);

} // namespace gs::fuzz
