#include "core/prepared_weights.h"

#include <algorithm>
#include <cstring>

#include "core/kernel_table.h"
#include "core/limits.h"

namespace attnscope {
namespace {

using kernels::kPanelWidth;

std::size_t panelCount(std::size_t columns) { return (columns + kPanelWidth - 1) / kPanelWidth; }

// Output features [first, first + count) of `projection` as panels: panel p holds, for each
// input feature k, the weights of features first + 16p … first + 16p + 15 (zero past count).
void packPanels(const Projection& projection, std::size_t first, std::size_t count, float* panels,
                float* bias) {
  const std::size_t depth = static_cast<std::size_t>(projection.weight.cols());
  for (std::size_t p = 0; p < panelCount(count); ++p) {
    float* panel = panels + p * depth * kPanelWidth;
    for (std::size_t j = 0; j < kPanelWidth; ++j) {
      const std::size_t column = p * kPanelWidth + j;
      const bool inside = column < count;
      const float* row = inside ? projection.weight.data() + (first + column) * depth : nullptr;
      for (std::size_t k = 0; k < depth; ++k) panel[k * kPanelWidth + j] = inside ? row[k] : 0.0f;
      bias[p * kPanelWidth + j] = inside ? projection.bias[Eigen::Index(first + column)] : 0.0f;
    }
  }
}

std::size_t weightFloats(int dModel, int outputWidth) {
  const auto d = static_cast<std::size_t>(dModel);
  const auto out = static_cast<std::size_t>(outputWidth);
  return 3 * (d * d + d) + out * d + out;
}

}  // namespace

bool PreparedWeights::matches(const AttentionWeights& weights, int heads) const {
  if (heads != m_heads || weights.modelWidth() != m_modelWidth ||
      weights.outputWidth() != m_outputWidth || m_source.empty()) {
    return false;
  }
  const float* source = m_source.data();
  for (const Projection* projection : weights.projections()) {
    const auto weightSize = static_cast<std::size_t>(projection->weight.size());
    const auto biasSize = static_cast<std::size_t>(projection->bias.size());
    if (std::memcmp(source, projection->weight.data(), weightSize * sizeof(float)) != 0 ||
        std::memcmp(source + weightSize, projection->bias.data(), biasSize * sizeof(float)) != 0) {
      return false;
    }
    source += weightSize + biasSize;
  }
  return true;
}

void PreparedWeights::remember(const AttentionWeights& weights) {
  m_source.clear();
  if (weightFloats(weights.modelWidth(), weights.outputWidth()) > kCompareLimit) return;
  for (const Projection* projection : weights.projections()) {
    m_source.insert(m_source.end(), projection->weight.data(),
                    projection->weight.data() + projection->weight.size());
    m_source.insert(m_source.end(), projection->bias.data(),
                    projection->bias.data() + projection->bias.size());
  }
}

void PreparedWeights::prepare(const AttentionWeights& weights, int heads) {
  if (matches(weights, heads)) return;
  m_source.clear();  // a failure below must not leave a stale match
  validateWeights(weights, OutputWidth::Any);
  requireModelWidth(weights.modelWidth());
  requireModelWidth(weights.outputWidth());
  requireHeads(heads, weights.modelWidth());
  const auto d = static_cast<std::size_t>(weights.modelWidth());
  const std::size_t headWidth = d / static_cast<std::size_t>(heads);
  m_modelWidth = weights.modelWidth();
  m_outputWidth = weights.outputWidth();
  m_heads = heads;
  m_headPanels = panelCount(headWidth);
  const std::array<const Projection*, 4> projections = weights.projections();
  for (std::size_t role = 0; role < 4; ++role) {
    const bool output = role == 3;
    const std::size_t groups = output ? 1 : static_cast<std::size_t>(heads);
    const std::size_t groupWidth = output ? static_cast<std::size_t>(m_outputWidth) : headWidth;
    const std::size_t groupPanels = panelCount(groupWidth);
    m_panels[role].assign(groups * groupPanels * d * kPanelWidth, 0.0f);
    m_biases[role].assign(groups * groupPanels * kPanelWidth, 0.0f);
    for (std::size_t g = 0; g < groups; ++g) {
      packPanels(*projections[role], g * groupWidth, groupWidth,
                 m_panels[role].data() + g * groupPanels * d * kPanelWidth,
                 m_biases[role].data() + g * groupPanels * kPanelWidth);
    }
  }
  remember(weights);
}

PreparedWeights::Panels PreparedWeights::panels(Role role, int head) const {
  const auto index = static_cast<std::size_t>(role);
  const auto d = static_cast<std::size_t>(m_modelWidth);
  const std::size_t stride = d * kPanelWidth;
  if (role == Role::Output) {
    return {m_panels[index].data(), m_biases[index].data(), stride,
            static_cast<std::size_t>(m_outputWidth)};
  }
  const std::size_t first = static_cast<std::size_t>(head) * m_headPanels;
  return {m_panels[index].data() + first * stride, m_biases[index].data() + first * kPanelWidth,
          stride, d / static_cast<std::size_t>(m_heads)};
}

std::size_t PreparedWeights::bytes() const {
  std::size_t floats = m_source.capacity();
  for (std::size_t role = 0; role < 4; ++role) {
    floats += m_panels[role].capacity() + m_biases[role].capacity();
  }
  return floats * sizeof(float);
}

}  // namespace attnscope
