#include "ui/window/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/isa.h"
#include "ui/model/attention_document.h"
#include "ui/model/saved_state.h"
#include "ui/window/combo_hints.h"
#include "ui/window/controls_panel.h"
#include "ui/window/controls_scroll_area.h"
#include "ui/window/export_actions.h"
#include "ui/window/guide_dialog.h"
#include "ui/window/heads_view.h"
#include "ui/window/keyboard_help.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/sentence_input.h"
#include "ui/window/step_through_view.h"
#include "ui/window/written_notice.h"

namespace attnscope {
namespace {

constexpr double kPresentationScale = 1.6;

}  // namespace

MainWindow::MainWindow(Language* language, QWidget* parent)
    : QMainWindow(parent),
      m_language(language),
      m_document(new AttentionDocument(this)),
      m_input(new SentenceInput(m_document)),
      m_message(new QLabel),
      m_heads(new HeadsView(m_document)),
      m_stepThrough(new StepThroughView(m_document)),
      m_tabs(new QTabWidget),
      m_controls(new ControlsPanel(m_document)),
      m_controlsDock(new QDockWidget),
      m_writtenNotice(new WrittenNoticeLabel),
      m_lessonActions(new LessonActions(
          m_document, this, [this](QString p) { report(p); },
          [this](const QString& s, const QString& f) { m_writtenNotice->announce(s, f); })),
      m_exportActions(new ExportActions(
          m_document, this, [this](QString p) { report(p); },
          [this](const QString& s, const QString& f) { m_writtenNotice->announce(s, f); },
          [this] { return m_lessonActions->currentPath(); })) {
  setObjectName(QStringLiteral("MainWindow"));
  m_message->setWordWrap(true);
  // An explicit minimum, so that a word longer than the window (a pasted 5 000-letter token
  // named in a warning) cannot widen the window: word wrap cannot break it.
  m_message->setMinimumWidth(200);
  m_message->setTextFormat(Qt::PlainText);
  m_message->setVisible(false);
  m_message->setObjectName(QStringLiteral("message"));

  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(m_input);
  layout->addWidget(m_message);
  m_tabs->addTab(m_heads, QString());
  m_tabs->addTab(m_stepThrough, QString());
  m_tabs->setDocumentMode(true);
  layout->addWidget(m_tabs, 1);
  setCentralWidget(central);

  m_controlsDock->setObjectName(QStringLiteral("controlsDock"));
  m_controlsDock->setWidget(new ControlsScrollArea(m_controls));
  m_controlsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, m_controlsDock);
  statusBar()->addWidget(m_writtenNotice, 1);
  statusBar()->hide();  // until a file is written (WrittenNoticeLabel)

  m_exportActions->setStepThroughShown([this] { return m_tabs->currentWidget() == m_stepThrough; });
  m_exportActions->setLinesShown([this] { return m_heads->linesFigure(); });
  connect(m_heads, &HeadsView::matrixMenuRequested, m_exportActions,
          &ExportActions::showMatrixMenu);
  connect(m_stepThrough, &StepThroughView::matrixMenuRequested, m_exportActions,
          &ExportActions::showMatrixMenu);
  m_normalPointSize = QApplication::font().pointSizeF();
  buildMenus();
  retranslate();
  connect(m_document, &AttentionDocument::resultChanged, this, &MainWindow::showResult);
  connect(m_lessonActions, &LessonActions::weightsChosen, m_controls, &ControlsPanel::useWeights);
  connect(m_document, &AttentionDocument::originChanged, this, &MainWindow::showTitle);
  keepComboHintsWithFont(this);
  restoreLastRun();
}

MainWindow::~MainWindow() {
  // The enlarged font is the application's: a window closed while presenting gives it back, so
  // a window opened after it (the tests open one after another) does not start enlarged.
  if (m_presentation) {
    QFont font = QApplication::font();
    font.setPointSizeF(m_normalPointSize);
    QApplication::setFont(font);
  }
}

