#include "ui/window/written_notice.h"

#include <QUrl>

namespace attnscope {

WrittenNoticeLabel::WrittenNoticeLabel(QWidget* parent) : QLabel(parent) {
  setObjectName(QStringLiteral("writtenNotice"));
  setTextFormat(Qt::RichText);
  setOpenExternalLinks(true);  // file:// opens the folder in the file manager
  setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  m_clear.setSingleShot(true);
  m_clear.setInterval(kShownMilliseconds);
  connect(&m_clear, &QTimer::timeout, this, [this] {
    clear();
    m_folder.clear();
    showHolder(false);
  });
}

void WrittenNoticeLabel::announce(const QString& sentence, const QString& folder) {
  m_folder = folder;
  // File names may hold '<' or '&': the sentence is escaped, only the link is markup.
  setText(QStringLiteral("%1 · <a href=\"%2\">%3</a>")
              .arg(sentence.toHtmlEscaped(),
                   QUrl::fromLocalFile(folder).toString(QUrl::FullyEncoded).toHtmlEscaped(),
                   tr("Open its folder")));
  setToolTip(folder);
  showHolder(true);
  m_clear.start();
}

void WrittenNoticeLabel::showHolder(bool shown) {
  // The status bar is there only while it says something: an empty bar took a line of height
  // from the heads, enough to cost a 24-token grid every other label at 1280 × 860.
  if (QWidget* holder = parentWidget()) holder->setVisible(shown);
}

}  // namespace attnscope
