// Compiled with -ffp-contract=off (see core/CMakeLists.txt): a fused multiply-add would round
// differently from a separate multiply and add, and break bit-identity across machines.
#include "core/deterministic_random.h"

#include <cmath>

namespace attnscope {
namespace {

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t SplitMix64::next() {
  m_state += 0x9e3779b97f4a7c15ULL;
  return mix(m_state);
}

double SplitMix64::nextUnit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double SplitMix64::nextNormal() {
  if (m_hasSpare) {
    m_hasSpare = false;
    return m_spare;
  }
  // Draw (u, v) uniformly in the unit disc, then z = u·sqrt(−2 ln s / s), s = u² + v².
  double u = 0.0, v = 0.0, s = 0.0;
  do {
    u = 2.0 * nextUnit() - 1.0;
    v = 2.0 * nextUnit() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * portableLog(s) / s);
  m_spare = v * factor;
  m_hasSpare = true;
  return u * factor;
}

std::uint64_t streamKey(std::string_view domain, std::uint64_t seed, std::string_view label) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a offset basis
  auto absorb = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;  // FNV-1a prime
  };
  for (char c : domain) absorb(static_cast<unsigned char>(c));
  absorb(0);
  for (char c : label) absorb(static_cast<unsigned char>(c));
  return mix(hash ^ mix(seed + 0x9e3779b97f4a7c15ULL));
}

double portableLog(double x) {
  // x = m·2^e with m in [√½, √2), so log x = e·ln 2 + log m, and with s = (m − 1)/(m + 1),
  // |s| ≤ 0.172: log m = 2·atanh s = 2(s + s³/3 + s⁵/5 + …). Fifteen terms reach well
  // below double rounding (0.172²⁹ < 1e-22).
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact: m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    exponent -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double series = 0.0;
  for (int k = 29; k >= 1; k -= 2) series = series * s2 + 1.0 / k;
  constexpr double kLn2 = 0.6931471805599453094;
  return exponent * kLn2 + 2.0 * s * series;
}

}  // namespace attnscope
