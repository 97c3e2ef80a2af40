#pragma once

#include "engine/core/DType.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace gs {

/// One condition of an exercise, on the student's document as it is evaluated now, written in a
/// small language of its own (see docs/lessons.md, "Exercises"):
///
///     f is unchanged                       the value of the node labelled f, as at the step's start
///     grad(w2) is None                     the gradient the tape gives w2
///     grad(x) is finite                    every element finite (also: is not finite, is nan)
///     z == 100 within 0.001                == (or =), !=, <, <=, >, >= against a number
///     dtype is float32                     what the document is evaluated in
///     loss after 100 steps with rate lr > 1000
///                                          loss after 100 steps of gradient descent on the
///                                          graph, with the learning rate the node lr holds
///
/// A condition keeps the text it was read from (`source`, what files store) and what it means.
struct GoalCondition {
    /// What the condition looks at.
    enum class Subject {
        Value,    ///< the node's forward value
        Gradient, ///< the gradient of the target with respect to the node (None when not watched)
        DType,    ///< the dtype of the evaluation
        Trained,  ///< the node's value after `steps` steps of gradient descent
    };
    /// What it asks of it.
    enum class Test {
        Equal,
        NotEqual,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Finite,
        NotFinite,
        NaN,
        NotNaN,
        None,
        NotNone,
        Unchanged, ///< as it was at the start of the step
        Changed,
        IsDType,
        IsNotDType,
    };

    QString source; ///< the condition as written (trimmed)
    Subject subject = Subject::Value;
    QString label;  ///< the node looked at (Value, Gradient, Trained)
    Test test = Test::Finite;
    double number = 0;                ///< compared with (Equal ... GreaterEqual)
    std::optional<double> tolerance;  ///< Equal, NotEqual: `within`; unset: relative 1e-5
    DType dtype = DType::Float32;     ///< IsDType, IsNotDType
    int steps = 0;                    ///< Trained
    QString rateLabel;                ///< Trained: the node holding the learning rate, or
    double rate = 0;                  ///< the learning rate written as a number (rateLabel empty)

    /// The labels of the document it reads.
    QStringList labels() const;
    /// For people, generated from what it means: "w2's gradient is None", "f's value is
    /// unchanged", "loss after 100 steps of gradient descent (learning rate lr) is above 1000".
    QString description() const;

    friend bool operator==(const GoalCondition&, const GoalCondition&) = default;
};

/// A condition read from its text, or why it cannot be (with the 0-based column it failed at).
struct ConditionRead {
    std::optional<GoalCondition> condition;
    QString error;
    int column = 0;
    bool ok() const { return condition.has_value(); }
};

ConditionRead readCondition(const QString& text);

/// What an exercise step asks the student to make true, with hints revealed one at a time and an
/// explanation shown once every condition holds.
struct ExerciseGoal {
    std::vector<GoalCondition> conditions;
    QStringList hints;   ///< rich text, in the order they are revealed
    QString explanation; ///< rich text; may be empty

    /// The conditions' sources, one a line: what an author edits.
    QString conditionsText() const;

    friend bool operator==(const ExerciseGoal&, const ExerciseGoal&) = default;
};

/// Conditions one a line (blank lines and lines starting with # are skipped); the first problem
/// ("line 2: expected ...") in `error` when one does not read.
std::optional<std::vector<GoalCondition>> readConditions(const QString& lines, QString* error = nullptr);

namespace goallimits {
constexpr int conditions = 32;
constexpr int conditionLength = 500;
constexpr int hints = 20;
constexpr int trainingSteps = 1'000;
} // namespace goallimits

} // namespace gs
