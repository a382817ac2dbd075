#pragma once

#include <QObject>
#include <QTranslator>

namespace attnscope {

// Installs AttnScope's and Qt's own translations for a language, replacing the previous
// ones; Qt then sends every widget a LanguageChange event, so the switch needs no restart.
class Language : public QObject {
  Q_OBJECT

 public:
  explicit Language(QObject* parent = nullptr);
  // "en" (the source language), "zh_CN", or "" for the system's language. Returns false, and
  // keeps English, if no translation for it is compiled in.
  bool setLanguage(const QString& code);
  QString language() const { return m_code; }

 private:
  QTranslator m_ours;
  QTranslator m_qt;
  QString m_code = QStringLiteral("en");
};

}  // namespace attnscope
