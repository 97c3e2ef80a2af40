#pragma once

#include "document/FormulaError.h"
#include "document/GraphData.h"
#include "document/python/PythonScript.h"

#include <QString>

#include <vector>

namespace gs {

/// What a Python name or expression holds, as results report it: None, a tensor (by its slot in
/// the script), a Python number, or a list or tuple of these.
struct PythonValue {
    enum class Kind { None, Tensor, Number, List };
    Kind kind = Kind::None;
    python::Slot slot = -1;
    double number = 0;
    bool integer = false; ///< a Number that is a Python int (2, not 2.0)
    std::vector<PythonValue> items;

    /// True when it is a tensor, or a list that holds one somewhere.
    bool holdsTensor() const;
};

/// A result of the code: a top-level name bound to tensors when the code ends (`gradients`), or
/// a top-level expression statement that computes some (`tape.gradient(z, [x])`, named by its text).
struct PythonResult {
    QString name;
    SourceSpan span;
    PythonValue value;
};

/// One call of tape.gradient() or tape.jacobian(), wherever the code made it.
struct PythonGradientCall {
    SourceSpan span;
    QString text;  ///< the call as written
    bool jacobian = false;
    PythonValue value; ///< a tensor (or None) per source, shaped like the sources argument
};

/// A tf.function (decorated with @tf.function or made by tf.function(f)) and its calls.
struct PythonFunction {
    QString name; ///< the Python function's name, as TensorFlow names the tf.function
    /// Its body as a document, for `trace`: each parameter an Input, the returned value the target.
    GraphData data;
    QString error; ///< why the body cannot be a document (then `data` is empty)
    struct Call {
        SourceSpan span;
        QString text; ///< the call as written: tf_cube(tf.constant(2.0))
        std::vector<std::pair<QString, PythonValue>> arguments; ///< by parameter, in order
    };
    std::vector<Call> calls;
    QStringList names; ///< the top-level names bound to it (tf_cube)
};

/// What the document's own tape computes: the target (GraphData::target), its sources and whether
/// the Jacobian or the Hessian is asked for, from the code's last gradient call.
struct PythonRequest {
    std::vector<NodeId> sources; ///< the sources that call's tape watched, in the call's order
    bool fromGradient = false;   ///< set by a gradient call (else the target is the last value computed)
    bool jacobian = false;
    bool hessian = false;
};

/// Python code read into a document (see docs/python.md): the graph the code unrolls into, with
/// the code's gradient calls and the script that replays it, for its results.
struct PythonProgram {
    QString text;            ///< the code, for messages with a place
    GraphData data;          ///< every value the code computes, as one graph
    PythonRequest request;
    python::Script script;
    std::vector<PythonResult> results;
    std::vector<PythonGradientCall> gradientCalls;
    std::vector<PythonFunction> functions;
};

} // namespace gs
