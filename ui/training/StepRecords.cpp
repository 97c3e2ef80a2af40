#include "ui/training/StepRecords.h"

#include <QLocale>
#include <QObject>
#include <QStringList>

#include <algorithm>

namespace gs {

namespace {

/// What a tensor's elements take: inline for a single element, else a shared block with its
/// control block (make_shared's: two counters and the deleter's vtable, rounded by malloc).
std::size_t tensorBytes(const Tensor& t)
{
    if (!t.valid() || t.size() == 1)
        return 0;
    const std::size_t item = t.dtype() == DType::Float64 || t.dtype() == DType::Int64 ? 8
                             : t.dtype() == DType::Bool                               ? 1
                                                                                      : 4;
    constexpr std::size_t block = 32;
    return block + static_cast<std::size_t>(std::max<std::int64_t>(t.size(), 1)) * item;
}

template <class T> std::size_t vectorBytes(const std::vector<T>& v)
{
    return v.capacity() * sizeof(T);
}

QString byteText(double bytes)
{
    const QLocale c(QLocale::English); // 10,000: grouped digits, a decimal point
    if (bytes >= 1e6)
        return QStringLiteral("%1 MB").arg(c.toString(bytes / 1e6, 'f', 1));
    if (bytes >= 1e3)
        return QStringLiteral("%1 KB").arg(c.toString(bytes / 1e3, 'f', 1));
    return QStringLiteral("%1 bytes").arg(static_cast<qint64>(bytes));
}

QString optimizerTitle(const std::string& name)
{
    if (name == "sgd")
        return QStringLiteral("SGD");
    if (name == "adagrad")
        return QStringLiteral("Adagrad");
    if (name == "rmsprop")
        return QStringLiteral("RMSprop");
    if (name == "adam")
        return QStringLiteral("Adam");
    if (name == "nadam")
        return QStringLiteral("Nadam");
    return QString::fromStdString(name);
}

/// Keras's default learning rate of each optimizer (SGD 0.01, the others 0.001).
double learningRate(const nn::OptimizerSpec& o)
{
    return o.learningRate.value_or(o.name == "sgd" ? 0.01 : 0.001);
}

QString number(double v) { return QString::number(v, 'g', 6); }

QString penalty(const nn::Regularizer& r)
{
    if (r.l1 != 0 && r.l2 != 0)
        return QStringLiteral("l1_l2(%1, %2)").arg(number(r.l1), number(r.l2));
    if (r.l1 != 0)
        return QStringLiteral("l1(%1)").arg(number(r.l1));
    if (r.l2 != 0)
        return QStringLiteral("l2(%1)").arg(number(r.l2));
    return QStringLiteral("no penalty");
}

QString clipping(const nn::Clipping& c)
{
    if (c.clipnorm)
        return QStringLiteral("clipnorm=%1").arg(number(*c.clipnorm));
    if (c.clipvalue)
        return QStringLiteral("clipvalue=%1").arg(number(*c.clipvalue));
    return QStringLiteral("no clipping");
}

void assignReusing(std::vector<Tensor>& into, const std::vector<Tensor>& from)
{
    into.resize(from.size());
    for (std::size_t i = 0; i < from.size(); ++i)
        into[i].assignReusingBuffer(from[i]);
}

/// `into = from`, but into the vectors and tensor buffers `into` already holds where they fit
/// (see Tensor::assignReusingBuffer): once the ring is full, a step's record allocates nothing.
/// Every member of the checkpoint is assigned here; tst_training_timeline compares a recycled
/// record with the loop's own checkpoint member by member.
void assignReusing(nn::TrainingLoop::Checkpoint& into, const nn::TrainingLoop::Checkpoint& from)
{
    assignReusing(into.variables, from.variables);
    into.streams = from.streams;
    into.optimizer.iterations = from.optimizer.iterations;
    into.optimizer.learningRate = from.optimizer.learningRate;
    into.optimizer.slotValues.resize(from.optimizer.slotValues.size());
    for (std::size_t i = 0; i < from.optimizer.slotValues.size(); ++i)
        assignReusing(into.optimizer.slotValues[i], from.optimizer.slotValues[i]);
    into.optimizer.scalars = from.optimizer.scalars;
    into.sampler = from.sampler;
    into.means = from.means;
    into.epoch = from.epoch;
    into.stepInEpoch = from.stepInEpoch;
    into.report = from.report;
    into.gradients.resize(from.gradients.size());
    for (std::size_t i = 0; i < from.gradients.size(); ++i) {
        if (into.gradients[i] && from.gradients[i])
            into.gradients[i]->assignReusingBuffer(*from.gradients[i]);
        else
            into.gradients[i] = from.gradients[i];
    }
}

} // namespace

void StepRecords::clear()
{
    ring_.clear();
    segments_.clear();
    bytes_ = 0;
}

void StepRecords::beginSegment(const TrainingSettings& settings) { segments_.push_back(settings); }

void StepRecords::push(std::int64_t completedEpochs, nn::TrainingLoop::Checkpoint state)
{
    const bool full = ring_.size() == ring_.capacity();
    if (full)
        bytes_ -= ring_.front().bytes;
    const std::int64_t step = empty() ? 0 : lastStep() + 1;
    StepRecord& r = ring_.pushSlot();
    r.step = step;
    r.completedEpochs = completedEpochs;
    r.segment = segments_.empty() ? 0 : segments_.size() - 1;
    if (full)
        assignReusing(r.state, state); // the oldest step's buffers take the new numbers
    else
        r.state = std::move(state);
    r.bytes = bytesOf(r);
    bytes_ += r.bytes;
}

const StepRecord* StepRecords::find(std::int64_t step) const
{
    if (empty() || step < firstStep() || step > lastStep())
        return nullptr;
    return &ring_[static_cast<std::size_t>(step - firstStep())];
}

void StepRecords::dropAfter(std::int64_t step)
{
    if (empty() || step >= lastStep())
        return;
    const auto drop = static_cast<std::size_t>(lastStep() - std::max(step, firstStep() - 1));
    if (drop >= size()) {
        clear();
        return;
    }
    for (std::size_t i = ring_.size() - drop; i < ring_.size(); ++i)
        bytes_ -= ring_[i].bytes;
    ring_.dropNewest(drop);
    const std::size_t segments = empty() ? 0 : ring_.back().segment + 1;
    if (segments_.size() > segments && segments > 0)
        segments_.resize(segments);
}

std::size_t StepRecords::bytesOf(const StepRecord& record)
{
    const nn::TrainingLoop::Checkpoint& s = record.state;
    std::size_t bytes = sizeof(StepRecord) + vectorBytes(s.variables) + vectorBytes(s.streams)
                        + vectorBytes(s.optimizer.slotValues) + vectorBytes(s.optimizer.scalars)
                        + vectorBytes(s.means) + vectorBytes(s.report.metrics)
                        + vectorBytes(s.report.gradientNorms) + vectorBytes(s.gradients);
    for (const Tensor& t : s.variables)
        bytes += tensorBytes(t);
    for (const auto& perVariable : s.optimizer.slotValues) {
        bytes += vectorBytes(perVariable);
        for (const Tensor& t : perVariable)
            bytes += tensorBytes(t);
    }
    for (const auto& g : s.gradients)
        if (g)
            bytes += tensorBytes(*g);
    return bytes;
}

QString StepRecords::memoryText() const
{
    if (empty())
        return QObject::tr("no steps recorded");
    const QLocale c(QLocale::English); // 10,000: grouped digits, a decimal point
    const double full = static_cast<double>(bytesPerStep()) * static_cast<double>(capacity);
    return QObject::tr("steps %1–%2 kept, %3 (%4 a step, %5 for the last %6)")
        .arg(c.toString(firstStep()), c.toString(lastStep()), byteText(static_cast<double>(bytes_)),
             byteText(static_cast<double>(bytesPerStep())), byteText(full),
             c.toString(static_cast<qint64>(capacity)));
}

QString describeSettings(const TrainingSettings& s, const TrainingSettings& other)
{
    const nn::OptimizerSpec& o = s.optimizer;
    const nn::OptimizerSpec& p = other.optimizer;
    QStringList parts{
        QStringLiteral("%1 lr=%2").arg(optimizerTitle(o.name), number(learningRate(o)))};
    const auto differs = [](const std::optional<double>& a, const std::optional<double>& b,
                            double keras) { return a.value_or(keras) != b.value_or(keras); };
    if (differs(o.momentum, p.momentum, 0.0) && (o.name == "sgd" || o.name == "rmsprop"))
        parts << QStringLiteral("momentum=%1").arg(number(o.momentum.value_or(0.0)));
    if (o.nesterov != p.nesterov && o.name == "sgd")
        parts << (o.nesterov ? QStringLiteral("Nesterov") : QStringLiteral("no Nesterov"));
    if (differs(o.beta1, p.beta1, 0.9) && (o.name == "adam" || o.name == "nadam"))
        parts << QStringLiteral("beta_1=%1").arg(number(o.beta1.value_or(0.9)));
    if (differs(o.beta2, p.beta2, 0.999) && (o.name == "adam" || o.name == "nadam"))
        parts << QStringLiteral("beta_2=%1").arg(number(o.beta2.value_or(0.999)));
    if (differs(o.rho, p.rho, 0.9) && o.name == "rmsprop")
        parts << QStringLiteral("rho=%1").arg(number(o.rho.value_or(0.9)));
    if (s.batchSize != other.batchSize)
        parts << QStringLiteral("batch %1").arg(s.batchSize);
    if (s.regularizer.l1 != other.regularizer.l1 || s.regularizer.l2 != other.regularizer.l2)
        parts << penalty(s.regularizer);
    if (o.clipping.clipnorm != p.clipping.clipnorm || o.clipping.clipvalue != p.clipping.clipvalue)
        parts << clipping(o.clipping);
    return parts.join(QStringLiteral(", "));
}

} // namespace gs
