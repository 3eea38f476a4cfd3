// A C guest using files through wasi-libc (preview1), turned into a component with jco's
// preview1 reactor adapter, so its file calls reach wasi:filesystem/types and preopens 0.2.x the
// way every adapted Spin guest's do. One export, run(op, a, b) -> string, does one file
// operation and answers its outcome, or "error: " + strerror(errno).
// Build (from this directory, with spin-component-model/tools set up by `npm ci`):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o /tmp/fs-guest.module.wasm fs-guest.c
//   node ../../../../../spin-component-model/tools/embed-new.mjs /tmp/fs-guest.module.wasm fs-guest.wit /tmp/fs-guest
//   cp /tmp/fs-guest.wasm .
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
static char out[65536];

static char *take(char *ptr, size_t len) {
    char *s = malloc(len + 1);
    if (!s) abort();
    memcpy(s, ptr, len);
    s[len] = 0;
    if (len) free(ptr);
    return s;
}

static void failed(void) {
    snprintf(out, sizeof out, "error: %s", strerror(errno));
}

static int by_name(const void *x, const void *y) {
    return strcmp(*(char *const *) x, *(char *const *) y);
}

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { failed(); return; }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        strncat(out, names[i], sizeof out - strlen(out) - 2);
        if (i + 1 < n) strcat(out, ",");
        free(names[i]);
    }
}

static void read_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { failed(); return; }
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = 0;
    fclose(f);
}

static void write_file(const char *path, const char *mode, const char *contents) {
    FILE *f = fopen(path, mode);
    if (!f) { failed(); return; }
    size_t len = strlen(contents);
    if (fwrite(contents, 1, len, f) != len || fclose(f) != 0) { failed(); return; }
    strcpy(out, "ok");
}

static void describe(const char *path, int follow) {
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) { failed(); return; }
    const char *type = S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : S_ISLNK(st.st_mode) ? "link" : "other";
    snprintf(out, sizeof out, "%s %lld", type, (long long) st.st_size);
}

static void same(const char *a, const char *b) {
    struct stat x, y;
    if (stat(a, &x) != 0 || stat(b, &y) != 0) { failed(); return; }
    strcpy(out, x.st_ino == y.st_ino && x.st_dev == y.st_dev ? "same" : "different");
}

static void done(int result) {
    if (result != 0) failed(); else strcpy(out, "ok");
}

__attribute__((export_name("run")))
uint8_t *run(char *op_ptr, size_t op_len, char *a_ptr, size_t a_len, char *b_ptr, size_t b_len) {
    char *op = take(op_ptr, op_len), *a = take(a_ptr, a_len), *b = take(b_ptr, b_len);
    errno = 0;
    if (!strcmp(op, "read")) read_file(a);
    else if (!strcmp(op, "write")) write_file(a, "w", b);
    else if (!strcmp(op, "append")) write_file(a, "a", b);
    else if (!strcmp(op, "create-new")) write_file(a, "wx", b);
    else if (!strcmp(op, "list")) list(a);
    else if (!strcmp(op, "stat")) describe(a, 1);
    else if (!strcmp(op, "lstat")) describe(a, 0);
    else if (!strcmp(op, "same")) same(a, b);
    else if (!strcmp(op, "mkdir")) done(mkdir(a, 0755));
    else if (!strcmp(op, "rmdir")) done(rmdir(a));
    else if (!strcmp(op, "unlink")) done(unlink(a));
    else if (!strcmp(op, "rename")) done(rename(a, b));
    else if (!strcmp(op, "symlink")) done(symlink(a, b));
    else if (!strcmp(op, "readlink")) {
        ssize_t n = readlink(a, out, sizeof out - 1);
        if (n < 0) failed(); else out[n] = 0;
    } else snprintf(out, sizeof out, "unknown op %s", op);
    free(op); free(a); free(b);
    str_t *ret = (str_t *) RET_AREA;
    ret->len = strlen(out);
    ret->ptr = cabi_realloc(NULL, 0, 1, ret->len);
    memcpy(ret->ptr, out, ret->len);
    return RET_AREA;
}

__attribute__((export_name("cabi_post_run")))
void run_post(uint8_t *ret) {
    str_t *s = (str_t *) ret;
    if (s->len) free(s->ptr);
}
