// A C guest that uses WASI preview1 (getenv -> environ_sizes_get / environ_get), like every
// Rust spin-sdk module does. Built into two fixtures from the same code:
//   cwasi.core.wasm  componentEmbed only: core module with a component-type section that
//                    still imports wasi_snapshot_preview1 (what Spin receives from Rust SDKs)
//   cwasi.wasm       componentNew with jco's preview1 reactor adapter, which turns those
//                    imports into wasi:cli/environment@0.2.12 (and the exit / stderr / streams
//                    imports the adapter keeps for its own errors)
// Both must give cwasi.expected.json when the environment is GREETING="hi 👋", EMPTY="".
// Build: tools/build-fixtures.sh, i.e.
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o cwasi.module.wasm cwasi.c
//   node tools/embed-new.mjs cwasi.module.wasm cwasi.wit cwasi   (writes cwasi.core.wasm, cwasi.wasm)
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *ptr; size_t len; } str_t;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void) old_size;
    if (new_size == 0) return (void *) align;
    void *p = realloc(old, new_size);
    if (!p) abort();
    return p;
}

static _Alignas(8) uint8_t RET_AREA[8];

__attribute__((export_name("test:cwasi/api#env")))
uint8_t *api_env(char *ptr, size_t len) {
    char *key = malloc(len + 1);
    if (!key) abort();
    memcpy(key, ptr, len);
    key[len] = 0;
    if (len) free(ptr);
    const char *value = getenv(key);
    free(key);
    if (!value) value = "(unset)";
    str_t *ret = (str_t *) RET_AREA;
    ret->len = strlen(value);
    ret->ptr = cabi_realloc(NULL, 0, 1, ret->len);
    memcpy(ret->ptr, value, ret->len);
    return RET_AREA;
}

__attribute__((export_name("cabi_post_test:cwasi/api#env")))
void api_env_post(uint8_t *ret) {
    str_t *s = (str_t *) ret;
    if (s->len) free(s->ptr);
}
