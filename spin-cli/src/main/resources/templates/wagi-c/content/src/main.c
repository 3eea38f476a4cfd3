/*
 * {{project-name}}: a WAGI component is an ordinary WASI command. The request
 * arrives as CGI (environment variables, argv, body on stdin); the response is
 * written to stdout: header lines, a blank line, then the body.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *path = getenv("PATH_INFO");
    printf("content-type: text/plain\n\n");
    printf("Hello from WAGI\n");
    printf("PATH_INFO=%s\n", path ? path : "");
    return 0;
}
