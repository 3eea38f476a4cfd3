/*
 * host-probe: calls every Spin 1.x host import and echoes each result as text,
 * so the spinj tests can assert exact bytes. Built for both ABI flavours from
 * this file (see spin.toml): host_probe_a.wasm (legacy import names) and
 * host_probe_b.wasm (-DSPIN_ABI_CANONICAL, fermyon:spin/<iface> names).
 *
 * The probe is chosen by `spin-path-info`; the request body is a script, one
 * command per line, fields separated by TAB. Every command prints one line:
 * "ok[ <result>]" or "err <case>[ <message>]".
 *
 *   /config    lines: <key>                      -> ok <value>
 *   /kv        open <name> | get <h> <key> | set <h> <key> <value> |
 *              delete <h> <key> | exists <h> <key> | keys <h> | close <h>
 *   /sqlite    open <name> | exec <h> <sql> <param>... | close <h>
 *              params/values: i:<int> r:<real> t:<text> b:<hex> n
 *              exec prints: ok cols=<c1,c2> rows=[v,v][v,v]
 *   /pg        query|execute <address> <sql> <param>...
 *   /mysql     params/values: bool:<0|1> i8: i16: i32: i64: u8: u16: u32: u64:
 *              f32: f64: str:<text> bin:<hex> null (values also "unsupported")
 *              query prints: ok cols=<name:type,...> rows=[v,v]...
 *              pg execute prints "ok <rows affected>", mysql execute "ok"
 *   /http      first line: <method number> <uri> [nobody]; then header lines
 *              <name> <value>; then an empty line; the rest is the body.
 *              prints: ok <status>, "<name>: <value>" lines, a blank line,
 *              then the body -- or "err <http-error>"
 *   /hello     "hello from <flavour>" (a target for requests to `self`)
 *   /bad-pointer   passes an out-of-bounds pointer to key-value.open (traps)
 *   /bad-utf8      passes invalid UTF-8 to get-config (traps)
 */
#include "spin_http.h"
#include "spin_host.h"

#include <inttypes.h>
#include <stdlib.h>

#ifdef SPIN_ABI_CANONICAL
#define FLAVOUR "b"
#else
#define FLAVOUR "a"
#endif

/* The host never dereferences an empty list's pointer, but it must be
 * non-null and aligned (canonical ABI). */
#define EMPTY_LIST ((void *)8)

#define MAX_FIELDS 32

typedef struct {
    const char *ptr[MAX_FIELDS];
    size_t len[MAX_FIELDS];
    size_t count;
} fields;

/* Splits [p, p+n) on TAB, in place. */
static void split(const char *p, size_t n, fields *f) {
    f->count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n && f->count < MAX_FIELDS; i++) {
        if (i == n || p[i] == '\t') {
            f->ptr[f->count] = p + start;
            f->len[f->count] = i - start;
            f->count++;
            start = i + 1;
        }
    }
}

static int field_is(const fields *f, size_t i, const char *s) {
    return i < f->count && f->len[i] == strlen(s) && memcmp(f->ptr[i], s, f->len[i]) == 0;
}

/* NUL-terminated copy of field i (leaked: one instance serves one request). */
static char *field_dup(const fields *f, size_t i) {
    char *s = malloc(f->len[i] + 1);
    memcpy(s, f->ptr[i], f->len[i]);
    s[f->len[i]] = 0;
    return s;
}

static long long field_int(const fields *f, size_t i) { return strtoll(field_dup(f, i), NULL, 10); }
static unsigned long long field_uint(const fields *f, size_t i) { return strtoull(field_dup(f, i), NULL, 10); }

static int hexval(char c) {
    return c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0';
}

static spin_host_bytes hex_decode(const char *p, size_t n) {
    spin_host_bytes b = {EMPTY_LIST, n / 2};
    if (b.len) {
        b.ptr = malloc(b.len);
        for (size_t i = 0; i < b.len; i++) b.ptr[i] = (uint8_t)(hexval(p[2 * i]) << 4 | hexval(p[2 * i + 1]));
    }
    return b;
}

static void print_hex(spin_response *res, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) spin_response_printf(res, "%02x", p[i]);
}

static void print_error(spin_response *res, const spin_host_error *e, int has_message) {
    spin_response_printf(res, "err %d", e->tag);
    if (has_message) spin_response_printf(res, " %.*s", (int)e->message.len, e->message.ptr);
    spin_response_append_str(res, "\n");
}

/* Runs `line_fn` on every non-empty line of the body. */
typedef void (*line_fn)(const fields *f, spin_response *res);

