// Issue 19, point 16: Help ▸ Guide (F1) opens a short illustrated guide, bundled, in the
// window's language.
#include "ui/window/guide_dialog.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QMenuBar>
#include <QPixmap>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

#include "tests/ui/window_test_support.h"
#include "ui/window/keyboard_help.h"

namespace attnscope {
namespace {

class GuideDialogTest : public testing::WindowTest {
 protected:
  QAction* guideAction() const {
    for (QAction* menu : m_window->menuBar()->actions()) {
      if (menu->text() != MainWindow::tr("&Help") || !menu->menu()) continue;
      for (QAction* action : menu->menu()->actions()) {
        if (action->shortcut() == QKeySequence(Qt::Key_F1)) return action;
      }
    }
    return nullptr;
  }

  GuideDialog* openGuide() {
    QAction* action = guideAction();
    if (!action) return nullptr;
    action->trigger();
    QCoreApplication::processEvents();
    return m_window->findChild<GuideDialog*>();
  }
};

// What the guide's document holds: its anchors (the sections), its links and its images.
struct GuideContents {
  QStringList anchors;
  QStringList links;
  QStringList images;
};

GuideContents contentsOf(const QTextDocument* document) {
  GuideContents contents;
  for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
    for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
      const QTextCharFormat format = fragment.fragment().charFormat();
      contents.anchors << format.anchorNames();
      if (format.isAnchor() && !format.anchorHref().isEmpty())
        contents.links << format.anchorHref();
      if (format.isImageFormat()) contents.images << format.toImageFormat().name();
    }
  }
  return contents;
}

// The image a page's <img src> names, loaded as the browser loads it (relative to the page).
QImage imageOf(const QTextDocument* document, const QString& name) {
  const QVariant resource = document->resource(QTextDocument::ImageResource, QUrl(name));
  if (resource.typeId() == QMetaType::QImage) return resource.value<QImage>();
  if (resource.typeId() == QMetaType::QPixmap) return resource.value<QPixmap>().toImage();
  return QImage::fromData(resource.toByteArray());
}

TEST_F(GuideDialogTest, HelpMenuHasTheGuideOnF1) {
  QAction* action = guideAction();
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->text(), MainWindow::tr("&Guide…"));
}

TEST_F(GuideDialogTest, KeyboardHelpListsF1) {
  bool listed = false;
  for (const ShortcutEntry& entry : shortcutsOf(m_window.get())) {
    if (entry.keys == QKeySequence(Qt::Key_F1)) {
      listed = true;
      EXPECT_EQ(entry.meaning, QStringLiteral("Guide"));
    }
  }
  EXPECT_TRUE(listed);
}

TEST_F(GuideDialogTest, OpensOneNonModalGuide) {
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  EXPECT_TRUE(guide->isVisible());
  EXPECT_FALSE(guide->isModal()) << "the guide stays open beside the window";
  guide->close();
  EXPECT_EQ(openGuide(), guide) << "F1 again shows the same guide";
  EXPECT_TRUE(guide->isVisible());
  EXPECT_EQ(m_window->findChildren<GuideDialog*>().size(), 1);
}

TEST_F(GuideDialogTest, EnglishGuideHasItsSectionsAndEveryPictureLoads) {
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  const QTextDocument* document = guide->browser()->document();
  EXPECT_EQ(guide->browser()->source(), GuideDialog::pageFor(QStringLiteral("en")));
  EXPECT_EQ(document->metaInformation(QTextDocument::DocumentTitle),
            QStringLiteral("AttnScope guide"));
  const GuideContents contents = contentsOf(document);
  for (const char* section : {"first", "sentence", "heads", "colours", "masks", "steps", "lessons",
                              "class", "export", "encoder"}) {
    EXPECT_TRUE(contents.anchors.contains(QLatin1String(section))) << section;
  }
  EXPECT_GE(contents.images.size(), 3);
  for (const QString& name : contents.images) {
    EXPECT_TRUE(name.endsWith(QLatin1String("-en.png"))) << name.toStdString();
    const QImage image = imageOf(document, name);
    EXPECT_FALSE(image.isNull()) << name.toStdString();
    EXPECT_GE(image.width(), 200) << name.toStdString() << ": a picture, not a placeholder";
  }
}

