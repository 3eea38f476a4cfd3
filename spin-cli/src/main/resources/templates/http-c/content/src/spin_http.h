/*
 * spin_http.h — a tiny header-only C "SDK" for Spin 1.x HTTP components.
 *
 * It hides the Spin 1.x HTTP canonical ABI (spinj SPEC.md §1) behind a plain C
 * handler:
 *
 *     #include "spin_http.h"
 *
 *     static void handle(const spin_request *req, spin_response *res) {
 *         spin_response_add_header(res, "content-type", "text/plain");
 *         spin_response_set_body_str(res, "Hello, Fermyon!\n");
 *     }
 *     SPIN_HTTP_HANDLER(handle)
 *
 * Build (WASI reactor, so that `_initialize` runs C constructors and sets up
 * wasi-libc's environ/preopens before the first handler call):
 *
 *     clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all \
 *           -I path/to/sdk-c -o app.wasm app.c
 *
 * ABI flavour, chosen at compile time from the same source:
 *
 *   default (flavour A, "wit-bindgen 0.2", Go SDK / Rust SDK <= 1.3):
 *       exports canonical_abi_realloc, canonical_abi_free, handle-http-request.
 *       The host frees every list of the response with canonical_abi_free.
 *
 *   -DSPIN_ABI_CANONICAL (flavour B, "wit-bindgen 0.8", Rust SDK 1.4/1.5):
 *       exports cabi_realloc, fermyon:spin/inbound-http#handle-request and
 *       cabi_post_fermyon:spin/inbound-http#handle-request. The host never
 *       frees; it calls cabi_post_... once and the guest frees the response.
 *
 * Include this header in exactly ONE translation unit (it defines the exports).
 *
 * Memory rules implemented here (why the code looks the way it does):
 *   - Every list/string the guest hands to the host is malloc'ed, so the
 *     host's canonical_abi_free (A) / our cabi_post (B) performs real frees.
 *   - A list of length 0 is never malloc'ed: its pointer is the element
 *     alignment (1 for bytes/strings, 4 for the header array), a dangling but
 *     non-null, aligned pointer — exactly what the canonical ABI does. The host
 *     calls canonical_abi_free(ptr, 0, align) for it, which is a no-op.
 *   - Request arguments were allocated by the host through our realloc export
 *     and are owned by the guest; they are freed after the handler returns
 *     (so do not keep pointers into `spin_request` beyond the handler).
 */
#ifndef SPIN_HTTP_H
#define SPIN_HTTP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __wasm32__
#error "spin_http.h targets wasm32 (clang --target=wasm32-wasi)"
#endif

#ifdef SPIN_ABI_CANONICAL
#define SPIN_ABI_NAME "canonical" /* flavour B */
#else
#define SPIN_ABI_NAME "legacy"    /* flavour A */
#endif

/* ------------------------------------------------------------------------ */
/* Public types                                                             */
/* ------------------------------------------------------------------------ */

/* WIT `enum method`, discriminants 0..6. */
typedef enum {
    SPIN_METHOD_GET = 0,
    SPIN_METHOD_POST = 1,
    SPIN_METHOD_PUT = 2,
    SPIN_METHOD_DELETE = 3,
    SPIN_METHOD_PATCH = 4,
    SPIN_METHOD_HEAD = 5,
    SPIN_METHOD_OPTIONS = 6
} spin_method;

/* A UTF-8 string slice, NOT NUL-terminated. Print with "%.*s", SPIN_STR_ARG(s). */
typedef struct {
    const char *ptr;
    size_t len;
} spin_str;

#define SPIN_STR_ARG(s) (int)(s).len, (s).ptr

/* One header (or param): identical to the ABI's tuple<string,string>
 * (16 bytes, align 4: name ptr @0, name len @4, value ptr @8, value len @12),
 * so the host's array is used in place, without copying. */
typedef struct {
    spin_str name;
    spin_str value;
} spin_header;

_Static_assert(sizeof(spin_header) == 16, "tuple<string,string> is 16 bytes");
_Static_assert(offsetof(spin_header, value) == 8, "value at offset 8");

