#pragma once

#include "ui/training/Ring.h"
#include "ui/training/TrainingHistory.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace gs {

/// One element of one trainable variable followed step by step: its value, its gradient and the
/// optimizer's slotValues for it (Adam's m and v, ...). Only the chosen element is recorded, so a
/// long run costs a few numbers per step rather than a copy of every slot; and only for the last
/// `capacity` steps (the history's), 8 bytes a number, about 400 KB for Adam when full.
struct WeightTrace {
    static constexpr std::size_t capacity = TrainingHistory::stepCapacity;

    std::size_t variable = 0; ///< index into model.trainable_variables
    std::int64_t element = 0; ///< row-major index into that variable
    QStringList slotNames;    ///< the optimizer's, in its order
    Ring<double> steps{capacity};
    Ring<double> values{capacity};
    Ring<double> gradients{capacity};
    std::vector<Ring<double>> slotValues; ///< slotValues[i][k]: slot i after step steps[k]

    void clear()
    {
        steps.clear();
        values.clear();
        gradients.clear();
        for (auto& s : slotValues)
            s.clear();
    }
};

} // namespace gs
