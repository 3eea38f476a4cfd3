/*
 * Test guest for the spinj Redis trigger and outbound Redis, built in both ABI
 * flavours from this one source (see spin.toml). The payload picks the probe:
 *
 *   "trap"             traps (unreachable)
 *   "loop"             spins forever (for the message deadline)
 *   "fail"             returns err(error)
 *   "go-ok"            the default effect, then returns err(success) like the Go SDK
 *   "outbound"         calls every outbound function on $REDIS_ADDRESS under
 *                      $KEY_PREFIX and prints one line per result to stdout
 *   "denied <address>" calls set and get on <address>, prints the return codes
 *   "hold"             SET <prefix>holding = 1, then polls GET <prefix>gate until it
 *                      is not empty (keeps the channel busy until the test opens it)
 *   "hang-execute <address>", "hang-get <address>"
 *                      execute GET / get on <address> (a server that never answers),
 *                      prints the result
 *   "echo <text>"      prints the payload, touches no key
 *   "dirty-session"    execute SELECT 5 and MULTI, then returns with the transaction open
 *   "clean-session"    execute SET <prefix>session = clean, GET it back and INCR
 *                      <prefix>session-n; prints the results
 *   anything else      the default effect: INCR <prefix>count, SET <prefix>last = payload
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spin_redis.h"

static const char *address(void) {
    const char *a = getenv("REDIS_ADDRESS");
    return a ? a : "redis://127.0.0.1:6379";
}

/* <prefix><name> in a static buffer (one key at a time). */
static const char *key(const char *name) {
    static char buf[256];
    const char *p = getenv("KEY_PREFIX");
    snprintf(buf, sizeof buf, "%s%s", p ? p : "", name);
    return buf;
}

static int starts_with(const uint8_t *p, size_t len, const char *s) {
    size_t n = strlen(s);
    return len >= n && memcmp(p, s, n) == 0;
}

static spin_redis_status default_effect(const uint8_t *payload, size_t len) {
    int64_t n;
    if (spin_redis_incr(address(), key("count"), &n) != 0) return SPIN_REDIS_ERROR;
    if (spin_redis_set(address(), key("last"), payload, len) != 0) return SPIN_REDIS_ERROR;
    return SPIN_REDIS_OK;
}

static void print_bytes(const uint8_t *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\') putchar(p[i]);
        else printf("\\x%02x", p[i]);
    }
}

/* "name=rc" on error, else the flattened results as i:<n> s:<text> b:<bytes>. */
static void exec_line(const char *name, const char *command, const spin_redis_param *args, size_t n) {
    spin_redis_results r;
    printf("%s=", name);
    if (spin_redis_execute(address(), command, args, n, &r) != 0) {
        printf("error\n");
        return;
    }
    printf("[");
    for (size_t i = 0; i < r.count; i++) {
        const spin_redis_result *x = &r.items[i];
        if (i) putchar(' ');
        switch (x->tag) {
        case SPIN_REDIS_RESULT_INT64: printf("i:%lld", (long long)x->val.int64); break;
        case SPIN_REDIS_RESULT_STATUS: printf("s:"); print_bytes(x->val.binary.ptr, x->val.binary.len); break;
        case SPIN_REDIS_RESULT_BINARY: printf("b:"); print_bytes(x->val.binary.ptr, x->val.binary.len); break;
        default: printf("nil"); break;
        }
    }
    printf("]\n");
    spin_redis_results_free(r);
}

static int compare_bytes(const void *a, const void *b) {
    const spin_redis_bytes *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, n);
    return c ? c : (int)x->len - (int)y->len;
}

static void outbound(void) {
    const char *a = address();
    static const uint8_t binary[] = {'a', 0, 'b', 0xff};
    spin_redis_bytes got;
    int64_t n;

    printf("set=%d\n", spin_redis_set(a, key("bin"), binary, sizeof binary));
    if (spin_redis_get(a, key("bin"), &got) == 0) {
        printf("get=");
        print_bytes(got.ptr, got.len);
        printf("\n");
        spin_redis_bytes_free(got);
    } else {
        printf("get=error\n");
    }
    if (spin_redis_get(a, key("missing"), &got) == 0) printf("get-missing=%zu\n", got.len);
    else printf("get-missing=error\n");

    spin_redis_incr(a, key("n"), &n);
    printf("incr=%d:%lld\n", spin_redis_incr(a, key("n"), &n), (long long)n);

    const char *members[] = {"x", "y", "z"};
    const char *gone[] = {"y"};
    char set_key[256];
    snprintf(set_key, sizeof set_key, "%s", key("set"));
    printf("sadd=%d:", spin_redis_sadd(a, set_key, members, 3, &n));
    printf("%lld\n", (long long)n);
    printf("srem=%d:", spin_redis_srem(a, set_key, gone, 1, &n));
    printf("%lld\n", (long long)n);
    spin_redis_strings s;
    if (spin_redis_smembers(a, set_key, &s) == 0) {
        qsort(s.items, s.count, sizeof *s.items, compare_bytes);
        printf("smembers=");
        for (size_t i = 0; i < s.count; i++) {
            if (i) putchar(',');
            print_bytes(s.items[i].ptr, s.items[i].len);
        }
        printf("\n");
        spin_redis_strings_free(s);
    } else {
        printf("smembers=error\n");
    }

    char k1[256], k2[256];
    snprintf(k1, sizeof k1, "%s", key("bin"));
    snprintf(k2, sizeof k2, "%s", key("n"));
    const char *dels[] = {k1, k2, "spinj-probe-never-set"};
    printf("del=%d:", spin_redis_del(a, dels, 3, &n));
    printf("%lld\n", (long long)n);
    printf("publish=%d\n", spin_redis_publish(a, key("channel"), "hi", 2));

    char x[256], list[256];
    snprintf(x, sizeof x, "%s", key("x"));
    snprintf(list, sizeof list, "%s", key("list"));
    spin_redis_param set_args[] = {spin_redis_cstr(x), spin_redis_int64(42)};
    exec_line("exec-set", "SET", set_args, 2);
    spin_redis_param get_args[] = {spin_redis_cstr(x)};
    exec_line("exec-get", "GET", get_args, 1);
    spin_redis_param nil_args[] = {spin_redis_cstr("spinj-probe-never-set")};
    exec_line("exec-nil", "GET", nil_args, 1);
    spin_redis_param incrby_args[] = {spin_redis_cstr(x), spin_redis_int64(-50)};
    exec_line("exec-incrby", "INCRBY", incrby_args, 2);
    exec_line("exec-ping", "PING", NULL, 0);
    spin_redis_param rpush_args[] = {spin_redis_cstr(list), spin_redis_binary("a\0b", 3), spin_redis_int64(7)};
    exec_line("exec-rpush", "RPUSH", rpush_args, 3);
    spin_redis_param lrange_args[] = {spin_redis_cstr(list), spin_redis_int64(0), spin_redis_int64(-1)};
    exec_line("exec-lrange", "LRANGE", lrange_args, 3);
    spin_redis_param eval_args[] = {
        spin_redis_cstr("return {1, false, {'a', {2}}, redis.status_reply('FINE'), redis.status_reply('OK'), 'OK'}"),
        spin_redis_int64(0)};
    exec_line("exec-eval", "EVAL", eval_args, 2);
    exec_line("exec-unknown", "NOSUCHCOMMAND", NULL, 0);
    printf("end\n");
    fflush(stdout);
}

