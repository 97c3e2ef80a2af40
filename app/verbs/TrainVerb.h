#pragma once

#include <QStringList>

namespace gs {

/// `gradscope train [RUN.json] [--epochs N] [--seed S] [--json]`: the book's custom training
/// loop, headless (app/verbs/TrainVerb.cpp).
int runTrainVerb(const QStringList& arguments);

} // namespace gs
