#include "document/TrainingRunFile.h"

#include "document/TrainingRunField.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace gs {

namespace {

using runfile::Field;

QString lineAndColumn(const QByteArray& json, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n')
            ++line, column = 1;
        else
            ++column;
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

nn::DataSpec dataOf(const Field& node, const QString& baseDirectory)
{
    nn::DataSpec data;
    node.object(
        {"builtin", "samples", "noise", "seed", "csv", "target", "columns", "rows", "split"});
    if (node.has("seed"))
        data.split.seed = static_cast<std::uint64_t>(node.at("seed").integer(0));
    const int sources = int(node.has("builtin")) + int(node.has("csv")) + int(node.has("rows"));
    if (sources != 1)
        node.fail(QStringLiteral("name exactly one source: \"builtin\", \"csv\" or \"rows\""));
    if (node.has("builtin")) {
        data.source = nn::DataSpec::Source::Builtin;
        data.builtin = node.at("builtin").name();
        if (node.has("samples"))
            data.samples = node.at("samples").integer(4);
        if (node.has("noise"))
            data.noise = node.at("noise").number();
    } else {
        data.target = node.at("target").name();
        if (node.has("csv")) {
            data.source = nn::DataSpec::Source::Csv;
            data.path = QDir(baseDirectory).filePath(node.at("csv").text()).toStdString();
        } else {
            data.source = nn::DataSpec::Source::Inline;
            const Field columns = node.at("columns");
            for (qsizetype i = 0; i < columns.value.toArray().size(); ++i)
                data.columns.push_back(columns.at(i).name());
            if (data.columns.empty())
                columns.fail(QStringLiteral("expected a list of column names"));
            const Field rows = node.at("rows");
            for (qsizetype r = 0; r < rows.value.toArray().size(); ++r) {
                const Field row = rows.at(r);
                if (row.value.toArray().size() != static_cast<qsizetype>(data.columns.size()))
                    row.fail(QStringLiteral("expected %1 numbers, one per column")
                                 .arg(data.columns.size()));
                std::vector<double> values;
                for (qsizetype c = 0; c < row.value.toArray().size(); ++c)
                    values.push_back(row.at(c).number());
                data.rows.push_back(values);
            }
            if (data.rows.empty())
                rows.fail(QStringLiteral("expected a list of rows"));
        }
    }
    if (node.has("split")) {
        const Field split = node.at("split");
        split.object({"test", "valid", "shuffle", "standardize"});
        for (const char* key : {"test", "valid"}) {
            if (!split.has(key))
                continue;
            const Field f = split.at(key);
            const double v = f.number();
            if (v < 0.0 || v >= 1.0)
                f.fail(QStringLiteral("expected a fraction in [0, 1)"));
            (key[0] == 't' ? data.split.testFraction : data.split.validFraction) = v;
        }
        if (split.has("shuffle"))
            data.split.shuffle = split.at("shuffle").flag();
        if (split.has("standardize"))
            data.split.standardize = split.at("standardize").flag();
    }
    return data;
}

nn::Loss lossOf(const Field& node)
{
    const Field nameNode = node.value.isObject() ? node.at("name") : node;
    if (node.value.isObject())
        node.object({"name", "from_logits", "delta"});
    const auto loss = nn::Loss::fromName(nameNode.name());
    if (!loss)
        nameNode.fail(
            QStringLiteral("unknown loss (expected mean_squared_error, mean_absolute_error, huber, "
                           "binary_crossentropy or sparse_categorical_crossentropy)"));
    nn::Loss result = *loss;
    if (node.has("from_logits"))
        result.fromLogits = node.at("from_logits").flag();
    if (node.has("delta"))
        result.delta = node.at("delta").positive();
    return result;
}

nn::OptimizerSpec optimizerOf(const Field& node)
{
    nn::OptimizerSpec spec;
    if (node.value.isString()) {
        spec.name = node.name();
        return spec;
    }
    node.object({"name", "learning_rate", "momentum", "nesterov", "beta_1", "beta_2", "epsilon",
                 "rho", "centered", "amsgrad", "initial_accumulator_value", "legacy", "clipnorm",
                 "clipvalue"});
    spec.name = node.at("name").name();
    auto optional = [&](const char* key, std::optional<double>& out) {
        if (node.has(key))
            out = node.at(key).number();
    };
    auto flag = [&](const char* key, bool& out) {
        if (node.has(key))
            out = node.at(key).flag();
    };
    optional("learning_rate", spec.learningRate);
    optional("momentum", spec.momentum);
    optional("beta_1", spec.beta1);
    optional("beta_2", spec.beta2);
    optional("epsilon", spec.epsilon);
    optional("rho", spec.rho);
    optional("initial_accumulator_value", spec.initialAccumulatorValue);
    flag("nesterov", spec.nesterov);
    flag("centered", spec.centered);
    flag("amsgrad", spec.amsgrad);
    flag("legacy", spec.legacy);
    if (node.has("clipnorm"))
        spec.clipping.clipnorm = node.at("clipnorm").positive();
    if (node.has("clipvalue"))
        spec.clipping.clipvalue = node.at("clipvalue").positive();
    return spec;
}

} // namespace

nn::RunSpec runSpecFromJson(const QByteArray& json, const QString& fileName,
                            const QString& baseDirectory)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw RunFileError{
            QStringLiteral("%1: %2: %3")
                .arg(fileName, lineAndColumn(json, error.offset), error.errorString())};
    const Field root{doc.object(), QString(), &fileName};
    if (!doc.isObject())
        root.fail(QStringLiteral("expected a JSON object"));
    root.object({"format", "version", "seed", "epochs", "steps_per_epoch", "batch_size",
                 "batch_order", "model", "data", "loss", "metrics", "optimizer"});
    if (root.has("format") && root.at("format").text() != u"gradscope-training-run")
        root.at("format").fail(QStringLiteral("expected \"gradscope-training-run\""));
    if (root.has("version") && root.at("version").integer(1) != 1)
        root.at("version").fail(QStringLiteral("this version of gradscope reads version 1"));

