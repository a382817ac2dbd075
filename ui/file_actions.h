#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;
struct Session;

// File ▸ Open, Save, Examples, Recent, Export and Copy: everything that takes the current state
// out of the window or brings a saved lesson in. Problems are reported through `report` (shown
// in place above the heads), and a file that cannot be opened leaves the state as it was.
class FileActions : public QObject {
  Q_OBJECT

 public:
  FileActions(AttentionDocument* document, QWidget* window, std::function<void(QString)> report);
  void fillMenu(QMenu* menu);
  void retranslate();

  // Opens a session file; returns an empty string or the problem.
  QString openSession(const QString& path);
  QString saveSession(const QString& path);
  // Opens a state given without a file (`attnscope --text ...`); returns an empty string or
  // the problem.
  QString openState(const Session& session);
  // The `attnscope export` line that redraws the current heads as a figure.
  QString exportCommand() const;
  QString currentPath() const { return m_path; }

 private:
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void exportFigureInteractively();
  void exportMatricesInteractively();

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  QString m_path;  // the session file the state came from or was saved to
  QMenu* m_examples = nullptr;
  QMenu* m_recent = nullptr;
  QAction *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr, *m_exportFigure = nullptr,
          *m_exportMatrices = nullptr, *m_copyImage = nullptr, *m_copyCommand = nullptr;
};

}  // namespace attnscope