/* The incoming request. All pointers are valid only during the handler. */
typedef struct {
    spin_method method;
    spin_str uri;                 /* path + query, e.g. "/hello?x=1" */
    const spin_header *headers;   /* in the order the host sent them */
    size_t header_count;
    const spin_header *params;    /* Spin always sends an empty list */
    size_t param_count;
    int has_body;                 /* option tag: Spin always sends some(body) */
    const uint8_t *body;
    size_t body_len;
} spin_request;

/* The response being built. Start state: status 200, headers none, body none.
 * Use the spin_response_* functions rather than touching the fields. */
typedef struct {
    uint16_t status;
    int has_headers;              /* 0 => option none */
    spin_header *headers;         /* malloc'ed array, capacity header_cap */
    size_t header_count;
    size_t header_cap;
    int has_body;                 /* 0 => option none */
    uint8_t *body;                /* malloc'ed, capacity body_cap */
    size_t body_len;
    size_t body_cap;
} spin_response;

/* ------------------------------------------------------------------------ */
/* Request helpers                                                          */
/* ------------------------------------------------------------------------ */

static inline const char *spin_method_name(spin_method m) {
    static const char *const names[] = {"GET", "POST", "PUT", "DELETE",
                                        "PATCH", "HEAD", "OPTIONS"};
    return (unsigned)m < 7 ? names[m] : "?";
}

static inline spin_str spin_str_from(const char *s) {
    spin_str r = {s, strlen(s)};
    return r;
}

static inline int spin_str_eq(spin_str s, const char *c) {
    size_t n = strlen(c);
    return s.len == n && (n == 0 || memcmp(s.ptr, c, n) == 0);
}

static inline int spin_str_starts_with(spin_str s, const char *prefix) {
    size_t n = strlen(prefix);
    return s.len >= n && (n == 0 || memcmp(s.ptr, prefix, n) == 0);
}

