/*
 * wasi-probe: a WAGI (WASI command) guest that tries what a hostile guest would, for the spinj
 * sandbox tests. Parameters come from QUERY_STRING `mode=<m>&path=<p>`; each mode answers a CGI
 * response on stdout:
 *   read      200 "read: <contents of path>"       or "denied: <strerror>"
 *   create    200 "created"  (writes path)          or "denied: <strerror>"
 *   list      200 one line per entry of directory path, or "denied: <strerror>"
 *   bigread   fd_read of 2 GiB into a 4 KiB buffer from file path   -> "errno <n>" (500) or "read <n>"
 *   bigstdin  the same on stdin (fd 0)
 *   bigpread  fd_pread of 2 GiB from file path
 *   bigwrite  fd_write of 2 GiB from a 4 KiB buffer to stdout
 *   bigrandom random_get of 2 GiB into a 4 KiB buffer
 *   bigpoll   poll_oneoff of 2^31-1 subscriptions from a 4 KiB buffer
 *   flood     writes to stdout forever, ignoring errors
 * Build: clang --target=wasm32-wasi -O2 -Wl,--strip-all -o wasi_probe.wasm wasi_probe.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

#define HUGE_LEN 0x7ffffff0u

static char buffer[4096];

/* Copies the value of `name` from a query string like "a=1&name=x&b=2". */
static void param(const char *qs, const char *name, char *out, size_t out_size) {
    size_t name_len = strlen(name);
    out[0] = '\0';
    for (const char *p = qs ? qs : ""; *p;) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > name_len && strncmp(p, name, name_len) == 0 && p[name_len] == '=') {
            size_t n = len - name_len - 1;
            if (n >= out_size) n = out_size - 1;
            memcpy(out, p + name_len + 1, n);
            out[n] = '\0';
            return;
        }
        if (!end) break;
        p = end + 1;
    }
}

static int denied(void) {
    printf("content-type: text/plain\n\ndenied: %s", strerror(errno));
    return 0;
}

static int report(__wasi_errno_t err, __wasi_size_t n) {
    if (err != 0) {
        printf("status: 500\ncontent-type: text/plain\n\nerrno %d", err);
    } else {
        printf("content-type: text/plain\n\nread %lu", (unsigned long)n);
    }
    return 0;
}

static int read_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return denied();
    fputs("content-type: text/plain\n\nread: ", stdout);
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, f)) > 0) fwrite(buffer, 1, n, stdout);
    fclose(f);
    return 0;
}

static int create_file(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return denied();
    fputs("escaped\n", f);
    if (fclose(f) != 0) return denied();
    fputs("content-type: text/plain\n\ncreated", stdout);
    return 0;
}

static int list_dir(const char *path) {
    DIR *d = opendir(path);
    if (!d) return denied();
    fputs("content-type: text/plain\n\n", stdout);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) printf("%s\n", e->d_name);
    closedir(d);
    return 0;
}

static int huge_read(int fd, int positional) {
    if (fd < 0) return denied();
    __wasi_iovec_t iov = {(uint8_t *)buffer, HUGE_LEN};
    __wasi_size_t n = 0;
    __wasi_errno_t err = positional ? __wasi_fd_pread(fd, &iov, 1, 0, &n) : __wasi_fd_read(fd, &iov, 1, &n);
    return report(err, n);
}

static int huge_write(void) {
    __wasi_ciovec_t iov = {(const uint8_t *)buffer, HUGE_LEN};
    __wasi_size_t n = 0;
    __wasi_errno_t err = __wasi_fd_write(1, &iov, 1, &n);
    return report(err, n);
}

static int flood(void) {
    memset(buffer, 'x', sizeof buffer);
    fputs("content-type: text/plain\n\n", stdout);
    for (;;) fwrite(buffer, 1, sizeof buffer, stdout);
}

int main(void) {
    const char *qs = getenv("QUERY_STRING");
    char mode[32], path[512];
    param(qs, "mode", mode, sizeof mode);
    param(qs, "path", path, sizeof path);

    if (strcmp(mode, "read") == 0) return read_file(path);
    if (strcmp(mode, "create") == 0) return create_file(path);
    if (strcmp(mode, "list") == 0) return list_dir(path);
    if (strcmp(mode, "bigread") == 0) return huge_read(open(path, O_RDONLY), 0);
    if (strcmp(mode, "bigpread") == 0) return huge_read(open(path, O_RDONLY), 1);
    if (strcmp(mode, "bigstdin") == 0) return huge_read(0, 0);
    if (strcmp(mode, "bigwrite") == 0) return huge_write();
    if (strcmp(mode, "bigrandom") == 0) return report(__wasi_random_get((uint8_t *)buffer, HUGE_LEN), 0);
    if (strcmp(mode, "bigpoll") == 0) {
        __wasi_size_t events = 0;
        return report(__wasi_poll_oneoff((const __wasi_subscription_t *)buffer, (__wasi_event_t *)buffer,
                                         0x7fffffff, &events), 0);
    }
    if (strcmp(mode, "flood") == 0) return flood();
    printf("status: 400\ncontent-type: text/plain\n\nunknown mode '%s'", mode);
    return 0;
}
