#include "ui/window/combo_hints.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>

namespace attnscope {
namespace {

class ComboHintsFilter : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::FontChange) {
      // Sent after the new font is set, so the next measuring uses it.
      QEvent styleChange(QEvent::StyleChange);
      QCoreApplication::sendEvent(watched, &styleChange);
      static_cast<QWidget*>(watched)->updateGeometry();
    }
    return QObject::eventFilter(watched, event);
  }
};

}  // namespace

void keepComboHintsWithFont(QWidget* root) {
  auto* filter = new ComboHintsFilter(root);
  for (QComboBox* box : root->findChildren<QComboBox*>()) box->installEventFilter(filter);
}

}  // namespace attnscope