static void each_line(const spin_request *req, spin_response *res, line_fn fn) {
    const char *p = (const char *)req->body;
    size_t n = req->body_len, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '\n') {
            if (i > start) {
                fields f;
                split(p + start, i - start, &f);
                fn(&f, res);
            }
            start = i + 1;
        }
    }
}

/* ---- config -------------------------------------------------------------- */

static void config_line(const fields *f, spin_response *res) {
    spin_config_result r;
    spin_config_get_raw(f->ptr[0], f->len[0], &r);
    if (r.is_err) {
        print_error(res, &r.val.err, 1);
    } else {
        spin_response_printf(res, "ok %.*s\n", (int)r.val.ok.len, r.val.ok.ptr);
    }
}

/* ---- key-value ----------------------------------------------------------- */

static int kv_error(spin_response *res, const spin_kv_result *r) {
    if (!r->is_err) return 0;
    print_error(res, &r->val.err, r->val.err.tag == SPIN_KV_ERROR_IO);
    return 1;
}

static void kv_line(const fields *f, spin_response *res) {
    spin_kv_result r;
    uint32_t h = f->count > 1 ? (uint32_t)field_uint(f, 1) : 0;
    if (field_is(f, 0, "open")) {
        spin_kv_open_raw(f->ptr[1], f->len[1], &r);
        if (!kv_error(res, &r)) spin_response_printf(res, "ok %u\n", r.val.store);
    } else if (field_is(f, 0, "get")) {
        spin_kv_get_raw(h, f->ptr[2], f->len[2], &r);
        if (!kv_error(res, &r)) spin_response_printf(res, "ok %.*s\n", (int)r.val.value.len, (char *)r.val.value.ptr);
    } else if (field_is(f, 0, "set")) {
        spin_kv_set_raw(h, f->ptr[2], f->len[2], f->len[3] ? (const uint8_t *)f->ptr[3] : EMPTY_LIST, f->len[3], &r);
        if (!kv_error(res, &r)) spin_response_append_str(res, "ok\n");
    } else if (field_is(f, 0, "delete")) {
        spin_kv_delete_raw(h, f->ptr[2], f->len[2], &r);
        if (!kv_error(res, &r)) spin_response_append_str(res, "ok\n");
    } else if (field_is(f, 0, "exists")) {
        spin_kv_exists_raw(h, f->ptr[2], f->len[2], &r);
        if (!kv_error(res, &r)) spin_response_printf(res, "ok %s\n", r.val.exists ? "true" : "false");
    } else if (field_is(f, 0, "keys")) {
        spin_kv_get_keys_raw(h, &r);
        if (!kv_error(res, &r)) {
            spin_response_append_str(res, "ok ");
            for (size_t i = 0; i < r.val.keys.len; i++) {
                spin_response_printf(res, "%s%.*s", i ? "," : "", (int)r.val.keys.ptr[i].len, r.val.keys.ptr[i].ptr);
            }
            spin_response_append_str(res, "\n");
        }
    } else if (field_is(f, 0, "close")) {
        spin_kv_close(h);
        spin_response_append_str(res, "ok\n");
    } else {
        spin_response_append_str(res, "unknown command\n");
    }
}

/* ---- SQLite -------------------------------------------------------------- */

static spin_sqlite_value sqlite_param(const fields *f, size_t i) {
    spin_sqlite_value v;
    memset(&v, 0, sizeof v);
    const char *p = f->ptr[i] + 2;
    size_t n = f->len[i] >= 2 ? f->len[i] - 2 : 0;
    switch (f->ptr[i][0]) {
    case 'i': v.tag = SPIN_SQLITE_INTEGER; v.v.integer = strtoll(field_dup(f, i) + 2, NULL, 10); break;
    case 'r': v.tag = SPIN_SQLITE_REAL; v.v.real = strtod(field_dup(f, i) + 2, NULL); break;
    case 't': v.tag = SPIN_SQLITE_TEXT; v.v.bytes.ptr = n ? (uint8_t *)p : EMPTY_LIST; v.v.bytes.len = n; break;
    case 'b': v.tag = SPIN_SQLITE_BLOB; v.v.bytes = hex_decode(p, n); break;
    default: v.tag = SPIN_SQLITE_NULL; break;
    }
    return v;
}

