#include "ui/window/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace attnscope {

Language::Language(QObject* parent) : QObject(parent) {}

bool Language::setLanguage(const QString& code) {
  QCoreApplication::removeTranslator(&m_ours);
  QCoreApplication::removeTranslator(&m_qt);
  const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
  m_code = QStringLiteral("en");
  if (locale.language() == QLocale::English || locale.language() == QLocale::C) return true;
  if (!m_ours.load(locale, QStringLiteral("attnscope"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))) {
    return false;
  }
  QCoreApplication::installTranslator(&m_ours);
  if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(&m_qt);
  }
  m_code = locale.name();
  return true;
}

}  // namespace attnscope
