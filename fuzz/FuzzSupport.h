#pragma once

// The body of every fuzz target: run the reader's promise checks (ReaderChecks.h) on the input and
// abort on a broken promise, so that libFuzzer keeps the input. See docs/fuzzing.md.
#include "fuzz/ReaderChecks.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define GRADSCOPE_FUZZ_TARGET(READER)                                                              \
    extern "C" int LLVMFuzzerInitialize(int*, char***)                                             \
    {                                                                                              \
        gs::fuzz::quietQt();                                                                       \
        return 0;                                                                                  \
    }                                                                                              \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)              \
    {                                                                                              \
        gs::fuzz::run(gs::fuzz::Reader::READER, data, size);                                       \
        return 0;                                                                                  \
    }

namespace gs::fuzz {

/// Qt's warnings would flood the fuzzer's output: only fatal messages are printed.
inline void quietQt()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "%s\n", qPrintable(message));
            std::abort();
        }
    });
}

inline void run(Reader reader, const std::uint8_t* data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QString broken = brokenPromise(reader, input);
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "\n*** broken promise: %s\n", qPrintable(broken));
        std::fflush(stderr);
        std::abort();
    }
}

} // namespace gs::fuzz
