#pragma once

#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <memory>

#include "ui/attention_document.h"
#include "ui/controls_panel.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/sentence_input.h"

namespace attnscope::testing {

// ctest runs several test processes at once, and QSettings (in QStandardPaths' test location)
// is named after the application: one name per process keeps the choices a test saves (an export
// style, a language) from reaching the tests running beside it. Returns the settings file, for
// removal at exit.
inline QString useSettingsOfThisProcessOnly() {
  QCoreApplication::setApplicationName(
      QStringLiteral("attnscope-test-%1").arg(QCoreApplication::applicationPid()));
  return QSettings().fileName();
}

// Skips the debounce and waits (processing events, never sleeping) until the result on screen
// was computed from the document's current parameters.
inline void waitForCurrentResult(AttentionDocument* document) {
  document->flushDebounce();
  ASSERT_TRUE(QTest::qWaitFor(
      [document] {
        auto result = document->result();
        return result && result->parameters == document->parameters();
      },
      10000));
  QCoreApplication::processEvents();
}

// A fresh main window per test, with saved settings cleared before and after, and the steps a
// user takes: type a sentence, choose heads and a mask, each waiting for the new result.
class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    QStandardPaths::setTestModeEnabled(true);
    MainWindow::clearSavedState();
    m_window = std::make_unique<MainWindow>(&m_language);
    m_window->resize(1200, 800);
    m_window->show();
    settle();
  }
  void TearDown() override {
    m_window.reset();
    MainWindow::clearSavedState();
  }

  AttentionDocument* document() const { return m_window->document(); }
  void settle() { waitForCurrentResult(document()); }

  void typeSentence(const QString& text) {
    QLineEdit* edit = m_window->sentenceInput()->sentenceEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    // QTest::keyClicks asserts on non-ASCII text; an input-method commit types Chinese.
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
    settle();
  }

  void chooseHeads(int heads) {
    QComboBox* box = m_window->controls()->headsBox();
    const int index = box->findData(heads);
    ASSERT_GE(index, 0) << heads;
    box->setCurrentIndex(index);
    emit box->activated(index);
    settle();
  }

  void chooseMask(LessonMask mode) {
    QComboBox* box = m_window->controls()->maskBox();
    box->setCurrentIndex(int(mode));
    emit box->activated(int(mode));
    settle();
  }

  Language m_language;
  std::unique_ptr<MainWindow> m_window;
};

}  // namespace attnscope::testing
