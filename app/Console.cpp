#include "app/Console.h"

#include <QByteArray>

#include <cstdio>

namespace gs {

void printOut(const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString& message)
{
    const QByteArray line = "gradscope: " + message.toLocal8Bit() + '\n';
    std::fputs(line.constData(), stderr);
    std::fflush(stderr);
}

} // namespace gs