void MainWindow::buildMenus() {
  QUndoStack* undo = m_document->undoStack();
  m_fileMenu = menuBar()->addMenu(QString());
  m_lessonActions->fillMenu(m_fileMenu);
  m_exportActions->fillMenu(m_fileMenu);
  m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
  m_quit->setShortcut(QKeySequence::Quit);

  m_editMenu = menuBar()->addMenu(QString());
  m_undo = undo->createUndoAction(this);
  m_undo->setShortcut(QKeySequence::Undo);
  m_redo = undo->createRedoAction(this);
  m_redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
  m_editMenu->addAction(m_undo);
  m_editMenu->addAction(m_redo);
  m_editMenu->addSeparator();
  m_focusSentence = m_editMenu->addAction(QString(), this, [this] {
    m_input->sentenceEdit()->setFocus();
    m_input->sentenceEdit()->selectAll();
  });
  m_focusSentence->setShortcut(Qt::CTRL | Qt::Key_L);
  m_newWeights = m_editMenu->addAction(QString(), m_controls, &ControlsPanel::newRandomWeights);
  m_newWeights->setShortcut(Qt::CTRL | Qt::Key_R);

  m_viewMenu = menuBar()->addMenu(QString());
  m_backToGrid = m_viewMenu->addAction(QString(), this, [this] { focusHead(-1); });
  m_backToGrid->setShortcut(Qt::Key_Escape);
  for (int head = 0; head < 9; ++head) {
    auto* open = new QAction(this);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + head)));
    connect(open, &QAction::triggered, this, [this, head] { focusHead(head); });
    addAction(open);
    m_openHead.append(open);
  }
  m_showHeads =
      m_viewMenu->addAction(QString(), this, [this] { m_tabs->setCurrentWidget(m_heads); });
  m_showHeads->setShortcut(Qt::Key_F2);
  m_showSteps =
      m_viewMenu->addAction(QString(), this, [this] { m_tabs->setCurrentWidget(m_stepThrough); });
  m_showSteps->setShortcut(Qt::Key_F3);
  m_average = m_viewMenu->addAction(QString(), this, [this](bool on) {
    SessionView view = m_document->view();
    view.averageOfHeads = on;
    m_document->setView(view);
  });
  m_average->setCheckable(true);
  m_average->setShortcut(Qt::CTRL | Qt::Key_M);
  connect(m_document, &AttentionDocument::viewChanged, this,
          [this](const SessionView& view) { m_average->setChecked(view.averageOfHeads); });
  m_viewMenu->addSeparator();
  m_presentationAction = m_viewMenu->addAction(QString(), this, &MainWindow::setPresentationMode);
  m_presentationAction->setCheckable(true);
  m_presentationAction->setShortcut(Qt::Key_F5);
  // Presentation mode hides the controls; this brings them back. (The dock's own toggle action
  // is disabled: the dock has no close button.)
  m_showControls = m_viewMenu->addAction(QString(), m_controlsDock, &QWidget::setVisible);
  m_showControls->setCheckable(true);
  m_showControls->setChecked(true);
  m_showControls->setShortcut(Qt::Key_F6);
  connect(m_controlsDock, &QDockWidget::visibilityChanged, m_showControls, &QAction::setChecked);

  m_themeMenu = m_viewMenu->addMenu(QString());
  auto* themes = new QActionGroup(this);
  auto addTheme = [&](Theme theme) {
    QAction* action = m_themeMenu->addAction(QString(), this, [this, theme] { setTheme(theme); });
    action->setCheckable(true);
    themes->addAction(action);
    return action;
  };
  m_themeSystem = addTheme(Theme::System);
  m_themeLight = addTheme(Theme::Light);
  m_themeDark = addTheme(Theme::Dark);

  m_languageMenu = m_viewMenu->addMenu(QString());
  auto* languages = new QActionGroup(this);
  auto addLanguage = [&](const QString& code) {
    QAction* action = m_languageMenu->addAction(QString(), this, [this, code] {
      m_language->setLanguage(code);
      QSettings().setValue(QStringLiteral("language"), code);
    });
    action->setCheckable(true);
    languages->addAction(action);
    return action;
  };
  m_english = addLanguage(QStringLiteral("en"));
  m_chinese = addLanguage(QStringLiteral("zh_CN"));

  m_helpMenu = menuBar()->addMenu(QString());
  m_guideAction = m_helpMenu->addAction(QString(), this, &MainWindow::showGuide);
  m_guideAction->setShortcut(Qt::Key_F1);
  m_keyboardHelp = m_helpMenu->addAction(QString(), this, [this] { showKeyboardHelp(this); });
  m_about = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::showTitle() {
  // Qt shows "[*]" as "*" while the window is modified, and hides it otherwise.
  setWindowTitle(tr("%1[*] — AttnScope").arg(m_lessonActions->lessonName()));
  setWindowModified(m_document->isModified());
}

