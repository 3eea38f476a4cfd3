/* hello: the component the counter calls over outbound HTTP. */
#include "spin_http.h"

static void handle(const spin_request *req, spin_response *res) {
    (void)req;
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_set_body_str(res, "hello!");
}

SPIN_HTTP_HANDLER(handle)