static void print_sqlite_value(spin_response *res, const spin_sqlite_value *v) {
    switch (v->tag) {
    case SPIN_SQLITE_INTEGER: spin_response_printf(res, "i:%" PRId64, v->v.integer); break;
    case SPIN_SQLITE_REAL: spin_response_printf(res, "r:%.17g", v->v.real); break;
    case SPIN_SQLITE_TEXT: spin_response_printf(res, "t:%.*s", (int)v->v.bytes.len, (char *)v->v.bytes.ptr); break;
    case SPIN_SQLITE_BLOB: spin_response_append_str(res, "b:"); print_hex(res, v->v.bytes.ptr, v->v.bytes.len); break;
    default: spin_response_append_str(res, "n"); break;
    }
}

static void sqlite_line(const fields *f, spin_response *res) {
    spin_sqlite_result r;
    if (field_is(f, 0, "open")) {
        spin_sqlite_open_raw(f->ptr[1], f->len[1], &r);
        if (r.is_err) print_error(res, &r.val.err, r.val.err.tag == SPIN_SQLITE_ERROR_IO);
        else spin_response_printf(res, "ok %u\n", r.val.connection);
    } else if (field_is(f, 0, "exec")) {
        size_t nparams = f->count - 3;
        spin_sqlite_value *params = nparams ? malloc(nparams * sizeof *params) : EMPTY_LIST;
        for (size_t i = 0; i < nparams; i++) params[i] = sqlite_param(f, 3 + i);
        spin_sqlite_execute_raw((uint32_t)field_uint(f, 1), f->ptr[2], f->len[2], params, nparams, &r);
        if (r.is_err) {
            print_error(res, &r.val.err, r.val.err.tag == SPIN_SQLITE_ERROR_IO);
            return;
        }
        spin_response_append_str(res, "ok cols=");
        for (size_t c = 0; c < r.val.ok.column_count; c++) {
            spin_response_printf(res, "%s%.*s", c ? "," : "", (int)r.val.ok.columns[c].len, r.val.ok.columns[c].ptr);
        }
        spin_response_append_str(res, " rows=");
        for (size_t row = 0; row < r.val.ok.row_count; row++) {
            spin_response_append_str(res, "[");
            for (size_t c = 0; c < r.val.ok.rows[row].len; c++) {
                if (c) spin_response_append_str(res, ",");
                print_sqlite_value(res, &r.val.ok.rows[row].values[c]);
            }
            spin_response_append_str(res, "]");
        }
        spin_response_append_str(res, "\n");
    } else if (field_is(f, 0, "close")) {
        spin_sqlite_close((uint32_t)field_uint(f, 1));
        spin_response_append_str(res, "ok\n");
    } else {
        spin_response_append_str(res, "unknown command\n");
    }
}

/* ---- PostgreSQL / MySQL -------------------------------------------------- */

static const char *const DB_TYPES[] = {"boolean", "int8", "int16", "int32", "int64", "uint8", "uint16",
                                       "uint32", "uint64", "floating32", "floating64", "str", "binary", "other"};

static spin_db_value db_param(const fields *f, size_t i) {
    spin_db_value v;
    memset(&v, 0, sizeof v);
    char *s = field_dup(f, i);
    char *colon = strchr(s, ':');
    const char *arg = colon ? colon + 1 : "";
    if (colon) *colon = 0;
    size_t n = strlen(arg);
    if (!strcmp(s, "bool")) { v.tag = SPIN_DB_BOOLEAN; v.v.boolean = (uint8_t)atoi(arg); }
    else if (!strcmp(s, "i8")) { v.tag = SPIN_DB_INT8; v.v.i8 = (int8_t)strtoll(arg, NULL, 10); }
    else if (!strcmp(s, "i16")) { v.tag = SPIN_DB_INT16; v.v.i16 = (int16_t)strtoll(arg, NULL, 10); }
    else if (!strcmp(s, "i32")) { v.tag = SPIN_DB_INT32; v.v.i32 = (int32_t)strtoll(arg, NULL, 10); }
    else if (!strcmp(s, "i64")) { v.tag = SPIN_DB_INT64; v.v.i64 = strtoll(arg, NULL, 10); }
    else if (!strcmp(s, "u8")) { v.tag = SPIN_DB_UINT8; v.v.u8 = (uint8_t)strtoull(arg, NULL, 10); }
    else if (!strcmp(s, "u16")) { v.tag = SPIN_DB_UINT16; v.v.u16 = (uint16_t)strtoull(arg, NULL, 10); }
    else if (!strcmp(s, "u32")) { v.tag = SPIN_DB_UINT32; v.v.u32 = (uint32_t)strtoull(arg, NULL, 10); }
    else if (!strcmp(s, "u64")) { v.tag = SPIN_DB_UINT64; v.v.u64 = strtoull(arg, NULL, 10); }
    else if (!strcmp(s, "f32")) { v.tag = SPIN_DB_FLOATING32; v.v.f32 = strtof(arg, NULL); }
    else if (!strcmp(s, "f64")) { v.tag = SPIN_DB_FLOATING64; v.v.f64 = strtod(arg, NULL); }
    else if (!strcmp(s, "str")) { v.tag = SPIN_DB_STR; v.v.bytes.ptr = n ? (uint8_t *)arg : EMPTY_LIST; v.v.bytes.len = n; }
    else if (!strcmp(s, "bin")) { v.tag = SPIN_DB_BINARY; v.v.bytes = hex_decode(arg, n); }
    else { v.tag = SPIN_DB_NULL; }
    return v;
}

