#include "ui/lessons/LessonHighlights.h"

#include "ui/editor/GraphScene.h"

namespace gs {

// The halos are the canvas's own (HaloItem): drawn beneath every wire, label and pill, so that
// what a step points at never hides what the step is about.
void showLessonHighlights(GraphScene* scene, const std::vector<NodeId>& ids) { scene->setHighlighted(ids); }

int lessonHighlightCount(const GraphScene* scene) { return static_cast<int>(scene->highlighted().size()); }

} // namespace gs
