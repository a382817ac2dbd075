#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QTextBrowser;

namespace attnscope {

class Language;

// Help ▸ Guide: a short illustrated guide for teachers and students, bundled as one HTML page
// per language under :/guide (pictures under :/guide/images, made by scripts/guide-pictures).
// The dialog is not modal, so the guide can stay open beside the window; it shows the page of
// the window's current language and changes page when the language changes. Its text follows
// the application's font, so presentation mode enlarges it as it does the window.
class GuideDialog : public QDialog {
  Q_OBJECT

 public:
  explicit GuideDialog(const Language* language, QWidget* parent = nullptr);

  QTextBrowser* browser() const { return m_browser; }
  // The guide's page for a language code: the Chinese page for any "zh…", English otherwise.
  static QUrl pageFor(const QString& languageCode);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showPageOfCurrentLanguage();
  void retranslate();

  const Language* m_language;
  QTextBrowser* m_browser;
  QDialogButtonBox* m_buttons;
};

}  // namespace attnscope
