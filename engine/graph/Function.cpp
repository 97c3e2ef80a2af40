#include "engine/graph/Function.h"

#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/graph/Executor.h"
#include "engine/graph/Tracer.h"

#include <cmath>

namespace gs {

std::string formatPlainNumber(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    return formatNumber(value, DType::Float64);
}

std::string PythonNumber::repr() const
{
    return integer ? formatPlainNumber(value) : formatNumber(value, DType::Float64);
}

namespace {

std::string specText(const Tensor& t)
{
    return "TensorSpec(shape=" + t.shape().str() + ", dtype=" + std::string(dtypeName(t.dtype())) + ")";
}

std::vector<Tensor> tensorArgs(const std::vector<FunctionArg>& args)
{
    std::vector<Tensor> out;
    for (const FunctionArg& a : args)
        if (const Tensor* t = std::get_if<Tensor>(&a))
            out.push_back(*t);
    return out;
}

} // namespace

Function::Function(std::string name, std::vector<std::string> parameters, Body body,
                   std::optional<std::vector<TensorSpec>> inputSignature)
    : name_(std::move(name)), parameters_(std::move(parameters)), body_(std::move(body)),
      inputSignature_(std::move(inputSignature))
{
}

std::string Function::signatureOf(const std::vector<FunctionArg>& args) const
{
    std::string s;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& name = i < parameters_.size() ? parameters_[i] : "arg" + std::to_string(i);
        s += i ? ", " : "";
        if (const Tensor* t = std::get_if<Tensor>(&args[i]))
            s += name + ": " + specText(*t);
        else
            s += name + "=" + std::get<PythonNumber>(args[i]).repr();
    }
    return s;
}

std::string Function::keyOf(const std::vector<FunctionArg>& args) const
{
    std::string s;
    for (const FunctionArg& a : args)
        if (const Tensor* t = std::get_if<Tensor>(&a))
            s += specText(*t) + ";";
        else
            s += formatPlainNumber(std::get<PythonNumber>(a).value) + ";";
    return s;
}

std::string Function::retraceReason(const std::vector<FunctionArg>& args) const
{
    if (concretes_.empty())
        return "first call: no graph exists yet";
    // Compare with the most recent graph to say what differs.
    const ConcreteFunction& last = *concretes_.back();
    for (std::size_t i = 0; i < args.size() && i < last.key.size(); ++i) {
        const std::string& name = i < parameters_.size() ? parameters_[i] : "arg" + std::to_string(i);
        const Tensor* t = std::get_if<Tensor>(&args[i]);
        const Tensor* old = std::get_if<Tensor>(&last.key[i]);
        if (t && old && (t->dtype() != old->dtype() || t->shape() != old->shape()))
            return "new input signature: " + name + " is " + std::string(dtypeName(t->dtype())) + " of shape "
                   + t->shape().str() + ", the last graph takes " + std::string(dtypeName(old->dtype())) + " of shape "
                   + old->shape().str();
        if (!t && !old && std::get<PythonNumber>(args[i]).value != std::get<PythonNumber>(last.key[i]).value)
            return name + "=" + std::get<PythonNumber>(args[i]).repr()
                   + " is a plain number: every distinct value gets its own graph (the last graph has " + name
                   + "=" + std::get<PythonNumber>(last.key[i]).repr() + ")";
        if (static_cast<bool>(t) != static_cast<bool>(old))
            return name + (t ? " is now a tensor" : " is now a plain number") + ": a new signature";
    }
    return "new input signature";
}

