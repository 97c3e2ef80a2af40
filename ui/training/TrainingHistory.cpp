#include "ui/training/TrainingHistory.h"

#include <QStringView>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

namespace gs {

namespace {

/// The shortest decimal that std::from_chars reads back to exactly `v`.
QString number(double v)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

std::optional<double> parseNumber(QStringView text)
{
    const QByteArray bytes = text.toLatin1();
    double v = 0.0;
    const auto result = std::from_chars(bytes.data(), bytes.data() + bytes.size(), v);
    if (result.ec != std::errc() || result.ptr != bytes.data() + bytes.size())
        return std::nullopt;
    return v;
}

QStringList header(const TrainingHistory& h)
{
    QStringList columns{QStringLiteral("step"),
                        QStringLiteral("epoch"),
                        QStringLiteral("loss"),
                        QStringLiteral("main_loss"),
                        QStringLiteral("regularization_loss"),
                        QStringLiteral("mean_loss"),
                        QStringLiteral("learning_rate")};
    columns += h.metricNames;
    for (const QString& layer : h.layerNames)
        columns << QStringLiteral("grad_norm/") + layer;
    columns << QStringLiteral("epoch_loss");
    for (const QString& m : h.metricNames)
        columns << QStringLiteral("epoch_") + m;
    columns << QStringLiteral("val_loss");
    for (const QString& m : h.metricNames)
        columns << QStringLiteral("val_") + m;
    return columns;
}

} // namespace

std::size_t TrainingHistory::stepBytes() const
{
    std::size_t bytes = steps.size() * sizeof(Step);
    for (const Step& s : steps)
        bytes += (s.metrics.capacity() + s.gradientNorms.capacity()) * sizeof(double);
    return bytes;
}

QString TrainingHistory::toCsv() const
{
    // An epoch's summary goes on the last (kept) step that belongs to it.
    std::map<std::int64_t, std::int64_t> lastStepOfEpoch;
    for (const Step& s : steps)
        lastStepOfEpoch[s.epoch] = s.step;
    std::map<std::int64_t, const Epoch*> epochAtStep;
    for (const Epoch& e : epochs)
        if (const auto it = lastStepOfEpoch.find(e.epoch); it != lastStepOfEpoch.end())
            epochAtStep[it->second] = &e;

    QString out = header(*this).join(u',') + u'\n';
    const qsizetype blanks = 2 + 2 * metricNames.size();
    for (const Step& s : steps) {
        QStringList cells{QString::number(s.step), QString::number(s.epoch),     number(s.loss),
                          number(s.mainLoss),      number(s.regularizationLoss), number(s.meanLoss),
                          number(s.learningRate)};
        for (double m : s.metrics)
            cells << number(m);
        for (double g : s.gradientNorms)
            cells << number(g);
        if (const auto it = epochAtStep.find(s.step); it != epochAtStep.end()) {
            const Epoch& e = *it->second;
            cells << number(e.loss);
            for (double m : e.metrics)
                cells << number(m);
            cells << (e.validationLoss ? number(*e.validationLoss) : QString());
            for (qsizetype i = 0; i < metricNames.size(); ++i)
                cells << (static_cast<std::size_t>(i) < e.validationMetrics.size()
                              ? number(e.validationMetrics[static_cast<std::size_t>(i)])
                              : QString());
        } else {
            for (qsizetype i = 0; i < blanks; ++i)
                cells << QString();
        }
        out += cells.join(u',') + u'\n';
    }
    return out;
}

std::optional<TrainingHistory> TrainingHistory::fromCsv(const QString& text, QString* error)
{
    const auto fail = [&](int line, const QString& why) -> std::optional<TrainingHistory> {
        if (error)
            *error = QStringLiteral("line %1: %2").arg(line).arg(why);
        return std::nullopt;
    };
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return fail(1, QStringLiteral("no header"));
    const QStringList columns = lines.front().split(u',');
    TrainingHistory h;
    // The metric names sit between learning_rate and the first grad_norm column.
    qsizetype c = 7;
    while (c < columns.size() && !columns[c].startsWith(u"grad_norm/")
           && columns[c] != u"epoch_loss")
        h.metricNames << columns[c++];
    while (c < columns.size() && columns[c].startsWith(u"grad_norm/"))
        h.layerNames << columns[c++].sliced(10);
    if (columns != header(h))
        return fail(1, QStringLiteral("not a GradScope training history header"));

    h.steps.setCapacity(std::max(stepCapacity, static_cast<std::size_t>(lines.size())));
    const auto m = static_cast<std::size_t>(h.metricNames.size());
    const auto l = static_cast<std::size_t>(h.layerNames.size());
    for (qsizetype row = 1; row < lines.size(); ++row) {
        const int line = static_cast<int>(row) + 1;
        const QStringList cells = lines[row].split(u',');
        if (cells.size() != columns.size())
            return fail(
                line,
                QStringLiteral("expected %1 cells, got %2").arg(columns.size()).arg(cells.size()));
        std::vector<std::optional<double>> v;
        for (const QString& cell : cells) {
            if (cell.isEmpty()) {
                v.emplace_back();
                continue;
            }
            const std::optional<double> n = parseNumber(cell);
            if (!n)
                return fail(line, QStringLiteral("'%1' is not a number").arg(cell));
            v.push_back(n);
        }
        for (std::size_t i = 0; i < 7 + m + l; ++i)
            if (!v[i])
                return fail(line, QStringLiteral("empty cell in column %1").arg(i + 1));
        Step s;
        s.step = static_cast<std::int64_t>(*v[0]);
        s.epoch = static_cast<std::int64_t>(*v[1]);
        s.loss = *v[2];
        s.mainLoss = *v[3];
        s.regularizationLoss = *v[4];
        s.meanLoss = *v[5];
        s.learningRate = *v[6];
        for (std::size_t i = 0; i < m; ++i)
            s.metrics.push_back(*v[7 + i]);
        for (std::size_t i = 0; i < l; ++i)
            s.gradientNorms.push_back(*v[7 + m + i]);
        std::size_t e = 7 + m + l;
        if (v[e]) {
            Epoch epoch;
            epoch.epoch = s.epoch;
            epoch.loss = *v[e++];
            for (std::size_t i = 0; i < m; ++i)
                epoch.metrics.push_back(v[e++].value_or(std::numeric_limits<double>::quiet_NaN()));
            epoch.validationLoss = v[e++];
            if (epoch.validationLoss)
                for (std::size_t i = 0; i < m; ++i)
                    epoch.validationMetrics.push_back(
                        v[e++].value_or(std::numeric_limits<double>::quiet_NaN()));
            h.epochs.push_back(std::move(epoch));
        }
        h.steps.push_back(std::move(s));
    }
    return h;
}

} // namespace gs
