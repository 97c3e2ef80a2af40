#pragma once

#include "engine/nn/BatchNormalization.h"
#include "engine/nn/Dense.h"
#include "engine/nn/TrainingLoop.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gs::nn {

// A complete, reproducible description of a training run: what a run file
// (docs/training-run-file.md) holds, and what the UI's training panel edits. Plain data;
// makeTrainingLoop() turns it into objects.

struct LayerSpec {
    enum class Type { Dense, Dropout, BatchNormalization };
    Type type = Type::Dense;
    std::string name; ///< empty: Keras's automatic name
    DenseOptions dense;
    double dropoutRate = 0.5;
    BatchNormalization::Options batchNormalization;
    /// Initial values by weight name ("kernel", "bias", "gamma", ...), replacing the initializer's.
    std::vector<std::pair<std::string, Tensor>> weights;
};

struct DataSpec {
    enum class Source { Builtin, Csv, Inline };
    Source source = Source::Builtin;
    /// Builtin: "housing" (housingLike) or a classic 2-D set ("circle", "xor", "gauss", "spiral").
    std::string builtin = "housing";
    std::int64_t samples = 500; ///< classic sets only
    double noise = 0.0;         ///< classic sets only
    /// Csv: the file; Csv and Inline: the target column.
    std::string path;
    std::string target;
    /// Inline: column names and rows of numbers.
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
    /// How tables are split and scaled; its seed also seeds the synthetic sets.
    SplitOptions split;
};

/// An optimizer by Keras name ("sgd", "adagrad", "rmsprop", "adam", "nadam"); unset
/// hyperparameters take Keras's defaults.
struct OptimizerSpec {
    std::string name = "nadam";
    std::optional<double> learningRate;
    std::optional<double> momentum;
    bool nesterov = false;
    std::optional<double> beta1;
    std::optional<double> beta2;
    std::optional<double> epsilon;
    std::optional<double> rho;
    bool centered = false;
    bool amsgrad = false;
    std::optional<double> initialAccumulatorValue;
    bool legacy = false; ///< nadam: tf.keras 2.x's schedule
    Clipping clipping;
};

struct RunSpec {
    std::vector<LayerSpec> layers;
    DataSpec data;
    Loss loss;
    std::vector<Metric::Kind> metrics;
    OptimizerSpec optimizer;
    /// epochs, batch size, batch order and the seed (weights, batches, dropout).
    TrainingOptions training;

    /// The book's run: Dense(30, elu, he_normal, l2(0.05)) -> Dense(1, l2(0.05)), MSE,
    /// Nadam(learning_rate=0.01), MAE metric, batch 32 with random batches, 5 epochs, on
    /// housingLike().
    static RunSpec book();
};

/// The dataset a DataSpec names (DatasetError for a bad CSV, an unknown builtin, ...).
DatasetSplit loadData(const DataSpec& spec);
/// The model of `spec` built for `inputDim` features with `seed`, inline weights assigned.
Sequential buildModel(const std::vector<LayerSpec>& layers, std::int64_t inputDim,
                      std::uint64_t seed);
/// The optimizer of `spec` (EngineError for an unknown name or a bad hyperparameter).
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec);
/// Everything together, ready to run.
std::unique_ptr<TrainingLoop> makeTrainingLoop(const RunSpec& spec);

} // namespace gs::nn
