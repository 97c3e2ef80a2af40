#include "app/Verb.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/TraceVerb.h"
#include "app/verbs/TrainVerb.h"

namespace gs {

// Each verb lives in its own file (app/verbs/<Name>Verb.cpp) and is listed here with one row.
namespace {
constexpr Verb verbs[] = {
    {"eval", "Evaluate a formula or document: value, gradients, Jacobian, Hessian, NaN births", &runEvalVerb},
    {"convert", "Convert between formulas, .gscope documents and Graphviz DOT", &runConvertVerb},
    {"export", "Draw a graph with its values or gradients as PNG, SVG or PDF", &runExportVerb, true},
    {"train", "Run the book's custom training loop headless and print its status line per epoch", &runTrainVerb},
    {"trace", "Call a graph like a tf.function: signatures, retracing, optimization passes", &runTraceVerb, true},
};
} // namespace

std::span<const Verb> headlessVerbs() { return verbs; }

} // namespace gs
