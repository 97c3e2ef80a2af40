// The document as a TensorFlow 2 program. The program's parts (declarations, functions, the tape
// block, results) are laid out here; expressions, statements and names are in
// TensorFlowExpressions.cpp. See note [TensorFlow code] in TensorFlowProgram.h.
#include "document/TensorFlowWriter.h"

#include "document/TensorFlowProgram.h"

#include <algorithm>

namespace gs {

namespace tensorflow {

QString Program::run()
{
    const std::vector<NodeId> order = g_.topologicalOrder({});
    int topNodes = 0;
    for (const auto& [id, n] : g_.nodes)
        topNodes += n.scope.valid() ? 0 : 1;
    if (static_cast<int>(order.size()) != topNodes)
        throw Failure{QStringLiteral("the graph has a cycle")};
    target_ = o_.target.valid() ? o_.target : g_.target;
    const Node* target = g_.node(target_);
    if (!target)
        throw Failure{target_.valid() ? QStringLiteral("there is no node %1 to use as the target").arg(target_.value)
                                      : QStringLiteral("the graph has no target")};
    if (target->scope.valid())
        throw Failure{QStringLiteral("%1 is inside a custom gradient and cannot be the target").arg(g_.displayName(target_))};
    chooseSources();
    literalDType_ = o_.dtype ? *o_.dtype : documentDType(g_);

    // The function computes the target and the sources computed on the way (a tape can only watch
    // those where they are made); the program declares what it needs and the other sources.
    std::unordered_set<NodeId> inFunction = g_.ancestors(target_);
    for (NodeId s : sources_)
        if (!isDeclared(s))
            for (NodeId a : g_.ancestors(s))
                inFunction.insert(a);
    for (NodeId id : order) {
        const bool source = std::find(sources_.begin(), sources_.end(), id) != sources_.end();
        if (!inFunction.count(id) && !source)
            continue;
        if (isDeclared(id)) {
            declared_.push_back(id);
            if (inFunction.count(id))
                parameters_.push_back(id);
        } else {
            computed_.push_back(id);
            if (source)
                computedSources_.push_back(id);
        }
    }
    chooseNames();

    QStringList declarations;
    for (NodeId id : declared_)
        declarations << declaration(id);
    std::vector<QStringList> functions;
    for (NodeId id : computed_)
        if (node(id).kind == NodeKind::CustomGradient)
            functions.push_back(customFunction(id));
    functions.push_back(graphFunction());
    const QStringList tape = tapeBlock();
    const QStringList results = resultLines();

    QString text = QStringLiteral("import tensorflow as tf\n");
    if (numpy_)
        text += QStringLiteral("import numpy as np\n");
    if (!declarations.isEmpty())
        text += u'\n' + declarations.join(u'\n') + u'\n';
    for (const QStringList& function : functions)
        text += QStringLiteral("\n\n") + function.join(u'\n') + u'\n';
    text += QStringLiteral("\n\n") + tape.join(u'\n') + u'\n';
    text += u'\n' + results.join(u'\n') + u'\n';
    return text;
}

void Program::chooseSources()
{
    if (o_.wrt) {
        for (NodeId id : *o_.wrt) {
            const Node* n = g_.node(id);
            if (!n || n->scope.valid())
                throw Failure{QStringLiteral("cannot take gradients with respect to %1").arg(g_.displayName(id))};
        }
        sources_ = *o_.wrt;
        return;
    }
    for (const auto& [id, n] : g_.nodes)
        if (n.kind == NodeKind::Variable && n.trainable && !n.scope.valid())
            sources_.push_back(id);
}

bool Program::isDeclared(NodeId id) const
{
    const Node& n = node(id);
    if (n.kind == NodeKind::Variable || n.kind == NodeKind::Input)
        return true;
    return n.kind == NodeKind::Constant
           && (!n.label.isEmpty() || std::find(sources_.begin(), sources_.end(), id) != sources_.end());
}

void Program::chooseNames()
{
    QSet<QString> otherLabels;
    for (const std::vector<NodeId>* ids : {&declared_, &computed_})
        for (NodeId id : *ids)
            if (id != target_)
                otherLabels.insert(node(id).label);
    // The book's names: f for the function, z for its result when the target itself is called f.
    for (const char* candidate : {"f", "g", "h"})
        if (!otherLabels.contains(QLatin1StringView(candidate))) {
            function_ = names_.reserve(QString::fromLatin1(candidate));
            break;
        }
    if (function_.isEmpty())
        function_ = names_.reserve(QStringLiteral("f"));
    for (const std::vector<NodeId>* ids : {&declared_, &computed_})
        for (NodeId id : *ids)
            if (id != target_ && !node(id).label.isEmpty())
                labelled_[id] = names_.reserve(node(id).label);
    const QString& targetLabel = node(target_).label;
    result_ = names_.reserve(targetLabel.isEmpty() || targetLabel == function_ ? QStringLiteral("z") : targetLabel);
    labelled_[target_] = result_;
    for (NodeId id : computed_)
        if (node(id).kind == NodeKind::CustomGradient)
            customNames_[id] = names_.reserve(QStringLiteral("custom_")
                                              + (node(id).label.isEmpty() ? QStringLiteral("op") : node(id).label));
    for (NodeId id : declared_)
        top_.names[id] = labelled_.count(id) ? labelled_.at(id) : names_.fresh();

    top_.order = computed_;
    std::vector<NodeId> roots{target_};
    std::unordered_set<NodeId> mustName;
    for (NodeId s : computedSources_) {
        roots.push_back(s);
        mustName.insert(s);
    }
    plan(top_, roots, mustName, [this](NodeId id) { return labelled_.count(id) ? labelled_.at(id) : names_.fresh(); }, target_);

    const bool hessian = o_.hessian && !sources_.empty();
    if (hessian)
        outerTape_ = names_.reserve(QStringLiteral("outer_tape"));
    tape_ = names_.reserve(QStringLiteral("tape"));
    if (sources_.empty())
        return;
    for (NodeId s : sources_)
        gradientNames_.push_back(names_.reserve(QStringLiteral("d") + result_ + QStringLiteral("_d") + sourceName(s)));
    if (o_.jacobian)
        for (NodeId s : sources_)
            jacobianNames_.push_back(names_.reserve(QStringLiteral("jacobian_") + sourceName(s)));
    if (hessian) {
        noneGradients_ = firstOrderNone();
        for (std::size_t i = 0; i < sources_.size(); ++i) {
            hessianNames_.emplace_back();
            for (NodeId s : sources_)
                hessianNames_.back().push_back(
                    noneGradients_[i] ? QString()
                                      : names_.reserve(QStringLiteral("hessian_") + sourceName(sources_[i]) + u'_' + sourceName(s)));
        }
    }
}

QString Program::sourceName(NodeId id) const
{
    auto it = top_.names.find(id);
    if (it == top_.names.end())
        throw Failure{QStringLiteral("%1 is not a value the program computes").arg(g_.displayName(id))};
    return it->second;
}

std::vector<bool> Program::firstOrderNone() const
{
    EvaluationOptions first = o_;
    first.target = target_;
    first.jacobian = first.hessian = false;
    const Evaluation e = evaluate(g_, first);
    std::vector<bool> none(sources_.size(), false);
    if (e.ok() && e.gradientError.isEmpty() && e.gradients.size() == sources_.size())
        for (std::size_t i = 0; i < none.size(); ++i)
            none[i] = !e.gradients[i].gradient;
    return none;
}

QString Program::declaration(NodeId id)
{
    const Node& n = node(id);
    const TensorValue* value = valueOf(n);
    if (!value) {
        const QString name = g_.displayName(id);
        throw Failure{o_.audience == MessageAudience::Window
                          ? QStringLiteral("%1 has no value: set a value in the Inspector").arg(name)
                          : QStringLiteral("%1 has no value: declare it (%1 = Variable(1.0)) or give one (--at %1=1.0)").arg(name)};
    }
    const DType dtype = o_.dtype && !(value->dtype && isInteger(*value->dtype)) ? *o_.dtype : value->dtype.value_or(literalDType_);
    QString text = top_.names.at(id) + QStringLiteral(" = ")
                   + (n.kind == NodeKind::Variable ? QStringLiteral("tf.Variable(") : QStringLiteral("tf.constant("))
                   + valueText(*value, dtype, true) + QStringLiteral(", dtype=") + dtypeText(dtype);
    if (n.kind == NodeKind::Variable && !n.trainable)
        text += QStringLiteral(", trainable=False");
    return text + u')';
}

QStringList Program::graphFunction()
{
    QStringList parameters;
    for (NodeId id : parameters_)
        parameters << top_.names.at(id);
    QStringList lines{QStringLiteral("def %1(%2):").arg(function_, parameters.join(QStringLiteral(", ")))};
    lines += statements(top_, indentUnit, [this](NodeId id) {
        QStringList watches;
        if (std::find(computedSources_.begin(), computedSources_.end(), id) != computedSources_.end())
            for (const QString& tape : tapes())
                watches << QStringLiteral("%1.watch(%2)").arg(tape, top_.names.at(id));
        return watches;
    });
    QStringList returned{tensor(expression(target_, top_)).text};
    for (NodeId s : computedSources_)
        if (s != target_)
            returned << top_.names.at(s);
    lines << indentUnit + QStringLiteral("return ") + returned.join(QStringLiteral(", "));
    return lines;
}

QStringList Program::tapes() const
{
    QStringList list;
    if (!tape_.isEmpty())
        list << tape_;
    if (!outerTape_.isEmpty())
        list << outerTape_;
    return list;
}

QStringList Program::tapeBlock() const
{
    QStringList arguments;
    for (NodeId id : parameters_)
        arguments << top_.names.at(id);
    QStringList assigned{result_};
    for (NodeId s : computedSources_)
        if (s != target_)
            assigned << top_.names.at(s);
    // The tape watches trainable variables by itself; every other source is watched by hand.
    QStringList watched;
    for (NodeId s : sources_) {
        const Node& n = node(s);
        if (isDeclared(s) && !(n.kind == NodeKind::Variable && n.trainable) && !watched.contains(top_.names.at(s)))
            watched << top_.names.at(s);
    }
    QStringList lines;
    QString indent;
    if (!outerTape_.isEmpty()) {
        lines << QStringLiteral("with tf.GradientTape(persistent=True) as %1:").arg(outerTape_);
        indent = indentUnit;
        for (const QString& w : watched)
            lines << indent + QStringLiteral("%1.watch(%2)").arg(outerTape_, w);
    }
    lines << indent + QStringLiteral("with tf.GradientTape(%1) as %2:").arg(persistent() ? QStringLiteral("persistent=True") : QString(), tape_);
    for (const QString& w : watched)
        lines << indent + indentUnit + QStringLiteral("%1.watch(%2)").arg(tape_, w);
    lines << indent + indentUnit
                 + QStringLiteral("%1 = %2(%3)").arg(assigned.join(QStringLiteral(", ")), function_, arguments.join(QStringLiteral(", ")));
    if (!outerTape_.isEmpty())
        lines << indent + gradientLine();
    return lines;
}

QString Program::sourceList() const
{
    QStringList names;
    for (NodeId s : sources_)
        names << sourceName(s);
    return names.size() == 1 ? names.front() : u'[' + names.join(QStringLiteral(", ")) + u']';
}

QString Program::gradientLine() const
{
    return QStringLiteral("%1 = %2.gradient(%3, %4)").arg(gradientNames_.join(QStringLiteral(", ")), tape_, result_, sourceList());
}

QStringList Program::resultLines() const
{
    QStringList lines;
    QStringList prints{QStringLiteral("print(\"%1 =\", %1)").arg(result_)};
    if (sources_.empty()) {
        lines << QStringLiteral("# The tape watches no source: there is no gradient to take.");
        return lines << prints;
    }
    if (outerTape_.isEmpty())
        lines << gradientLine();
    for (std::size_t i = 0; i < sources_.size(); ++i)
        prints << QStringLiteral("print(\"d%1/d%2 =\", %3)").arg(result_, sourceName(sources_[i]), gradientNames_[i]);
    if (persistent()) {
        lines << QStringLiteral("%1 = %2.jacobian(%3, %4)").arg(jacobianNames_.join(QStringLiteral(", ")), tape_, result_, sourceList());
        for (std::size_t i = 0; i < sources_.size(); ++i)
            prints << QStringLiteral("print(\"jacobian d%1/d%2 =\", %3)").arg(result_, sourceName(sources_[i]), jacobianNames_[i]);
    }
    if (!outerTape_.isEmpty()) {
        for (std::size_t i = 0; i < sources_.size(); ++i) {
            const QString row = sourceName(sources_[i]);
            if (noneGradients_[i])
                lines << QStringLiteral("# d%1/d%2 is None, so its row of the Hessian is None too.").arg(result_, row);
            else
                lines << QStringLiteral("%1 = %2.jacobian(%3, %4)")
                             .arg(hessianNames_[i].join(QStringLiteral(", ")), outerTape_, gradientNames_[i], sourceList());
            for (std::size_t j = 0; j < sources_.size(); ++j)
                prints << QStringLiteral("print(\"d2%1/d%2d%3 =\", %4)")
                              .arg(result_, row, sourceName(sources_[j]), noneGradients_[i] ? QStringLiteral("None") : hessianNames_[i][j]);
        }
    }
    if (persistent())
        lines << QStringLiteral("del %1").arg(tape_);
    if (!outerTape_.isEmpty())
        lines << QStringLiteral("del %1").arg(outerTape_);
    return lines << prints;
}

} // namespace tensorflow

TensorFlowCode writeTensorFlow(const GraphData& data, const EvaluationOptions& options)
{
    try {
        return {tensorflow::Program(data, options).run(), {}};
    } catch (const tensorflow::Failure& failure) {
        return {{}, failure.message};
    }
}

} // namespace gs
