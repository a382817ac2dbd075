#pragma once

#include <cstddef>
#include <cstdint>

#include "core/kernel_table.h"
#include "core/mask.h"

namespace attnscope {

// A mask as the kernels take it, one row (or a block of keys of a row) at a time. No mask, a
// causal mask and key padding keep a prefix of every row, which the kernels exploit (skipping
// the blocked columns of weights·V, or whole key blocks when streaming); a per-cell mask is
// expanded into bytes through ResolvedMask::keeps.
class RowMasks {
 public:
  RowMasks(const MaskSpec& spec, const ResolvedMask& resolved, std::size_t keyLength)
      : m_spec(spec), m_resolved(resolved), m_keyLength(keyLength) {}

  bool perCell() const { return m_spec.kind == MaskSpec::Kind::Explicit; }

  // How many keys row `query` keeps, counted from key 0 (only when !perCell()).
  std::size_t keptPrefix(std::size_t query) const {
    switch (m_spec.kind) {
      case MaskSpec::Kind::Causal:
        return query + 1 < m_keyLength ? query + 1 : m_keyLength;
      case MaskSpec::Kind::KeyPadding:
        return m_spec.visibleKeys < m_keyLength ? m_spec.visibleKeys : m_keyLength;
      case MaskSpec::Kind::None:
      case MaskSpec::Kind::Explicit:
        break;
    }
    return m_keyLength;
  }

  // The mask of keys [firstKey, firstKey + count) of row `query` in head `head`. A per-cell mask
  // is written into `scratch` (count bytes), which must outlive the use of the result.
  kernels::RowMask row(int head, std::size_t query, std::size_t firstKey, std::size_t count,
                       std::uint8_t* scratch) const {
    if (!perCell()) {
      const std::size_t kept = keptPrefix(query);
      const std::size_t prefix = kept > firstKey ? kept - firstKey : 0;
      return {prefix < count ? prefix : count, nullptr};
    }
    for (std::size_t j = 0; j < count; ++j) {
      scratch[j] = m_resolved.keeps(head, query, firstKey + j) ? 1 : 0;
    }
    return {count, scratch};
  }

 private:
  const MaskSpec& m_spec;
  const ResolvedMask& m_resolved;
  std::size_t m_keyLength;
};

}  // namespace attnscope
