#include "ui/figure/figure_export.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>
#include <new>

#include "ui/figure/figure_look.h"
#include "ui/figure/figure_renderer.h"
#include "ui/model/atomic_save.h"
#include "ui/model/trace_matrices.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class FigureExport {
  Q_DECLARE_TR_FUNCTIONS(attnscope::FigureExport)
};

// SVG and PDF pages are laid out at this resolution: the request's size in CSS pixels.
constexpr int kVectorDpi = 96;

QString linesProblem(const FigureRequest& request) {
  if (request.heads.kind == HeadChoice::Kind::All || request.stage != ScoreStage::Weights)
    return FigureExport::tr("lines are drawn for the weights of one head or of their mean");
  const int queries = int(request.result->queryTokens.size());
  if (const std::optional<int> query = request.lines->query;
      query && (*query < 0 || *query >= queries)) {
    return FigureExport::tr("there is no query %1; the queries are 1 to %2")
        .arg(*query + 1)
        .arg(queries);
  }
  return {};
}

QString problemWith(const FigureRequest& request) {
  if (request.result && request.result->pooled())
    return FigureExport::tr(
        "figures are drawn from the full trace, and this text is too long "
        "for it: shorten it to draw a figure");
  if (!request.result || !request.result->ok())
    return FigureExport::tr("there is no computed attention to draw");
  const QSize size = request.size;
  if (size.width() < 64 || size.height() < 64 || size.width() > kMaxFigureSide ||
      size.height() > kMaxFigureSide || qint64(size.width()) * size.height() > kMaxFigurePixels) {
    return FigureExport::tr(
        "a figure must be 64 to 16384 pixels wide and high, and at most 100 megapixels");
  }
  if (request.dpi < 10 || request.dpi > 2400)
    return FigureExport::tr("the resolution must be 10 to 2400 dpi");
  if (request.matrix) return traceMatrixProblem(*request.result, *request.matrix, request.heads);
  const int heads = request.result->trace->heads;
  if (request.heads.kind == HeadChoice::Kind::One &&
      (request.heads.head < 0 || request.heads.head >= heads)) {
    return FigureExport::tr("there is no head %1; the heads are 1 to %2")
        .arg(request.heads.head + 1)
        .arg(heads);
  }
  if (request.heads.kind == HeadChoice::Kind::Mean && request.stage != ScoreStage::Weights) {
    return FigureExport::tr("the mean of the heads is drawn for the attention weights only");
  }
  if (request.lines) return linesProblem(request);
  return {};
}

QString describe(const QList<QPair<QString, QString>>& metadata) {
  QStringList lines;
  for (const auto& [key, value] : metadata) lines << key + QStringLiteral(": ") + value;
  return lines.join(QLatin1Char('\n'));
}

QImage paintedImage(const FigureRequest& request, int dpi) {
  QImage image(request.size, QImage::Format_RGB32);
  const int dotsPerMeter = qRound(dpi / 0.0254);
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  image.fill(Qt::white);
  QPainter painter(&image);
  paintFigure(painter, request);
  painter.end();
  return image;
}

// The part of the page a figure drawn at `dpi` covers, and a margin of 8 points around it: the
// bounding box of the pixels that differ from the page's white (every style's background).
QRect inkedRect(const QImage& image, int dpi) {
  int top = image.height(), bottom = -1, left = image.width(), right = -1;
  const QRgb page = QColor(Qt::white).rgb();
  for (int y = 0; y < image.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) {
      if (line[x] == page) continue;
      top = std::min(top, y);
      bottom = y;
      left = std::min(left, x);
      right = std::max(right, x);
    }
  }
  if (bottom < 0) return image.rect();
  const int margin = int(std::lround(8.0 * dpi / 72));
  return QRect(QPoint(left, top), QPoint(right, bottom))
      .adjusted(-margin, -margin, margin, margin)
      .intersected(image.rect());
}

// The page of a vector figure (laid out at 96 dpi): the whole request, or its inked part.
QRect vectorPage(const FigureRequest& request) {
  const QRect whole(QPoint(0, 0), request.size);
  return request.crop ? inkedRect(paintedImage(request, kVectorDpi), kVectorDpi) : whole;
}

QImage finishedImage(const FigureRequest& request, int dpi) {
  QImage image = paintedImage(request, dpi);
  return request.crop ? image.copy(inkedRect(image, dpi)) : image;
}

QByteArray pngBytes(const FigureRequest& request) {
  QImage image = finishedImage(request, request.dpi);
  for (const auto& [key, value] : figureMetadata(request)) image.setText(key, value);
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "png");
  return writer.write(image) ? buffer.data() : QByteArray();
}

QByteArray svgBytes(const FigureRequest& request) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  const QRect page = vectorPage(request);
  generator.setSize(page.size());
  generator.setViewBox(page);
  generator.setResolution(kVectorDpi);
  const QList<QPair<QString, QString>> metadata = figureMetadata(request);
  generator.setTitle(metadata.front().second);
  generator.setDescription(describe(metadata));
  QPainter painter;
  if (!painter.begin(&generator)) return {};
  paintFigure(painter, request);
  painter.end();
  // QSvgGenerator names only a font's first family; the whole list lets a viewer without DejaVu
  // Sans, or one that does not fall back per glyph, still find Chinese glyphs.
  QStringList families;
  for (const QString& family : figureFontFamilies())
    families << QLatin1Char('\'') + family + QLatin1Char('\'');
  families << QStringLiteral("sans-serif");
  const QByteArray first = "font-family=\"" + figureFontFamilies().constFirst().toUtf8() + '"';
  QByteArray svg = buffer.data();
  return svg.replace(first, "font-family=\"" + families.join(QStringLiteral(", ")).toUtf8() + '"');
}

