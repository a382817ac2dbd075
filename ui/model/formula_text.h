#pragma once

#include <QString>

// Formulas as they are written on a blackboard, in plain Unicode text: Q₂, ℝ⁶ˣ⁸.
namespace attnscope {

// The decimal digits of a non-negative value as superscripts: 64 → "⁶⁴".
QString superscript(long long value);
// The decimal digits of a non-negative value as subscripts: 12 → "₁₂".
QString subscript(long long value);
// The space of real rows × cols matrices: "ℝ⁶ˣ⁸".
QString realSpace(long long rows, long long cols);

}  // namespace attnscope