static inline int spin__lower(int c) {
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline int spin_str_eq_nocase(spin_str s, const char *c) {
    size_t n = strlen(c);
    if (s.len != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (spin__lower((unsigned char)s.ptr[i]) != spin__lower((unsigned char)c[i])) return 0;
    return 1;
}

/* malloc'ed NUL-terminated copy (caller frees); NULL only if out of memory. */
static inline char *spin_str_dup(spin_str s) {
    char *p = (char *)malloc(s.len + 1);
    if (p) {
        if (s.len) memcpy(p, s.ptr, s.len);
        p[s.len] = '\0';
    }
    return p;
}

/* Case-insensitive lookup of the first header called `name`.
 * Returns 1 and fills *value (if non-NULL) when present, 0 when missing.
 * (A present header can have an empty value: check the return code.) */
static inline int spin_request_header(const spin_request *req, const char *name,
                                      spin_str *value) {
    for (size_t i = 0; i < req->header_count; i++) {
        if (spin_str_eq_nocase(req->headers[i].name, name)) {
            if (value) *value = req->headers[i].value;
            return 1;
        }
    }
    return 0;
}

/* Iterate: for (size_t i = 0; i < req->header_count; i++) req->headers[i]... */

/* ------------------------------------------------------------------------ */
/* Response helpers                                                         */
/* ------------------------------------------------------------------------ */

static inline void spin__oom(void) { __builtin_trap(); }

/* A zero-length list gets a dangling, aligned, non-null pointer (see top). */
#define SPIN__DANGLING(align) ((void *)(uintptr_t)(align))

static inline const char *spin__copy_str(const char *s, size_t len) {
    if (len == 0) return (const char *)SPIN__DANGLING(1);
    char *p = (char *)malloc(len);
    if (!p) spin__oom();
    memcpy(p, s, len);
    return p;
}

static inline void spin_response_set_status(spin_response *res, uint16_t status) {
    res->status = status;
}

/* Appends a header (copies name and value). Makes headers `some`. */
static inline void spin_response_add_header_n(spin_response *res,
                                              const char *name, size_t name_len,
                                              const char *value, size_t value_len) {
    if (res->header_count == res->header_cap) {
        size_t cap = res->header_cap ? res->header_cap * 2 : 4;
        spin_header *h = (spin_header *)realloc(res->headers, cap * sizeof(spin_header));
        if (!h) spin__oom();
        res->headers = h;
        res->header_cap = cap;
    }
    spin_header *h = &res->headers[res->header_count++];
    h->name.ptr = spin__copy_str(name, name_len);
    h->name.len = name_len;
    h->value.ptr = spin__copy_str(value, value_len);
    h->value.len = value_len;
    res->has_headers = 1;
}

static inline void spin_response_add_header(spin_response *res, const char *name,
                                            const char *value) {
    spin_response_add_header_n(res, name, strlen(name), value, strlen(value));
}

/* headers = some([]) rather than none (only matters if no header is added). */
static inline void spin_response_set_headers_empty(spin_response *res) {
    res->has_headers = 1;
}

/* Back to headers = none, freeing what was added. */
static inline void spin_response_clear_headers(spin_response *res) {
    for (size_t i = 0; i < res->header_count; i++) {
        if (res->headers[i].name.len) free((void *)res->headers[i].name.ptr);
        if (res->headers[i].value.len) free((void *)res->headers[i].value.ptr);
    }
    free(res->headers);
    res->headers = NULL;
    res->header_count = res->header_cap = 0;
    res->has_headers = 0;
}

/* Appends bytes to the body. Makes body `some` (even for len 0). */
static inline void spin_response_append_body(spin_response *res, const void *data,
                                             size_t len) {
    res->has_body = 1;
    if (len == 0) return;
    if (res->body_len + len > res->body_cap) {
        size_t cap = res->body_cap ? res->body_cap : 64;
        while (cap < res->body_len + len) cap *= 2;
        uint8_t *b = (uint8_t *)realloc(res->body, cap);
        if (!b) spin__oom();
        res->body = b;
        res->body_cap = cap;
    }
    memcpy(res->body + res->body_len, data, len);
    res->body_len += len;
}

/* Replaces the body with a copy of data (len 0 => some(empty)). */
static inline void spin_response_set_body(spin_response *res, const void *data,
                                          size_t len) {
    res->body_len = 0;
    spin_response_append_body(res, data, len);
}

static inline void spin_response_set_body_str(spin_response *res, const char *s) {
    spin_response_set_body(res, s, strlen(s));
}

static inline void spin_response_append_str(spin_response *res, const char *s) {
    spin_response_append_body(res, s, strlen(s));
}

/* Back to body = none. */
static inline void spin_response_clear_body(spin_response *res) {
    free(res->body);
    res->body = NULL;
    res->body_len = res->body_cap = 0;
    res->has_body = 0;
}

/* printf-style append to the body. */
__attribute__((format(printf, 2, 3)))
static inline void spin_response_printf(spin_response *res, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        spin_response_append_body(res, small, (size_t)n);
        return;
    }
    char *big = (char *)malloc((size_t)n + 1);
    if (!big) spin__oom();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    spin_response_append_body(res, big, (size_t)n);
    free(big);
}

/* ------------------------------------------------------------------------ */
/* Handler registration                                                     */
/* ------------------------------------------------------------------------ */

/* Defined by SPIN_HTTP_HANDLER; forgetting the macro is a link error. */
void spin_http_handler_impl(const spin_request *req, spin_response *res);

#define SPIN_HTTP_HANDLER(fn)                                                  \
    void spin_http_handler_impl(const spin_request *req, spin_response *res) { \
        fn(req, res);                                                          \
    }

/* ------------------------------------------------------------------------ */
/* ABI glue (exports)                                                       */
/* ------------------------------------------------------------------------ */

/* The `response` record as it sits in the return area (SPEC 1.3): 28 bytes,
 * align 4. Explicit padding so the offsets match the canonical layout. */
typedef struct {
    uint16_t status;          /* @0  */
    uint16_t pad0;            /* @2  */
    uint8_t headers_tag;      /* @4  option tag */
    uint8_t pad1[3];
    spin_header *headers;     /* @8  */
    uint32_t header_count;    /* @12 */
    uint8_t body_tag;         /* @16 option tag */
    uint8_t pad2[3];
    uint8_t *body;            /* @20 */
    uint32_t body_len;        /* @24 */
} spin__ret_t;

_Static_assert(sizeof(spin__ret_t) == 28, "response record is 28 bytes");
_Static_assert(_Alignof(spin__ret_t) == 4, "response record is 4-aligned");
_Static_assert(offsetof(spin__ret_t, headers_tag) == 4, "headers tag @4");
_Static_assert(offsetof(spin__ret_t, headers) == 8, "headers ptr @8");
_Static_assert(offsetof(spin__ret_t, header_count) == 12, "headers len @12");
_Static_assert(offsetof(spin__ret_t, body_tag) == 16, "body tag @16");
_Static_assert(offsetof(spin__ret_t, body) == 20, "body ptr @20");
_Static_assert(offsetof(spin__ret_t, body_len) == 24, "body len @24");

/* Static: the handler returns a pointer to it; the host reads it after the
 * call returns, so it must outlive the call (and is never freed). */
static spin__ret_t spin__ret_area;

/* realloc(old_ptr, old_size, align, new_size) of the canonical ABI. */
static inline void *spin__abi_realloc(void *old, size_t old_size, size_t align,
                                      size_t new_size) {
    if (align == 0) align = 1;
    if (new_size == 0) {
        /* The host still calls this for every empty string/list (e.g. the
         * params list, an empty header value) and uses the result as the
         * list pointer: it must be non-null and aligned, so hand back the
         * alignment itself. Such pointers are never freed (size 0). */
        if (old_size != 0) free(old);
        return SPIN__DANGLING(align);
    }
    void *p;
    if (align > _Alignof(max_align_t)) {
        /* malloc only guarantees max_align_t; over-aligned requests get a
         * fresh aligned block (size rounded up for aligned_alloc). */
        p = aligned_alloc(align, (new_size + align - 1) & ~(align - 1));
        if (p && old_size != 0) {
            memcpy(p, old, old_size < new_size ? old_size : new_size);
            free(old);
        }
    } else if (old_size == 0) {
        p = malloc(new_size); /* old may be a dangling pointer: ignore it */
    } else {
        p = realloc(old, new_size);
    }
    if (!p) spin__oom(); /* trap rather than hand the host a null pointer */
    return p;
}

/* Frees a list of byte size `size` unless it is a dangling empty list. */
static inline void spin__free_list(const void *p, size_t size) {
    if (size != 0) free((void *)p);
}

static inline void spin__free_pairs(const spin_header *h, size_t n) {
    for (size_t i = 0; i < n; i++) {
        spin__free_list(h[i].name.ptr, h[i].name.len);
        spin__free_list(h[i].value.ptr, h[i].value.len);
    }
    spin__free_list(h, n * sizeof(spin_header));
}

/* Shared body of both handler exports. The ten i32 parameters are the
 * flattened `request` record (SPEC 1.2). */
static inline spin__ret_t *spin__handle(int32_t method, const char *uri_ptr,
                                        size_t uri_len, spin_header *hdr_ptr,
                                        size_t hdr_len, spin_header *prm_ptr,
                                        size_t prm_len, int32_t body_tag,
                                        uint8_t *body_ptr, size_t body_len) {
    spin_request req;
    req.method = (spin_method)method;
    req.uri.ptr = uri_ptr;
    req.uri.len = uri_len;
    req.headers = hdr_ptr;
    req.header_count = hdr_len;
    req.params = prm_ptr;
    req.param_count = prm_len;
    req.has_body = body_tag != 0;
    req.body = req.has_body ? body_ptr : NULL;
    req.body_len = req.has_body ? body_len : 0;

    spin_response res;
    memset(&res, 0, sizeof res);
    res.status = 200;

    spin_http_handler_impl(&req, &res);

    /* The arguments belong to the guest (ownership moved with the call).
     * The response holds only its own copies, so free them now. */
    spin__free_list(uri_ptr, uri_len);
    spin__free_pairs(hdr_ptr, hdr_len);
    spin__free_pairs(prm_ptr, prm_len);
    if (req.has_body) spin__free_list(body_ptr, body_len);

    spin__ret_t *ret = &spin__ret_area;
    memset(ret, 0, sizeof *ret);
    ret->status = res.status;
    if (res.has_headers) {
        ret->headers_tag = 1;
        ret->headers = res.header_count ? res.headers
                                        : (spin_header *)SPIN__DANGLING(4);
        ret->header_count = (uint32_t)res.header_count;
    } else {
        /* headers = none: nothing to hand over (array was never created). */
        ret->headers_tag = 0;
    }
    if (res.has_body) {
        ret->body_tag = 1;
        ret->body = res.body_len ? res.body : (uint8_t *)SPIN__DANGLING(1);
        ret->body_len = (uint32_t)res.body_len;
        /* A body buffer that stayed empty may still have capacity. */
        if (res.body_len == 0) free(res.body);
    } else {
        free(res.body);
    }
    /* From here on the lists belong to whoever frees them per the flavour:
     * A: the host via canonical_abi_free; B: cabi_post_... below. Their
     * extra capacity is irrelevant: malloc's free() ignores the size. */
    return ret;
}

#ifndef SPIN_ABI_CANONICAL
/* ---------------- Flavour A: legacy wit-bindgen 0.2 names ---------------- */

__attribute__((export_name("canonical_abi_realloc")))
void *canonical_abi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    return spin__abi_realloc(old, old_size, align, new_size);
}

