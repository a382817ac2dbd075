// Not a test: renders the pictures of Help ▸ Guide from the window itself, in English and in
// Chinese, as full-size PNG files named NAME-LANGUAGE.png. scripts/guide-pictures runs it, then
// scales and reduces them into resources/guide/images/.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <cstdio>

#include "tests/ui/picture_support.h"
#include "ui/model/attention_document.h"
#include "ui/window/controls_panel.h"
#include "ui/window/export_actions.h"
#include "ui/window/export_figure_dialog.h"
#include "ui/window/heads_view.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"
#include "ui/window/mask_strokes.h"
#include "ui/window/step_through_view.h"

using namespace attnscope;

namespace {

void settle(AttentionDocument* document) { pictures::settle(document, "guide_pictures"); }

void save(QWidget* widget, const QDir& folder, const QString& name, const QString& code) {
  const QString path = folder.filePath(QStringLiteral("%1-%2.png").arg(name, code));
  pictures::save(widget, path);
}

// A sentence short enough for the values to be read in a picture a few hundred pixels wide.
Lesson lessonIn(const QString& code, const Lesson& defaults) {
  Lesson lesson = defaults;
  lesson.text = code == QLatin1String("en") ? "The cat sat on the mat because it was tired"
                                            : "小猫坐在垫子上因为它累了";
  lesson.heads = 4;
  lesson.mask = LessonMask::None;
  return lesson;
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("AttnScopeGuidePictures"));
  QStandardPaths::setTestModeEnabled(true);
  const QDir folder(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("guide-pictures"));
  QDir().mkpath(folder.path());

  Language language;
  MainWindow::clearSavedState();
  MainWindow window(&language);
  window.setTheme(Theme::Light);
  window.show();
  AttentionDocument* document = window.document();
  const Lesson defaults = document->parameters();

  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    language.setLanguage(code);
    const QString suffix = code.left(2);
    const Lesson lesson = lessonIn(code, defaults);

    // What a teacher sees first: the sentence, its tokens, the controls and four heads.
    window.resize(940, 600);
    window.tabs()->setCurrentWidget(window.headsView());
    document->reset(lesson);
    settle(document);
    save(&window, folder, QStringLiteral("window"), suffix);

    // One head opened large, its weights written in the cells.
    Lesson shortLesson = lesson;
    shortLesson.text = code == QLatin1String("en") ? "the cat sat on the mat" : "小猫坐在垫子上";
    document->reset(shortLesson);
    SessionView view = document->view();
    view.focusedHead = 1;
    document->setView(view);
    settle(document);
    save(window.headsView(), folder, QStringLiteral("head"), suffix);
    view.focusedHead.reset();
    document->setView(view);

    // A custom mask being painted: causal, plus one cell blocked by hand (the last word may
    // not look at the second).
    document->reset(shortLesson);
    settle(document);
    const int tokens = int(document->result()->queryTokens.size());
    Lesson masked = shortLesson;
    masked.mask = LessonMask::Custom;
    masked.blockedCells = causalBlockedCells(tokens, tokens);
    masked.blockedCells.insert({tokens - 1, 1});
    document->reset(masked);
    settle(document);
    save(window.controls()->maskBox()->parentWidget(), folder, QStringLiteral("mask"), suffix);

    // The softmax step, with one query row chosen and its worked numbers.
    document->reset(shortLesson);
    window.tabs()->setCurrentWidget(window.stepThrough());
    view = document->view();
    view.stepThrough = StepThroughStop::Softmax;
    view.stepHead = 1;
    view.selectedQuery = 2;
    view.selectedKey = 1;
    document->setView(view);
    window.resize(1280, 760);
    settle(document);
    save(window.stepThrough(), folder, QStringLiteral("step"), suffix);
    window.tabs()->setCurrentWidget(window.headsView());

    // The export dialog, set to the grid of heads.
    view = document->view();
    document->setView(view);
    settle(document);
    {
      FigureChoice choice = window.exportActions()->currentFigureChoice();
      // A file as on a teacher's computer, not the build machine's home.
      choice.path = QStringLiteral("/home/teacher/lecture/attention.png");
      ExportFigureDialog dialog(choice, shortLesson.heads, &window);
      ExportActions* actions = window.exportActions();
      dialog.setPreviewRenderer(
          [actions](const FigureChoice& choice) { return actions->previewFigure(choice); });
      dialog.show();
      QTest::qWait(200);
      save(&dialog, folder, QStringLiteral("export"), suffix);
    }
  }
  language.setLanguage(QStringLiteral("en"));
  MainWindow::clearSavedState();
  return 0;
}
