// gradscope train [RUN.json] [--epochs N] [--seed S] [--json]
#include "app/verbs/TrainVerb.h"
#include "app/Console.h"
#include "app/verbs/VerbSupport.h"
#include "document/TrainingRunFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#if defined(_WIN32)
#include <io.h>
#define GS_ISATTY(fd) _isatty(fd)
#else
#include <unistd.h>
#define GS_ISATTY(fd) isatty(fd)
#endif

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope train [RUN.json] [OPTIONS]\n"
    "\n"
    "Runs the custom training loop of Hands-On ML chapter 12 without a window and prints the\n"
    "book's status line after every epoch. Without RUN.json it trains the book's model\n"
    "(Dense(30, elu, he_normal, l2 0.05) -> Dense(1, l2 0.05), MSE, Nadam(0.01), batch 32,\n"
    "5 epochs) on a built-in set shaped like the California housing data.\n"
    "\n"
    "Options:\n"
    "  --epochs N    train for N epochs (overrides the run file)\n"
    "  --seed S      seed for initial weights, batches and dropout (overrides the run file)\n"
    "  --json        print one JSON object: epochs, step losses, weights, optimizer state\n"
    "\n"
    "The run file is described in docs/training-run-file.md.\n";

/// A float32 value as JSON: the shortest decimal that reads back to the same float, and the
/// strings "nan", "inf", "-inf" for non-finite values.
QJsonValue jsonNumber(double value)
{
    if (!std::isfinite(value))
        return QString::fromStdString(formatNumber(value, DType::Float32));
    return std::strtod(formatNumber(value, DType::Float32).c_str(), nullptr);
}

QJsonValue jsonTensor(const Tensor& t)
{
    const DType dtype = t.dtype();
    auto number = [&](std::int64_t i) {
        const double v = t.at(i);
        return std::isfinite(v) ? QJsonValue(std::strtod(formatNumber(v, dtype).c_str(), nullptr))
                                : QJsonValue(QString::fromStdString(formatNumber(v, dtype)));
    };
    if (t.rank() == 0)
        return number(0);
    QJsonArray rows;
    for (std::int64_t r = 0; r < t.shape().rows; ++r) {
        QJsonArray row;
        for (std::int64_t c = 0; c < t.shape().cols; ++c)
            row.append(number(r * t.shape().cols + c));
        if (t.rank() == 1)
            return row;
        rows.append(row);
    }
    return rows;
}

QJsonObject report(nn::TrainingLoop& loop)
{
    QJsonArray epochs;
    for (const nn::EpochReport& e : loop.history()) {
        QJsonObject o{{QStringLiteral("epoch"), static_cast<double>(e.epoch)}};
        for (const auto& [name, value] : e.values)
            o.insert(QString::fromStdString(name), jsonNumber(value));
        epochs.append(o);
    }
    QJsonArray steps;
    for (double loss : loop.stepLosses())
        steps.append(jsonNumber(loss));
    QJsonObject weights;
    for (const Variable& v : loop.model().variables())
        weights.insert(QString::fromStdString(v.name()), jsonTensor(v.peek()));

    nn::Optimizer& optimizer = loop.optimizer();
    QJsonObject state{{QStringLiteral("name"), QString::fromStdString(optimizer.name())},
                      {QStringLiteral("iterations"), static_cast<double>(optimizer.iterations())}};
    // Hyperparameters by Keras name; the on/off ones (nesterov, amsgrad, ...) as booleans.
    for (const auto& [name, value] : optimizer.config()) {
        const bool flag =
            name == "nesterov" || name == "centered" || name == "amsgrad" || name == "legacy";
        state.insert(QString::fromStdString(name),
                     flag ? QJsonValue(value != 0.0) : QJsonValue(value));
    }
    for (const auto& [name, value] : optimizer.scalarState())
        state.insert(QString::fromStdString(name), jsonNumber(value));
    QJsonObject slotValues;
    for (const Variable& v : optimizer.variables()) {
        QJsonObject perVariable;
        for (const std::string& slot : optimizer.slotNames())
            perVariable.insert(QString::fromStdString(slot), jsonTensor(*optimizer.slot(v, slot)));
        slotValues.insert(QString::fromStdString(v.name()), perVariable);
    }
    state.insert(QStringLiteral("slots"), slotValues);
    return {{QStringLiteral("epochs"), epochs},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("weights"), weights},
            {QStringLiteral("optimizer"), state}};
}

std::int64_t integerOption(const QCommandLineParser& parser, const QString& name,
                           std::int64_t minimum)
{
    bool ok = false;
    const qlonglong v = parser.value(name).toLongLong(&ok);
    if (!ok || v < minimum)
        throw UsageError{QStringLiteral("train: --%1 expects an integer of at least %2, got '%3'")
                             .arg(name)
                             .arg(minimum)
                             .arg(parser.value(name))};
    return v;
}

