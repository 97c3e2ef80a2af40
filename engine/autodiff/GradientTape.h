#pragma once

#include "engine/autodiff/Variable.h"
#include "engine/core/IdMap.h"
#include "engine/ops/OpObserver.h"

#include <optional>
#include <string>
#include <array>
#include <unordered_map>
#include <vector>

namespace gs {

/// Something a gradient can be taken with respect to: a tensor or a variable (by identity).
struct Source {
    Source(const Tensor& t) : id(t.id()), type{t.dtype(), t.shape()} {} // NOLINT: implicit on purpose
    Source(const Variable& v) : id(v.id()), type{v.dtype(), v.shape()} {} // NOLINT
    TensorId id;
    TensorType type;
};

enum class UnconnectedGradients { None, Zero };

struct GradientOptions {
    /// What a source the target does not depend on gets: None (TensorFlow's default) or zeros.
    UnconnectedGradients unconnected = UnconnectedGradients::None;
    /// The gradient arriving at the target (tf's output_gradients); ones when not given.
    std::optional<Tensor> outputGradient;
    /// When set, receives the adjoint d target / d value of every value on a path from the
    /// sources to the target (intermediates included).
    std::unordered_map<TensorId, Tensor>* adjoints = nullptr;
};

struct TapeOptions {
    bool persistent = false;
    bool watchAccessedVariables = true;
};

/// tf.GradientTape. Recording starts at construction and ends with stop() (the end of Python's
/// `with` block) or destruction. Ops are recorded when one of their inputs is watched: watched
/// constants, trainable variables that were read, and everything computed from them.
class GradientTape : public OpObserver {
public:
    explicit GradientTape(TapeOptions options = {});
    ~GradientTape() override;
    GradientTape(const GradientTape&) = delete;
    GradientTape& operator=(const GradientTape&) = delete;

    void watch(const Tensor& tensor);
    void watch(const Variable& variable);
    /// Ends recording (leaving the `with` block). Gradients can still be taken.
    void stop();
    bool recording() const { return recording_; }
    bool persistent() const { return options_.persistent; }

    /// One gradient per source; std::nullopt is None. A non-scalar target means the gradient of
    /// its sum. A non-persistent tape allows one call (gradient or jacobian), then throws.
    std::vector<std::optional<Tensor>> gradient(const Tensor& target, const std::vector<Source>& sources,
                                                const GradientOptions& options = {});
    std::optional<Tensor> gradient(const Tensor& target, const Tensor& source, const GradientOptions& options = {});
    std::optional<Tensor> gradient(const Tensor& target, const Variable& source, const GradientOptions& options = {});
    /// d target[i] / d source[j], shaped target.dims + source.dims (rank 2 at most).
    std::optional<Tensor> jacobian(const Tensor& target, const Source& source,
                                   UnconnectedGradients unconnected = UnconnectedGradients::None);

    /// Whether gradients can flow to `id`: a watched constant or variable, or a value this tape
    /// computed from one through differentiable ops.
    bool isWatched(TensorId id) const;
    /// What TensorFlow logs as warnings about this tape, in order: watching an integer tensor
    /// ("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32") and
    /// asking for the gradient of an integer source (whose gradient is None).
    const std::vector<std::string>& warnings() const { return warnings_; }
    std::size_t entryCount() const { return entries_.size(); }

    void onOp(const OpRecord& record) override;
    void onVariableRead(const Variable& variable) override;
    bool isTape() const override { return true; }

private:
    /// One recorded op call. Inputs of small ops are stored inline: recording must not allocate
    /// for the common one- and two-input ops.
    struct Entry {
        const OpDef* op = nullptr;
        std::array<Tensor, 3> few;
        std::vector<Tensor> many;
        std::array<int, 3> fewProducers{};
        std::vector<int> manyProducers;
        std::size_t count = 0;
        Attrs attrs;
        Tensor output;
        std::shared_ptr<const CustomGradFn> custom;

        bool differentiable() const { return custom || op->differentiable(); }
        std::span<const Tensor> inputs() const
        {
            return count <= few.size() ? std::span<const Tensor>(few.data(), count) : std::span<const Tensor>(many);
        }
        /// Index of the entry that produced input i, or -1 for a leaf (constant or variable).
        int producer(std::size_t i) const { return count <= few.size() ? fewProducers[i] : manyProducers[i]; }
    };

    /// What a tape's recording needs, kept per thread between tapes so that a new tape's
    /// recording allocates nothing (GradientTape.cpp).
    struct Storage;
    static std::vector<Storage>& storagePool();
    void consume();
    /// One reverse pass: the gradient reaching each source; with keepAll, also every adjoint.
    std::vector<std::optional<Tensor>> sweep(const Tensor& target, const Tensor& seed, const std::vector<Source>& sources,
                                             std::unordered_map<TensorId, Tensor>* keepAll);

    TapeOptions options_;
    bool recording_ = true;
    bool sweeping_ = false;
    bool used_ = false;
    std::vector<Entry> entries_;
    IdMap watchedLeaves_; ///< watched constants and variables (value unused)
    IdMap producers_;     ///< output id -> index of the entry that computed it
    std::vector<std::string> warnings_;
};

} // namespace gs
