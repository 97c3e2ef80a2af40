#include "OpGradientTable.h"

#include <optional>
#include <utility>

namespace gs::testing {

namespace {

// Ordinary points: no ties, every value at least 0.1 from a kink (0 for relu and abs, the clip
// bounds, the other argument of maximum), so finite differences with a 1e-6 step are meaningful.
// Each call makes a new tensor (a new identity), so one row never holds the same source twice.
Tensor mixed23() { return m({{0.3, -1.2, 0.7}, {1.5, -0.4, 2.1}}); }
Tensor positive23() { return m({{0.5, 1.3, 2.2}, {0.8, 1.7, 3.1}}); }
Tensor mixed3() { return v({0.9, -0.6, 1.4}); }
Tensor positive3() { return v({1.1, 0.4, 2.5}); }
Tensor column2() { return m({{0.7}, {-1.3}}); }
Tensor row3() { return m({{0.2, -0.9, 1.6}}); }
Tensor matrix34()
{
    return m({{0.4, -1.1, 0.6, 2.0}, {1.3, 0.2, -0.7, 0.9}, {-0.5, 1.8, 1.2, -0.3}});
}
/// Well conditioned (determinant 2.71), so inverse and determinant are smooth around it.
Tensor invertible33() { return m({{2.0, 0.5, -1.0}, {0.3, 1.5, 0.2}, {-0.4, 0.1, 1.2}}); }

OpCase row(const std::string& op, const std::string& what, std::vector<Tensor> inputs,
           Attrs attrs = {}, Expect expect = Expect::Gradient)
{
    OpCase c;
    c.tag = op + ": " + what;
    c.op = op;
    c.inputs = std::move(inputs);
    c.attrs = std::move(attrs);
    c.expect = expect;
    return c;
}

Attrs axisAttrs(std::optional<int> axis, bool keepdims)
{
    Attrs a;
    if (axis)
        a.set("axis", std::int64_t{*axis});
    if (keepdims)
        a.set("keepdims", true);
    return a;
}

std::vector<OpCase> buildOpCases()
{
    const Expect none = Expect::None;
    std::vector<OpCase> t;

    // Arithmetic, with every broadcasting pattern of rank <= 2.
    t.push_back(row("add", "(2,3) + (2,3)", {mixed23(), positive23()}));
    t.push_back(row("add", "(2,3) + (3,)", {mixed23(), mixed3()}).gives("(2, 3)"));
    t.push_back(row("add", "(2,1) + (1,3)", {column2(), row3()}).gives("(2, 3)"));
    t.push_back(row("add", "() + (3,)", {s(1.7), mixed3()}).gives("(3,)"));
    t.push_back(row("add", "(1,3) + (3,)", {row3(), mixed3()}).gives("(1, 3)"));
    t.push_back(row("add", "(3,1) + (3,)", {m({{0.4}, {-0.8}, {1.2}}), mixed3()}).gives("(3, 3)"));
    t.push_back(row("add", "(1,) + (2,3)", {v({0.6}), mixed23()}).gives("(2, 3)"));
    t.push_back(row("sub", "(2,3) - (3,)", {mixed23(), mixed3()}));
    t.push_back(row("sub", "(2,3) - (2,1)", {mixed23(), column2()}).gives("(2, 3)"));
    t.push_back(row("mul", "(2,3) * ()", {mixed23(), s(-1.7)}).gives("(2, 3)").alsoSecondOrder());
    t.push_back(row("mul", "(3,) * (3,)", {mixed3(), positive3()}).alsoSecondOrder());
    t.push_back(row("mul", "(1,3) * (2,1)", {row3(), column2()}).gives("(2, 3)"));
    t.push_back(row("div", "(2,3) / (3,)", {mixed23(), positive3()}).alsoSecondOrder());
    t.push_back(row("div", "() / (3,)", {s(1.7), mixed3()}).gives("(3,)").alsoSecondOrder());
    t.push_back(row("neg", "(2,3)", {mixed23()}));
    t.push_back(row("pow", "(3,) ** (3,)", {positive3(), mixed3()}).alsoSecondOrder());
    t.push_back(row("pow", "(2,3) ** ()", {positive23(), s(2.5)}).alsoSecondOrder());
    t.push_back(row("pow", "() ** (3,)", {s(1.7), mixed3()}).gives("(3,)").alsoSecondOrder());
    // floormod at points where x / y is at least 0.09 from a whole number (its jumps).
    t.push_back(row("floordiv", "(2,3) // (3,)", {mixed23(), positive3()}, {}, none));
    t.push_back(row("floormod", "(2,3) % (3,) mixed signs",
                    {m({{2.3, -1.7, 0.45}, {5.2, -3.1, 7.9}}), v({1.1, 0.7, -2.5})}));
    t.push_back(row("floormod", "() % (3,)", {s(4.3), v({1.3, -0.9, 2.5})}).gives("(3,)"));
    t.push_back(row("square", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("add_n", "one (2,3)", {mixed23()}));
    t.push_back(row("add_n", "three (2,3)",
                    {mixed23(), positive23(), m({{2.0, 0.1, -0.3}, {0.6, 0.0, 1.0}})}));

    // Math
    t.push_back(row("sqrt", "(2,3) positive", {positive23()}).alsoSecondOrder());
    t.push_back(row("exp", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("log", "(2,3) positive", {positive23()}).alsoSecondOrder());
    t.push_back(row("log1p", "(3,) above -1", {v({-0.5, 0.3, 2.0})}).alsoSecondOrder());
    t.push_back(row("abs", "(2,3) no zeros", {mixed23()}));
    t.push_back(row("sign", "(2,3)", {mixed23()}, {}, Expect::Zeros));
    t.push_back(row("sin", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("cos", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("tanh", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("sqrt_grad", "y (2,3) positive, dy (2,3)", {positive23(), mixed23()}).alsoSecondOrder());
    t.push_back(row("round", "(2,3)", {mixed23()}, {}, none));
    t.push_back(row("floor", "(2,3)", {mixed23()}, {}, none));

    // Activations
    t.push_back(row("sigmoid", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("relu", "(2,3) no zeros", {mixed23()}));
    t.push_back(row("relu_grad", "upstream (2,3), x (2,3) no zeros", {positive23(), mixed23()}));
    t.push_back(row("leaky_relu_grad", "upstream (2,3), x (2,3) alpha=0.1", {positive23(), mixed23()},
                    {{"alpha", 0.1}}));
    t.push_back(row("elu", "(2,3)", {mixed23()}));
    t.push_back(row("elu", "(3,) negative", {v({-2.0, -0.7, -0.1})}).alsoSecondOrder());
    t.push_back(row("elu", "(2,3) alpha=0.5", {mixed23()}, {{"alpha", 0.5}}));
    t.push_back(row("selu", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("leaky_relu", "(2,3)", {mixed23()}));
    t.push_back(row("leaky_relu", "(2,3) alpha=0.1", {mixed23()}, {{"alpha", 0.1}}));
    // -40 and 40 reach the kernel's exp(x) and x branches.
    t.push_back(row("softplus", "(5,) all three branches", {v({-40.0, -3.0, 0.5, 2.0, 40.0})})
                    .alsoSecondOrder());

    // Comparison and selection
    for (const char* op : {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal"})
        t.push_back(row(op, "(2,3) vs (3,)", {mixed23(), mixed3()}, {}, none));
    t.push_back(row("maximum", "(2,3) vs (3,)", {mixed23(), mixed3()}));
    t.push_back(row("maximum", "() vs (3,)", {s(0.2), mixed3()}).gives("(3,)"));
    t.push_back(row("minimum", "(2,3) vs (3,)", {mixed23(), mixed3()}));
    t.push_back(row("minimum", "(2,1) vs (1,3)", {column2(), row3()}).gives("(2, 3)"));
    t.push_back(row("where", "all (2,3)", {b({{1, 0, 1}, {0, 0, 1}}), mixed23(), positive23()}));
    t.push_back(row("where", "condition (3,), x (2,3), y ()",
                    {Tensor::vector({1, 0, 1}, DType::Bool), mixed23(), s(0.4)})
                    .gives("(2, 3)"));
    t.push_back(
        row("where", "condition (2,1), x (1,3), y (2,3)", {b({{1}, {0}}), row3(), positive23()})
            .gives("(2, 3)"));
    t.push_back(row("clip_by_value", "(2,3) between scalars", {mixed23(), s(-0.5), s(1.0)}));
    t.push_back(row("clip_by_value", "(2,3) between (3,) bounds",
                    {mixed23(), v({-1.0, -1.0, 0.0}), v({0.5, 0.0, 1.0})}));

    // Reductions: all elements or one axis, with and without keepdims.
    struct AxisCase {
        const char* what;
        std::optional<int> axis;
        bool keepdims;
        bool vector;
        const char* gives;
    };
    const AxisCase axes[] = {
        {"(2,3) axis=None", std::nullopt, false, false, "()"},
        {"(2,3) axis=None keepdims", std::nullopt, true, false, "(1, 1)"},
        {"(2,3) axis=0", 0, false, false, "(3,)"},
        {"(2,3) axis=0 keepdims", 0, true, false, "(1, 3)"},
        {"(2,3) axis=1", 1, false, false, "(2,)"},
        {"(2,3) axis=-1 keepdims", -1, true, false, "(2, 1)"},
        {"(3,) axis=0", 0, false, true, "()"},
        {"(3,) axis=None keepdims", std::nullopt, true, true, "(1,)"},
    };
    for (const char* op : {"reduce_sum", "reduce_mean", "reduce_max", "norm"})
        for (const AxisCase& a : axes) {
            OpCase c =
                row(op, a.what, {a.vector ? mixed3() : mixed23()}, axisAttrs(a.axis, a.keepdims))
                    .gives(a.gives);
            if (std::string(op) == "norm" && !a.axis && !a.vector && !a.keepdims)
                c.alsoSecondOrder();
            t.push_back(c);
        }

    // Shapes and structure
    using Dims = std::vector<std::int64_t>;
    t.push_back(row("reshape", "(2,3) to [-1]", {mixed23()}, {{"shape", Dims{-1}}}).gives("(6,)"));
    t.push_back(
        row("reshape", "(2,3) to [3,-1]", {mixed23()}, {{"shape", Dims{3, -1}}}).gives("(3, 2)"));
    t.push_back(
        row("reshape", "(3,) to [3,1]", {mixed3()}, {{"shape", Dims{3, 1}}}).gives("(3, 1)"));
    t.push_back(row("reshape", "() to [1,1]", {s(1.7)}, {{"shape", Dims{1, 1}}}).gives("(1, 1)"));
    t.push_back(row("transpose", "(2,3)", {mixed23()}).gives("(3, 2)"));
    t.push_back(row("transpose", "(3,)", {mixed3()}).gives("(3,)"));
    t.push_back(row("stack", "three () axis=0", {s(1.7), s(-0.4), s(2.2)}).gives("(3,)"));
    t.push_back(row("stack", "two (3,) axis=0", {mixed3(), positive3()}).gives("(2, 3)"));
    t.push_back(
        row("stack", "two (3,) axis=1", {mixed3(), positive3()}, {{"axis", std::int64_t{1}}})
            .gives("(3, 2)"));
    t.push_back(
        row("stack", "two (3,) axis=-1", {mixed3(), positive3()}, {{"axis", std::int64_t{-1}}})
            .gives("(3, 2)"));
    t.push_back(row("concat", "two (3,)", {mixed3(), positive3()}).gives("(6,)"));
    t.push_back(row("concat", "(2,3) and (1,3) axis=0", {mixed23(), row3()}).gives("(3, 3)"));
    t.push_back(row("concat", "(2,3) and (2,3) axis=1", {mixed23(), positive23()},
                    {{"axis", std::int64_t{1}}})
                    .gives("(2, 6)"));
    t.push_back(row("concat", "(2,3) and (2,1) axis=-1", {mixed23(), column2()},
                    {{"axis", std::int64_t{-1}}})
                    .gives("(2, 4)"));
    t.push_back(row("identity", "(2,3)", {mixed23()}));
    t.push_back(row("cast", "float32 to float64", {m({{0.5, -1.25}, {2.0, 3.5}}, F32)},
                    {{"dtype", std::string("float64")}})
                    .float32());
    t.push_back(row("cast", "float64 to float32", {mixed23()}, {{"dtype", std::string("float32")}})
                    .float32());
    t.push_back(
        row("cast", "float64 to bool", {mixed23()}, {{"dtype", std::string("bool")}}, none));
    t.push_back(row("cast", "bool to float64", {b({{1, 0}, {0, 1}})},
                    {{"dtype", std::string("float64")}}, none));
    t.push_back(
        row("broadcast_to", "(3,) to (2,3)", {mixed3()}, {{"shape", Dims{2, 3}}}).gives("(2, 3)"));
    t.push_back(
        row("broadcast_to", "() to (2,2)", {s(1.7)}, {{"shape", Dims{2, 2}}}).gives("(2, 2)"));
    t.push_back(row("broadcast_to", "(2,1) to (2,3)", {column2()}, {{"shape", Dims{2, 3}}}));
    t.push_back(row("broadcast_to", "(1,3) to (2,3)", {row3()}, {{"shape", Dims{2, 3}}}));
    t.push_back(row("slice", "(2,3) begin [0,1] size [2,2]", {mixed23()},
                    {{"begin", Dims{0, 1}}, {"size", Dims{2, 2}}})
                    .gives("(2, 2)"));
    t.push_back(row("slice", "(2,3) begin [1,0] size [-1,-1]", {mixed23()},
                    {{"begin", Dims{1, 0}}, {"size", Dims{-1, -1}}})
                    .gives("(1, 3)"));
    t.push_back(
        row("slice", "(3,) begin [1] size [2]", {mixed3()}, {{"begin", Dims{1}}, {"size", Dims{2}}})
            .gives("(2,)"));
    t.push_back(row("pad", "(2,3) before [1,0] after [0,2]", {mixed23()},
                    {{"before", Dims{1, 0}}, {"after", Dims{0, 2}}})
                    .gives("(3, 5)"));
    t.push_back(row("pad", "(3,) before [2] after [1]", {mixed3()},
                    {{"before", Dims{2}}, {"after", Dims{1}}})
                    .gives("(6,)"));
    t.push_back(row("stop_gradient", "(2,3)", {mixed23()}, {}, none));

    // Linear algebra
    t.push_back(
        row("matmul", "(2,3) @ (3,4)", {mixed23(), matrix34()}).gives("(2, 4)").alsoSecondOrder());
    t.push_back(
        row("matmul", "(1,3) @ (3,1)", {row3(), m({{0.5}, {-1.5}, {2.0}})}).gives("(1, 1)"));
    t.push_back(row("matrix_inverse", "(3,3)", {invertible33()}).gives("(3, 3)").alsoSecondOrder());
    t.push_back(
        row("matrix_inverse", "(2,2) adjoint", {m({{1.5, -0.4}, {0.7, 2.2}})}, {{"adjoint", true}})
            .alsoSecondOrder());
    t.push_back(row("matrix_determinant", "(3,3)", {invertible33()}).gives("()").alsoSecondOrder());
    t.push_back(row("matrix_determinant", "(2,2) negative", {m({{0.3, 1.9}, {1.2, -0.5}})})
                    .alsoSecondOrder());
    t.push_back(row("trace", "(3,3)", {invertible33()}).gives("()"));
    t.push_back(row("trace", "(2,3)", {mixed23()}).gives("()"));
    t.push_back(row("diag", "(3,)", {mixed3()}).gives("(3, 3)"));
    t.push_back(row("diag", "(3,) num_rows=4", {mixed3()}, {{"num_rows", std::int64_t{4}}})
                    .gives("(4, 3)"));
    t.push_back(row("diag_part", "(3,3)", {invertible33()}).gives("(3,)"));
    t.push_back(row("diag_part", "(2,3)", {mixed23()}).gives("(2,)"));

    // Transcendental functions, 1/x and 1/sqrt(x), and their gradient kernels
    t.push_back(row("tan", "(3,) inside (-pi/2, pi/2)", {mixed3()}).alsoSecondOrder());
    t.push_back(row("atan", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("sinh", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("cosh", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("asinh", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("erf", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("expm1", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("reciprocal", "(2,3) no zeros", {mixed23()}).alsoSecondOrder());
    t.push_back(row("rsqrt", "(2,3) positive", {positive23()}).alsoSecondOrder());
    t.push_back(
        row("reciprocal_grad", "y (2,3), dy (2,3)", {mixed23(), positive23()}).alsoSecondOrder());
    t.push_back(row("rsqrt_grad", "y (2,3), dy (3,)", {positive23(), mixed3()}).alsoSecondOrder());
    t.push_back(row("is_finite", "(2,3)", {mixed23()}, {}, none));

    // Arithmetic that stays finite where the naive formula does not
    t.push_back(row("divide_no_nan", "(2,3) / (3,)", {mixed23(), positive3()}).alsoSecondOrder());
    t.push_back(
        row("divide_no_nan", "() / (3,)", {s(1.7), mixed3()}).gives("(3,)").alsoSecondOrder());
    t.push_back(row("xlogy", "(2,3) x, (3,) y", {mixed23(), positive3()})
                    .gives("(2, 3)")
                    .alsoSecondOrder());
    t.push_back(row("xlogy", "(3,) x, () y", {mixed3(), s(1.7)}).gives("(3,)").alsoSecondOrder());
    t.push_back(row("xdivy", "(2,3) / (3,)", {mixed23(), mixed3()}).alsoSecondOrder());
    t.push_back(
        row("squared_difference", "(2,3) and (3,)", {mixed23(), mixed3()}).alsoSecondOrder());
    t.push_back(row("squared_difference", "(2,1) and (1,3)", {column2(), row3()}).gives("(2, 3)"));

    // Smooth activations and softmax
    t.push_back(row("gelu", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(
        row("gelu", "(2,3) approximate", {mixed23()}, {{"approximate", true}}).alsoSecondOrder());
    t.push_back(row("silu", "(2,3)", {mixed23()}).alsoSecondOrder());
    t.push_back(row("silu", "(2,3) beta=0.5", {mixed23()}, {{"beta", 0.5}}).alsoSecondOrder());
    t.push_back(row("softsign", "(2,3) no zeros", {mixed23()}).alsoSecondOrder());
    t.push_back(row("log_sigmoid", "(5,) all softplus branches", {v({-40.0, -3.0, 0.5, 2.0, 40.0})})
                    .alsoSecondOrder());
    for (const char* op : {"softmax", "log_softmax"}) {
        t.push_back(row(op, "(2,3) axis=-1", {mixed23()}).gives("(2, 3)").alsoSecondOrder());
        t.push_back(
            row(op, "(2,3) axis=0", {mixed23()}, {{"axis", std::int64_t{0}}}).alsoSecondOrder());
        t.push_back(row(op, "(3,)", {mixed3()}).gives("(3,)").alsoSecondOrder());
    }

    // Losses and clipping
    // TensorFlow's softmax cross entropy gradient, softmax - labels, assumes that the labels of
    // each class vector sum to 1 (they are probabilities); these do.
    const auto labels23 = [] { return m({{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}}); };
    const auto columnLabels23 = [] { return m({{0.2, 0.9, 0.5}, {0.8, 0.1, 0.5}}); };
    t.push_back(row("sigmoid_cross_entropy_with_logits", "(2,3)", {labels23(), mixed23()})
                    .alsoSecondOrder());
    t.push_back(row("softmax_cross_entropy_with_logits", "(2,3) axis=-1", {labels23(), mixed23()})
                    .gives("(2,)")
                    .alsoSecondOrder());
    t.push_back(row("softmax_cross_entropy_with_logits", "(2,3) axis=0",
                    {columnLabels23(), mixed23()}, {{"axis", std::int64_t{0}}})
                    .gives("(3,)")
                    .alsoSecondOrder());
    t.push_back(row("softmax_cross_entropy_with_logits", "(3,)", {v({0.2, 0.5, 0.3}), mixed3()})
                    .gives("()"));
    t.push_back(row("l2_loss", "(2,3)", {mixed23()}).gives("()").alsoSecondOrder());
    // The norm of mixed23 is 2.97; its rows' norms are 1.42 and 2.61.
    t.push_back(
        row("clip_by_norm", "(2,3) above clip_norm", {mixed23(), s(1.0)}).alsoSecondOrder());
    t.push_back(
        row("clip_by_norm", "(2,3) below clip_norm", {mixed23(), s(5.0)}).alsoSecondOrder());
    t.push_back(row("clip_by_norm", "(2,3) axes=[1], one row above", {mixed23(), s(2.0)},
                    {{"axes", Dims{1}}})
                    .gives("(2, 3)"));

    // Logical ops and bool reductions: no gradient
    const auto bool23 = [] { return b({{1, 0, 1}, {0, 0, 1}}); };
    t.push_back(row("logical_and", "(2,3) and (3,)",
                    {bool23(), Tensor::vector({1, 1, 0}, DType::Bool)}, {}, none)
                    .gives("(2, 3)"));
    t.push_back(
        row("logical_or", "(2,3) or (2,1)", {bool23(), b({{0}, {1}})}, {}, none).gives("(2, 3)"));
    t.push_back(row("logical_not", "(2,3)", {bool23()}, {}, none));
    t.push_back(row("reduce_any", "(2,3) axis=None", {bool23()}, {}, none).gives("()"));
    t.push_back(row("reduce_any", "(2,3) axis=1 keepdims", {bool23()}, axisAttrs(1, true), none)
                    .gives("(2, 1)"));
    t.push_back(
        row("reduce_all", "(2,3) axis=0", {bool23()}, axisAttrs(0, false), none).gives("(3,)"));

    // Reductions with every axis pattern, and second derivatives
    for (const char* op :
         {"reduce_min", "reduce_prod", "reduce_logsumexp", "reduce_variance", "reduce_std"})
        for (const AxisCase& a : axes)
            t.push_back(
                row(op, a.what, {a.vector ? mixed3() : mixed23()}, axisAttrs(a.axis, a.keepdims))
                    .gives(a.gives));
    for (const char* op : {"reduce_prod", "reduce_logsumexp", "reduce_variance", "reduce_std"}) {
        t.push_back(row(op, "(2,3) axis=None, second order", {mixed23()}).alsoSecondOrder());
        t.push_back(row(op, "(2,3) axis=0, second order", {mixed23()}, axisAttrs(0, false))
                        .alsoSecondOrder());
    }
    t.push_back(row("cumsum", "(2,3) axis=0", {mixed23()}));
    t.push_back(row("cumsum", "(2,3) axis=1 exclusive", {mixed23()},
                    {{"axis", std::int64_t{1}}, {"exclusive", true}}));
    t.push_back(row("cumsum", "(3,) exclusive reverse", {mixed3()},
                    {{"exclusive", true}, {"reverse", true}}));
    t.push_back(
        row("cumprod", "(2,3) axis=1", {mixed23()}, {{"axis", std::int64_t{1}}}).alsoSecondOrder());
    t.push_back(
        row("cumprod", "(2,3) axis=0 reverse", {mixed23()}, {{"reverse", true}}).alsoSecondOrder());
    t.push_back(row("cumprod", "(3,) exclusive reverse", {mixed3()},
                    {{"exclusive", true}, {"reverse", true}})
                    .alsoSecondOrder());

    // Dimensions, tiling and reversal
    t.push_back(
        row("expand_dims", "(3,) axis=0", {mixed3()}, {{"axis", std::int64_t{0}}}).gives("(1, 3)"));
    t.push_back(row("expand_dims", "(3,) axis=-1", {mixed3()}, {{"axis", std::int64_t{-1}}})
                    .gives("(3, 1)"));
    t.push_back(
        row("expand_dims", "() axis=0", {s(1.7)}, {{"axis", std::int64_t{0}}}).gives("(1,)"));
    t.push_back(row("squeeze", "(1,3)", {row3()}).gives("(3,)"));
    t.push_back(row("squeeze", "(2,1) axis=[1]", {column2()}, {{"axis", Dims{1}}}).gives("(2,)"));
    t.push_back(row("squeeze", "(1,1) axis=[0]", {m({{1.7}})}, {{"axis", Dims{0}}}).gives("(1,)"));
    t.push_back(row("tile", "(2,3) multiples [2,3]", {mixed23()}, {{"multiples", Dims{2, 3}}})
                    .gives("(4, 9)"));
    t.push_back(
        row("tile", "(3,) multiples [2]", {mixed3()}, {{"multiples", Dims{2}}}).gives("(6,)"));
    t.push_back(row("tile", "(2,1) multiples [1,3]", {column2()}, {{"multiples", Dims{1, 3}}})
                    .gives("(2, 3)"));
    t.push_back(row("tile", "() multiples []", {s(1.7)}, {{"multiples", Dims{}}}).gives("()"));
    t.push_back(row("reverse", "(2,3) axis=[0]", {mixed23()}, {{"axis", Dims{0}}}));
    t.push_back(row("reverse", "(2,3) axis=[1, 0]", {mixed23()}, {{"axis", Dims{1, 0}}}));
    t.push_back(row("reverse", "(3,) axis=[-1]", {mixed3()}, {{"axis", Dims{-1}}}));

    // Integer indices (IndexOps.cpp): the indices never get a gradient.
    const auto i32 = [](const std::vector<double>& values) { return Tensor::vector(values, DType::Int32); };
    t.push_back(row("argmax", "(2,3) axis=0", {mixed23()}, {}, none).gives("(3,)"));
    t.push_back(row("argmax", "(2,3) axis=1", {mixed23()}, {{"axis", std::int64_t{1}}}, none).gives("(2,)"));
    t.push_back(row("argmin", "(3,) axis=0", {mixed3()}, {}, none).gives("()"));
    t.push_back(row("one_hot", "(3,) depth 4", {i32({0, 3, 1})}, {{"depth", std::int64_t{4}}}, none).gives("(3, 4)"));
    t.push_back(row("gather", "(2,3) rows [1, 0, 1]", {mixed23(), i32({1, 0, 1})}).gives("(3, 3)").alsoSecondOrder());
    t.push_back(row("gather", "(2,3) columns [2, 2] axis=1", {mixed23(), i32({2, 2})}, {{"axis", std::int64_t{1}}})
                    .gives("(2, 2)"));
    t.push_back(row("gather", "(3,) scalar index", {mixed3(), Tensor::scalar(2, DType::Int32)}).gives("()"));
    t.push_back(row("unsorted_segment_sum", "(3,2) into 2 segments", {m({{0.3, -1.2}, {0.7, 1.5}, {-0.4, 2.1}}), i32({1, 0, 1})},
                    {{"num_segments", std::int64_t{2}}})
                    .gives("(2, 2)")
                    .alsoSecondOrder());
    t.push_back(row("sparse_softmax_cross_entropy_with_logits", "(2,3) labels [2, 0]", {i32({2, 0}), mixed23()})
                    .gives("(2,)")
                    .alsoSecondOrder());
    t.push_back(row("sparse_softmax_cross_entropy_with_logits", "(3,) label 1", {Tensor::scalar(1, DType::Int32), mixed3()})
                    .gives("()"));
    return t;
}

} // namespace

const std::vector<OpCase>& opCases()
{
    static const std::vector<OpCase> cases = buildOpCases();
    return cases;
}

} // namespace gs::testing
