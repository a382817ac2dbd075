// Issue 19, point 10: work is not lost silently. The title names the lesson and marks unsaved
// changes; New, Open, Examples and Quit ask first (answered through the question's seam, and
// once through the real box's buttons); an example is one undo step; saves and exports are
// confirmed in the status bar.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QWindow>

#include "core/session_file.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/examples.h"
#include "ui/window/export_actions.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/written_notice.h"

namespace attnscope {
namespace {

using Choice = LessonActions::UnsavedChoice;

class UnsavedWorkTest : public testing::WindowTest {
 protected:
  void SetUp() override {
    WindowTest::SetUp();
    ASSERT_TRUE(m_folder.isValid());
    files()->setUnsavedChangesQuestion([this](const QString& name) {
      m_asked.append(name);
      return m_answer;
    });
  }

  LessonActions* files() const { return m_window->lessonActions(); }
  std::string text() const { return document()->parameters().text; }
  // The title as the window system shows it: Qt has put "*" in place of "[*]" or dropped it.
  QString shownTitle() const { return m_window->windowHandle()->title(); }

  QAction* fileAction(const QString& text) const {
    for (QAction* action : m_window->findChildren<QAction*>()) {
      if (action->text() == text) return action;
    }
    ADD_FAILURE() << "no action " << text.toStdString();
    return nullptr;
  }
  QMenu* menu(const QString& title) const {
    for (QMenu* candidate : m_window->findChildren<QMenu*>()) {
      if (candidate->title() == title) return candidate;
    }
    ADD_FAILURE() << "no menu " << title.toStdString();
    return nullptr;
  }
  QString savedLesson(const QString& name) {
    const QString path = m_folder.filePath(name);
    EXPECT_EQ(files()->saveSession(path), QString());
    return path;
  }

  QTemporaryDir m_folder;
  QStringList m_asked;
  Choice m_answer = Choice::Cancel;
};

TEST_F(UnsavedWorkTest, TheTitleNamesTheLessonAndMarksUnsavedChanges) {
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("Untitled lesson — ")))
      << shownTitle().toStdString();
  EXPECT_FALSE(m_window->isWindowModified());

  typeSentence(QStringLiteral("a lesson in the making"));
  EXPECT_TRUE(m_window->isWindowModified());
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("Untitled lesson* — ")))
      << shownTitle().toStdString();

  savedLesson(QStringLiteral("making.attnscope"));
  EXPECT_FALSE(m_window->isWindowModified());
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("making.attnscope — ")))
      << shownTitle().toStdString();

  // Unsaved is judged against the file: an edit marks it, undoing the edit clears the mark.
  typeSentence(QStringLiteral("a lesson changed after saving"));
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("making.attnscope* — ")))
      << shownTitle().toStdString();
  document()->undoStack()->undo();
  EXPECT_EQ(text(), "a lesson in the making");
  EXPECT_FALSE(m_window->isWindowModified());
  // The view is where one looks, not work: it marks nothing.
  SessionView view = document()->view();
  view.automaticRange = !view.automaticRange;
  document()->setView(view);
  EXPECT_FALSE(m_window->isWindowModified());
}

TEST_F(UnsavedWorkTest, AnExampleAsksFirstAndIsOneUndoStep) {
  typeSentence(QStringLiteral("my own words"));
  const int steps = document()->undoStack()->index();
  QAction* example = menu(LessonActions::tr("E&xamples"))->actions().front();
  const Session expected = openExample(exampleSessions().front().resourcePath);

  m_answer = Choice::Cancel;
  example->trigger();
  EXPECT_EQ(m_asked, QStringList{QStringLiteral("Untitled lesson")});
  EXPECT_EQ(text(), "my own words");
  EXPECT_EQ(document()->undoStack()->index(), steps);

  m_answer = Choice::Discard;
  example->trigger();
  settle();
  EXPECT_EQ(m_asked.size(), 2);
  EXPECT_EQ(text(), expected.text);
  EXPECT_EQ(document()->view(), expected.view);
  EXPECT_EQ(files()->lessonName(), example->text());
  EXPECT_FALSE(m_window->isWindowModified());
  EXPECT_TRUE(shownTitle().startsWith(example->text() + QStringLiteral(" — ")))
      << shownTitle().toStdString();
  ASSERT_EQ(document()->undoStack()->index(), steps + 1) << "one undo step, history kept";

  // Undo brings back the words, their name and their unsaved mark; redo the example.
  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(text(), "my own words");
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("Untitled lesson* — ")))
      << shownTitle().toStdString();
  document()->undoStack()->redo();
  EXPECT_EQ(text(), expected.text);
  EXPECT_FALSE(m_window->isWindowModified());

  // Nothing unsaved: no question.
  example->trigger();
  EXPECT_EQ(m_asked.size(), 2);
}

TEST_F(UnsavedWorkTest, SaveFirstWritesTheChangesBeforeNewReplacesThem) {
  const QString path = savedLesson(QStringLiteral("before.attnscope"));
  typeSentence(QStringLiteral("changes worth keeping"));

  m_answer = Choice::Save;
  fileAction(LessonActions::tr("&New lesson"))->trigger();
  EXPECT_EQ(m_asked, QStringList{QStringLiteral("before.attnscope")});
  EXPECT_EQ(readSession(QFile::encodeName(path).toStdString()).text, "changes worth keeping");
  EXPECT_EQ(text(), AttentionDocument::newLesson().text);
  EXPECT_EQ(files()->currentPath(), QString());
  EXPECT_TRUE(shownTitle().startsWith(QStringLiteral("Untitled lesson — ")))
      << shownTitle().toStdString();

  // New is one undo step too: back to the saved lesson, with its name and nothing unsaved.
  document()->undoStack()->undo();
  EXPECT_EQ(text(), "changes worth keeping");
  EXPECT_EQ(files()->currentPath(), path);
  EXPECT_FALSE(m_window->isWindowModified());
}

