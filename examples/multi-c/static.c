/*
 * multi-c / static: serves files from the component's `files` mount.
 *
 * The route is /static/..., so `spin-path-info` holds the rest of the path
 * (e.g. "/hello.txt" for GET /app/static/hello.txt). The manifest mounts
 * ./assets at guest "/", which WASI exposes as a preopened directory; plain
 * stdio fopen() works because wasi-libc resolves absolute paths against the
 * preopens (set up by `_initialize`).
 */
#include "spin_http.h"

#include <stdio.h>

static const char *content_type(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (strcmp(dot, ".html") == 0) return "text/html; charset=utf-8";
    if (strcmp(dot, ".txt") == 0) return "text/plain; charset=utf-8";
    if (strcmp(dot, ".css") == 0) return "text/css";
    if (strcmp(dot, ".json") == 0) return "application/json";
    return "application/octet-stream";
}

static void not_found(spin_response *res) {
    spin_response_set_status(res, 404);
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_set_body_str(res, "Not Found");
}

static void handle(const spin_request *req, spin_response *res) {
    spin_str info = {"", 0};
    spin_request_header(req, "spin-path-info", &info);

    /* "" and "/" (the route root) serve the index page. */
    char *path = (info.len == 0 || spin_str_eq(info, "/"))
                     ? spin_str_dup(spin_str_from("/index.html"))
                     : spin_str_dup(info);
    /* The host sandboxes the mount anyway; refusing ".." keeps it obvious. */
    if (!path || path[0] != '/' || strstr(path, "..")) {
        free(path);
        not_found(res);
        return;
    }

    FILE *f = fopen(path, "rb");
    if (!f) {
        free(path);
        not_found(res);
        return;
    }
    spin_response_add_header(res, "content-type", content_type(path));
    spin_response_set_body(res, "", 0);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) spin_response_append_body(res, buf, n);
    if (ferror(f)) {
        /* e.g. the path names a directory: treat it as missing */
        fclose(f);
        free(path);
        spin_response_clear_headers(res);
        spin_response_clear_body(res);
        not_found(res);
        return;
    }
    fclose(f);
    free(path);
}

SPIN_HTTP_HANDLER(handle)
