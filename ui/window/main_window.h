#pragma once

#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "ui/window/theme.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace attnscope {

class AttentionDocument;
class ControlsPanel;
class ExportActions;
class GuideDialog;
class LessonActions;
class HeadsView;
class Language;
class SentenceInput;
class StepThroughView;
class WrittenNoticeLabel;
struct AttentionResult;

// The window: the sentence on top, the heads in the middle, the controls in a dock. It only
// assembles widgets and menus; the state lives in the AttentionDocument.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(Language* language, QWidget* parent = nullptr);
  ~MainWindow() override;

  AttentionDocument* document() const { return m_document; }
  SentenceInput* sentenceInput() const { return m_input; }
  ControlsPanel* controls() const { return m_controls; }
  HeadsView* headsView() const { return m_heads; }
  StepThroughView* stepThrough() const { return m_stepThrough; }
  QTabWidget* tabs() const { return m_tabs; }
  LessonActions* lessonActions() const { return m_lessonActions; }
  ExportActions* exportActions() const { return m_exportActions; }
  // The status bar's confirmation of the last lesson saved or file exported.
  WrittenNoticeLabel* writtenNotice() const { return m_writtenNotice; }
  // Shows a problem (a file that would not open, a failed export) above the heads.
  void report(const QString& problem);
  // The warning or error shown above the heads (empty when all is well).
  QString message() const;
  bool presentationMode() const { return m_presentation; }
  void setPresentationMode(bool on);
  void setTheme(Theme theme);
  // Help ▸ Guide (F1): opens the guide, or brings it to the front when it is open.
  GuideDialog* showGuide();
  // Forget the saved window state and parameters (tests start from a clean slate).
  static void clearSavedState();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void buildMenus();
  void retranslate();
  // The lesson's name, and a marker while it has unsaved changes.
  void showTitle();
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void restoreLastRun();
  void keepForNextRun() const;
  void focusHead(int head);
  void showAbout();

  Language* m_language;
  AttentionDocument* m_document;
  SentenceInput* m_input;
  QLabel* m_message;
  HeadsView* m_heads;
  StepThroughView* m_stepThrough;
  QTabWidget* m_tabs;
  ControlsPanel* m_controls;
  QDockWidget* m_controlsDock;
  WrittenNoticeLabel* m_writtenNotice;
  LessonActions* m_lessonActions;
  ExportActions* m_exportActions;
  Theme m_theme = Theme::System;
  bool m_presentation = false;
  double m_normalPointSize = 0;
  int m_dockWidthBeforePresenting = 0;  // what leaving presentation mode gives back
  QPointer<GuideDialog> m_guide;        // made when first asked for

  QMenu *m_fileMenu, *m_editMenu, *m_viewMenu, *m_themeMenu, *m_languageMenu, *m_helpMenu;
  QAction *m_quit, *m_undo, *m_redo, *m_focusSentence, *m_newWeights, *m_presentationAction,
      *m_backToGrid, *m_average, *m_showHeads, *m_showSteps, *m_guideAction, *m_keyboardHelp,
      *m_about;
  QList<QAction*> m_openHead;  // Ctrl+1 … Ctrl+9, in no menu
  QAction* m_showControls;
  QAction *m_themeSystem, *m_themeLight, *m_themeDark, *m_english, *m_chinese;
};

}  // namespace attnscope
