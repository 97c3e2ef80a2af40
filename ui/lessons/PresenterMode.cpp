#include "ui/lessons/PresenterMode.h"

#include "ui/editor/EditorView.h"
#include "ui/editor/EditorWorkspace.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/Theme.h"
#include "ui/lessons/LaserPointer.h"
#include "ui/lessons/LessonLocks.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/TapePanel.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

namespace gs {

namespace {

constexpr double presenterFontScale = 1.7;

/// White on black with saturated accents: what survives a washed-out projector best. Panels
/// and buttons are a dark grey rather than black, so that Fusion's outlines (derived from them)
/// still show where a check box or a field is.
QPalette highContrastPalette()
{
    QPalette p;
    const QColor black(0, 0, 0);
    const QColor white(255, 255, 255);
    p.setColor(QPalette::Window, QColor(36, 36, 36));
    p.setColor(QPalette::Button, QColor(64, 64, 64));
    p.setColor(QPalette::Base, black);
    p.setColor(QPalette::AlternateBase, QColor(24, 24, 24));
    p.setColor(QPalette::ToolTipBase, black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText,
                                     QPalette::BrightText})
        p.setColor(role, white);
    p.setColor(QPalette::Light, QColor(230, 230, 230));
    p.setColor(QPalette::Midlight, QColor(200, 200, 200));
    p.setColor(QPalette::Mid, QColor(170, 170, 170));
    p.setColor(QPalette::Dark, QColor(150, 150, 150));
    p.setColor(QPalette::Shadow, QColor(120, 120, 120));
    p.setColor(QPalette::Highlight, QColor(255, 214, 0));
    p.setColor(QPalette::HighlightedText, black);
    p.setColor(QPalette::Link, QColor(120, 200, 255));
    p.setColor(QPalette::PlaceholderText, QColor(200, 200, 200));
    return p;
}

/// A font `factor` times as large.
QFont larger(QFont font, double factor)
{
    if (font.pixelSize() > 0)
        font.setPixelSize(qRound(font.pixelSize() * factor));
    else
        font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

/// Docks that are for editing, never shown while presenting.
bool editingDock(const QString& name)
{
    return name == u"paletteDock" || name == u"historyDock" || name == u"inspectorDock" || name == u"lessonDock";
}

} // namespace

PresenterMode::PresenterMode(EditorWorkspace* workspace, QMainWindow* window, LessonPlayer* player)
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
    leave_->setShortcut(QKeySequence(Qt::Key_Escape));
    leave_->setEnabled(false);
    // The window keeps both, so that their keys work while the menu bar is hidden.
    window_->addAction(action_);
    window_->addAction(leave_);
    connect(action_, &QAction::toggled, this, &PresenterMode::setOn);
    connect(leave_, &QAction::triggered, this, [this] { action_->setChecked(false); });
    connect(player_, &LessonPlayer::frameApplied, this, [this] {
        if (isOn())
            showFrame();
    });
    window_->installEventFilter(this);
}

bool PresenterMode::eventFilter(QObject* watched, QEvent* event)
{
    // Leave before the window saves its settings on closing, so that the presenter's fonts and
    // docks are never remembered as the normal ones.
    if (watched == window_ && event->type() == QEvent::Close && isOn())
        action_->setChecked(false);
    return QObject::eventFilter(watched, event);
}

