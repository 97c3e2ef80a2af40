#pragma once

#include "engine/ops/OpObserver.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

/// One step of an evaluation, as the UI steps through it.
struct Event {
    enum class Kind {
        Forward,  ///< an op ran: inputs -> output
        Backward, ///< the gradient at an op's output was sent to its inputs
        Sum,      ///< contributions from several consumers of one value were added up
        Cut       ///< a gradient reached a non-differentiable op (stop_gradient) and stopped there
    };
    Kind kind = Kind::Forward;
    std::string op;
    Attrs attrs;
    std::vector<TensorId> inputIds;
    std::vector<Tensor> inputs;
    TensorId outputId = 0;
    Tensor output;
    /// Backward and Cut: the gradient arriving at the output. Sum: the total.
    Tensor upstream;
    /// Backward: per input, d output / d input for a unit upstream gradient (of the output's sum
    /// for non-scalar outputs); None where the input needs no gradient.
    std::vector<std::optional<Tensor>> local;
    /// Backward: per input, what was sent to it (None: nothing). Sum: the parts that were added.
    std::vector<std::optional<Tensor>> contributions;
    /// Non-empty when a NaN or an infinity was born at this step: the human reason.
    std::string nonfinite;
};

/// Records an evaluation as an ordered event list: forward ops as they run (every op, watched or
/// not) and, while it is active, every backward step a gradient tape takes. Active from
/// construction until stop() or destruction.
class EventLog : public OpObserver {
public:
    EventLog();
    ~EventLog() override;
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;
    void stop();

    const std::vector<Event>& events() const { return events_; }
    /// The innermost active log on this thread, or nullptr.
    static EventLog* current();

    void onOp(const OpRecord& record) override;
    void recordBackward(const OpDef& op, const std::shared_ptr<const CustomGradFn>& custom, const GradContext& ctx,
                        const Gradients& grads);
    void recordSum(TensorId id, const std::vector<Tensor>& parts, const Tensor& sum);
    void recordCut(const std::string& op, std::span<const Tensor> inputs, const Tensor& output, const Tensor& upstream);

    /// While alive, ops computed by a backward sweep are not logged as forward events.
    class BackwardScope {
    public:
        explicit BackwardScope(EventLog* log);
        ~BackwardScope();
        BackwardScope(const BackwardScope&) = delete;
        BackwardScope& operator=(const BackwardScope&) = delete;

    private:
        EventLog* log_;
    };

private:
    std::vector<Event> events_;
    int backwardDepth_ = 0;
    bool active_ = true;
};

} // namespace gs
