/*
 * spin_redis.h — a tiny header-only C "SDK" for Spin 1.x Redis: the inbound
 * message handler (spinj SPEC.md §2) and the outbound Redis imports (§3.3).
 *
 *     #include "spin_redis.h"
 *
 *     static spin_redis_status handle(const uint8_t *payload, size_t len) {
 *         int64_t n;
 *         if (spin_redis_incr("redis://127.0.0.1:6379", "count", &n) != 0)
 *             return SPIN_REDIS_ERROR;
 *         return SPIN_REDIS_OK;
 *     }
 *     SPIN_REDIS_HANDLER(handle)
 *
 * Build as a WASI reactor, like spin_http.h:
 *
 *     clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all \
 *           -I path/to/sdk-c -o app.wasm app.c
 *
 * ABI flavour, chosen at compile time from the same source:
 *   default: flavour A (Go SDK / Rust SDK <= 1.3): exports
 *       canonical_abi_realloc, canonical_abi_free, handle-redis-message;
 *       imports from module "outbound-redis".
 *   -DSPIN_ABI_CANONICAL: flavour B (Rust SDK 1.4/1.5): exports cabi_realloc,
 *       fermyon:spin/inbound-redis#handle-message (no cabi_post: the result
 *       holds no list); imports from module "fermyon:spin/redis".
 *
 * The allocator exports are shared with spin_http.h: an HTTP component that
 * only calls outbound Redis includes spin_http.h FIRST, then this header (which
 * then skips its own allocator). SPIN_REDIS_HANDLER is opt-in, so including
 * this header exports no message handler by itself.
 *
 * Memory: everything the host returns (get's payload, smembers' strings,
 * execute's results) was allocated through our realloc, i.e. malloc; free it
 * with the matching spin_redis_*_free function. The message payload belongs
 * to the guest too and is freed after the handler returns.
 */
#ifndef SPIN_REDIS_H
#define SPIN_REDIS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef __wasm32__
#error "spin_redis.h targets wasm32 (clang --target=wasm32-wasi)"
#endif

#ifdef SPIN_ABI_CANONICAL
#define SPIN_REDIS__MODULE "fermyon:spin/redis"
#define SPIN_REDIS__EXPORT "fermyon:spin/inbound-redis#handle-message"
#else
#define SPIN_REDIS__MODULE "outbound-redis"
#define SPIN_REDIS__EXPORT "handle-redis-message"
#endif

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

/* What a handler returns. SPIN_REDIS_ERR_SUCCESS is what the Go SDK returns
 * on success (`err(success)`); Spin counts it as success (SPEC §2). */
typedef enum {
    SPIN_REDIS_OK = 0,          /* ok            -> bytes [0, 0] */
    SPIN_REDIS_ERR_SUCCESS = 1, /* err(success)  -> bytes [1, 0] */
    SPIN_REDIS_ERROR = 2        /* err(error)    -> bytes [1, 1] */
} spin_redis_status;

/* A byte string (list<u8> or string), NOT NUL-terminated. */
typedef struct {
    const uint8_t *ptr;
    size_t len;
} spin_redis_bytes;

_Static_assert(sizeof(spin_redis_bytes) == 8, "list is (ptr, len), 8 bytes");

/* variant redis-parameter { int64(s64), binary(payload) }: 16 bytes, align 8,
 * tag @0, payload @8. */
enum { SPIN_REDIS_PARAM_INT64 = 0, SPIN_REDIS_PARAM_BINARY = 1 };
typedef struct {
    uint8_t tag;
    union {
        int64_t int64;
        spin_redis_bytes binary;
    } val;
} spin_redis_param;

_Static_assert(sizeof(spin_redis_param) == 16, "redis-parameter is 16 bytes");
_Static_assert(offsetof(spin_redis_param, val) == 8, "payload @8");

static inline spin_redis_param spin_redis_int64(int64_t v) {
    spin_redis_param p;
    p.tag = SPIN_REDIS_PARAM_INT64;
    p.val.int64 = v;
    return p;
}

static inline spin_redis_param spin_redis_binary(const void *ptr, size_t len) {
    spin_redis_param p;
    p.tag = SPIN_REDIS_PARAM_BINARY;
    p.val.binary.ptr = (const uint8_t *)ptr;
    p.val.binary.len = len;
    return p;
}

static inline spin_redis_param spin_redis_cstr(const char *s) {
    return spin_redis_binary(s, strlen(s));
}

/* variant redis-result { nil, status(string), int64(s64), binary(payload) }:
 * same 16/8 layout. `status` and `binary` both use val.binary. */
enum {
    SPIN_REDIS_RESULT_NIL = 0,
    SPIN_REDIS_RESULT_STATUS = 1,
    SPIN_REDIS_RESULT_INT64 = 2,
    SPIN_REDIS_RESULT_BINARY = 3
};
typedef spin_redis_param spin_redis_result;

