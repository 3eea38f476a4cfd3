/* {{project-name}}: a Spin HTTP component in C, written against spin_http.h (beside this file). */
#include "spin_http.h"

static void handle(const spin_request *req, spin_response *res) {
    (void)req;
    spin_response_set_status(res, 200);
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_set_body_str(res, "Hello, Fermyon!\n");
}

SPIN_HTTP_HANDLER(handle)
