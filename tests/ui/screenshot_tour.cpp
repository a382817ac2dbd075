// Not a test: renders the window in the states worth looking at (English and Chinese, light
// and dark, 1, 4 and 16 heads, every step) into PNG files, for people to inspect and for the
// README. Run through scripts/screenshots.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <cstdio>

#include "core/weights.h"
#include "tests/safetensors_builder.h"
#include "tests/ui/picture_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/computation_steps.h"
#include "ui/window/controls_panel.h"
#include "ui/window/export_actions.h"
#include "ui/window/export_figure_dialog.h"
#include "ui/window/guide_dialog.h"
#include "ui/window/heads_view.h"
#include "ui/window/keyboard_help.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/step_through_view.h"
#include "ui/window/token_window_bar.h"

using namespace attnscope;

namespace {

void settle(AttentionDocument* document) { pictures::settle(document, "screenshot_tour"); }

void save(QWidget* widget, const QDir& folder, const QString& name) {
  const QString path = folder.filePath(name + QStringLiteral(".png"));
  pictures::save(widget, path);
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("AttnScopeTour"));
  QStandardPaths::setTestModeEnabled(true);
  const QDir folder(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots"));
  QDir().mkpath(folder.path());

  Language language;
  MainWindow::clearSavedState();
  MainWindow window(&language);
  window.resize(1500, 950);
  window.show();
  AttentionDocument* document = window.document();

  Lesson english = document->parameters();
  english.text = "The animal didn't cross the street because it was too tired";
  english.heads = 8;
  english.mask = LessonMask::Causal;
  document->reset(english);
  settle(document);
  save(&window, folder, QStringLiteral("heads-en-8-causal"));

  Lesson chinese = english;
  chinese.text = "注意力机制很强大";
  chinese.heads = 4;
  chinese.mask = LessonMask::None;
  document->reset(chinese);
  language.setLanguage(QStringLiteral("zh_CN"));
  settle(document);
  save(&window, folder, QStringLiteral("heads-zh-4"));

  window.setTheme(Theme::Dark);
  chinese.heads = 16;
  document->reset(chinese);
  settle(document);
  save(&window, folder, QStringLiteral("heads-zh-16-dark"));
  window.setTheme(Theme::Light);
  language.setLanguage(QStringLiteral("en"));

  english.heads = 1;
  document->reset(english);
  settle(document);
  save(&window, folder, QStringLiteral("heads-en-1"));

  english.heads = 4;
  english.mask = LessonMask::Custom;
  english.blockedCells = {{2, 0}, {2, 1}, {2, 2}, {2, 3},  {2, 4}, {2, 5}, {2, 6},
                          {2, 7}, {2, 8}, {2, 9}, {2, 10}, {5, 1}, {6, 1}};
  document->reset(english);
  settle(document);
  save(&window, folder, QStringLiteral("heads-en-custom-mask"));

  SessionView view = document->view();
  view.focusedHead = 1;
  document->setView(view);
  settle(document);
  save(&window, folder, QStringLiteral("head-large"));
  view.focusedHead.reset();
  document->setView(view);

  // Issue 19, point 14: the opened head's lines beside its matrix, a query chosen, in each
  // language and theme; then a long sentence seen through its window of tokens.
  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
      language.setLanguage(code);
      window.setTheme(theme);
      Lesson lesson = english;
      lesson.heads = 4;
      lesson.mask = LessonMask::Causal;
      lesson.blockedCells.clear();
      const bool inEnglish = code == QLatin1String("en");
      lesson.text = inEnglish ? "The animal didn't cross the street because it was too tired"
                              : "动物没过马路因为它太累了";
      document->reset(lesson);
      view = document->view();
      view.focusedHead = 1;
      view.selectedQuery = inEnglish ? 7 : 5;
      document->setView(view);
      settle(document);
      save(&window, folder,
           QStringLiteral("head-lines-%1-%2")
               .arg(code.left(2),
                    theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light")));
    }
  }
  window.setTheme(Theme::Light);
  language.setLanguage(QStringLiteral("en"));
  {
    Lesson sixty = english;
    sixty.heads = 4;
    sixty.mask = LessonMask::None;
    sixty.blockedCells.clear();
    sixty.text =
        "The animal didn't cross the street because it was too tired, so it lay down by "
        "the side of the road and slept until the warm sun rose over the hills and the "
        "birds began to sing again in the tall trees near the old stone bridge";
    document->reset(sixty);
    view = document->view();
    view.focusedHead = 0;
    view.selectedQuery = 12;
    document->setView(view);
    settle(document);
    window.headsView()->tokenWindowBar()->setWindow({8, 28});
    settle(document);
    save(&window, folder, QStringLiteral("head-lines-window"));
    view.focusedHead.reset();
    view.selectedQuery.reset();
    document->setView(view);
  }

  // Long text beyond the window's full trace: the streaming engine's pooled pictures.
  Lesson longText = english;
  longText.heads = 8;
  longText.mask = LessonMask::Causal;
  longText.blockedCells.clear();
  longText.text = QStringLiteral("The animal didn't cross the street because it was too tired. ")
                      .repeated(150)
                      .toStdString();
  document->reset(longText);
  settle(document);
  save(&window, folder, QStringLiteral("long-text-pooled"));
  view = document->view();
  view.focusedHead = 2;
  view.automaticRange = true;
  document->setView(view);
  settle(document);
  save(&window, folder, QStringLiteral("long-text-head"));
  view.focusedHead.reset();
  view.automaticRange = false;
  document->setView(view);

  // Weights of PyTorch's nn.MultiheadAttention, with the note on its mask rule.
  const QString weightsPath = folder.filePath(QStringLiteral("tour-mha.safetensors"));
  {
    const std::vector<std::byte> bytes = testing::multiheadStateDict(randomWeights(32, 9)).bytes();
    QFile file(weightsPath);
    file.open(QIODevice::WriteOnly);
    file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size()));
  }
  document->reset(english);
  if (const QString problem = window.lessonActions()->loadWeights(weightsPath); !problem.isEmpty())
    std::fprintf(stderr, "%s\n", qPrintable(problem));
  settle(document);
  save(&window, folder, QStringLiteral("weights-multihead"));
  QFile::remove(weightsPath);

  {
    ExportFigureDialog dialog(window.exportActions()->currentFigureChoice(), english.heads,
                              &window);
    ExportActions* actions = window.exportActions();
    dialog.setPreviewRenderer(
        [actions](const FigureChoice& c) { return actions->previewFigure(c); });
    dialog.show();
    QTest::qWait(150);
    save(&dialog, folder, QStringLiteral("export-dialog"));
  }
  // Help ▸ Keyboard shortcuts is modal: shot and closed from the event loop it runs.
  QTimer::singleShot(300, [&folder] {
    QWidget* dialog = QApplication::activeModalWidget();
    save(dialog, folder, QStringLiteral("keyboard-help"));
    dialog->close();
  });
  showKeyboardHelp(&window);

  // Help ▸ Guide in each language: its opening, and a section with a picture.
  GuideDialog* guide = window.showGuide();
  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    language.setLanguage(code);
    QTest::qWait(150);
    save(guide, folder, QStringLiteral("guide-%1").arg(code.left(2)));
    guide->browser()->scrollToAnchor(QStringLiteral("masks"));
    save(guide, folder, QStringLiteral("guide-masks-%1").arg(code.left(2)));
  }
  language.setLanguage(QStringLiteral("en"));
  // At a projector, in the dark theme: the guide's text grows with the window's.
  window.setTheme(Theme::Dark);
  window.setPresentationMode(true);
  QTest::qWait(150);  // the larger font lays the page out again first
  guide->browser()->scrollToAnchor(QStringLiteral("class"));
  save(guide, folder, QStringLiteral("guide-presentation-dark"));
  window.setPresentationMode(false);
  window.setTheme(Theme::Light);
  window.resize(1500, 950);
  guide->close();

  Lesson steps = english;
  steps.text = "the cat sat on the mat";
  steps.modelWidth = 16;
  steps.mask = LessonMask::Causal;
  document->reset(steps);
  window.tabs()->setCurrentWidget(window.stepThrough());
  for (int s = 0; s < kStepThroughStops; ++s) {
    view = document->view();
    view.stepThrough = StepThroughStop(s);
    view.stepHead = 1;
    view.selectedQuery = 3;
    view.selectedKey = 1;
    document->setView(view);
    settle(document);
    save(&window, folder, QStringLiteral("step-%1").arg(s + 1));
  }

  // Issue 19: 8 heads of a 12-token sentence on a laptop's and a projector's screen, normal and
  // in presentation mode (full screen, so the window takes the screen's size), with the softmax
  // step beside them.
  Lesson twelve = english;
  twelve.mask = LessonMask::None;
  twelve.heads = 8;
  for (const QSize screen : {QSize(1280, 860), QSize(1920, 1080)}) {
    for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
      for (const bool presenting : {false, true}) {
        language.setLanguage(code);
        twelve.text = code == QLatin1String("en")
                          ? "The animal didn't cross the street because it was too tired."
                          : "动物没过马路因为它太累了";
        document->reset(twelve);
        window.setPresentationMode(presenting);
        QTest::qWait(100);  // the platform applies full screen (its own screen's size) first
        window.resize(screen);
        window.tabs()->setCurrentWidget(window.headsView());
        settle(document);
        const QString name = QStringLiteral("%1-%2x%3%4")
                                 .arg(code.left(2))
                                 .arg(screen.width())
                                 .arg(screen.height())
                                 .arg(presenting ? QStringLiteral("-presentation") : QString());
        save(&window, folder, QStringLiteral("heads-") + name);
        window.tabs()->setCurrentWidget(window.stepThrough());
        view = document->view();
        view.stepThrough = StepThroughStop::Softmax;
        document->setView(view);
        settle(document);
        save(&window, folder, QStringLiteral("softmax-") + name);
      }
    }
  }
  window.setPresentationMode(false);
  // The dark theme where it once left white boxes: the chart, the mask grid.
  window.setTheme(Theme::Dark);
  view = document->view();
  view.stepThrough = StepThroughStop::Scaling;
  document->setView(view);
  settle(document);
  save(&window, folder, QStringLiteral("step-5-dark"));
  steps.mask = LessonMask::Custom;
  steps.blockedCells = {{0, 1}, {0, 2}, {1, 2}, {4, 0}};
  document->reset(steps);
  window.tabs()->setCurrentIndex(0);
  settle(document);
  save(&window, folder, QStringLiteral("heads-custom-mask-dark"));
  window.setTheme(Theme::Light);
  window.tabs()->setCurrentWidget(window.headsView());

  // In each language: the heads kept through a d_model they do not divide (issue 19, point 5),
  // the question before unsaved changes are set aside, and a save confirmed in the status bar
  // (point 10).
  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    language.setLanguage(code);
    document->reset(english);
    QComboBox* heads = window.controls()->headsBox();
    const int eight = heads->findData(8);
    heads->setCurrentIndex(eight);
    emit heads->activated(eight);
    window.controls()->modelWidthBox()->setValue(98);
    settle(document);
    save(&window, folder, QStringLiteral("heads-kept-%1").arg(code));

    // The real message box, shot once it is up and then answered with Cancel.
    QTimer::singleShot(300, [&] {
      if (QWidget* box = QApplication::activeModalWidget()) {
        save(box, folder, QStringLiteral("unsaved-question-%1").arg(code));
        QTest::keyClick(box, Qt::Key_Escape);
      }
    });
    for (QAction* action : window.findChildren<QAction*>()) {
      if (action->text() == LessonActions::tr("&New lesson")) action->trigger();
    }

    const QString lesson = folder.filePath(QStringLiteral("tour-lesson.attnscope"));
    if (const QString problem = window.lessonActions()->saveSession(lesson); !problem.isEmpty())
      std::fprintf(stderr, "%s\n", qPrintable(problem));
    settle(document);
    save(&window, folder, QStringLiteral("saved-notice-%1").arg(code));
    QFile::remove(lesson);
  }
  language.setLanguage(QStringLiteral("en"));
  return 0;
}