void MainWindow::retranslate() {
  showTitle();
  m_controlsDock->setWindowTitle(tr("Controls"));
  m_fileMenu->setTitle(tr("&File"));
  m_quit->setText(tr("&Quit"));
  m_lessonActions->retranslate();
  m_exportActions->retranslate();
  m_editMenu->setTitle(tr("&Edit"));
  m_undo->setText(tr("&Undo"));
  m_redo->setText(tr("&Redo"));
  m_undo->setWhatsThis(tr("Undo the last change"));
  m_redo->setWhatsThis(tr("Redo the change undone"));
  m_focusSentence->setText(tr("Edit the &sentence"));
  m_newWeights->setText(tr("New random &weights"));
  m_viewMenu->setTitle(tr("&View"));
  m_backToGrid->setText(tr("&All heads"));
  for (int head = 0; head < m_openHead.size(); ++head) {
    m_openHead[head]->setText(tr("Open head %1 large").arg(head + 1));
  }
  m_showHeads->setText(tr("&Heads"));
  m_showSteps->setText(tr("&Step through the computation"));
  m_tabs->setTabText(0, tr("Heads"));
  m_tabs->setTabText(1, tr("Step through"));
  m_average->setText(tr("A&verage of heads"));
  m_presentationAction->setText(tr("&Presentation mode"));
  m_showControls->setText(tr("Show the &controls"));
  m_themeMenu->setTitle(tr("&Theme"));
  m_themeSystem->setText(tr("Follow the &system"));
  m_themeLight->setText(tr("&Light"));
  m_themeDark->setText(tr("&Dark"));
  m_languageMenu->setTitle(tr("&Language"));
  m_english->setText(QStringLiteral("English"));
  m_chinese->setText(QStringLiteral("简体中文"));
  m_helpMenu->setTitle(tr("&Help"));
  m_guideAction->setText(tr("&Guide…"));
  m_keyboardHelp->setText(tr("&Keyboard shortcuts…"));
  m_about->setText(tr("&About AttnScope"));
  showResult(m_document->result());
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    const bool chinese = m_language->language().startsWith(QLatin1String("zh"));
    m_chinese->setChecked(chinese);
    m_english->setChecked(!chinese);
  }
  QMainWindow::changeEvent(event);
}

QString MainWindow::message() const {
  return m_message->isVisible() ? m_message->text() : QString();
}

void MainWindow::showResult(const std::shared_ptr<const AttentionResult>& result) {
  QString text;
  if (result && !result->computed()) {
    text = tr("⚠ %1").arg(result->error);
  } else if (result && result->pooled()) {
    text = tr("ℹ %1 × %2 tokens in %3 heads is more than the window keeps exactly (%4 million "
              "cells): the heads show pooled pictures from the streaming engine, each cell the "
              "mean weight over a block (Automatic colour range brings out faint patterns). Open a "
              "head and zoom in to see which tokens a region "
              "covers. The step-through, values and exports need a shorter text.")
               .arg(result->queryTokens.size())
               .arg(result->keyTokens.size())
               .arg(result->heads())
               .arg(double(kWindowTraceCells) / 1e6, 0, 'f', 1);
  } else if (result && !result->fullyBlockedRows.empty()) {
    QStringList rows;
    for (int row : result->fullyBlockedRows) {
      const QString token = result->queryLabels.value(row);
      rows << QStringLiteral("“%1”").arg(token.size() > 40 ? token.left(39) + QChar(0x2026)
                                                           : token);
    }
    text = tr("⚠ The mask blocks every key for query %1. Each of its scores is −1e9, so softmax "
              "gives all %2 keys the same weight 1/%2: the row is uniform, not empty.",
              nullptr, int(rows.size()))
               .arg(rows.join(QStringLiteral(", ")))
               .arg(result->keyTokens.size());
  }
  m_message->setText(text);
  m_message->setVisible(!text.isEmpty());
  // The step-through shows every intermediate, which a pooled result does not have.
  const bool pooled = result && result->pooled();
  m_tabs->setTabEnabled(1, !pooled);
  m_showSteps->setEnabled(!pooled);  // F3 must not open the disabled tab's old content
  if (pooled && m_tabs->currentWidget() == m_stepThrough) m_tabs->setCurrentWidget(m_heads);
}

