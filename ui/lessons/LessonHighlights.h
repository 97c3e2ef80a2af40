#pragma once

#include "document/DocumentIds.h"

#include <vector>

namespace gs {

class GraphScene;

/// Draws a halo around each of `ids` (and removes the halos drawn before): what a lesson step
/// points at. The halos follow their nodes and go away with them.
void showLessonHighlights(GraphScene* scene, const std::vector<NodeId>& ids);

/// How many halos the scene shows (for tests).
int lessonHighlightCount(const GraphScene* scene);

} // namespace gs