static void print_db_value(spin_response *res, const spin_db_value *v) {
    switch (v->tag) {
    case SPIN_DB_BOOLEAN: spin_response_printf(res, "bool:%u", v->v.boolean); break;
    case SPIN_DB_INT8: spin_response_printf(res, "i8:%d", v->v.i8); break;
    case SPIN_DB_INT16: spin_response_printf(res, "i16:%d", v->v.i16); break;
    case SPIN_DB_INT32: spin_response_printf(res, "i32:%" PRId32, v->v.i32); break;
    case SPIN_DB_INT64: spin_response_printf(res, "i64:%" PRId64, v->v.i64); break;
    case SPIN_DB_UINT8: spin_response_printf(res, "u8:%u", v->v.u8); break;
    case SPIN_DB_UINT16: spin_response_printf(res, "u16:%u", v->v.u16); break;
    case SPIN_DB_UINT32: spin_response_printf(res, "u32:%" PRIu32, v->v.u32); break;
    case SPIN_DB_UINT64: spin_response_printf(res, "u64:%" PRIu64, v->v.u64); break;
    case SPIN_DB_FLOATING32: spin_response_printf(res, "f32:%.9g", (double)v->v.f32); break;
    case SPIN_DB_FLOATING64: spin_response_printf(res, "f64:%.17g", v->v.f64); break;
    case SPIN_DB_STR: spin_response_printf(res, "str:%.*s", (int)v->v.bytes.len, (char *)v->v.bytes.ptr); break;
    case SPIN_DB_BINARY: spin_response_append_str(res, "bin:"); print_hex(res, v->v.bytes.ptr, v->v.bytes.len); break;
    case SPIN_DB_NULL: spin_response_append_str(res, "null"); break;
    default: spin_response_append_str(res, "unsupported"); break;
    }
}

static void print_query(spin_response *res, const spin_db_query_result *r) {
    if (r->is_err) {
        print_error(res, &r->val.err, 1);
        return;
    }
    spin_response_append_str(res, "ok cols=");
    for (size_t c = 0; c < r->val.ok.column_count; c++) {
        const spin_db_column *col = &r->val.ok.columns[c];
        spin_response_printf(res, "%s%.*s:%s", c ? "," : "", (int)col->name.len, col->name.ptr,
                             col->data_type < 14 ? DB_TYPES[col->data_type] : "?");
    }
    spin_response_append_str(res, " rows=");
    for (size_t row = 0; row < r->val.ok.row_count; row++) {
        spin_response_append_str(res, "[");
        for (size_t c = 0; c < r->val.ok.rows[row].len; c++) {
            if (c) spin_response_append_str(res, ",");
            print_db_value(res, &r->val.ok.rows[row].values[c]);
        }
        spin_response_append_str(res, "]");
    }
    spin_response_append_str(res, "\n");
}

static void rdbms_line(const fields *f, spin_response *res, int mysql) {
    size_t nparams = f->count > 3 ? f->count - 3 : 0;
    spin_db_value *params = nparams ? malloc(nparams * sizeof *params) : EMPTY_LIST;
    for (size_t i = 0; i < nparams; i++) params[i] = db_param(f, 3 + i);
    if (field_is(f, 0, "query")) {
        spin_db_query_result r;
        if (mysql) spin_mysql_query_raw(f->ptr[1], f->len[1], f->ptr[2], f->len[2], params, nparams, &r);
        else spin_pg_query_raw(f->ptr[1], f->len[1], f->ptr[2], f->len[2], params, nparams, &r);
        print_query(res, &r);
    } else if (field_is(f, 0, "execute") && mysql) {
        spin_mysql_execute_result r;
        spin_mysql_execute_raw(f->ptr[1], f->len[1], f->ptr[2], f->len[2], params, nparams, &r);
        if (r.is_err) print_error(res, &r.err, 1);
        else spin_response_append_str(res, "ok\n");
    } else if (field_is(f, 0, "execute")) {
        spin_pg_execute_result r;
        spin_pg_execute_raw(f->ptr[1], f->len[1], f->ptr[2], f->len[2], params, nparams, &r);
        if (r.is_err) print_error(res, &r.val.err, 1);
        else spin_response_printf(res, "ok %" PRIu64 "\n", r.val.rows_affected);
    } else {
        spin_response_append_str(res, "unknown command\n");
    }
}