TEST_F(GuideDialogTest, SwitchingToChineseShowsTheChineseGuide) {
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  ASSERT_TRUE(m_language.setLanguage(QStringLiteral("zh_CN")));
  QCoreApplication::processEvents();
  const QTextDocument* document = guide->browser()->document();
  EXPECT_EQ(guide->browser()->source(), GuideDialog::pageFor(QStringLiteral("zh_CN")));
  EXPECT_EQ(document->metaInformation(QTextDocument::DocumentTitle),
            QStringLiteral("AttnScope 使用指南"));
  EXPECT_EQ(guide->windowTitle(), QStringLiteral("AttnScope 使用指南"));
  const GuideContents contents = contentsOf(document);
  EXPECT_TRUE(contents.anchors.contains(QLatin1String("masks")));
  EXPECT_GE(contents.images.size(), 3);
  for (const QString& name : contents.images) {
    EXPECT_TRUE(name.endsWith(QLatin1String("-zh.png"))) << name.toStdString();
    EXPECT_FALSE(imageOf(document, name).isNull()) << name.toStdString();
  }
  m_language.setLanguage(QStringLiteral("en"));
  QCoreApplication::processEvents();
  EXPECT_EQ(guide->browser()->source(), GuideDialog::pageFor(QStringLiteral("en")));
}

// The contents at the top link to every section, in both pages, and the Chinese page has the
// sections and pictures of the English one.
TEST_F(GuideDialogTest, EveryLinkReachesASectionInBothLanguages) {
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  const GuideContents english = contentsOf(guide->browser()->document());
  ASSERT_TRUE(m_language.setLanguage(QStringLiteral("zh_CN")));
  QCoreApplication::processEvents();
  const GuideContents chinese = contentsOf(guide->browser()->document());
  m_language.setLanguage(QStringLiteral("en"));
  for (const GuideContents* page : {&english, &chinese}) {
    EXPECT_EQ(page->links.size(), page->anchors.size());
    for (const QString& link : page->links) {
      ASSERT_TRUE(link.startsWith(QLatin1Char('#'))) << link.toStdString();
      EXPECT_TRUE(page->anchors.contains(link.mid(1))) << link.toStdString();
    }
  }
  EXPECT_EQ(chinese.anchors, english.anchors);
  EXPECT_EQ(chinese.images.size(), english.images.size());
}

TEST_F(GuideDialogTest, ChineseWindowOpensTheChineseGuide) {
  ASSERT_TRUE(m_language.setLanguage(QStringLiteral("zh_CN")));
  QCoreApplication::processEvents();
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  EXPECT_EQ(guide->browser()->source(), GuideDialog::pageFor(QStringLiteral("zh_CN")));
  m_language.setLanguage(QStringLiteral("en"));
}

TEST_F(GuideDialogTest, PresentationModeEnlargesTheGuideText) {
  GuideDialog* guide = openGuide();
  ASSERT_NE(guide, nullptr);
  const double normal = guide->browser()->document()->defaultFont().pointSizeF();
  m_window->setPresentationMode(true);
  QCoreApplication::processEvents();
  EXPECT_GT(guide->browser()->document()->defaultFont().pointSizeF(), normal * 1.4);
  m_window->setPresentationMode(false);
  QCoreApplication::processEvents();
  EXPECT_DOUBLE_EQ(guide->browser()->document()->defaultFont().pointSizeF(), normal);
}

TEST(GuidePage, ChineseForAnyChineseCodeEnglishOtherwise) {
  EXPECT_EQ(GuideDialog::pageFor(QStringLiteral("zh_CN")).path(),
            QStringLiteral("/guide/guide_zh_CN.html"));
  EXPECT_EQ(GuideDialog::pageFor(QStringLiteral("zh")).path(),
            QStringLiteral("/guide/guide_zh_CN.html"));
  EXPECT_EQ(GuideDialog::pageFor(QStringLiteral("en")).path(),
            QStringLiteral("/guide/guide_en.html"));
  EXPECT_EQ(GuideDialog::pageFor(QStringLiteral("fr_FR")).path(),
            QStringLiteral("/guide/guide_en.html"));
}

}  // namespace
}  // namespace attnscope
