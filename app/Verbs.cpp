#include "app/Verb.h"
#include "app/verbs/DocumentVerbs.h"

namespace gs {

// Each verb lives in its own file (app/verbs/<Name>Verb.cpp) and is listed here with one row.
namespace {
constexpr Verb verbs[] = {
    {"eval", "Evaluate a formula or document: value, gradients, Jacobian, Hessian, NaN births", &runEvalVerb},
    {"convert", "Convert between formulas, .gscope documents and Graphviz DOT", &runConvertVerb},
};
} // namespace

std::span<const Verb> headlessVerbs() { return verbs; }

} // namespace gs
