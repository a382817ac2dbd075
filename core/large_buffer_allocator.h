#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

// An allocator for the engine's large buffers (the trace's heads × L² tensors): cheap to create
// fresh for every run, as the window's worker does.
namespace attnscope {

// Two costs dominate a fresh 64 MiB trace (8 heads, L = 1024), measured with perf on this
// project's machines, and this allocator removes both:
//  - std::vector<float>::resize writes a zero into every new float, a whole pass over memory the
//    kernels then overwrite. Here resize default-initialises instead, which for float means
//    "unspecified"; giving a value (vector(n, 0.0f), assign) still writes it.
//  - The first touch of each fresh 4 KiB page faults (16,384 faults for 64 MiB). Buffers of
//    kHugePageBytes or more are aligned to it and marked MADV_HUGEPAGE, so with transparent huge
//    pages in "madvise" mode (Debian's default) they fault once per 2 MiB.
template <class T>
class LargeBufferAllocator {
 public:
  using value_type = T;
  static constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

  LargeBufferAllocator() = default;
  template <class U>
  LargeBufferAllocator(const LargeBufferAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) {
    if (count > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = count * sizeof(T);
    if (bytes < kHugePageBytes) return std::allocator<T>().allocate(count);
    const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    void* memory = std::aligned_alloc(kHugePageBytes, rounded);
    if (!memory) throw std::bad_alloc();
    // Advice only: where huge pages are off, the buffer works the same with small pages.
    madvise(memory, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(memory);
  }

  void deallocate(T* pointer, std::size_t count) noexcept {
    if (count * sizeof(T) < kHugePageBytes) {
      std::allocator<T>().deallocate(pointer, count);
    } else {
      std::free(pointer);
    }
  }

  template <class U>
  void construct(U* place) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(place)) U;
  }
  template <class U, class... Arguments>
  void construct(U* place, Arguments&&... arguments) {
    ::new (static_cast<void*>(place)) U(std::forward<Arguments>(arguments)...);
  }

  template <class U>
  bool operator==(const LargeBufferAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace attnscope
