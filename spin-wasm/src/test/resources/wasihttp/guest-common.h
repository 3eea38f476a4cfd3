// What the wasi:http test guests share: no libc, so a bump allocator (one request per instance),
// memcpy/memset for the compiler, a text buffer the routes report into, and the return area.
#include <stdint.h>
#include <stddef.h>

#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))

// ---- memory: a bump allocator is enough for one request per instance ----
static uint8_t heap[4 << 20];
static size_t heap_top;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  size_t p = (heap_top + align - 1) & ~(align - 1);
  if (p + new_size > sizeof heap) __builtin_trap();
  heap_top = p + new_size;
  uint8_t *dst = heap + p;
  for (size_t i = 0; old && i < old_size && i < new_size; i++) dst[i] = ((uint8_t *)old)[i];
  return dst;
}

void *memcpy(void *d, const void *s, size_t n) {
  for (size_t i = 0; i < n; i++) ((uint8_t *)d)[i] = ((const uint8_t *)s)[i];
  return d;
}

void *memset(void *d, int c, size_t n) {
  for (size_t i = 0; i < n; i++) ((uint8_t *)d)[i] = (uint8_t)c;
  return d;
}

static size_t len(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static int starts(const uint8_t *s, size_t n, const char *prefix) {
  size_t k = len(prefix);
  if (n < k) return 0;
  for (size_t i = 0; i < k; i++) if (s[i] != (uint8_t)prefix[i]) return 0;
  return 1;
}

// ---- a growing text buffer for response bodies ----
static uint8_t text[1 << 20];
static size_t text_len;
static void put(const void *s, size_t n) { memcpy(text + text_len, s, n); text_len += n; }
static void puts_(const char *s) { put(s, len(s)); }
static void putu(uint64_t v) {
  char b[24]; int i = 23; b[i] = 0;
  do { b[--i] = '0' + v % 10; v /= 10; } while (v);
  puts_(b + i);
}
static void line(const char *key, uint64_t v) { puts_(key); puts_("="); putu(v); puts_("\n"); }

static _Alignas(8) uint8_t ret[64];
static int32_t u8at(int o) { return ret[o]; }
static int32_t i32at(int o) { return *(int32_t *)(ret + o); }
static uint64_t u64at(int o) { return *(uint64_t *)(ret + o); }