ConcreteFunction& Function::lookupOrTrace(const std::vector<FunctionArg>& args, FunctionCall& call)
{
    if (args.size() != parameters_.size())
        throw EngineError(name_ + "() takes " + std::to_string(parameters_.size()) + " arguments, got "
                          + std::to_string(args.size()));
    if (inputSignature_) {
        const auto& specs = *inputSignature_;
        const std::vector<Tensor> tensors = tensorArgs(args);
        bool ok = tensors.size() == args.size() && tensors.size() == specs.size();
        for (std::size_t i = 0; ok && i < tensors.size(); ++i)
            ok = TensorSpec{tensors[i].dtype(), tensors[i].shape()} == specs[i];
        if (!ok) {
            std::string expected;
            for (std::size_t i = 0; i < specs.size(); ++i)
                expected += (i ? ", " : "") + std::string(dtypeName(specs[i].dtype)) + " " + specs[i].shape.str();
            throw EngineError(name_ + ": the call (" + signatureOf(args)
                              + ") does not match the fixed input signature (" + expected + ")");
        }
    }
    call.signature = signatureOf(args);
    const std::string key = keyOf(args);
    if (auto it = byKey_.find(key); it != byKey_.end()) {
        ConcreteFunction& reused = *concretes_[it->second];
        call.traced = false;
        call.concrete = static_cast<int>(it->second);
        call.reason = "reused the graph traced for " + reused.signature;
        if (reused.signature != call.signature)
            call.reason += " (plain numbers are keyed by value, and 2 == 2.0 in Python)";
        return reused;
    }
    call.traced = true;
    call.reason = retraceReason(args);

    auto cf = std::make_unique<ConcreteFunction>();
    cf->signature = call.signature;
    cf->key = args;
    {
        Tracer tracer;
        for (std::size_t i = 0; i < args.size(); ++i)
            if (const Tensor* t = std::get_if<Tensor>(&args[i]))
                tracer.addInput(*t, parameters_[i]);
        cf->traced = tracer.finish(body_(args));
    }
    cf->optimized = optimize(cf->traced, cf->passes);
    cf->scalarPlan = ScalarPlan::of(cf->optimized);
    ConcreteFunction& ref = *cf;
    byKey_[key] = concretes_.size();
    call.concrete = static_cast<int>(concretes_.size());
    concretes_.push_back(std::move(cf));
    if (traceCount() >= retraceWarningThreshold)
        warning_ = std::to_string(traceCount()) + " calls to " + name_
                   + " triggered tracing. Tracing is expensive; pass tensors rather than plain numbers for values "
                     "that change, and keep shapes fixed (or fix an input signature).";
    return ref;
}

std::vector<Tensor> Function::operator()(const std::vector<FunctionArg>& args)
{
    FunctionCall call;
    ConcreteFunction& cf = lookupOrTrace(args, call);
    calls_.push_back(call);
    ++cf.callCount;
    return cf.run(args);
}

const ConcreteFunction& Function::concrete(const std::vector<FunctionArg>& args)
{
    FunctionCall call;
    return lookupOrTrace(args, call);
}

std::vector<Tensor> ConcreteFunction::run(const std::vector<FunctionArg>& args) const
{
    if (scalarPlan)
        return scalarPlan->run(optimized, tensorArgs(args));
    return execute(optimized, tensorArgs(args));
}

Graph ConcreteFunction::backwardGraph() const
{
    // Placeholders with the forward graph's input types; the values only seed the trace.
    std::vector<Tensor> inputs;
    for (int i : optimized.inputs) {
        const GraphNode& n = optimized.nodes[static_cast<std::size_t>(i)];
        inputs.push_back(Tensor::zeros(n.type.shape, n.type.dtype));
    }
    for (std::size_t i = 0; i < key.size(); ++i)
        if (const Tensor* t = std::get_if<Tensor>(&key[i]); t && !inputs.empty()) {
            // Trace at the values of the signature's first call, so the seed is meaningful.
            std::size_t slot = 0;
            for (std::size_t j = 0; j < i; ++j)
                slot += std::holds_alternative<Tensor>(key[j]) ? 1 : 0;
            inputs[slot] = *t;
        }
    Tracer tracer;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const GraphNode& n = optimized.nodes[static_cast<std::size_t>(optimized.inputs[i])];
        inputs[i] = inputs[i].withId(newTensorId());
        tracer.addInput(inputs[i], n.name);
    }
    std::vector<Source> sources(inputs.begin(), inputs.end());
    for (const GraphNode& n : optimized.nodes)
        if (n.kind == GraphNode::Kind::Variable && n.variable.trainable())
            sources.emplace_back(n.variable);
    GradientTape tape;
    for (const Tensor& t : inputs)
        tape.watch(t);
    const std::vector<Tensor> outs = replay(optimized, inputs);
    tape.stop();
    if (outs.empty())
        throw EngineError("the function has no output to differentiate");
    GradientOptions options;
    options.unconnected = UnconnectedGradients::Zero;
    std::vector<Tensor> results{outs.front()};
    for (auto& g : tape.gradient(outs.front(), sources, options))
        results.push_back(*g);
    Graph g = tracer.finish(results);
    std::vector<PassReport> reports;
    return optimize(g, reports);
}

} // namespace gs
