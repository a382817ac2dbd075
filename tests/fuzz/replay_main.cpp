// Runs every file in the given folders through a fuzz target's LLVMFuzzerTestOneInput, without
// libFuzzer, so the normal build (any compiler, no clang) checks the seed corpus and every input
// that once crashed. A crash, an abort or a sanitizer report fails the test.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    // A target's regressions folder exists only once something has crashed it.
    std::error_code ec;
    if (!fs::is_directory(argv[i], ec)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(argv[i])) {
      if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.')) {
        inputs.push_back(entry.path());
      }
    }
  }
  if (inputs.empty()) {
    std::cerr << "no inputs in the given folders\n";
    return 1;
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    std::cout << input.string() << std::endl;  // flushed, so a crash names its input
    std::ifstream in(input, std::ios::binary);
    if (!in) {
      std::cerr << "cannot open " << input << '\n';
      return 1;
    }
    const std::vector<char> bytes(std::istreambuf_iterator<char>(in), {});
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replayed " << inputs.size() << " inputs\n";
  return 0;
}
