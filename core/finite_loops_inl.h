// Whether rows of floats hold no NaN or infinity, for the engine's checks of what it computed
// (see OverflowWatch).
//
// Not a header of its own (no include guard): each kernels_<isa>.cpp includes it inside its own
// anonymous namespace, like gemm_loops_inl.h, so the compiler vectorises the loop with that
// instruction set's width: on the x86-64 baseline it cost as much as the softmax it follows.

// NaN and infinity have every exponent bit set; adding one to the exponent field then carries
// into the sign bit, so one AND, one ADD and one OR per value find them, with no compare.
bool allFinite(const float* values, std::size_t rows, std::size_t cols, std::size_t stride) {
  assert((values != nullptr || rows == 0 || cols == 0) && "allFinite: null rows");
  assert((rows <= 1 || stride >= cols) && "allFinite: rows overlap (stride < cols)");
  unsigned carried = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = values + r * stride;
    for (std::size_t i = 0; i < cols; ++i) {
      unsigned bits;
      __builtin_memcpy(&bits, row + i, sizeof bits);
      carried |= (bits & 0x7F800000u) + 0x00800000u;
    }
  }
  return (carried & 0x80000000u) == 0;
}