nn::RunSpec readRun(const QCommandLineParser& parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        throw UsageError{
            QStringLiteral("train: expected at most one run file, got %1").arg(positional.size())};
    nn::RunSpec spec = nn::RunSpec::book();
    if (!positional.isEmpty()) {
        const QString& fileName = positional.front();
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{
                QStringLiteral("train: cannot open '%1': %2").arg(fileName, file.errorString())};
        if (file.size() > 256 * 1024 * 1024)
            throw UsageError{QStringLiteral("train: '%1' is larger than 256 MB").arg(fileName)};
        try {
            spec = runSpecFromJson(file.readAll(), fileName, QFileInfo(fileName).absolutePath());
        } catch (const RunFileError& e) {
            throw UsageError{e.message};
        }
    }
    if (parser.isSet(QStringLiteral("epochs")))
        spec.training.epochs = integerOption(parser, QStringLiteral("epochs"), 1);
    if (parser.isSet(QStringLiteral("seed")))
        spec.training.seed =
            static_cast<std::uint64_t>(integerOption(parser, QStringLiteral("seed"), 0));
    return spec;
}

/// The book's print_status_bar for the end of an epoch: "len(y_train)/len(y_train) - ...".
std::string epochStatus(const nn::EpochReport& epoch, std::int64_t trainingSize)
{
    std::vector<std::pair<std::string, double>> values;
    for (const auto& v : epoch.values)
        if (v.first.rfind("val_", 0) != 0)
            values.push_back(v);
    return nn::statusLine(trainingSize, trainingSize, values);
}

int train(nn::TrainingLoop& loop, bool json)
{
    const bool live = !json && GS_ISATTY(fileno(stdout));
    const std::int64_t n = loop.data().train.size();
    const std::int64_t epochs = loop.options().epochs;
    QElapsedTimer sinceRedraw;
    sinceRedraw.start();
    if (!json) {
        // "Epoch k/N" is printed when the epoch's first step has run, so that a run refused at
        // its first step prints nothing on standard output. The live "\r" line is redrawn at most
        // every 50 ms so printing never slows training down.
        loop.onStep([&](const nn::StepReport& r) {
            if (r.stepInEpoch == 1)
                printOut(QStringLiteral("Epoch %1/%2\n").arg(r.epoch).arg(epochs));
            if (live && sinceRedraw.elapsed() >= 50) {
                printOut(u'\r' + QString::fromStdString(loop.statusLine()));
                sinceRedraw.restart();
            }
        });
        loop.onEpoch([&](const nn::EpochReport& e) {
            printOut((live ? QStringLiteral("\r") : QString())
                     + QString::fromStdString(epochStatus(e, n)) + u'\n');
        });
    }
    loop.run();
    if (json)
        printOut(QString::fromUtf8(QJsonDocument(report(loop)).toJson(QJsonDocument::Compact))
                 + u'\n');
    return 0;
}

} // namespace

int runTrainVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] {
        QCommandLineParser parser;
        parser.addPositionalArgument(QStringLiteral("RUN.json"), QStringLiteral("the run file"));
        parser.addOption(
            {QStringLiteral("epochs"), QStringLiteral("epochs to train"), QStringLiteral("N")});
        parser.addOption(
            {QStringLiteral("seed"), QStringLiteral("the run's seed"), QStringLiteral("S")});
        parser.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
        parser.addOption(
            {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("show this help")});
        parseVerbArguments(parser, "train", arguments);
        if (parser.isSet(QStringLiteral("help"))) {
            printOut(QString::fromLatin1(usage));
            return 0;
        }
        const nn::RunSpec spec = readRun(parser);
        // The engine refuses what does not fit (a CSV cell that is not a number, a model whose
        // output does not match the targets): bad input, reported where it came from.
        try {
            const auto loop = nn::makeTrainingLoop(spec);
            return train(*loop, parser.isSet(QStringLiteral("json")));
        } catch (const EngineError& e) {
            const QString where = parser.positionalArguments().isEmpty()
                                      ? QStringLiteral("train")
                                      : parser.positionalArguments().front();
            const QString csv = spec.data.source == nn::DataSpec::Source::Csv
                                        && dynamic_cast<const nn::DatasetError*>(&e)
                                    ? QString::fromStdString(spec.data.path) + QStringLiteral(": ")
                                    : QString();
            throw UsageError{
                QStringLiteral("%1: %2%3").arg(where, csv, QString::fromUtf8(e.what()))};
        }
    });
}

} // namespace gs
