#pragma once

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

#include "ui/figure/figure_request.h"

namespace attnscope {

enum class FigureFormat { Png, Svg, Pdf };

// From a file name's extension, in any letter case: .png, .svg, .pdf.
std::optional<FigureFormat> figureFormatFor(const QString& path);

// Writes the figure to `path` in the format its extension names, atomically (saveAtomically, with
// its rules on links and devices): on any failure no file, and no half-written figure, is left
// behind and an existing file is untouched.
// Returns an empty string on success, else a one-line message naming the problem (untranslated
// parts come from the system). Needs a QGuiApplication (fonts).
[[nodiscard]] QString exportFigure(const FigureRequest& request, const QString& path);

// Why the request cannot be drawn (no result, a pooled one, sizes out of range, no such head),
// or an empty string.
[[nodiscard]] QString figureProblem(const FigureRequest& request);
// The figure as an image, for the clipboard: request.size pixels at request.dpi (less when
// cropped); a null image
// when figureProblem() names a problem.
QImage renderFigureImage(const FigureRequest& request);

// The figure shrunk to fit about twice `box` (never enlarged): the same layout, since size and
// resolution shrink together, drawn much faster than the full size. Null like renderFigureImage.
QImage renderFigurePreview(const FigureRequest& request, QSize box);

// What the figure's file records, as (key, value) pairs: Title, Software, Text, Key/value text
// (cross-attention only), Parameters, Seed, Step, Head, Command (when known).
QList<QPair<QString, QString>> figureMetadata(const FigureRequest& request);

// Largest width or height accepted, and largest pixel count (a 16384 × 16384 PNG is 1 GiB).
inline constexpr int kMaxFigureSide = 16384;
inline constexpr qint64 kMaxFigurePixels = qint64(100) << 20;

}  // namespace attnscope