void PresenterMode::setOn(bool on)
{
    if (on == isOn())
        return;
    QWidget* viewport = workspace_->view()->viewport();
    if (on) {
        saved_ = Saved{window_->saveState(), window_->windowState(), window_->menuBar()->isVisible(),
                       window_->statusBar()->isVisible(), workspace_->formulaBar()->isVisible(), presenterScale(),
                       QApplication::palette()};
        window_->menuBar()->hide();
        window_->statusBar()->hide();
        workspace_->formulaBar()->hide();
        setPresenterScale(presenterFontScale);
        QApplication::setPalette(highContrastPalette());
        // The Jacobian and Hessian are written in a font of their own, which the application
        // font does not scale.
        QLabel* derivatives = workspace_->tapePanel()->derivatives();
        derivativesFont_ = derivatives->font();
        derivatives->setFont(larger(derivativesFont_, presenterFontScale));
        // Below the view, not over it, so that fitting the graph never hides a node under the text.
        caption_ = new QLabel(workspace_->centralWidget());
        caption_->setObjectName(QStringLiteral("presenterCaption"));
        caption_->setWordWrap(true);
        caption_->setTextFormat(Qt::RichText);
        caption_->setAttribute(Qt::WA_TransparentForMouseEvents);
        caption_->setStyleSheet(QStringLiteral("QLabel { background: black; color: white; "
                                               "border-top: 4px solid #ffd600; padding: 14px 22px; }"));
        caption_->setFont(larger(QApplication::font(), 1.25));
        if (auto* layout = qobject_cast<QBoxLayout*>(workspace_->centralWidget()->layout()))
            layout->addWidget(caption_);
        laser_ = new LaserPointer(viewport);
        if (fullScreen_)
            window_->setWindowState(window_->windowState() | Qt::WindowFullScreen);
        caption_->show();
        laser_->show();
        showFrame();
    } else {
        delete caption_;
        caption_ = nullptr;
        delete laser_;
        laser_ = nullptr;
        const Saved s = *saved_;
        saved_.reset();
        QApplication::setPalette(s.palette);
        workspace_->tapePanel()->derivatives()->setFont(derivativesFont_);
        setPresenterScale(s.scale);
        window_->setWindowState(s.windowState);
        window_->restoreState(s.state);
        window_->menuBar()->setVisible(s.menuBar);
        window_->statusBar()->setVisible(s.statusBar);
        workspace_->formulaBar()->setVisible(s.formulaBar);
    }
    leave_->setEnabled(on);
    action_->setChecked(on);
    QTimer::singleShot(0, workspace_->view(), [this] { workspace_->view()->fitAll(); });
}

void PresenterMode::showFrame()
{
    const LessonFrame& frame = player_->frame();
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) {
        const QString name = dock->objectName();
        dock->setVisible(!editingDock(name) && frame.panels && frame.panels->contains(name));
    }
    QString text = frame.text;
    if (!frame.question.isEmpty())
        text += tr("<p style='color:#ffd600'><b>Question:</b> %1</p>").arg(frame.question.toHtmlEscaped());
    if (player_->count() > 0)
        text += tr("<p align='right' style='color:#bbbbbb'>%1 \u2014 step %2 of %3</p>")
                    .arg(player_->lesson().title.toHtmlEscaped())
                    .arg(player_->index() + 1)
                    .arg(player_->count());
    caption_->setText(text);
    caption_->setVisible(!frame.text.isEmpty());
    caption_->setMaximumHeight(window_->height() * 2 / 5);
    // After the palette change has given the scene its style for the new palette.
    QTimer::singleShot(0, this, [this] {
        thickenStyle();
        workspace_->view()->fitAll();
    });
}

void PresenterMode::thickenStyle()
{
    if (!isOn())
        return;
    EditorStyle style = workspace_->scene()->editorStyle();
    if (style.minWireWidth >= 3.0)
        return;
    style.minWireWidth = 3.5;
    style.maxWireWidth = 16.0;
    // The answer and the legend are drawn at screen size, so only larger fonts make them legible
    // from the back; node texts grow with them, and the view zooms to fit anyway.
    for (QFont* font : {&style.titleFont, &style.textFont, &style.valueFont, &style.smallFont})
        *font = larger(*font, 1.5);
    workspace_->scene()->setEditorStyle(style);
    // Nodes are larger now: lay the step's graph out again for them.
    if (player_->count() > 0)
        player_->go(player_->index());
}

} // namespace gs
