#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnscope {

// Which cells of each head's Lq × Lk score matrix a query may attend to. As in the reference's
// `masked_fill(mask == 0, -1e9)`, a cell is kept where the mask is non-zero.
struct MaskSpec {
  enum class Kind {
    None,        // every query sees every key
    Causal,      // query i sees keys j ≤ i: torch.tril(torch.ones(Lq, Lk)), also when Lq ≠ Lk
    KeyPadding,  // keys at index ≥ visibleKeys are padding, blocked for every query
    Explicit,    // per-cell values, broadcast to (1, H, Lq, Lk) as PyTorch broadcasts
  };
  Kind kind = Kind::None;
  std::size_t visibleKeys = 0;     // KeyPadding only
  std::vector<std::size_t> shape;  // Explicit only: 1 to 4 dimensions
  std::vector<std::uint8_t> keep;  // Explicit only: C order, 1 = keep

  static MaskSpec none() { return {}; }
  static MaskSpec causal() {
    MaskSpec spec;
    spec.kind = Kind::Causal;
    return spec;
  }
  static MaskSpec keyPadding(std::size_t visibleKeys) {
    MaskSpec spec;
    spec.kind = Kind::KeyPadding;
    spec.visibleKeys = visibleKeys;
    return spec;
  }
  static MaskSpec cells(std::vector<std::size_t> shape, std::vector<std::uint8_t> keep) {
    MaskSpec spec;
    spec.kind = Kind::Explicit;
    spec.shape = std::move(shape);
    spec.keep = std::move(keep);
    return spec;
  }
};

// A MaskSpec checked against one forward pass's sizes, answering cell by cell.
class ResolvedMask {
 public:
  ResolvedMask() : m_kind(MaskSpec::Kind::None) {}
  // Throws Error(InvalidData) when an explicit mask cannot broadcast to (1, heads, Lq, Lk),
  // saying which dimension disagrees.
  ResolvedMask(const MaskSpec& spec, int heads, std::size_t queryLength, std::size_t keyLength);

  bool blocksNothing() const { return m_kind == MaskSpec::Kind::None; }
  bool keeps(int head, std::size_t query, std::size_t key) const {
    switch (m_kind) {
      case MaskSpec::Kind::None:
        return true;
      case MaskSpec::Kind::Causal:
        return key <= query;
      case MaskSpec::Kind::KeyPadding:
        return key < m_visibleKeys;
      case MaskSpec::Kind::Explicit:
        break;
    }
    return m_keep[head * m_headStride + query * m_queryStride + key * m_keyStride] != 0;
  }

 private:
  MaskSpec::Kind m_kind;
  std::size_t m_visibleKeys = 0;
  std::vector<std::uint8_t> m_keep;
  // Stride 0 along a dimension of size 1 is how broadcasting repeats it.
  std::size_t m_headStride = 0, m_queryStride = 0, m_keyStride = 0;
};

}  // namespace attnscope
