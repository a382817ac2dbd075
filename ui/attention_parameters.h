#pragma once

#include <QString>
#include <compare>
#include <cstdint>
#include <set>
#include <utility>

#include "ui/weights_source.h"

namespace attnscope {

enum class MaskMode {
  None,        // every query sees every key
  Causal,      // query i sees keys j ≤ i
  KeyPadding,  // the key/value sequence is padded with [PAD] tokens, which are blocked
  Custom,      // cells the user clicked or dragged over are blocked
};

// Everything the user chooses that changes the numbers. A plain value: the undo stack keeps
// copies, the worker computes from a copy, and equality tells whether anything changed.
struct AttentionParameters {
  QString text;
  bool crossAttention = false;  // keys and values from keyValueText instead of text
  QString keyValueText;
  int modelWidth = 64;  // with loaded weights, their width
  int heads = 8;
  std::uint64_t seed = 0;  // the embeddings, and the weights unless they are loaded
  WeightsSource weights;
  bool positional = true;
  bool scaled = true;  // divide scores by √d_k, as the reference does
  MaskMode mask = MaskMode::None;
  int paddedLength = 0;                       // KeyPadding: pad the keys to this many tokens
  std::set<std::pair<int, int>> blockedCells;  // Custom: (query, key) cells set to −1e9

  bool operator==(const AttentionParameters&) const = default;
};

// The token appended for key padding.
inline constexpr const char* kPaddingToken = "[PAD]";

}  // namespace attnscope
