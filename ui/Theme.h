#pragma once

class QPalette;
class QStyle;

namespace gs {

/// The colour theme: the system's (whatever palette the platform gives), or GradScope's own light
/// or dark one (Fusion style). The canvas and the graph follow the palette either way.
enum class Theme { System, Light, Dark };
/// How many themes there are: Theme's values run from 0 to themeCount - 1.
constexpr int themeCount = 3;

void applyTheme(Theme theme);

/// `base` drawing every control with one palette object per set of colours (ui/PaletteCanon.h);
/// when `base` is Fusion (the themes' style), also with check box and radio indicators legible in
/// every palette and one icon kept per dock title-bar button. The style returned owns `base`.
QStyle* legibleStyle(QStyle* base);

/// White on black with saturated accents, for presenter mode: what survives a washed-out
/// projector best.
QPalette presenterPalette();

/// Presenter zoom: every font of the application at `scale` times its normal size (the canvas
/// zooms separately), for the back row of a lecture hall.
void setPresenterScale(double scale);
/// The range of the presenter zoom (Ctrl+= and Ctrl+- stay within it).
constexpr double minPresenterScale = 0.8;
constexpr double maxPresenterScale = 2.6;
double presenterScale();

} // namespace gs