void MainWindow::report(const QString& problem) {
  if (problem.isEmpty()) return;
  m_message->setText(tr("⚠ %1").arg(problem));
  m_message->setVisible(true);
}

void MainWindow::focusHead(int head) {
  m_tabs->setCurrentWidget(m_heads);
  SessionView view = m_document->view();
  view.focusedHead = head >= 0 ? std::optional(head) : std::nullopt;
  if (head >= 0) {
    view.averageOfHeads = false;
    view.rollout = false;
  }
  m_document->setView(view);
}

void MainWindow::setPresentationMode(bool on) {
  const bool changed = on != m_presentation;
  m_presentation = on;
  m_presentationAction->setChecked(on);
  QFont font = QApplication::font();
  font.setPointSizeF(on ? m_normalPointSize * kPresentationScale : m_normalPointSize);
  QApplication::setFont(font);
  m_heads->setFontScale(on ? kPresentationScale : 1.0);
  if (!changed) return;
  // At a projector the maps get the room: the whole screen, the controls hidden (F6 shows them).
  // The maximized flag stays beside full screen, so leaving restores it; a window not shown yet
  // (the mode restored at start) goes full screen when it is.
  if (on) m_dockWidthBeforePresenting = m_controlsDock->width();
  setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
  if (on) {
    m_controlsDock->setVisible(false);
    return;
  }
  // The widgets hear of the smaller font through posted events: shown before they run, the dock
  // sized itself to the enlarged controls (555 px instead of 383) and widened the window at
  // every F5 pair. After them it takes back the width it had.
  QCoreApplication::sendPostedEvents();
  m_controlsDock->setVisible(true);
  resizeDocks({m_controlsDock}, {m_dockWidthBeforePresenting}, Qt::Horizontal);
}

void MainWindow::setTheme(Theme theme) {
  m_theme = theme;
  applyTheme(theme);
  m_themeSystem->setChecked(theme == Theme::System);
  m_themeLight->setChecked(theme == Theme::Light);
  m_themeDark->setChecked(theme == Theme::Dark);
}

GuideDialog* MainWindow::showGuide() {
  // One guide, kept open beside the window while the teacher tries what it says.
  if (!m_guide) m_guide = new GuideDialog(m_language, this);
  m_guide->show();
  m_guide->raise();
  m_guide->activateWindow();
  return m_guide;
}

void MainWindow::showAbout() {
  // The instruction set in words: a teacher asked "what is avx512?" of the bare name.
  const Isa isa = activeIsa();
  const QString engine = isa == Isa::Avx512 ? tr("AVX-512 vector instructions, 16 numbers at once")
                         : isa == Isa::Avx2 ? tr("AVX2 vector instructions, 8 numbers at once")
                                            : tr("plain instructions, one number at a time");
  QMessageBox::about(
      this, tr("About AttnScope"),
      tr("<h3>AttnScope %1</h3><p>See and teach multi-head attention: every head of "
         "softmax(QKᵀ/√d_k)·V, computed exactly as the PyTorch reference module does.</p>"
         "<p>On this computer the attention is computed with %2 (the fastest way this processor "
         "offers). Every way gives the same numbers, to the precision of 32-bit floats.</p>")
          .arg(QApplication::applicationVersion(), engine));
}

void MainWindow::clearSavedState() { QSettings().clear(); }

void MainWindow::restoreLastRun() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
    resize(1280, 860);
  }
  QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  Lesson lesson = m_document->parameters();
  SessionView view = m_document->view();
  loadLastLesson(settings, lesson, view);
  m_document->reset(lesson);
  m_document->setView(view);
  const int theme = settings.value(QStringLiteral("theme"), int(Theme::System)).toInt();
  setTheme(theme >= 0 && theme <= int(Theme::Dark) ? Theme(theme) : Theme::System);
  if (settings.value(QStringLiteral("presentation"), false).toBool()) setPresentationMode(true);
}

void MainWindow::keepForNextRun() const {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
  saveLastLesson(settings, m_document->parameters(), m_document->view());
  settings.setValue(QStringLiteral("theme"), int(m_theme));
  settings.setValue(QStringLiteral("presentation"), m_presentation);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!m_lessonActions->maySetAside()) {
    event->ignore();
    return;
  }
  keepForNextRun();
  event->accept();
}

}  // namespace attnscope
