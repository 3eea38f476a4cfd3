/*
 * abi-probe: a Spin 1.x HTTP test guest for the spinj runtime tests.
 *
 * Built twice from this file (see spin.toml):
 *   abi_probe_a.wasm  flavour A (legacy names, host frees the response lists)
 *   abi_probe_b.wasm  flavour B (-DSPIN_ABI_CANONICAL, cabi_post frees them)
 *
 * The behaviour is chosen by the `spin-path-info` request header:
 *   /echo          200, text: method=, uri=, params=, body-len=, then every
 *                  request header "<name>: <value>" in the order received
 *   /body          200, body = request body, content-type application/octet-stream
 *   /status/<n>    status n, empty body
 *   /trap          traps
 *   /none          200 with headers = none and body = none
 *   /empty-header  200, "x-empty: " (empty value) and
 *                  "x-request-empty: <request x-empty value | MISSING>"
 *   /env           the WASI environment, one K=V per line
 *   /initialized   "yes" (the handler traps on EVERY path when the C
 *                  constructors did not run, i.e. the host skipped _initialize)
 *   /stdio         writes to stdout and stderr, answers "logged"
 *   /loop          spins forever
 *   /grow          mallocs and touches 1 MiB chunks until memory runs out
 *                  (then traps)
 *   /flavour       "a" or "b" (which build answered)
 *   /read-file     the content of /mounted.txt (a `files` mount)
 *   /write-file    tries to create /written.txt: "written" or "denied: <strerror>"
 *   anything else  404 "no such probe"
 *
 * A component whose environment sets PROBE_FIXED=<probe> always runs that
 * probe, whatever the path (tests that need a particular route shape).
 */
#include "spin_http.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

extern char **environ;

/* Set by a constructor. clang's reactor model runs constructors from the
 * exported `_initialize`; nothing else runs them, so this proves the host
 * called `_initialize` before the handler. */
static volatile int constructor_ran;

__attribute__((constructor)) static void mark_constructor_ran(void) {
    constructor_ran = 1;
}

/* Keeps /grow allocations reachable so the compiler cannot drop them. */
static void *volatile grow_sink;

static void probe_echo(const spin_request *req, spin_response *res) {
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_printf(res, "method=%d\n", (int)req->method);
    spin_response_printf(res, "uri=%.*s\n", SPIN_STR_ARG(req->uri));
    spin_response_printf(res, "params=%zu\n", req->param_count);
    spin_response_printf(res, "body-len=%zu\n", req->body_len);
    for (size_t i = 0; i < req->header_count; i++) {
        const spin_header *h = &req->headers[i];
        spin_response_printf(res, "%.*s: %.*s\n", SPIN_STR_ARG(h->name),
                             SPIN_STR_ARG(h->value));
    }
}

static void probe_status(spin_str digits, spin_response *res) {
    unsigned long n = 0;
    for (size_t i = 0; i < digits.len; i++) {
        char c = digits.ptr[i];
        if (c < '0' || c > '9' || n > 65535) {
            spin_response_set_status(res, 400);
            spin_response_set_body_str(res, "bad status\n");
            return;
        }
        n = n * 10 + (unsigned long)(c - '0');
    }
    if (digits.len == 0 || n > 65535) {
        spin_response_set_status(res, 400);
        spin_response_set_body_str(res, "bad status\n");
        return;
    }
    spin_response_set_status(res, (uint16_t)n);
    spin_response_set_body(res, "", 0); /* some(empty) */
}

static void probe_read_file(spin_response *res) {
    FILE *f = fopen("/mounted.txt", "r");
    if (!f) {
        spin_response_set_status(res, 404);
        spin_response_printf(res, "missing: %s", strerror(errno));
        return;
    }
    char buf[256];
    size_t n;
    spin_response_set_body(res, "", 0);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) spin_response_append_body(res, buf, n);
    fclose(f);
}

static void probe_write_file(spin_response *res) {
    FILE *f = fopen("/written.txt", "w");
    if (!f) {
        spin_response_printf(res, "denied: %s", strerror(errno));
        return;
    }
    fputs("guest data\n", f);
    fclose(f);
    spin_response_set_body_str(res, "written");
}

static void probe_grow(void) {
    const size_t chunk = 1u << 20;
    for (;;) {
        volatile char *p = (volatile char *)malloc(chunk);
        if (!p) __builtin_trap(); /* memory.grow refused: out of memory */
        for (size_t off = 0; off < chunk; off += 4096) p[off] = 1;
        grow_sink = (void *)p;
    }
}

static void handle(const spin_request *req, spin_response *res) {
    if (!constructor_ran) __builtin_trap();

    spin_str path = {"", 0};
    const char *fixed = getenv("PROBE_FIXED");
    if (fixed) {
        path = spin_str_from(fixed);
    } else {
        spin_request_header(req, "spin-path-info", &path);
    }

    if (spin_str_eq(path, "/echo")) {
        probe_echo(req, res);
    } else if (spin_str_eq(path, "/body")) {
        spin_response_add_header(res, "content-type", "application/octet-stream");
        spin_response_set_body(res, req->body, req->body_len);
    } else if (spin_str_starts_with(path, "/status/")) {
        spin_str digits = {path.ptr + 8, path.len - 8};
        probe_status(digits, res);
    } else if (spin_str_eq(path, "/trap")) {
        __builtin_trap();
    } else if (spin_str_eq(path, "/none")) {
        /* Leave the default: status 200, headers none, body none. */
    } else if (spin_str_eq(path, "/empty-header")) {
        spin_str v;
        spin_response_add_header(res, "x-empty", "");
        if (spin_request_header(req, "x-empty", &v))
            spin_response_add_header_n(res, "x-request-empty", 15, v.ptr, v.len);
        else
            spin_response_add_header(res, "x-request-empty", "MISSING");
        spin_response_set_body(res, "", 0);
    } else if (spin_str_eq(path, "/read-file")) {
        probe_read_file(res);
    } else if (spin_str_eq(path, "/write-file")) {
        probe_write_file(res);
    } else if (spin_str_eq(path, "/env")) {
        spin_response_add_header(res, "content-type", "text/plain");
        spin_response_set_body(res, "", 0);
        for (char **e = environ; e && *e; e++) spin_response_printf(res, "%s\n", *e);
    } else if (spin_str_eq(path, "/initialized")) {
        spin_response_add_header(res, "content-type", "text/plain");
        spin_response_set_body_str(res, constructor_ran ? "yes" : "no");
    } else if (spin_str_eq(path, "/stdio")) {
        fputs("to-stdout\n", stdout);
        fflush(stdout); /* the instance never exits, so flush explicitly */
        fputs("to-stderr\n", stderr);
        fflush(stderr);
        spin_response_add_header(res, "content-type", "text/plain");
        spin_response_set_body_str(res, "logged");
    } else if (spin_str_eq(path, "/loop")) {
        volatile unsigned long spin = 0;
        for (;;) spin++;
    } else if (spin_str_eq(path, "/grow")) {
        probe_grow();
    } else if (spin_str_eq(path, "/flavour")) {
#ifdef SPIN_ABI_CANONICAL
        spin_response_set_body_str(res, "b");
#else
        spin_response_set_body_str(res, "a");
#endif
    } else {
        spin_response_set_status(res, 404);
        spin_response_add_header(res, "content-type", "text/plain");
        spin_response_set_body_str(res, "no such probe");
    }
}

SPIN_HTTP_HANDLER(handle)