    // Everything not named keeps the book's run.
    nn::RunSpec spec = nn::RunSpec::book();
    if (root.has("seed"))
        spec.training.seed = static_cast<std::uint64_t>(root.at("seed").integer(0));
    if (root.has("epochs"))
        spec.training.epochs = root.at("epochs").integer(1);
    if (root.has("steps_per_epoch"))
        spec.training.stepsPerEpoch = root.at("steps_per_epoch").integer(1);
    if (root.has("batch_size"))
        spec.training.batchSize = root.at("batch_size").integer(1);
    if (root.has("batch_order")) {
        const Field order = root.at("batch_order");
        const auto o = nn::batchOrderFromName(order.name());
        if (!o)
            order.fail(QStringLiteral("expected random, shuffled or sequential"));
        spec.training.order = *o;
    }
    if (root.has("model")) {
        const Field model = root.at("model");
        if (!model.value.isArray() || model.value.toArray().isEmpty())
            model.fail(QStringLiteral("expected a non-empty list of layers"));
        spec.layers.clear();
        for (qsizetype i = 0; i < model.value.toArray().size(); ++i)
            spec.layers.push_back(runfile::layerFromJson(model.at(i)));
    }
    if (root.has("data"))
        spec.data = dataOf(root.at("data"), baseDirectory);
    if (root.has("loss"))
        spec.loss = lossOf(root.at("loss"));
    if (root.has("metrics")) {
        const Field metrics = root.at("metrics");
        if (!metrics.value.isArray())
            metrics.fail(QStringLiteral("expected a list of metric names"));
        spec.metrics.clear();
        for (qsizetype i = 0; i < metrics.value.toArray().size(); ++i) {
            const Field m = metrics.at(i);
            const auto kind = nn::Metric::kindFromName(m.name());
            if (!kind)
                m.fail(QStringLiteral(
                    "unknown metric (expected mean_absolute_error, mean_squared_error, accuracy, "
                    "binary_accuracy or sparse_categorical_accuracy)"));
            spec.metrics.push_back(*kind);
        }
    }
    if (root.has("optimizer"))
        spec.optimizer = optimizerOf(root.at("optimizer"));
    return spec;
}

} // namespace gs
