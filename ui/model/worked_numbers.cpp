#include "ui/model/worked_numbers.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class WorkedNumbersText {
  Q_DECLARE_TR_FUNCTIONS(attnscope::WorkedNumbersText)
};

namespace {

QString number(double value) { return QString::number(value, 'g', 4); }

// "    … and 12 more" after the first kWorkedTermsShown of `count` terms.
void noteTermsLeftOut(QStringList& lines, std::size_t count) {
  if (count > kWorkedTermsShown) {
    lines << QStringLiteral("    ") +
                 WorkedNumbersText::tr("… and %n more", nullptr, int(count - kWorkedTermsShown));
  }
}

}  // namespace

WorkedNumbers workedNumbers(const AttentionResult& result, int head, int query, int key) {
  const AttentionTrace& trace = *result.trace;
  WorkedNumbers n;
  n.head = head;
  n.query = query;
  n.key = key;
  const auto h = std::size_t(head), i = std::size_t(query), j = std::size_t(key);
  for (std::size_t c = 0; c < trace.headWidth; ++c) {
    n.queryVector.push_back(trace.q(h, i, c));
    n.keyVector.push_back(trace.k(h, j, c));
    n.dot += double(trace.q(h, i, c)) * double(trace.k(h, j, c));
  }
  n.score = trace.scores(h, i, j);
  n.divisor = trace.scoreDivisor;
  n.scaled = trace.scaled(h, i, j);
  n.blocked = !trace.mask.keeps(head, i, j);
  for (std::size_t k = 0; k < trace.keyLength(); ++k) {
    n.rowLogits.push_back(trace.masked(h, i, k));
    n.rowBlocked.push_back(!trace.mask.keeps(head, i, k));
  }
  n.rowMaximum = *std::max_element(n.rowLogits.begin(), n.rowLogits.end());
  for (float logit : n.rowLogits) {
    n.exponentials.push_back(std::exp(double(logit) - double(n.rowMaximum)));
    n.sum += n.exponentials.back();
  }
  n.weight = n.exponentials[j] / n.sum;
  return n;
}

QString describeWorkedNumbers(const WorkedNumbers& n, const AttentionResult& result) {
  const QStringList queries = result.queryLabels;
  const QStringList keys = result.keyLabels;
  QStringList lines;
  lines << WorkedNumbersText::tr("head %1, query “%2” → key “%3”")
               .arg(n.head + 1)
               .arg(queries.value(n.query))
               .arg(keys.value(n.key));

  const std::size_t width = n.queryVector.size();
  lines << WorkedNumbersText::tr("1. q·k, term by term (d_k = %1):").arg(width);
  for (std::size_t c = 0; c < std::min(kWorkedTermsShown, width); ++c) {
    const double product = double(n.queryVector[c]) * double(n.keyVector[c]);
    lines << QStringLiteral("    (%1) × (%2) = %3")
                 .arg(number(n.queryVector[c]), number(n.keyVector[c]), number(product));
  }
  noteTermsLeftOut(lines, width);
  lines << QStringLiteral("    ") + WorkedNumbersText::tr("sum: q·k = %1").arg(number(n.score));
  lines << WorkedNumbersText::tr("2. ÷ √d_k: %1 ÷ %2 = %3")
               .arg(number(n.score), number(n.divisor), number(n.scaled));
  lines << (n.blocked ? WorkedNumbersText::tr("3. masked: this cell is blocked, so it becomes −1e9")
                      : WorkedNumbersText::tr("3. mask: this cell is kept, still %1")
                            .arg(number(n.scaled)));
  lines << WorkedNumbersText::tr("4. exp(x − max) per key, max = %1:").arg(number(n.rowMaximum));
  for (std::size_t k = 0; k < std::min(kWorkedTermsShown, n.exponentials.size()); ++k) {
    // A blocked logit is −1e9: its exponential underflows to exactly 0, which is the point.
    const QString logit =
        n.rowBlocked[k] ? WorkedNumbersText::tr("−1e9 (blocked)") : number(n.rowLogits[k]);
    lines << QStringLiteral("    %1: exp(%2 − %3) = %4")
                 .arg(keys.value(qsizetype(k)), logit, number(n.rowMaximum),
                      number(n.exponentials[k]));
  }
  noteTermsLeftOut(lines, n.exponentials.size());
  lines << WorkedNumbersText::tr("5. row sum = %1").arg(number(n.sum));
  lines << WorkedNumbersText::tr("6. weight = %1 ÷ %2 = %3")
               .arg(number(n.exponentials[std::size_t(n.key)]), number(n.sum), number(n.weight));
  return lines.join(QLatin1Char('\n'));
}

}  // namespace attnscope
