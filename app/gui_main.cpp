#include "app/gui_main.h"

#include <QApplication>
#include <QLocale>
#include <QTranslator>

#include "ui/main_window.h"

namespace attnscope {

int runGui(int argc, char** argv) {
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("AttnScope"));
  QApplication::setOrganizationName(QStringLiteral("AttnScope"));
  QApplication::setApplicationVersion(QStringLiteral(ATTNSCOPE_VERSION));

  QTranslator translator;
  if (translator.load(QLocale(), QStringLiteral("attnscope"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(&translator);
  }
  MainWindow window;
  window.show();
  return QApplication::exec();
}

}  // namespace attnscope
