// `attnscope bench` and the instruction set in --version, run through the real binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/isa.h"
#include "core/version.h"

namespace attnscope {
namespace {

struct Result {
  int status;
  std::string out;
};

// Runs the binary through the shell with `environment` prefixed (e.g. "ATTNSCOPE_ISA=avx2").
Result run(const std::string& arguments, const std::string& environment = "") {
  const std::string command =
      environment + " '" ATTNSCOPE_BINARY "' " + arguments + " 2>&1 </dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  while (std::fgets(buffer.data(), int(buffer.size()), pipe) != nullptr) out += buffer.data();
  const int raw = pclose(pipe);
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, out};
}

const char* const kSmall = "bench --seq-len 16 --d-model 32 --heads 4 --threads 1 --repeat 2";

TEST(BenchCli, JsonHasTheIssuesKeys) {
  const Result result = run(std::string(kSmall) + " --json --breakdown");
  ASSERT_EQ(result.status, 0) << result.out;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  for (const char* key :
       {"median_ms", "min_ms", "gflops", "isa", "path", "threads", "seq_len", "d_model", "heads",
        "workspace_bytes", "peak_rss_bytes", "projections_ms", "projections_gflops"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["path"], "full");
  EXPECT_EQ(json["isa"], isaName());
  EXPECT_EQ(json["seq_len"], 16);
  EXPECT_EQ(json["threads"], 1);
  EXPECT_GE(json["median_ms"].get<double>(), json["min_ms"].get<double>());
}

TEST(BenchCli, StreamingPathIsNamed) {
  const Result result = run(std::string(kSmall) + " --json --path streaming --mask none");
  ASSERT_EQ(result.status, 0) << result.out;
  EXPECT_EQ(nlohmann::json::parse(result.out)["path"], "streaming");
}

TEST(BenchCli, TextNamesPathAndInstructionSet) {
  const Result result = run(kSmall);
  ASSERT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("isa=" + std::string(isaName())), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("path=full"), std::string::npos) << result.out;
}

TEST(BenchCli, IsaOptionAndEnvironmentForceThePath) {
  for (Isa isa : knownIsas()) {
    SCOPED_TRACE(isaName(isa));
    const std::string name = isaName(isa);
    const Result forced = run(std::string(kSmall) + " --json --isa " + name);
    const Result environment = run(std::string(kSmall) + " --json", "ATTNSCOPE_ISA=" + name);
    const Result version = run("--version", "ATTNSCOPE_ISA=" + name);
    if (!cpuSupports(isa)) {
      EXPECT_EQ(forced.status, 1) << forced.out;
      EXPECT_EQ(environment.status, 1) << environment.out;
      EXPECT_EQ(version.status, 1) << version.out;
      continue;
    }
    ASSERT_EQ(forced.status, 0) << forced.out;
    EXPECT_EQ(nlohmann::json::parse(forced.out)["isa"], name);
    ASSERT_EQ(environment.status, 0) << environment.out;
    EXPECT_EQ(nlohmann::json::parse(environment.out)["isa"], name);
    EXPECT_EQ(version.out, "attnscope " + std::string(kVersion) + " (" + name + ")\n");
  }
}

// The names come from the dispatcher's list, so a new instruction set reaches `bench --isa`
// without an edit in app/.
TEST(BenchCli, IsaMessagesListEveryKnownInstructionSet) {
  const Result unknown = run("bench --seq-len 8 --d-model 32 --heads 4 --isa sse9");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("--isa must be " + knownIsaNames() + ", got 'sse9'"),
            std::string::npos)
      << unknown.out;
  const Result help = run("bench --help");
  for (Isa isa : knownIsas()) {
    EXPECT_NE(help.out.find(isaName(isa)), std::string::npos) << isaName(isa) << help.out;
  }
  EXPECT_EQ(help.out.find("%ISAS%"), std::string::npos) << help.out;
}

TEST(BenchCli, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run("bench --seq-len 8 --d-model 32 --heads 4 --isa sse9").status, 2);
  EXPECT_EQ(run("bench --seq-len 8 --d-model 32 --heads 4 --mask diagonal").status, 2);
  EXPECT_EQ(run("bench --seq-len 8 --d-model 32").status, 2);
  EXPECT_EQ(run("bench --seq-len 8 --d-model 30 --heads 4").status, 1);
  EXPECT_EQ(run("bench --help").status, 0);
}

}  // namespace
}  // namespace attnscope
