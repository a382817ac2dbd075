#include "core/mask.h"

#include <array>
#include <string>

#include "core/error.h"
#include "core/shape.h"

namespace attnscope {
ResolvedMask::ResolvedMask(const MaskSpec& spec, int heads, std::size_t queryLength,
                           std::size_t keyLength)
    : m_kind(spec.kind), m_visibleKeys(spec.visibleKeys) {
  if (m_kind != MaskSpec::Kind::Explicit) return;

  const std::array<std::size_t, 4> target = {1, static_cast<std::size_t>(heads), queryLength,
                                             keyLength};
  const std::vector<std::size_t>& shape = spec.shape;
  std::size_t cells = 1;
  bool overflow = false;
  for (std::size_t dim : shape) overflow |= __builtin_mul_overflow(cells, dim, &cells);
  if (shape.empty() || shape.size() > 4 || overflow || cells != spec.keep.size()) {
    throw Error(ErrorKind::InvalidData, "mask shape " + describeShape(shape) +
                                            " must have 1 to 4 dimensions and one value per cell");
  }
  // Align the mask's dimensions with (batch, head, query, key) from the right, as PyTorch
  // broadcasting does; each must equal the target or be 1.
  std::array<std::size_t, 4> strides = {0, 0, 0, 0};
  std::size_t stride = 1;
  const std::size_t offset = 4 - shape.size();
  for (std::size_t i = shape.size(); i-- > 0;) {
    const std::size_t axis = offset + i;
    if (shape[i] != target[axis] && shape[i] != 1) {
      throw Error(ErrorKind::InvalidData,
                  "mask shape " + describeShape(shape) + " does not broadcast to (batch 1, heads " +
                      std::to_string(heads) + ", Lq " + std::to_string(queryLength) + ", Lk " +
                      std::to_string(keyLength) + ")");
    }
    strides[axis] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  m_keep = spec.keep;
  m_headStride = strides[1];
  m_queryStride = strides[2];
  m_keyStride = strides[3];
}

}  // namespace attnscope
