/*
 * wagi-probe: a WAGI (WASI command) test guest for the spinj runtime tests.
 *
 * The mode comes from QUERY_STRING `mode=<x>` (first occurrence; default when
 * missing). Output goes to stdout, which WAGI parses as a CGI response:
 *   (default)  content-type: text/plain, then argc=, argv[i]=, every env K=V
 *   stdin      content-type: application/octet-stream, then stdin verbatim
 *   status     status: 404 Not Found            (no body)
 *   location   location: /index.html            (=> 302)
 *   both       status: 201 + content-type:text/plain, body "created"
 *   crlf       CRLF header lines, body "hello crlf\n"
 *   none       only x-foo: bar, body "body"     (=> 500, no required header)
 *   empty      prints nothing                   (=> 500)
 *   badstatus  status: abc                      (=> 502)
 *   exit1      a valid response, then exit(1)   (=> 500)
 *   exit0      a valid response, then exit(0)   (proc_exit(0) is success)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

/* Copies the value of `mode` from a query string like "a=1&mode=x&b=2". */
static void query_mode(const char *qs, char *out, size_t out_size) {
    out[0] = '\0';
    if (!qs) return;
    const char *p = qs;
    while (*p) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= 5 && strncmp(p, "mode=", 5) == 0) {
            size_t n = len - 5;
            if (n >= out_size) n = out_size - 1;
            memcpy(out, p + 5, n);
            out[n] = '\0';
            return;
        }
        if (!end) break;
        p = end + 1;
    }
}

static void print_default(int argc, char **argv) {
    fputs("content-type: text/plain\n\n", stdout);
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = environ; e && *e; e++) printf("%s\n", *e);
}

static void copy_stdin(void) {
    fputs("content-type: application/octet-stream\n\n", stdout);
    char buf[16384];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
}

int main(int argc, char **argv) {
    char mode[64];
    query_mode(getenv("QUERY_STRING"), mode, sizeof mode);

    if (strcmp(mode, "stdin") == 0) {
        copy_stdin();
    } else if (strcmp(mode, "status") == 0) {
        fputs("status: 404 Not Found\n\n", stdout);
    } else if (strcmp(mode, "location") == 0) {
        fputs("location: /index.html\n\n", stdout);
    } else if (strcmp(mode, "both") == 0) {
        fputs("status: 201\ncontent-type:text/plain\n\ncreated", stdout);
    } else if (strcmp(mode, "crlf") == 0) {
        fputs("Content-Type: text/plain\r\nX-Extra: yes\r\n\r\nhello crlf\n", stdout);
    } else if (strcmp(mode, "none") == 0) {
        fputs("x-foo: bar\n\nbody", stdout);
    } else if (strcmp(mode, "empty") == 0) {
        /* print nothing at all */
    } else if (strcmp(mode, "badstatus") == 0) {
        fputs("status: abc\n\n", stdout);
    } else if (strcmp(mode, "exit1") == 0) {
        fputs("content-type: text/plain\n\nexiting with 1\n", stdout);
        exit(1); /* exit() flushes stdio, then proc_exit(1) */
    } else if (strcmp(mode, "exit0") == 0) {
        fputs("content-type: text/plain\n\nexiting with 0\n", stdout);
        exit(0); /* explicit proc_exit(0), unlike returning from main */
    } else {
        print_default(argc, argv);
    }
    return 0; /* returning 0 from main does NOT call proc_exit */
}
