/* multi-c / hello: the exact route /hello (under the app base /app). */
#include "spin_http.h"

static void handle(const spin_request *req, spin_response *res) {
    (void)req;
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_set_body_str(res, "Hello from multi-c!\n");
}

SPIN_HTTP_HANDLER(handle)
