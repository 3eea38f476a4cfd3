/*
 * wagi-c: a WAGI component is an ordinary WASI command. The request arrives
 * as CGI: environment variables (PATH_INFO, QUERY_STRING, HTTP_*...), argv
 * (the request path, then the query split at '&') and the body on stdin.
 * The response is written to stdout: header lines, a blank line, the body.
 */
#include <stdio.h>
#include <stdlib.h>

static const char *env_or_empty(const char *name) {
    const char *v = getenv(name);
    return v ? v : "";
}

int main(int argc, char **argv) {
    printf("content-type: text/plain\n\n");
    printf("Hello from WAGI\n");
    printf("PATH_INFO=%s\n", env_or_empty("PATH_INFO"));
    printf("QUERY_STRING=%s\n", env_or_empty("QUERY_STRING"));
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}