/* A list returned by the host (malloc'ed through our realloc). */
typedef struct {
    spin_redis_bytes *items;
    size_t count;
} spin_redis_strings;

typedef struct {
    spin_redis_result *items;
    size_t count;
} spin_redis_results;

/* ------------------------------------------------------------------------ */
/* Outbound Redis (every function returns 0 on ok, -1 on err(error))        */
/* ------------------------------------------------------------------------ */

#define SPIN_REDIS__IMPORT(name) \
    __attribute__((import_module(SPIN_REDIS__MODULE), import_name(name)))

SPIN_REDIS__IMPORT("publish")
void spin_redis__publish(const char *, size_t, const char *, size_t, const void *, size_t, void *);
SPIN_REDIS__IMPORT("get")
void spin_redis__get(const char *, size_t, const char *, size_t, void *);
SPIN_REDIS__IMPORT("set")
void spin_redis__set(const char *, size_t, const char *, size_t, const void *, size_t, void *);
SPIN_REDIS__IMPORT("incr")
void spin_redis__incr(const char *, size_t, const char *, size_t, void *);
SPIN_REDIS__IMPORT("del")
void spin_redis__del(const char *, size_t, const spin_redis_bytes *, size_t, void *);
SPIN_REDIS__IMPORT("sadd")
void spin_redis__sadd(const char *, size_t, const char *, size_t, const spin_redis_bytes *, size_t, void *);
SPIN_REDIS__IMPORT("smembers")
void spin_redis__smembers(const char *, size_t, const char *, size_t, void *);
SPIN_REDIS__IMPORT("srem")
void spin_redis__srem(const char *, size_t, const char *, size_t, const spin_redis_bytes *, size_t, void *);
SPIN_REDIS__IMPORT("execute")
void spin_redis__execute(const char *, size_t, const char *, size_t, const spin_redis_param *, size_t, void *);

/* Return areas (SPEC 3.3): tag @0; unit error @1; list ok @4/@8 (error @4);
 * s64 ok @8 (error @8). */
typedef struct { uint8_t tag; uint8_t error; } spin_redis__unit_ret;
typedef struct { uint8_t tag; uint8_t pad[3]; void *ptr; uint32_t len; } spin_redis__list_ret;
typedef struct { uint8_t tag; uint8_t pad[7]; int64_t value; } spin_redis__s64_ret;

_Static_assert(offsetof(spin_redis__list_ret, ptr) == 4, "list ok @4");
_Static_assert(offsetof(spin_redis__s64_ret, value) == 8, "s64 ok @8");

/* C strings -> list<string> (pointers into the caller's strings). */
static inline spin_redis_bytes *spin_redis__strs(const char *const *s, size_t n) {
    spin_redis_bytes *out = (spin_redis_bytes *)malloc(n ? n * sizeof *out : 1);
    if (!out) __builtin_trap();
    for (size_t i = 0; i < n; i++) {
        out[i].ptr = (const uint8_t *)s[i];
        out[i].len = strlen(s[i]);
    }
    return out;
}

static inline int spin_redis_publish(const char *address, const char *channel,
                                     const void *payload, size_t len) {
    spin_redis__unit_ret r;
    spin_redis__publish(address, strlen(address), channel, strlen(channel), payload, len, &r);
    return r.tag ? -1 : 0;
}

static inline int spin_redis_set(const char *address, const char *key,
                                 const void *value, size_t len) {
    spin_redis__unit_ret r;
    spin_redis__set(address, strlen(address), key, strlen(key), value, len, &r);
    return r.tag ? -1 : 0;
}

/* A missing key reads as an empty value. Free out->ptr with free(). */
static inline int spin_redis_get(const char *address, const char *key, spin_redis_bytes *out) {
    spin_redis__list_ret r;
    spin_redis__get(address, strlen(address), key, strlen(key), &r);
    if (r.tag) return -1;
    out->ptr = (const uint8_t *)r.ptr;
    out->len = r.len;
    return 0;
}

static inline int spin_redis_incr(const char *address, const char *key, int64_t *out) {
    spin_redis__s64_ret r;
    spin_redis__incr(address, strlen(address), key, strlen(key), &r);
    if (r.tag) return -1;
    *out = r.value;
    return 0;
}

static inline int spin_redis_del(const char *address, const char *const *keys, size_t n,
                                 int64_t *out) {
    spin_redis__s64_ret r;
    spin_redis_bytes *list = spin_redis__strs(keys, n);
    spin_redis__del(address, strlen(address), list, n, &r);
    free(list);
    if (r.tag) return -1;
    *out = r.value;
    return 0;
}

static inline int spin_redis_sadd(const char *address, const char *key,
                                  const char *const *values, size_t n, int64_t *out) {
    spin_redis__s64_ret r;
    spin_redis_bytes *list = spin_redis__strs(values, n);
    spin_redis__sadd(address, strlen(address), key, strlen(key), list, n, &r);
    free(list);
    if (r.tag) return -1;
    *out = r.value;
    return 0;
}

