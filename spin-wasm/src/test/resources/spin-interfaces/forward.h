// Shared by the guests here: each export forwards its flat arguments to one import and returns
// the import's return area, whose layout is the export's result layout (same WIT result type).
// A retptr-taking import thus becomes a pointer-returning export with no code of its own.
#include <stdint.h>
#include <stdlib.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
// Exports are functions of the guest's interface API (each guest defines it, e.g. "test:kv-guest/api#").
#define EXPORT(name) __attribute__((export_name(API name)))

static _Alignas(8) uint8_t RET[64];

// The host lowers strings and lists with the guest's allocator; the guest never frees them.
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void) old_size;
    if (new_size == 0) return (void *) align;
    void *p = realloc(old, new_size);
    if (!p) abort();
    return p;
}

typedef int32_t i32;
typedef int64_t i64;

// FWDn: an import taking n i32 arguments and a retptr, exported as a function returning a pointer.
#define FWD1(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a) { fn##_i(a, RET); return RET; }
#define FWD2(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a, i32 b) { fn##_i(a, b, RET); return RET; }
#define FWD3(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, i32, i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a, i32 b, i32 c) { fn##_i(a, b, c, RET); return RET; }
#define FWD4(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, i32, i32, i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a, i32 b, i32 c, i32 d) { fn##_i(a, b, c, d, RET); return RET; }
#define FWD5(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, i32, i32, i32, i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a, i32 b, i32 c, i32 d, i32 e) { fn##_i(a, b, c, d, e, RET); return RET; }
#define FWD6(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32, i32, i32, i32, i32, i32, uint8_t *); \
    EXPORT(exp) uint8_t *fn(i32 a, i32 b, i32 c, i32 d, i32 e, i32 f) { fn##_i(a, b, c, d, e, f, RET); return RET; }
// A resource drop: one handle, no result.
#define DROP(mod, imp, exp, fn) IMPORT(mod, imp) extern void fn##_i(i32); \
    EXPORT(exp) void fn(i32 a) { fn##_i(a); }
