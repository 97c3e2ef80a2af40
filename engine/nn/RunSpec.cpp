#include "engine/nn/RunSpec.h"

#include "engine/nn/Csv.h"
#include "engine/nn/Dropout.h"
#include "engine/nn/Optimizers.h"
#include "engine/nn/SyntheticData.h"

namespace gs::nn {

RunSpec RunSpec::book()
{
    RunSpec spec;
    LayerSpec hidden;
    hidden.dense.units = 30;
    hidden.dense.activation = Activation::Elu;
    hidden.dense.kernelInitializer = Initializer::heNormal();
    hidden.dense.kernelRegularizer = Regularizer::L2(0.05);
    LayerSpec output;
    output.dense.units = 1;
    output.dense.kernelRegularizer = Regularizer::L2(0.05);
    spec.layers = {hidden, output};
    spec.loss = Loss{Loss::Kind::MeanSquaredError};
    spec.metrics = {Metric::Kind::MeanAbsoluteError};
    spec.optimizer.name = "nadam";
    spec.optimizer.learningRate = 0.01;
    return spec;
}

DatasetSplit loadData(const DataSpec& spec)
{
    switch (spec.source) {
    case DataSpec::Source::Builtin: {
        if (spec.builtin == "housing")
            return housingLike(spec.split.seed);
        if (const auto kind = classic2DFromName(spec.builtin))
            return classic2D(*kind, spec.samples, spec.noise, spec.split);
        throw DatasetError("unknown built-in dataset '" + spec.builtin
                               + "' (expected housing, circle, xor, gauss or spiral)",
                           0);
    }
    case DataSpec::Source::Csv:
        return loadCsv(spec.path, spec.target, spec.split);
    case DataSpec::Source::Inline:
        return splitTable(spec.columns, spec.rows, spec.target, spec.split);
    }
    throw DatasetError("no data", 0);
}

Sequential buildModel(const std::vector<LayerSpec>& layers, std::int64_t inputDim,
                      std::uint64_t seed)
{
    Sequential model;
    for (const LayerSpec& l : layers) {
        switch (l.type) {
        case LayerSpec::Type::Dense:
            model.emplace<Dense>(l.dense, l.name);
            break;
        case LayerSpec::Type::Dropout:
            model.emplace<Dropout>(l.dropoutRate, l.name);
            break;
        case LayerSpec::Type::BatchNormalization:
            model.emplace<BatchNormalization>(l.batchNormalization, l.name);
            break;
        }
    }
    model.build(inputDim, seed);
    for (std::size_t i = 0; i < layers.size(); ++i)
        for (const auto& [name, value] : layers[i].weights)
            if (!model.layer(i).setWeight(name, value))
                throw EngineError("layer '" + model.layer(i).name() + "' has no weight named '"
                                  + name + "'");
    return model;
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec)
{
    const std::string& n = spec.name;
    if (n == "sgd" || n == "SGD") {
        SGD::Options o;
        o.learningRate = spec.learningRate.value_or(o.learningRate);
        o.momentum = spec.momentum.value_or(o.momentum);
        o.nesterov = spec.nesterov;
        o.clipping = spec.clipping;
        return std::make_unique<SGD>(o);
    }
    if (n == "adagrad") {
        Adagrad::Options o;
        o.learningRate = spec.learningRate.value_or(o.learningRate);
        o.initialAccumulatorValue =
            spec.initialAccumulatorValue.value_or(o.initialAccumulatorValue);
        o.epsilon = spec.epsilon.value_or(o.epsilon);
        o.clipping = spec.clipping;
        return std::make_unique<Adagrad>(o);
    }
    if (n == "rmsprop") {
        RMSprop::Options o;
        o.learningRate = spec.learningRate.value_or(o.learningRate);
        o.rho = spec.rho.value_or(o.rho);
        o.momentum = spec.momentum.value_or(o.momentum);
        o.epsilon = spec.epsilon.value_or(o.epsilon);
        o.centered = spec.centered;
        o.clipping = spec.clipping;
        return std::make_unique<RMSprop>(o);
    }
    if (n == "adam") {
        Adam::Options o;
        o.learningRate = spec.learningRate.value_or(o.learningRate);
        o.beta1 = spec.beta1.value_or(o.beta1);
        o.beta2 = spec.beta2.value_or(o.beta2);
        o.epsilon = spec.epsilon.value_or(o.epsilon);
        o.amsgrad = spec.amsgrad;
        o.clipping = spec.clipping;
        return std::make_unique<Adam>(o);
    }
    if (n == "nadam") {
        Nadam::Options o;
        o.learningRate = spec.learningRate.value_or(o.learningRate);
        o.beta1 = spec.beta1.value_or(o.beta1);
        o.beta2 = spec.beta2.value_or(o.beta2);
        o.epsilon = spec.epsilon.value_or(o.epsilon);
        o.legacy = spec.legacy;
        o.clipping = spec.clipping;
        return std::make_unique<Nadam>(o);
    }
    throw EngineError("unknown optimizer '" + n
                      + "' (expected sgd, adagrad, rmsprop, adam or nadam)");
}

std::unique_ptr<TrainingLoop> makeTrainingLoop(const RunSpec& spec)
{
    if (spec.layers.empty())
        throw EngineError("the model has no layers");
    DatasetSplit data = loadData(spec.data);
    Sequential model = buildModel(spec.layers, data.train.x.shape().cols, spec.training.seed);
    return std::make_unique<TrainingLoop>(std::move(model), spec.loss,
                                          makeOptimizer(spec.optimizer), spec.metrics,
                                          std::move(data), spec.training);
}

} // namespace gs::nn