/* The host calls this for every list of the response once it has copied it:
 * each header name and value (size=len, align 1), the header array
 * (size=count*16, align 4) and the body (size=len, align 1). */
__attribute__((export_name("canonical_abi_free")))
void canonical_abi_free(void *ptr, size_t size, size_t align) {
    (void)align;
    spin__free_list(ptr, size);
}

__attribute__((export_name("handle-http-request")))
spin__ret_t *spin_export_handle_http_request(int32_t method, const char *uri_ptr,
                                             size_t uri_len, spin_header *hdr_ptr,
                                             size_t hdr_len, spin_header *prm_ptr,
                                             size_t prm_len, int32_t body_tag,
                                             uint8_t *body_ptr, size_t body_len) {
    return spin__handle(method, uri_ptr, uri_len, hdr_ptr, hdr_len, prm_ptr,
                        prm_len, body_tag, body_ptr, body_len);
}

#else
/* ------------- Flavour B: component-model / wit-bindgen 0.8 names ------------- */

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    return spin__abi_realloc(old, old_size, align, new_size);
}

__attribute__((export_name("fermyon:spin/inbound-http#handle-request")))
spin__ret_t *spin_export_inbound_http_handle_request(
    int32_t method, const char *uri_ptr, size_t uri_len, spin_header *hdr_ptr,
    size_t hdr_len, spin_header *prm_ptr, size_t prm_len, int32_t body_tag,
    uint8_t *body_ptr, size_t body_len) {
    return spin__handle(method, uri_ptr, uri_len, hdr_ptr, hdr_len, prm_ptr,
                        prm_len, body_tag, body_ptr, body_len);
}

/* Post-return: called once by the host after it copied the response out of
 * `ret`. Like wit-bindgen 0.8, free everything the record points to, reading
 * the pointers back from the return area itself. */
__attribute__((export_name("cabi_post_fermyon:spin/inbound-http#handle-request")))
void spin_export_post_inbound_http_handle_request(spin__ret_t *ret) {
    if (ret->headers_tag) spin__free_pairs(ret->headers, ret->header_count);
    if (ret->body_tag) spin__free_list(ret->body, ret->body_len);
}
#endif /* SPIN_ABI_CANONICAL */

#endif /* SPIN_HTTP_H */
