#include "app/gui_main.h"

#include <QApplication>
#include <QSettings>

#include "core/session_file.h"
#include "core/version.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"

namespace attnscope {

int runGui(int argc, char** argv, const Session* state) {
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("AttnScope"));
  QApplication::setOrganizationName(QStringLiteral("AttnScope"));
  QApplication::setApplicationVersion(QString::fromLatin1(kVersion));

  Language language;
  language.setLanguage(QSettings().value(QStringLiteral("language")).toString());
  MainWindow window(&language);
  window.show();
  if (state) {
    window.report(window.lessonActions()->openState(*state));
  } else if (argc > 1) {  // `attnscope lesson.attnscope`
    window.report(window.lessonActions()->openSession(QString::fromLocal8Bit(argv[1])));
  }
  return QApplication::exec();
}

}  // namespace attnscope
