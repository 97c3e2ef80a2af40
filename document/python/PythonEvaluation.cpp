#include "document/python/PythonEvaluation.h"

#include "document/OpCatalog.h"

#include "document/Evaluation.h"
#include "engine/autodiff/CustomGradient.h"
#include "engine/autodiff/Variable.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"

#include <cmath>
#include <memory>
#include <unordered_set>

namespace gs {

std::optional<Tensor> PythonEvaluation::value(python::Slot slot) const
{
    if (slot < 0 || slot >= static_cast<python::Slot>(values.size()))
        return std::nullopt;
    return values[static_cast<std::size_t>(slot)];
}

namespace {

using python::CustomBody;
using python::Slot;
using python::Step;

/// A step that failed, and why.
struct StepFailure {
    SourceSpan span;
    QString message;
};

class Replay {
public:
    Replay(const PythonProgram& program, const PythonEvaluationOptions& options, PythonEvaluation& result)
        : program_(program)
        , options_(options)
        , result_(result)
        , dtype_(options.dtype ? *options.dtype : documentDType(program.data))
    {
        result_.dtype = dtype_;
        result_.values.assign(static_cast<std::size_t>(program.script.slotCount), std::nullopt);
        computed_.assign(static_cast<std::size_t>(program.script.slotCount), false);
        tapes_.resize(static_cast<std::size_t>(program.script.tapeCount));
    }

    void run()
    {
        try {
            steps(program_.script.steps);
        } catch (const StepFailure& f) {
            result_.error = FormulaError::at(program_.text, f.span, f.message);
        }
        for (auto it = tapes_.rbegin(); it != tapes_.rend(); ++it)
            if (*it)
                (*it)->stop();
    }

private:
    void steps(const std::vector<Step>& list)
    {
        for (const Step& s : list) {
            try {
                step(s);
            } catch (const StepFailure&) {
                throw;
            } catch (const std::exception& e) {
                throw StepFailure{s.span, QString::fromStdString(e.what())};
            }
        }
    }

    Tensor declared(const Step& s) const
    {
        const TensorValue* v = nullptr;
        if (auto it = options_.values.find(s.node); s.node.valid() && it != options_.values.end())
            v = &it->second;
        else if (s.value)
            v = &*s.value;
        if (!v)
            throw StepFailure{s.span, QStringLiteral("%1 has no value: assign it first (%1 = tf.Variable(1.0)) or give a value "
                                                     "when evaluating (--at %1=1.0)")
                                          .arg(s.name.isEmpty() ? QStringLiteral("this variable") : s.name)};
        return options_.dtype && !(v->dtype && isInteger(*v->dtype)) ? Tensor::fromValues(v->shape, v->values, *options_.dtype)
                                                                     : v->toTensor(dtype_);
    }

    void set(Slot slot, std::optional<Tensor> value)
    {
        result_.values[static_cast<std::size_t>(slot)] = std::move(value);
        computed_[static_cast<std::size_t>(slot)] = true;
    }

    /// The value of a slot as an op's input: a variable is read (so recording tapes watch it).
    Tensor read(Slot slot, const SourceSpan& span) const
    {
        if (auto it = variables_.find(slot); it != variables_.end())
            return it->second.value();
        const auto& v = result_.values[static_cast<std::size_t>(slot)];
        if (!v)
            throw StepFailure{span, computed_[static_cast<std::size_t>(slot)]
                                        ? QStringLiteral("a gradient here is None, and None cannot be used as a tensor")
                                        : QStringLiteral("a value here was never computed")};
        return *v;
    }

    Source source(Slot slot, const SourceSpan& span) const
    {
        if (auto it = variables_.find(slot); it != variables_.end())
            return Source(it->second);
        return Source(read(slot, span));
    }

    void step(const Step& s)
    {
        switch (s.kind) {
        case Step::Kind::Variable: {
            Variable variable(declared(s), s.trainable, s.name.toStdString());
            variables_.emplace(s.out, variable);
            set(s.out, variable.peek());
            return;
        }
        case Step::Kind::Constant:
            set(s.out, declared(s));
            if (s.implicit) // a Python number takes the dtype of the tensor it meets (int32 too)
                implicit_.insert(s.out);
            return;
        case Step::Kind::Apply: set(s.out, apply(*s.op, std::span<const Tensor>(inputs(s)), s.attrs)); return;
        case Step::Kind::Custom: set(s.out, custom(s)); return;
        case Step::Kind::BeginTape:
            // Every replayed tape is persistent: the reader already refused a second call on a
            // non-persistent tape (with TensorFlow's message and the call's place), and a
            // jacobian() over several sources must be one call, as it is in TensorFlow.
            tapes_[static_cast<std::size_t>(s.tape)] = std::make_unique<GradientTape>(TapeOptions{true, s.tapeOptions.watchAccessedVariables});
            return;
        case Step::Kind::EndTape: tapes_[static_cast<std::size_t>(s.tape)]->stop(); return;
        case Step::Kind::Watch: {
            GradientTape& tape = *tapes_[static_cast<std::size_t>(s.tape)];
            const Slot w = s.inputs.front();
            if (auto it = variables_.find(w); it != variables_.end())
                tape.watch(it->second);
            else
                tape.watch(read(w, s.span));
            return;
        }
        case Step::Kind::Gradient: gradient(s); return;
        }
    }

