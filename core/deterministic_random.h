#pragma once

#include <cstdint>
#include <string_view>

// Random numbers that are bit-identical on every machine, compiler and standard library.
// Saved lessons depend on this: the same token text and seed must give the same embedding
// forever. std::normal_distribution and std::log are not portable, so everything here uses
// only IEEE-754 +, -, *, / and sqrt (all correctly rounded) in double precision.
namespace attnscope {

// SplitMix64 (Steele, Lea & Flood 2014, as in Vigna's reference code): a 64-bit counter
// passed through a bijective mixer. Small, fast, and every seed gives a full-period stream.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t state) : m_state(state) {}
  std::uint64_t next();
  // Uniform in [0, 1) with 53 random bits.
  double nextUnit();
  // Standard normal by Marsaglia's polar method, with portableLog in place of std::log.
  double nextNormal();

 private:
  std::uint64_t m_state;
  bool m_hasSpare = false;
  double m_spare = 0.0;
};

// The key of one named stream: FNV-1a over "domain\0label", then the seed mixed in through the
// SplitMix64 finaliser. Different domains ("embedding", "weights") never share a stream.
std::uint64_t streamKey(std::string_view domain, std::uint64_t seed, std::string_view label);

// Natural logarithm for x > 0 from frexp and a fixed atanh series: within a few ulps of the
// true value and, unlike std::log, the same bits everywhere.
double portableLog(double x);

}  // namespace attnscope
