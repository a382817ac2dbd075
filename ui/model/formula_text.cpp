#include "ui/model/formula_text.h"

namespace attnscope {
namespace {

// `value`'s decimal digits, each replaced by glyphs[digit].
QString digitsFrom(const QString& glyphs, long long value) {
  QString text;
  for (const QChar c : QString::number(value)) text += glyphs[c.digitValue()];
  return text;
}

}  // namespace

QString superscript(long long value) { return digitsFrom(QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹"), value); }

QString subscript(long long value) { return digitsFrom(QStringLiteral("₀₁₂₃₄₅₆₇₈₉"), value); }

QString realSpace(long long rows, long long cols) {
  return QStringLiteral("ℝ%1ˣ%2").arg(superscript(rows), superscript(cols));
}

}  // namespace attnscope