static void pg_line(const fields *f, spin_response *res) { rdbms_line(f, res, 0); }
static void mysql_line(const fields *f, spin_response *res) { rdbms_line(f, res, 1); }

/* ---- outbound HTTP ------------------------------------------------------- */

static void probe_http(const spin_request *req, spin_response *res) {
    const char *p = (const char *)req->body;
    size_t n = req->body_len, at = 0;
    spin_host_pair headers[16];
    size_t header_count = 0;
    fields first;
    int line = 0;
    while (at <= n) {
        size_t end = at;
        while (end < n && p[end] != '\n') end++;
        if (line == 0) {
            split(p + at, end - at, &first);
        } else if (end == at) {
            at = end + 1;
            break;
        } else if (header_count < 16) {
            fields h;
            split(p + at, end - at, &h);
            headers[header_count].name = (spin_host_str){(char *)h.ptr[0], h.len[0]};
            headers[header_count].value = (spin_host_str){h.len[1] ? (char *)h.ptr[1] : EMPTY_LIST, h.len[1]};
            header_count++;
        }
        line++;
        at = end + 1;
    }
    size_t body_len = at < n ? n - at : 0;
    int has_body = !field_is(&first, 2, "nobody");
    spin_http_result r;
    spin_http_send_raw((int32_t)field_int(&first, 0), first.ptr[1], first.len[1],
                       header_count ? headers : EMPTY_LIST, header_count, EMPTY_LIST, 0, has_body,
                       body_len ? (const uint8_t *)p + at : EMPTY_LIST, body_len, &r);
    if (r.is_err) {
        spin_response_printf(res, "err %d\n", r.val.err);
        return;
    }
    spin_response_printf(res, "ok %u\n", r.val.ok.status);
    if (r.val.ok.headers.is_some) {
        for (size_t i = 0; i < r.val.ok.headers.len; i++) {
            spin_host_pair *h = &r.val.ok.headers.ptr[i];
            spin_response_printf(res, "%.*s: %.*s\n", (int)h->name.len, h->name.ptr, (int)h->value.len, h->value.ptr);
        }
    }
    spin_response_append_str(res, "\n");
    if (r.val.ok.body.is_some) spin_response_append_body(res, r.val.ok.body.ptr, r.val.ok.body.len);
}

/* ---- dispatch ------------------------------------------------------------ */

static void handle(const spin_request *req, spin_response *res) {
    spin_str path = {"", 0};
    spin_request_header(req, "spin-path-info", &path);
    spin_response_add_header(res, "content-type", "text/plain");
    if (spin_str_eq(path, "/config")) {
        each_line(req, res, config_line);
    } else if (spin_str_eq(path, "/kv")) {
        each_line(req, res, kv_line);
    } else if (spin_str_eq(path, "/sqlite")) {
        each_line(req, res, sqlite_line);
    } else if (spin_str_eq(path, "/pg")) {
        each_line(req, res, pg_line);
    } else if (spin_str_eq(path, "/mysql")) {
        each_line(req, res, mysql_line);
    } else if (spin_str_eq(path, "/http")) {
        probe_http(req, res);
    } else if (spin_str_eq(path, "/hello")) {
        spin_response_add_header(res, "x-probe", "one");
        spin_response_add_header(res, "x-probe", "two");
        spin_response_set_body_str(res, "hello from " FLAVOUR);
    } else if (spin_str_eq(path, "/bad-pointer")) {
        spin_kv_result r;
        spin_kv_open_raw((const char *)0xfffffff0u, 64, &r);
        spin_response_set_body_str(res, "host accepted a bad pointer\n");
    } else if (spin_str_eq(path, "/bad-utf8")) {
        spin_config_result r;
        spin_config_get_raw("\xff\xfe", 2, &r);
        spin_response_set_body_str(res, "host accepted invalid UTF-8\n");
    } else {
        spin_response_set_status(res, 404);
        spin_response_set_body_str(res, "no such probe\n");
    }
}

SPIN_HTTP_HANDLER(handle)
