/*
 * dual-probe: one module that both HTTP executors can run, for the tests of
 * how the trigger picks executors and survives what it cannot send.
 *
 *   Spin executor  (handle-http-request, flavour A): 200 "spin executor";
 *                  on the route /bad-header, also a header whose value starts
 *                  with a space (HTTP forbids it; the response cannot be sent)
 *   WAGI executor  (export wagi_main, a CGI response on stdout): 200 "wagi executor"
 *
 * Build (see spin.toml): a WASI reactor, so the Spin executor's _initialize
 * runs the C constructors; wagi_main needs none of them.
 */
#include "spin_http.h"

static void handle(const spin_request *req, spin_response *res) {
    spin_str route;
    if (spin_request_header(req, "spin-component-route", &route) && spin_str_eq(route, "/bad-header")) {
        spin_response_add_header(res, "x-bad", " leading space");
    }
    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_set_body_str(res, "spin executor");
}

SPIN_HTTP_HANDLER(handle)

__attribute__((export_name("wagi_main"))) void wagi_main(void) {
    fputs("content-type: text/plain\n\nwagi executor", stdout);
    fflush(stdout);
}