static inline int spin_redis_srem(const char *address, const char *key,
                                  const char *const *values, size_t n, int64_t *out) {
    spin_redis__s64_ret r;
    spin_redis_bytes *list = spin_redis__strs(values, n);
    spin_redis__srem(address, strlen(address), key, strlen(key), list, n, &r);
    free(list);
    if (r.tag) return -1;
    *out = r.value;
    return 0;
}

/* Free with spin_redis_strings_free. */
static inline int spin_redis_smembers(const char *address, const char *key,
                                      spin_redis_strings *out) {
    spin_redis__list_ret r;
    spin_redis__smembers(address, strlen(address), key, strlen(key), &r);
    if (r.tag) return -1;
    out->items = (spin_redis_bytes *)r.ptr;
    out->count = r.len;
    return 0;
}

/* The reply flattened: nil and OK dropped, arrays flattened. Free with
 * spin_redis_results_free. */
static inline int spin_redis_execute(const char *address, const char *command,
                                     const spin_redis_param *args, size_t n,
                                     spin_redis_results *out) {
    spin_redis__list_ret r;
    spin_redis__execute(address, strlen(address), command, strlen(command), args, n, &r);
    if (r.tag) return -1;
    out->items = (spin_redis_result *)r.ptr;
    out->count = r.len;
    return 0;
}

/* Lists of length 0 come back as a dangling (non-malloc'ed) pointer. */
static inline void spin_redis__free(const void *p, size_t len) {
    if (len) free((void *)p);
}

static inline void spin_redis_bytes_free(spin_redis_bytes b) { spin_redis__free(b.ptr, b.len); }

static inline void spin_redis_strings_free(spin_redis_strings s) {
    for (size_t i = 0; i < s.count; i++) spin_redis__free(s.items[i].ptr, s.items[i].len);
    spin_redis__free(s.items, s.count);
}

static inline void spin_redis_results_free(spin_redis_results s) {
    for (size_t i = 0; i < s.count; i++)
        if (s.items[i].tag == SPIN_REDIS_RESULT_STATUS || s.items[i].tag == SPIN_REDIS_RESULT_BINARY)
            spin_redis__free(s.items[i].val.binary.ptr, s.items[i].val.binary.len);
    spin_redis__free(s.items, s.count);
}

/* ------------------------------------------------------------------------ */
/* Allocator exports (skipped when spin_http.h already defined them)        */
/* ------------------------------------------------------------------------ */

#ifndef SPIN_HTTP_H
/* realloc(old, old_size, align, new_size): size 0 answers the alignment as a
 * dangling non-null pointer, which the host passes back for empty lists. */
static inline void *spin_redis__realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    if (align == 0) align = 1;
    if (new_size == 0) {
        if (old_size != 0) free(old);
        return (void *)(uintptr_t)align;
    }
    void *p = old_size == 0 ? malloc(new_size) : realloc(old, new_size);
    if (!p) __builtin_trap();
    return p;
}

#ifndef SPIN_ABI_CANONICAL
__attribute__((export_name("canonical_abi_realloc")))
void *canonical_abi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    return spin_redis__realloc(old, old_size, align, new_size);
}

__attribute__((export_name("canonical_abi_free")))
void canonical_abi_free(void *ptr, size_t size, size_t align) {
    (void)align;
    if (size) free(ptr);
}
#else
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    return spin_redis__realloc(old, old_size, align, new_size);
}
#endif
#endif /* SPIN_HTTP_H */

/* ------------------------------------------------------------------------ */
/* Inbound handler                                                          */
/* ------------------------------------------------------------------------ */

/* The 2-byte return area of expected<unit, error>: tag @0, error @1. Static
 * because the host reads it after the export returned. */
static uint8_t spin_redis__ret_area[2];

static inline uint8_t *spin_redis__result(spin_redis_status status) {
    spin_redis__ret_area[0] = status == SPIN_REDIS_OK ? 0 : 1;
    spin_redis__ret_area[1] = status == SPIN_REDIS_ERROR ? 1 : 0;
    return spin_redis__ret_area;
}

/* Defines the message handler export. `fn` has the signature
 *     spin_redis_status fn(const uint8_t *payload, size_t len);
 * and must not keep `payload` (it is freed after fn returns). */
#define SPIN_REDIS_HANDLER(fn)                                                 \
    __attribute__((export_name(SPIN_REDIS__EXPORT)))                           \
    uint8_t *spin_redis_export_handle_message(uint8_t *ptr, size_t len) {      \
        spin_redis_status status = fn(ptr, len);                               \
        spin_redis__free(ptr, len);                                            \
        return spin_redis__result(status);                                     \
    }

#endif /* SPIN_REDIS_H */
