// ThreadPool when the system refuses a thread: the error reaches the caller, nothing hangs.
#include "core/parallel.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "core/error.h"
#include "core/limits.h"

namespace attnscope {
namespace {

// Bytes of address space the process maps now (the first field of /proc/self/statm, in pages).
std::size_t mappedBytes() {
  std::size_t pages = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%zu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  return pages * std::size_t(::sysconf(_SC_PAGESIZE));
}

std::size_t defaultStackBytes() {
  pthread_attr_t attributes;
  std::size_t bytes = 8 << 20;
  if (pthread_getattr_default_np(&attributes) == 0) {
    pthread_attr_getstacksize(&attributes, &bytes);
    pthread_attr_destroy(&attributes);
  }
  return bytes;
}

// What the child saw, as its exit status.
enum ChildOutcome { kRefusedAsOutOfMemory = 0, kNoThreadRefused = 1, kOtherError = 2 };

TEST(ThreadPool, RefusedThreadStopsTheStartedOnesAndReportsOutOfMemory) {
  // Before the fix the constructor threw with workers waiting for a stop that never came, and
  // joining them hung. In a child with room for one worker's stack but not two; an alarm ends
  // the child if it hangs.
  const pid_t child = ::fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    ::alarm(30);
    const std::size_t stack = defaultStackBytes();
    const rlimit limit{mappedBytes() + stack * 3 / 2, RLIM_INFINITY};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(kOtherError);
    try {
      ThreadPool pool(kMaxThreadsPerCore);  // three workers, allowed on any machine
      ::_exit(kNoThreadRefused);
    } catch (const Error& error) {
      ::_exit(error.kind() == ErrorKind::OutOfMemory &&
                      std::string_view(error.what()).starts_with("out of memory (starting ")
                  ? kRefusedAsOutOfMemory
                  : kOtherError);
    } catch (...) {
      ::_exit(kOtherError);
    }
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_FALSE(WIFSIGNALED(status)) << "the child hung (or crashed): signal " << WTERMSIG(status);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kRefusedAsOutOfMemory);
}

TEST(ThreadPool, MoreThreadsThanTheLimitAreRefused) {
  EXPECT_LE(maxThreads(), kMaxThreads);
  EXPECT_GE(maxThreads(), kMaxThreadsPerCore);
  try {
    ThreadPool pool(maxThreads() + 1);
    FAIL() << "a pool over the limit was started";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::LimitExceeded);
  }
  ThreadPool pool(maxThreads());
  EXPECT_EQ(pool.threads(), maxThreads());
}

}  // namespace
}  // namespace attnscope