    void gradient(const Step& s)
    {
        GradientTape& tape = *tapes_[static_cast<std::size_t>(s.tape)];
        const Tensor target = read(s.inputs.front(), s.span);
        std::vector<Source> sources;
        for (std::size_t i = 1; i < s.inputs.size(); ++i)
            sources.push_back(source(s.inputs[i], s.span));
        std::vector<std::optional<Tensor>> grads;
        if (s.jacobian) {
            for (const Source& src : sources)
                grads.push_back(tape.jacobian(target, src, s.unconnected));
        } else {
            GradientOptions options;
            options.unconnected = s.unconnected;
            grads = tape.gradient(target, sources, options);
        }
        for (const std::string& w : tape.warnings())
            if (!result_.warnings.contains(QString::fromStdString(w)))
                result_.warnings << QString::fromStdString(w);
        for (std::size_t i = 0; i < s.outputs.size(); ++i)
            set(s.outputs[i], grads[i]);
    }

    /// An op's inputs, Python numbers in the dtype of the tensors they meet.
    std::vector<Tensor> inputs(const Step& s) const
    {
        std::vector<Tensor> in;
        std::optional<DType> met;
        for (Slot i : s.inputs) {
            in.push_back(read(i, s.span));
            if (!implicit_.count(i) && isNumeric(in.back().dtype()) && !met
                && !(s.op && opcatalog::takesIndices(*s.op, in.size() - 1)))
                met = in.back().dtype();
        }
        for (std::size_t k = 0; k < in.size(); ++k) {
            if (s.op && opcatalog::takesIndices(*s.op, k) && implicit_.count(s.inputs[k]))
                in[k] = Tensor::fromValues(in[k].shape(), in[k].toDoubles(), DType::Int32); // tf.gather(x, [0, 2])
            else if (met && implicit_.count(s.inputs[k]) && in[k].dtype() != *met) {
                // tf.constant(3) + 2.5: TensorFlow converts the Python number to the tensor's dtype
                // and refuses one that is not whole; it never truncates.
                if (isInteger(*met))
                    for (double x : in[k].toDoubles())
                        if (!std::isfinite(x) || x != std::trunc(x)) // nan and inf too, as TensorFlow
                            throw EngineError("Cannot convert " + formatNumber(x, DType::Float64) + " to EagerTensor of dtype "
                                              + std::string(dtypeName(*met)));
                in[k] = Tensor::fromValues(in[k].shape(), in[k].toDoubles(), *met);
            }
        }
        return in;
    }

    Tensor custom(const Step& s)
    {
        const CustomBody& body = program_.script.bodies[static_cast<std::size_t>(s.body)];
        std::vector<Tensor> in;
        for (Slot i : s.inputs)
            in.push_back(read(i, s.span));
        return customGradient(std::span<const Tensor>(in), [this, &body, &s](std::span<const Tensor> params) {
            for (std::size_t i = 0; i < params.size(); ++i)
                set(body.params[i], params[i]);
            steps(body.forward);
            CustomGradFn gradient = [this, &body, &s](const Tensor& dy) {
                set(body.upstream, dy);
                steps(body.gradient);
                Gradients grads;
                for (Slot g : body.grads)
                    grads.push_back(g < 0 ? std::nullopt : std::optional<Tensor>(read(g, s.span)));
                return grads;
            };
            return CustomForward{read(body.output, s.span), gradient};
        });
    }

    const PythonProgram& program_;
    const PythonEvaluationOptions& options_;
    PythonEvaluation& result_;
    DType dtype_;
    std::vector<bool> computed_;
    std::unordered_set<Slot> implicit_;
    std::unordered_map<Slot, Variable> variables_;
    std::vector<std::unique_ptr<GradientTape>> tapes_;
};

} // namespace

PythonEvaluation evaluatePython(const PythonProgram& program, const PythonEvaluationOptions& options)
{
    PythonEvaluation result;
    Replay(program, options, result).run();
    return result;
}

} // namespace gs