/* The address after the probe's name and a space, e.g. "hang-get redis://..." */
static const char *target_address(const uint8_t *payload, size_t len, size_t name_len) {
    static char target[256];
    size_t n = len - name_len - 1 < sizeof target - 1 ? len - name_len - 1 : sizeof target - 1;
    memcpy(target, payload + name_len + 1, n);
    target[n] = 0;
    return target;
}

static void denied(const char *target) {
    spin_redis_bytes got;
    int set = spin_redis_set(target, "spinj-denied", "x", 1);
    int get = spin_redis_get(target, "spinj-denied", &got);
    printf("denied: set=%d get=%d\n", set, get);
    fflush(stdout);
}

static void hold(void) {
    spin_redis_set(address(), key("holding"), "1", 1);
    for (;;) {
        spin_redis_bytes gate;
        if (spin_redis_get(address(), key("gate"), &gate) == 0) {
            size_t open = gate.len;
            spin_redis_bytes_free(gate);
            if (open) return;
        }
    }
}

static void hang_execute(const char *target) {
    spin_redis_param args[] = {spin_redis_cstr("spinj-hang")};
    spin_redis_results r;
    int rc = spin_redis_execute(target, "GET", args, 1, &r);
    if (rc == 0) spin_redis_results_free(r);
    printf("hang-execute=%d\n", rc);
    fflush(stdout);
}

static void hang_get(const char *target) {
    spin_redis_bytes got;
    int rc = spin_redis_get(target, "spinj-hang", &got);
    if (rc == 0) spin_redis_bytes_free(got);
    printf("hang-get=%d\n", rc);
    fflush(stdout);
}

/* Leaves the execute connection in database 5 with a transaction open. */
static void dirty_session(void) {
    spin_redis_param db[] = {spin_redis_int64(5)};
    exec_line("dirty-select", "SELECT", db, 1);
    exec_line("dirty-multi", "MULTI", NULL, 0);
    fflush(stdout);
}

static void clean_session(void) {
    char k[256], n[256];
    snprintf(k, sizeof k, "%s", key("session"));
    snprintf(n, sizeof n, "%s", key("session-n"));
    spin_redis_param set_args[] = {spin_redis_cstr(k), spin_redis_cstr("clean")};
    exec_line("clean-set", "SET", set_args, 2);
    spin_redis_param get_args[] = {spin_redis_cstr(k)};
    exec_line("clean-get", "GET", get_args, 1);
    spin_redis_param incr_args[] = {spin_redis_cstr(n)};
    exec_line("clean-incr", "INCR", incr_args, 1);
    fflush(stdout);
}

static spin_redis_status handle(const uint8_t *payload, size_t len) {
    if (starts_with(payload, len, "trap")) __builtin_trap();
    if (starts_with(payload, len, "loop")) {
        for (volatile int spin = 0;; spin++) {
        }
    }
    if (starts_with(payload, len, "fail")) return SPIN_REDIS_ERROR;
    if (starts_with(payload, len, "go-ok")) {
        return default_effect(payload, len) == SPIN_REDIS_OK ? SPIN_REDIS_ERR_SUCCESS : SPIN_REDIS_ERROR;
    }
    if (starts_with(payload, len, "outbound")) {
        outbound();
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "hold")) {
        hold();
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "hang-execute ")) {
        hang_execute(target_address(payload, len, strlen("hang-execute")));
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "hang-get ")) {
        hang_get(target_address(payload, len, strlen("hang-get")));
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "echo ")) {
        fwrite(payload, 1, len, stdout);
        printf("\n");
        fflush(stdout);
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "dirty-session")) {
        dirty_session();
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "clean-session")) {
        clean_session();
        return SPIN_REDIS_OK;
    }
    if (starts_with(payload, len, "denied ")) {
        denied(target_address(payload, len, strlen("denied")));
        return SPIN_REDIS_OK;
    }
    return default_effect(payload, len);
}
SPIN_REDIS_HANDLER(handle)