QByteArray xmpPacket(const QList<QPair<QString, QString>>& metadata) {
  const auto escaped = [](const QString& text) { return text.toHtmlEscaped().toUtf8(); };
  QByteArray fields;
  for (const auto& [key, value] : metadata) {
    QString element = key;
    element.remove(QLatin1Char(' ')).remove(QLatin1Char('/'));
    fields += "   <attnscope:" + element.toUtf8() + '>' + escaped(value) +
              "</attnscope:" + element.toUtf8() + ">\n";
  }
  const QByteArray title = escaped(metadata.front().second);
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
         "xmlns:attnscope=\"urn:attnscope:figure:1#\">\n"
         "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         title +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         escaped(describe(metadata)) + "</rdf:li></rdf:Alt></dc:description>\n" +
         "   <xmp:CreatorTool>" + escaped(metadata.at(1).second) + "</xmp:CreatorTool>\n" + fields +
         "  </rdf:Description>\n"
         " </rdf:RDF>\n"
         "</x:xmpmeta>\n"
         "<?xpacket end=\"w\"?>";
}

QByteArray pdfBytes(const FigureRequest& request) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(kVectorDpi);
    const QRect page = vectorPage(request);
    const QSizeF points(page.width() * 72.0 / kVectorDpi, page.height() * 72.0 / kVectorDpi);
    writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    // Qt 6.4 writes no custom Info keys: the title and creator carry what they can, XMP the rest.
    const QList<QPair<QString, QString>> metadata = figureMetadata(request);
    writer.setTitle(metadata.front().second);
    QStringList creator{metadata.at(1).second};
    for (const auto& [key, value] : metadata.mid(2)) {
      if (key != QLatin1String("Command")) creator << key + QStringLiteral(": ") + value;
    }
    writer.setCreator(creator.join(QStringLiteral("; ")));
    writer.setDocumentXmpMetadata(xmpPacket(metadata));
    QPainter painter;
    if (!painter.begin(&writer)) return {};
    painter.translate(-page.topLeft());
    paintFigure(painter, request);
    painter.end();
  }
  return buffer.data();
}

}  // namespace

std::optional<FigureFormat> figureFormatFor(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return FigureFormat::Png;
  if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
  if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
  return std::nullopt;
}

QList<QPair<QString, QString>> figureMetadata(const FigureRequest& request) {
  const FigureMetadata& m = request.metadata;
  QList<QPair<QString, QString>> metadata{
      {QStringLiteral("Title"),
       request.title.isEmpty() ? defaultFigureTitle(request) : request.title},
      {QStringLiteral("Software"),
       QStringLiteral("AttnScope %1").arg(QCoreApplication::applicationVersion())},
      {QStringLiteral("Text"), m.text}};
  if (!m.keyValueText.isEmpty())
    metadata.append({QStringLiteral("Key/value text"), m.keyValueText});
  metadata.append({{QStringLiteral("Parameters"), m.parameters},
                   {QStringLiteral("Seed"), m.seed},
                   {QStringLiteral("Step"), figureStepKey(request)},
                   {QStringLiteral("Head"), headChoiceKey(request.heads)},
                   {QStringLiteral("Colormap"), colorMapKey(effectiveColorMap(request))},
                   {QStringLiteral("Style"), figureStyleKey(request.style)}});
  if (request.lines) {
    metadata.append({QStringLiteral("View"), QStringLiteral("lines")});
    if (request.lines->query)
      metadata.append({QStringLiteral("Query"), QString::number(*request.lines->query + 1)});
  }
  if (!m.command.isEmpty()) metadata.append({QStringLiteral("Command"), m.command});
  return metadata;
}

QString figureProblem(const FigureRequest& request) { return problemWith(request); }

QImage renderFigureImage(const FigureRequest& request) {
  if (!problemWith(request).isEmpty()) return {};
  return finishedImage(request, request.dpi);
}

QImage renderFigurePreview(const FigureRequest& request, QSize box) {
  if (!problemWith(request).isEmpty()) return {};
  // Every length of a figure is in points, pt = dpi / 72 pixels: dividing the size and the dpi
  // by one factor draws the same figure smaller.
  const double factor = std::max({1.0, request.size.width() / (2.0 * box.width()),
                                  request.size.height() / (2.0 * box.height())});
  FigureRequest small = request;
  small.size = (QSizeF(request.size) / factor).toSize().expandedTo(QSize(1, 1));
  const int dpi = std::max(1, int(std::lround(request.dpi / factor)));
  return finishedImage(small, dpi);
}

QString exportFigure(const FigureRequest& request, const QString& path) {
  const std::optional<FigureFormat> format = figureFormatFor(path);
  if (!format)
    return FigureExport::tr("%1: choose a file name ending in .png, .svg or .pdf").arg(path);
  if (const QString problem = problemWith(request); !problem.isEmpty()) return problem;
  QByteArray bytes;
  try {
    switch (*format) {
      case FigureFormat::Png:
        bytes = pngBytes(request);
        break;
      case FigureFormat::Svg:
        bytes = svgBytes(request);
        break;
      case FigureFormat::Pdf:
        bytes = pdfBytes(request);
        break;
    }
  } catch (const std::bad_alloc&) {
    // A figure of many cells is painted from an image of one pixel per cell.
    return FigureExport::tr("out of memory (drawing the figure's %1 × %2 cells)")
        .arg(request.result->trace->queryLength())
        .arg(request.result->trace->keyLength());
  }
  if (bytes.isEmpty()) return FigureExport::tr("%1: the figure could not be drawn").arg(path);
  return saveAtomically(bytes, path);
}

}  // namespace attnscope
