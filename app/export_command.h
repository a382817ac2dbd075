#pragma once

#include <span>
#include <string>

namespace attnscope::cli {

// `attnscope export …`: runs one forward pass headless and draws it as a PNG, SVG or PDF figure.
// Needs no display: the offscreen platform is used. Returns the exit status; throws UsageError
// (status 2) or attnscope::Error (status 1), having written nothing.
int runExport(std::span<const std::string> arguments);

extern const char* const kExportUsage;

}  // namespace attnscope::cli
