/* multi-c / echo: the catch-all route /... echoes what the guest received. */
#include "spin_http.h"

static void handle(const spin_request *req, spin_response *res) {
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_printf(res, "%s %.*s\n", spin_method_name(req->method),
                         SPIN_STR_ARG(req->uri));
    for (size_t i = 0; i < req->header_count; i++)
        spin_response_printf(res, "%.*s: %.*s\n", SPIN_STR_ARG(req->headers[i].name),
                             SPIN_STR_ARG(req->headers[i].value));
    spin_response_printf(res, "\n");
    spin_response_append_body(res, req->body, req->body_len);
}

SPIN_HTTP_HANDLER(handle)
