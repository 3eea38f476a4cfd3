// A guest written the way wit-bindgen's C output lays it out, with hand-written bindings for
// cguest.wit. Built into two fixtures from the same code:
//   cguest.core.wasm  the core module with a component-type section (componentEmbed only), the
//                     form Rust spin-sdk 2-5 ships
//   cguest.wasm       the component made from it by componentNew (jco's preview1 adapter is
//                     offered but left out: this module imports no preview1 function; cwasi.c
//                     is the guest that needs it)
// Both must give cguest.expected.json for cguest.calls.json.
// Build: tools/build-fixtures.sh, i.e.
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o cguest.module.wasm cguest.c
//   node tools/embed-new.mjs cguest.module.wasm cguest.wit cguest   (writes cguest.core.wasm, cguest.wasm)
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *ptr; size_t len; } str_t;

__attribute__((import_module("test:cguest/host"), import_name("log")))
extern void host_log(const char *ptr, size_t len);
// option<string> comes back through a return area: [u8 is-some][pad][ptr][len]
__attribute__((import_module("test:cguest/host"), import_name("config")))
extern void host_config(const char *ptr, size_t len, void *ret_area);

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void) old_size;
    (void) align; // malloc's alignment (16) covers every canonical ABI alignment
    if (new_size == 0) return (void *) align;
    void *p = realloc(old, new_size);
    if (!p) abort();
    return p;
}

static _Alignas(8) uint8_t RET_AREA[16];

__attribute__((export_name("test:cguest/api#reverse")))
uint8_t *api_reverse(char *ptr, size_t len) {
    host_log(ptr, len);
    char *out = cabi_realloc(NULL, 0, 1, len);
    // reverse by bytes, keeping multi-byte utf8 sequences in order
    size_t o = len;
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        while (i + n < len && (ptr[i + n] & 0xC0) == 0x80) n++;
        o -= n;
        memcpy(out + o, ptr + i, n);
        i += n;
    }
    if (len) free(ptr);
    str_t *ret = (str_t *) RET_AREA;
    ret->ptr = out;
    ret->len = len;
    return RET_AREA;
}

__attribute__((export_name("cabi_post_test:cguest/api#reverse")))
void api_reverse_post(uint8_t *ret) {
    str_t *s = (str_t *) ret;
    if (s->len) free(s->ptr);
}

__attribute__((export_name("test:cguest/api#sum")))
int64_t api_sum(int32_t *xs, size_t len) {
    int64_t total = 0;
    for (size_t i = 0; i < len; i++) total += xs[i];
    if (len) free(xs);
    return total;
}

typedef struct { uint32_t a; str_t b; } pair_t;

__attribute__((export_name("test:cguest/api#pairs")))
uint8_t *api_pairs(uint32_t n) {
    pair_t *list = cabi_realloc(NULL, 0, 4, n * sizeof(pair_t));
    for (uint32_t i = 0; i < n; i++) {
        list[i].a = i * i;
        list[i].b.len = i;
        list[i].b.ptr = cabi_realloc(NULL, 0, 1, i);
        memset(list[i].b.ptr, 'a' + (int) (i % 26), i);
    }
    str_t *ret = (str_t *) RET_AREA;
    ret->ptr = (char *) list;
    ret->len = n;
    return RET_AREA;
}

__attribute__((export_name("cabi_post_test:cguest/api#pairs")))
void api_pairs_post(uint8_t *ret) {
    str_t *s = (str_t *) ret;
    pair_t *list = (pair_t *) s->ptr;
    for (size_t i = 0; i < s->len; i++) if (list[i].b.len) free(list[i].b.ptr);
    if (s->len) free(list);
}

static str_t copy(const char *text) {
    str_t s = { cabi_realloc(NULL, 0, 1, strlen(text)), strlen(text) };
    memcpy(s.ptr, text, s.len);
    return s;
}

// result<u32, string>: [u8 tag][pad to 4][u32 | (ptr, len)]
__attribute__((export_name("test:cguest/api#check")))
uint8_t *api_check(uint32_t x) {
    if (x % 2 == 0) {
        RET_AREA[0] = 0;
        *(uint32_t *) (RET_AREA + 4) = x / 2;
    } else {
        RET_AREA[0] = 1;
        *(str_t *) (RET_AREA + 4) = copy("odd \xF0\x9F\x98\xAC");
    }
    return RET_AREA;
}

// variant outcome { ok(u32), failed(string), skipped }: 12 bytes, [u8 tag][pad][payload at 4]
typedef struct { uint8_t tag; union { uint32_t ok; str_t failed; } val; } outcome_t;

__attribute__((export_name("test:cguest/api#judge")))
uint8_t *api_judge(uint32_t *xs, size_t len) {
    outcome_t *out = cabi_realloc(NULL, 0, 4, len * sizeof(outcome_t));
    for (size_t i = 0; i < len; i++) {
        if (xs[i] == 0) {
            out[i].tag = 2;
        } else if (xs[i] < 100) {
            out[i].tag = 0;
            out[i].val.ok = xs[i] * 3;
        } else {
            out[i].tag = 1;
            out[i].val.failed = copy("too big");
        }
    }
    if (len) free(xs);
    str_t *ret = (str_t *) RET_AREA;
    ret->ptr = (char *) out;
    ret->len = len;
    return RET_AREA;
}

__attribute__((export_name("test:cguest/api#lookup")))
uint8_t *api_lookup(char *key, size_t len) {
    _Alignas(4) uint8_t area[12];
    host_config(key, len, area);
    str_t *ret = (str_t *) RET_AREA;
    *ret = area[0] ? *(str_t *) (area + 4) : copy("(unset)");
    if (len) free(key);
    return RET_AREA;
}