TEST_F(UnsavedWorkTest, OpeningARecentLessonAsksFirst) {
  const QString path = savedLesson(QStringLiteral("recent.attnscope"));
  typeSentence(QStringLiteral("not yet saved"));
  QMenu* recent = menu(LessonActions::tr("Open &recent"));
  ASSERT_FALSE(recent->actions().isEmpty());
  QAction* open = recent->actions().front();
  EXPECT_EQ(open->toolTip(), path);

  m_answer = Choice::Cancel;
  open->trigger();
  EXPECT_EQ(m_asked.size(), 1);
  EXPECT_EQ(text(), "not yet saved");

  m_answer = Choice::Discard;
  open->trigger();
  EXPECT_EQ(m_asked.size(), 2);
  EXPECT_EQ(text(), readSession(QFile::encodeName(path).toStdString()).text);
  EXPECT_EQ(files()->currentPath(), path);
  EXPECT_FALSE(m_window->isWindowModified());
}

TEST_F(UnsavedWorkTest, QuittingAsksFirst) {
  EXPECT_TRUE(m_window->close()) << "nothing unsaved: closes without asking";
  EXPECT_TRUE(m_asked.isEmpty());
  m_window->show();

  typeSentence(QStringLiteral("half a lesson"));
  m_answer = Choice::Cancel;
  EXPECT_FALSE(m_window->close());
  EXPECT_TRUE(m_window->isVisible());
  EXPECT_EQ(m_asked.size(), 1);

  m_answer = Choice::Discard;
  EXPECT_TRUE(m_window->close());
  EXPECT_FALSE(m_window->isVisible());
  EXPECT_EQ(m_asked.size(), 2);
}

TEST_F(UnsavedWorkTest, SavesAndExportsAreConfirmedWithALinkToTheirFolder) {
  WrittenNoticeLabel* notice = m_window->writtenNotice();
  EXPECT_TRUE(notice->text().isEmpty());
  const QString folderLink = QUrl::fromLocalFile(m_folder.path()).toString(QUrl::FullyEncoded);

  savedLesson(QStringLiteral("a & b.attnscope"));
  EXPECT_TRUE(notice->isVisible());
  EXPECT_TRUE(notice->text().startsWith(QStringLiteral("Saved “a &amp; b.attnscope” · ")))
      << notice->text().toStdString();
  EXPECT_TRUE(notice->text().contains(QStringLiteral("href=\"%1\"").arg(folderLink)))
      << notice->text().toStdString();
  EXPECT_EQ(QDir(notice->folder()), QDir(m_folder.path()));

  FigureChoice figure = m_window->exportActions()->currentFigureChoice();
  figure.path = m_folder.filePath(QStringLiteral("heads.svg"));
  ASSERT_EQ(m_window->exportActions()->exportFigure(figure), QString());
  EXPECT_TRUE(notice->text().startsWith(QStringLiteral("Exported “heads.svg” · ")))
      << notice->text().toStdString();

  const QString sub = m_folder.filePath(QStringLiteral("tables"));
  ASSERT_TRUE(QDir().mkpath(sub));
  ASSERT_EQ(m_window->exportActions()->exportCurrentMatrix(sub + QStringLiteral("/w.npy")),
            QString());
  EXPECT_TRUE(notice->text().startsWith(QStringLiteral("Exported “w.npy” · ")))
      << notice->text().toStdString();
  EXPECT_EQ(QDir(notice->folder()), QDir(sub));

  // A failed export says so above the heads and confirms nothing.
  const QString before = notice->text();
  EXPECT_NE(m_window->exportActions()->exportCurrentMatrix(
                m_folder.filePath(QStringLiteral("missing/w.npy"))),
            QString());
  EXPECT_EQ(notice->text(), before);
}

// The real question, answered by clicking its buttons once it is up (the seam above stands in for
// it everywhere else).
class UnsavedChangesBoxTest : public testing::WindowTest {
 protected:
  // Clicks the box's button `which` as soon as the box is up; returns the box's text.
  QString answerTheBox(QMessageBox::StandardButton which) {
    auto text = std::make_shared<QString>();
    auto* poll = new QTimer(m_window.get());
    QObject::connect(poll, &QTimer::timeout, poll, [poll, which, text] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      *text = box->text() + QLatin1Char('\n') + box->informativeText();
      QTest::mouseClick(box->button(which), Qt::LeftButton);
      poll->deleteLater();
    });
    poll->start(10);
    QAction* newLesson = nullptr;
    for (QAction* action : m_window->findChildren<QAction*>()) {
      if (action->text() == LessonActions::tr("&New lesson")) newLesson = action;
    }
    newLesson->trigger();  // returns once the box was answered
    return *text;
  }
};

TEST_F(UnsavedChangesBoxTest, CancelKeepsTheLessonAndDiscardReplacesIt) {
  typeSentence(QStringLiteral("unsaved words"));
  const QString asked = answerTheBox(QMessageBox::Cancel);
  EXPECT_TRUE(asked.contains(QStringLiteral("“Untitled lesson” has changes that are not saved.")))
      << asked.toStdString();
  EXPECT_EQ(document()->parameters().text, "unsaved words");

  answerTheBox(QMessageBox::Discard);
  EXPECT_EQ(document()->parameters().text, AttentionDocument::newLesson().text);
  EXPECT_FALSE(m_window->isWindowModified());
}

}  // namespace
}  // namespace attnscope
