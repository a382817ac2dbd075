#include "ui/main_window.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "core/error.h"
#include "core/tokenizer.h"

namespace attnscope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_sentence(new QLineEdit), m_tokens(new QLabel) {
  setWindowTitle(tr("AttnScope"));
  m_sentence->setPlaceholderText(tr("Type a sentence, in English, Chinese or both"));
  m_tokens->setWordWrap(true);
  m_tokens->setTextFormat(Qt::PlainText);

  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(new QLabel(tr("Sentence:")));
  layout->addWidget(m_sentence);
  layout->addWidget(m_tokens);
  layout->addStretch();
  setCentralWidget(central);

  connect(m_sentence, &QLineEdit::textChanged, this, &MainWindow::showTokens);
  m_sentence->setText(tr("The cat sat on the mat."));
  resize(900, 600);
}

void MainWindow::showTokens(const QString& text) {
  try {
    QStringList chips;
    for (const Token& token : tokenize(text.toStdString())) {
      chips << QStringLiteral("[%1]").arg(QString::fromStdString(token.text));
    }
    m_tokens->setText(tr("%n token(s): %1", nullptr, int(chips.size())).arg(chips.join(' ')));
  } catch (const Error& error) {
    m_tokens->setText(tr("Cannot tokenize: %1").arg(QString::fromStdString(error.what())));
  }
}

}  // namespace attnscope
