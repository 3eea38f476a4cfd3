/*
 * counter: increments a counter in the `default` key-value store on every
 * request, greets with a config value, and asks the app's other component
 * (`hello`, at /hello) for a word over outbound HTTP to `self`.
 */
#include "spin_http.h"
#include "spin_host.h"

#include <stdlib.h>

/* A list the host never reads (length 0) still needs a non-null, aligned pointer. */
#define EMPTY_LIST ((void *)8)

static void fail(spin_response *res, const char *what) {
    spin_response_set_status(res, 500);
    spin_response_set_body_str(res, what);
}

static void handle(const spin_request *req, spin_response *res) {
    (void)req;
    spin_config_result greeting;
    spin_config_get("greeting", &greeting);
    if (greeting.is_err) return fail(res, "no greeting configured\n");

    spin_kv_result kv;
    spin_kv_open("default", &kv);
    if (kv.is_err) return fail(res, "cannot open the default store\n");
    spin_kv_store store = kv.val.store;

    long count = 0;
    spin_kv_get(store, "count", &kv);
    if (!kv.is_err) {
        char digits[32] = {0};
        memcpy(digits, kv.val.value.ptr, kv.val.value.len < 31 ? kv.val.value.len : 31);
        count = strtol(digits, NULL, 10);
    } else if (kv.val.err.tag != SPIN_KV_ERROR_NO_SUCH_KEY) {
        return fail(res, "cannot read the counter\n");
    }
    count++;
    char value[32];
    int len = snprintf(value, sizeof value, "%ld", count);
    spin_kv_set(store, "count", value, (size_t)len, &kv);
    if (kv.is_err) return fail(res, "cannot store the counter\n");
    spin_kv_close(store);

    /* A relative URL goes to this app itself; spin.toml allows it with "self". */
    spin_http_result hello;
    spin_http_send_raw(SPIN_METHOD_GET, "/hello", 6, EMPTY_LIST, 0, EMPTY_LIST, 0, 0, EMPTY_LIST, 0, &hello);
    if (hello.is_err || !hello.val.ok.body.is_some) return fail(res, "the hello component did not answer\n");

    spin_response_add_header(res, "content-type", "text/plain");
    spin_response_printf(res, "%.*s! You are visitor number %ld. The other component says: %.*s\n",
                         (int)greeting.val.ok.len, greeting.val.ok.ptr, count,
                         (int)hello.val.ok.body.len, (char *)hello.val.ok.body.ptr);
}

SPIN_HTTP_HANDLER(handle)
