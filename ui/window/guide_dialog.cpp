#include "ui/window/guide_dialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/window/language.h"

namespace attnscope {

GuideDialog::GuideDialog(const Language* language, QWidget* parent)
    : QDialog(parent),
      m_language(language),
      m_browser(new QTextBrowser),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close)) {
  setObjectName(QStringLiteral("guide"));
  // The pages link only to their own sections; anything else opens outside the app.
  m_browser->setOpenExternalLinks(true);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_browser);
  layout->addWidget(m_buttons);
  resize(760, 720);
  retranslate();
  showPageOfCurrentLanguage();
}

QUrl GuideDialog::pageFor(const QString& languageCode) {
  return QUrl(languageCode.startsWith(QLatin1String("zh"))
                  ? QStringLiteral("qrc:/guide/guide_zh_CN.html")
                  : QStringLiteral("qrc:/guide/guide_en.html"));
}

void GuideDialog::showPageOfCurrentLanguage() {
  const QUrl page = pageFor(m_language->language());
  if (m_browser->source().adjusted(QUrl::RemoveFragment) != page) m_browser->setSource(page);
}

void GuideDialog::retranslate() {
  setWindowTitle(tr("AttnScope guide"));
  m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
}

void GuideDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    showPageOfCurrentLanguage();
  }
  QDialog::changeEvent(event);
}

}  // namespace attnscope
