#pragma once

#include "document/ConcreteDocument.h"
#include "document/Evaluation.h"
#include "ui/render/GraphOverlay.h"

namespace gs {

struct EditorStyle;

/// A concrete function's document ready to draw: laid out, evaluated at the values it was traced
/// with, and overlaid with its ghosts (folded and removed nodes faded). A
/// GraphPicture built from it must not outlive it.
struct ConcreteView {
    ConcreteDocument document;
    Evaluation evaluation;
    GraphOverlay overlay;

    ConcreteView(ConcreteDocument document, const EditorStyle& style);
    ConcreteView(const ConcreteView&) = delete;
    ConcreteView& operator=(const ConcreteView&) = delete;

    const GraphData& data() const { return document.data; }
};

} // namespace gs
