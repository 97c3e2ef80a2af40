#include "ui/workspace/PresenterMode.h"

#include "ui/Theme.h"
#include "ui/editor/EditorView.h"
#include "document/ExerciseCheck.h"
#include "document/ExerciseGoal.h"
#include "ui/lessons/ExerciseTracker.h"
#include "ui/lessons/LaserPointer.h"
#include "ui/lessons/LessonPanel.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/TapePanel.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterCaption.h"
#include "ui/workspace/PresenterConsole.h"
#include "ui/workspace/WindowLayout.h"
#include "ui/workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QScreen>
#include <QTimer>
#include <QWindow>

namespace gs {

namespace {

/// Every panel's text, for the panels a step may show (Training, Trace).
constexpr double presenterFontScale = 1.5;
/// The caption's text on a 1024x768 projector; in proportion on larger screens.
constexpr double captionPixelsAt768 = 26.0;
/// The most of the window's height the caption may take.
constexpr double captionShare = 0.4;

/// Panels that can be what a step is about, and so are shown while presenting when the step
/// asks for them. The others (tape, inspector, palette...) are for working at a desk: what they
/// say for the class is on the canvas already.
bool stagePanel(const QString& name) { return name == u"trainingDock" || name == u"traceDock"; }

QFont larger(QFont font, double factor)
{
    if (font.pixelSize() > 0)
        font.setPixelSize(qRound(font.pixelSize() * factor));
    else
        font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

} // namespace

PresenterMode::PresenterMode(Workspace* workspace, QMainWindow* window, LessonPlayer* player)
    : QObject(window)
    , workspace_(workspace)
    , window_(window)
    , player_(player)
    , action_(new QAction(tr("&Presenter Mode"), window))
    , leave_(new QAction(tr("Leave Presenter Mode"), window))
{
    action_->setObjectName(QStringLiteral("presenterModeAction"));
    action_->setCheckable(true);
    action_->setShortcut(QKeySequence(Qt::Key_F5));
    action_->setStatusTip(tr("Full screen, large and high-contrast, with the lesson's text as a caption"));
    leave_->setObjectName(QStringLiteral("leavePresenterAction"));
    leave_->setShortcut(QKeySequence(Qt::Key_Escape));
    leave_->setEnabled(false);
    // The window keeps both, so that their keys work while the menu bar is hidden.
    window_->addAction(action_);
    window_->addAction(leave_);
    connect(action_, &QAction::toggled, this, &PresenterMode::setOn);
    connect(leave_, &QAction::triggered, this, [this] { setOn(false); });
    connect(player_, &LessonPlayer::frameApplied, this, [this] {
        if (isOn())
            showFrame();
    });
    connect(player_, &LessonPlayer::revealed, this, [this] {
        if (isOn())
            showFrame();
    });
    // An exercise's ticks follow the edits on the projector too (the caption alone: the docks
    // and the graph's fit stay as the student left them).
    if (ExerciseTracker* exercises = player_->exercises())
        connect(exercises, &ExerciseTracker::changed, this, [this] {
            if (isOn() && caption_)
                updateCaption();
        });
    connect(workspace_->layout(), &WindowLayout::overlayEndRequested, this, [this](WindowLayout::Overlay overlay) {
        if (overlay == WindowLayout::Overlay::Presenter)
            setOn(false);
    });
}

PresenterMode::~PresenterMode()
{
    delete console_;
    // The window is going while presenting (the application quits): the application's font and
    // palette are not the window's, so they are given back here.
    if (saved_) {
        QApplication::setPalette(saved_->palette);
        setPresenterScale(saved_->scale);
    }
}

PresenterCaption* PresenterMode::caption() const { return caption_; }

LaserPointer* PresenterMode::laser() const { return laser_; }

PresenterConsole* PresenterMode::console() const { return console_; }

double PresenterMode::deskScale() const { return saved_ ? saved_->scale : presenterScale(); }

double PresenterMode::nodeTextPixels(int height) { return 18.0 * std::max(height, 768) / 768.0; }

void PresenterMode::setOn(bool on)
{
    if (on == isOn() || changing_)
        return;
    changing_ = true;
    if (on)
        enter();
    else
        leave();
    leave_->setEnabled(on);
    action_->setChecked(on);
    changing_ = false;
}

QScreen* PresenterMode::projector() const
{
    const QList<QScreen*> screens = QGuiApplication::screens();
    if (screens.size() < 2)
        return nullptr;
    QScreen* mine = window_->screen();
    for (QScreen* s : screens)
        if (s != mine)
            return s;
    return nullptr;
}

void PresenterMode::enter()
{
    QScreen* beamer = projector();
    workspace_->layout()->begin(WindowLayout::Overlay::Presenter);
    QLabel* derivatives = workspace_->tapePanel()->derivatives();
    EditorView* view = workspace_->view();
    saved_ = Saved{workspace_->formulaBar()->isVisible(),
                   presenterScale(),
                   QApplication::palette(),
                   derivatives->font(),
                   view->zoom(),
                   view->mapToScene(view->viewport()->rect().center()),
                   view->followsFit(),
                   view->legendCollapsed()};
    // The graph needs the room more than the key to its colours does (a click unfolds it).
    view->setLegendCollapsed(true);

    window_->menuBar()->hide();
    window_->statusBar()->hide();
    workspace_->formulaBar()->hide();
    setPresenterScale(presenterFontScale);
    QApplication::setPalette(presenterPalette());
    // The Jacobian's and Hessian's messages (when they cannot be computed) are written in a font
    // of their own, which the application font does not scale.
    derivatives->setFont(larger(saved_->derivativesFont, presenterFontScale));

    // Under the view, not over it, so that fitting the graph never hides a node under the text.
    caption_ = new PresenterCaption(workspace_->centralWidget());
    if (auto* layout = qobject_cast<QBoxLayout*>(workspace_->centralWidget()->layout()))
        layout->addWidget(caption_);
    laser_ = new LaserPointer(workspace_->view()->viewport());
    laser_->show();

    if (beamer) {
        // The teacher's screen keeps a console; the graph goes to the other one.
        QScreen* desk = window_->screen();
        LessonPanel* panel = workspace_->lessons()->panel();
        console_ = new PresenterConsole(player_, {panel->previousAction(), panel->revealAction(), panel->nextAction()});
        console_->addAction(leave_);
        console_->setGeometry(desk->availableGeometry());
        console_->show();
        if (QWindow* handle = window_->windowHandle())
            handle->setScreen(beamer);
        window_->setGeometry(beamer->availableGeometry());
    }
    QScreen* screen = beamer ? beamer : window_->screen();
    if (fullScreen_)
        window_->setWindowState(window_->windowState() | Qt::WindowFullScreen);
    const int height = fullScreen_ && screen ? screen->geometry().height() : window_->height();
    workspace_->view()->setPresentation(nodeTextPixels(height));
    caption_->setSizing(captionPixelsAt768 * std::max(height, 768) / 768.0, height * captionShare);
    caption_->show();
    // The lesson's graph is laid out anew for the larger nodes.
    if (player_->count() > 0)
        player_->go(player_->index());
    showFrame();
}

void PresenterMode::leave()
{
    delete console_;
    delete caption_;
    delete laser_;
    const Saved s = *saved_;
    saved_.reset();
    workspace_->view()->setPresentation(0);
    workspace_->view()->setLegendCollapsed(s.legendCollapsed);
    // What the style drew in presenter mode stays in QPixmapCache for the next time: it draws
    // with one palette object per set of colours (PaletteCanon), so its keys come back.
    QApplication::setPalette(s.palette);
    workspace_->tapePanel()->derivatives()->setFont(s.derivativesFont);
    setPresenterScale(s.scale);
    workspace_->formulaBar()->setVisible(s.formulaBar);
    workspace_->view()->setVisible(true);
    workspace_->layout()->end(WindowLayout::Overlay::Presenter);
    if (player_->count() > 0)
        player_->go(player_->index());
    // The canvas as it was: after the step's own framing, which the line above may have queued.
    QTimer::singleShot(0, workspace_->view(), [view = workspace_->view(), s] {
        if (s.followsFit) {
            view->fitAll();
            return;
        }
        view->setZoom(s.zoom);
        view->centerOn(s.centre);
    });
}

void PresenterMode::showFrame()
{
    const LessonFrame& frame = player_->frame();
    bool panelUnder = false;
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) {
        const QString name = dock->objectName();
        const bool shown = stagePanel(name) && frame.panels && frame.panels->contains(name);
        dock->setVisible(shown);
        if (!shown)
            continue;
        dock->raise(); // in front of the panels tabbed with it
        // What the step is about gets the room it needs: two fifths of the window beside or
        // under the canvas; the Training view, which then is the step, most of the height.
        const bool training = name == u"trainingDock";
        const Qt::DockWidgetArea area = window_->dockWidgetArea(dock);
        if (area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea)
            window_->resizeDocks({dock}, {window_->width() * 2 / 5}, Qt::Horizontal);
        else
            window_->resizeDocks({dock}, {window_->height() * (training ? 3 : 2) / (training ? 4 : 5)}, Qt::Vertical);
        panelUnder = panelUnder || (training && area == Qt::BottomDockWidgetArea);
    }
    // Under the Training view the graph would be a strip cut by the caption: the caption
    // introduces the view instead.
    workspace_->view()->setVisible(!panelUnder);
    updateCaption();
    // Once the caption has its height and the view its size.
    QTimer::singleShot(0, this, &PresenterMode::fitGraph);
}

void PresenterMode::updateCaption()
{
    const LessonFrame& frame = player_->frame();
    QString text = frame.text;
    if (!frame.question.isEmpty())
        text += tr("<p style='color:#ffd600'><b>Question:</b> %1</p>").arg(frame.question.toHtmlEscaped());
    QString progress;
    QString hint;
    if (player_->count() > 0) {
        progress = tr("%1 — step %2 of %3").arg(player_->lesson().title.toHtmlEscaped()).arg(player_->index() + 1).arg(player_->count());
        hint = player_->concealing() ? tr("Space reveals the answer")
               : player_->index() + 1 < player_->count() ? tr("Page Down: next step")
                                                         : tr("Esc leaves presenter mode");
    } else {
        hint = tr("Esc leaves presenter mode");
    }
    caption_->setContent(text + exerciseText(), progress, hint);
}

QString PresenterMode::exerciseText() const
{
    const ExerciseTracker* exercises = player_->exercises();
    const ExerciseGoal* goal = exercises ? exercises->goal() : nullptr;
    if (!goal)
        return {};
    // Bright marks on the black caption: readable from the back of the room.
    const GoalCheck& check = exercises->check();
    QStringList lines;
    for (std::size_t c = 0; c < goal->conditions.size(); ++c) {
        const bool pass = c < check.conditions.size() && check.conditions[c].passed;
        lines << QStringLiteral("<span style='color:%1'>%2</span> %3")
                     .arg(pass ? QStringLiteral("#7ee787") : QStringLiteral("#ff7b72"),
                          pass ? QStringLiteral("✔") : QStringLiteral("✘"), goal->conditions[c].description().toHtmlEscaped());
    }
    const QString title = check.solved() ? tr("<b>Exercise: solved</b>") : tr("<b>Exercise:</b> make these true");
    return QStringLiteral("<p>%1<br>%2</p>").arg(title, lines.join(QStringLiteral("<br>")));
}

void PresenterMode::fitGraph()
{
    if (isOn())
        workspace_->view()->fitAll();
}

} // namespace gs
