// The "model" part of a training run file: layers, initializers, regularizers, constraints and
// inline weights (docs/training-run-file.md).
#include "document/TrainingRunField.h"

namespace gs::runfile {

namespace {

/// A number, a vector or a matrix (nested lists), as a float32 tensor.
Tensor tensorOf(const Field& node)
{
    if (node.value.isDouble())
        return Tensor::scalar(node.number());
    if (!node.value.isArray())
        node.fail(QStringLiteral("expected a number or a list of numbers"));
    const QJsonArray array = node.value.toArray();
    if (!array.isEmpty() && array.first().isArray()) {
        std::vector<std::vector<double>> rows;
        for (qsizetype r = 0; r < array.size(); ++r) {
            const Field row = node.at(r);
            if (!row.value.isArray()
                || row.value.toArray().size() != array.first().toArray().size())
                row.fail(QStringLiteral("expected a row of %1 numbers")
                             .arg(array.first().toArray().size()));
            std::vector<double> values;
            for (qsizetype c = 0; c < row.value.toArray().size(); ++c)
                values.push_back(row.at(c).number());
            rows.push_back(values);
        }
        return Tensor::matrix(rows);
    }
    std::vector<double> values;
    for (qsizetype i = 0; i < array.size(); ++i)
        values.push_back(node.at(i).number());
    return Tensor::vector(values);
}

nn::Initializer initializerOf(const Field& node)
{
    const Field nameNode = node.value.isObject() ? node.at("name") : node;
    if (node.value.isObject())
        node.object({"name", "value"});
    const auto init = nn::Initializer::fromName(nameNode.name());
    if (!init)
        nameNode.fail(QStringLiteral(
            "unknown initializer (expected he_normal, glorot_uniform, zeros, ones or constant)"));
    nn::Initializer result = *init;
    if (result.kind == nn::Initializer::Kind::Constant)
        result.value = node.has("value") ? node.at("value").number() : 0.0;
    return result;
}

nn::Regularizer regularizerOf(const Field& node)
{
    // Keras's string shortcuts use the factor 0.01.
    if (node.value.isString()) {
        const QString name = node.text();
        if (name == u"l1")
            return nn::Regularizer::L1(0.01);
        if (name == u"l2")
            return nn::Regularizer::L2(0.01);
        if (name == u"l1_l2")
            return nn::Regularizer::L1L2(0.01, 0.01);
        node.fail(QStringLiteral(
            "unknown regularizer (expected l1, l2, l1_l2 or an object such as {\"l2\": 0.05})"));
    }
    node.object({"l1", "l2"});
    nn::Regularizer r;
    if (node.has("l1"))
        r.l1 = node.at("l1").number();
    if (node.has("l2"))
        r.l2 = node.at("l2").number();
    return r;
}

nn::Constraint constraintOf(const Field& node)
{
    if (node.value.isString()) {
        if (node.text() == u"non_neg")
            return nn::Constraint::nonNeg();
        if (node.text() == u"max_norm")
            return nn::Constraint::maxNorm(2.0);
        node.fail(QStringLiteral(
            "unknown constraint (expected max_norm, non_neg or {\"max_norm\": 2.0})"));
    }
    node.object({"max_norm", "axis"});
    if (!node.has("max_norm"))
        node.fail(QStringLiteral("expected {\"max_norm\": VALUE} or \"non_neg\""));
    const auto axis = node.has("axis") ? node.at("axis").integer(0) : 0;
    if (axis > 1)
        node.at("axis").fail(QStringLiteral("expected 0 or 1"));
    return nn::Constraint::maxNorm(node.at("max_norm").positive(), static_cast<int>(axis));
}

} // namespace

nn::LayerSpec layerFromJson(const Field& node)
{
    nn::LayerSpec layer;
    node.object({"type", "name", "units", "activation", "use_bias", "kernel_initializer",
                 "bias_initializer", "kernel_regularizer", "bias_regularizer", "kernel_constraint",
                 "bias_constraint", "rate", "momentum", "epsilon", "weights"});
    const QString type = node.at("type").text();
    if (node.has("name"))
        layer.name = node.at("name").name();
    if (type == u"dense") {
        layer.type = nn::LayerSpec::Type::Dense;
        layer.dense.units = node.at("units").integer(1);
        if (node.has("activation")) {
            const auto activation = nn::activationFromName(node.at("activation").name());
            if (!activation)
                node.at("activation")
                    .fail(QStringLiteral("unknown activation (expected linear, relu, elu, selu, "
                                         "sigmoid, tanh, softplus, leaky_relu or softmax)"));
            layer.dense.activation = *activation;
        }
        if (node.has("use_bias"))
            layer.dense.useBias = node.at("use_bias").flag();
        if (node.has("kernel_initializer"))
            layer.dense.kernelInitializer = initializerOf(node.at("kernel_initializer"));
        if (node.has("bias_initializer"))
            layer.dense.biasInitializer = initializerOf(node.at("bias_initializer"));
        if (node.has("kernel_regularizer"))
            layer.dense.kernelRegularizer = regularizerOf(node.at("kernel_regularizer"));
        if (node.has("bias_regularizer"))
            layer.dense.biasRegularizer = regularizerOf(node.at("bias_regularizer"));
        if (node.has("kernel_constraint"))
            layer.dense.kernelConstraint = constraintOf(node.at("kernel_constraint"));
        if (node.has("bias_constraint"))
            layer.dense.biasConstraint = constraintOf(node.at("bias_constraint"));
    } else if (type == u"dropout") {
        layer.type = nn::LayerSpec::Type::Dropout;
        const Field rate = node.at("rate");
        layer.dropoutRate = rate.number();
        if (layer.dropoutRate < 0.0 || layer.dropoutRate >= 1.0)
            rate.fail(QStringLiteral("expected a rate in [0, 1)"));
    } else if (type == u"batch_normalization") {
        layer.type = nn::LayerSpec::Type::BatchNormalization;
        if (node.has("momentum"))
            layer.batchNormalization.momentum = node.at("momentum").number();
        if (node.has("epsilon"))
            layer.batchNormalization.epsilon = node.at("epsilon").positive();
    } else {
        node.at("type").fail(
            QStringLiteral("unknown layer type (expected dense, dropout or batch_normalization)"));
    }
    if (node.has("weights")) {
        const Field weights = node.at("weights");
        const QJsonObject o =
            weights.object({"kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"});
        for (auto it = o.begin(); it != o.end(); ++it)
            layer.weights.emplace_back(it.key().toStdString(),
                                       tensorOf(weights.at(it.key().toLatin1().constData())));
    }
    return layer;
}

} // namespace gs::runfile
