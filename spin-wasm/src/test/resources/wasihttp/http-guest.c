// A wasi:http component (proxy-shaped) for WasiHttpHostTest, with hand-written bindings to the
// core ABI of wasi:http@0.2.12 (SPEC2 §2.11). handle() dispatches on the request path; each route
// exercises one part of the host and reports what it saw in the response. Build: ./build.sh
#include "guest-common.h"

#ifdef RC_2023_11_10
#define V "@0.2.0-rc-2023-11-10"
#define TIMEOUT_SUFFIX "-timeout-ms"
#else
#define V "@0.2.12"
#define TIMEOUT_SUFFIX "-timeout"
#endif
#define TYPES "wasi:http/types" V
#define STREAMS "wasi:io/streams" V
#define POLL "wasi:io/poll" V
#define ERRORS "wasi:io/error" V
#define OUT_HANDLER "wasi:http/outgoing-handler" V

// ---- imports ----
IMPORT(TYPES, "[method]incoming-request.method") void req_method(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.path-with-query") void req_path(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.authority") void req_authority(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.scheme") void req_scheme(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.headers") int32_t req_headers(int32_t);
IMPORT(TYPES, "[method]incoming-request.consume") void req_consume(int32_t, void *);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_req(int32_t);
IMPORT(TYPES, "[constructor]fields") int32_t fields_new(void);
IMPORT(TYPES, "[static]fields.from-list") void fields_from_list(void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.get") void fields_get(int32_t, const void *, int32_t, void *);
#ifndef RC_2023_11_10
IMPORT(TYPES, "[method]fields.has") int32_t fields_has(int32_t, const void *, int32_t);
#endif
IMPORT(TYPES, "[method]fields.set") void fields_set(int32_t, const void *, int32_t, void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.delete") void fields_delete(int32_t, const void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.append") void fields_append(int32_t, const void *, int32_t, const void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.entries") void fields_entries(int32_t, void *);
IMPORT(TYPES, "[method]fields.clone") int32_t fields_clone(int32_t);
IMPORT(TYPES, "[resource-drop]fields") void drop_fields(int32_t);
IMPORT(TYPES, "[constructor]outgoing-response") int32_t response_new(int32_t);
IMPORT(TYPES, "[method]outgoing-response.set-status-code") int32_t response_set_status(int32_t, int32_t);
IMPORT(TYPES, "[method]outgoing-response.body") void response_body(int32_t, void *);
IMPORT(TYPES, "[method]outgoing-body.write") void body_write(int32_t, void *);
IMPORT(TYPES, "[static]outgoing-body.finish") void body_finish(int32_t, int32_t, int32_t, void *);
IMPORT(TYPES, "[resource-drop]outgoing-body") void drop_outgoing_body(int32_t);
IMPORT(TYPES, "[static]response-outparam.set") void outparam_set(int32_t, int32_t, int32_t, int32_t, int64_t, int32_t, int32_t, int32_t, int32_t);
IMPORT(TYPES, "[resource-drop]response-outparam") void drop_outparam(int32_t);
IMPORT(TYPES, "[method]incoming-body.stream") void incoming_body_stream(int32_t, void *);
IMPORT(TYPES, "[static]incoming-body.finish") int32_t incoming_body_finish(int32_t);
IMPORT(TYPES, "[method]future-trailers.subscribe") int32_t trailers_subscribe(int32_t);
IMPORT(TYPES, "[method]future-trailers.get") void trailers_get(int32_t, void *);
IMPORT(TYPES, "[resource-drop]future-trailers") void drop_trailers(int32_t);
IMPORT(TYPES, "[constructor]outgoing-request") int32_t request_new(int32_t);
IMPORT(TYPES, "[method]outgoing-request.set-method") int32_t request_set_method(int32_t, int32_t, const void *, int32_t);
IMPORT(TYPES, "[method]outgoing-request.set-scheme") int32_t request_set_scheme(int32_t, int32_t, int32_t, const void *, int32_t);
IMPORT(TYPES, "[method]outgoing-request.set-authority") int32_t request_set_authority(int32_t, int32_t, const void *, int32_t);
IMPORT(TYPES, "[method]outgoing-request.set-path-with-query") int32_t request_set_path(int32_t, int32_t, const void *, int32_t);
IMPORT(TYPES, "[method]outgoing-request.body") void request_body(int32_t, void *);
IMPORT(TYPES, "[constructor]request-options") int32_t options_new(void);
IMPORT(TYPES, "[method]request-options.set-between-bytes" TIMEOUT_SUFFIX) int32_t options_between_bytes(int32_t, int32_t, int64_t);
IMPORT(TYPES, "[method]future-incoming-response.subscribe") int32_t future_subscribe(int32_t);
IMPORT(TYPES, "[method]future-incoming-response.get") void future_get(int32_t, void *);
IMPORT(TYPES, "[resource-drop]future-incoming-response") void drop_future(int32_t);
IMPORT(TYPES, "[method]incoming-response.status") int32_t incoming_status(int32_t);
IMPORT(TYPES, "[method]incoming-response.headers") int32_t incoming_headers(int32_t);
IMPORT(TYPES, "[method]incoming-response.consume") void incoming_consume(int32_t, void *);
IMPORT(TYPES, "[resource-drop]incoming-response") void drop_incoming_response(int32_t);
IMPORT(TYPES, "[resource-drop]incoming-body") void drop_incoming_body(int32_t);
IMPORT(OUT_HANDLER, "handle") void outgoing_handle(int32_t, int32_t, int32_t, void *);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void stream_read(int32_t, int64_t, void *);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input(int32_t);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush") void stream_write(int32_t, const void *, int32_t, void *);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output(int32_t);
IMPORT(POLL, "[method]pollable.block") void pollable_block(int32_t);
IMPORT(POLL, "[resource-drop]pollable") void drop_pollable(int32_t);
IMPORT(ERRORS, "[method]error.to-debug-string") void error_debug(int32_t, void *);
IMPORT(ERRORS, "[resource-drop]error") void drop_error(int32_t);

typedef struct { const char *p; int32_t n; } str;
static str S(const char *s) { str r = {s, (int32_t)len(s)}; return r; }

// ---- helpers over the imports ----
#ifdef RC_2023_11_10
// the candidate has no fields.has
static int32_t fields_has(int32_t f, const void *name, int32_t n) {
  fields_get(f, name, n, ret);
  return i32at(4) > 0;
}
#endif

static void append(int32_t f, const char *name, const char *value) {
  fields_append(f, name, len(name), value, len(value), ret);
}

static void dump_entries(int32_t f) {
  fields_entries(f, ret);
  uint8_t *list = (uint8_t *)i32at(0);
  int32_t count = i32at(4);
  for (int32_t i = 0; i < count; i++) {
    int32_t *e = (int32_t *)(list + 16 * i);
    put((void *)e[0], e[1]);
    puts_(": ");
    put((void *)e[2], e[3]);
    puts_("\n");
  }
}

// Writes all of text[] to the stream, 4096 bytes per blocking call (the WIT's limit); 0 or the failure.
static int write_all(int32_t stream, const uint8_t *data, size_t n) {
  for (size_t off = 0; off < n;) {
    size_t k = n - off > 4096 ? 4096 : n - off;
    stream_write(stream, data + off, (int32_t)k, ret);
    if (u8at(0)) return 1;
    off += k;
  }
  return 0;
}

static void set_ok(int32_t out, int32_t resp) { outparam_set(out, 0, resp, 0, 0, 0, 0, 0, 0); }

// Sends the head of `resp` and opens its body: *body gets the outgoing-body, the result is its output-stream.
static int32_t send_head(int32_t out, int32_t resp, int32_t *body) {
  response_body(resp, ret);
  *body = i32at(4);
  set_ok(out, resp);
  body_write(*body, ret);
  return i32at(4);
}

// A whole response: status, the given headers, text[] as the body, no trailers.
static void respond(int32_t out, int32_t status, int32_t headers) {
  int32_t resp = response_new(headers);
  response_set_status(resp, status);
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  write_all(stream, text, text_len);
  drop_output(stream);
  body_finish(body, 0, 0, ret);
}

// Reads an input stream to its end into text[] (appending); returns 1 when it failed rather than closed.
static int read_all(int32_t stream) {
  for (;;) {
    stream_read(stream, 65536, ret);
    if (u8at(0) == 0) {
      put((void *)i32at(4), i32at(8));
      continue;
    }
    if (u8at(4) == 1) return 0;
    int32_t err = i32at(8);
    error_debug(err, ret);
    puts_("\nstream-error: ");
    put((void *)i32at(0), i32at(4));
    drop_error(err);
    return 1;
  }
}

// The value of request header `name` (first), or an empty string.
static str header(int32_t req, const char *name) {
  int32_t h = req_headers(req);
  fields_get(h, name, len(name), ret);
  str r = {"", 0};
  if (i32at(4) > 0) {
    int32_t *v = (int32_t *)i32at(0);
    r.p = (const char *)v[0];
    r.n = v[1];
  }
  drop_fields(h);
  return r;
}

static uint64_t number(str s) {
  uint64_t v = 0;
  for (int32_t i = 0; i < s.n; i++) v = v * 10 + (s.p[i] - '0');
  return v;
}

// ---- routes ----
static void route_info(int32_t req, int32_t out, str path) {
  req_method(req, ret);
  line("method-disc", u8at(0));
  puts_("path="); put(path.p, path.n); puts_("\n");
  req_authority(req, ret);
  puts_("authority="); if (u8at(0)) put((void *)i32at(4), i32at(8)); puts_("\n");
  req_scheme(req, ret);
  line("scheme-disc", u8at(0) ? u8at(4) : 99);
  int32_t h = req_headers(req);
  fields_append(h, "x-new", 5, "1", 1, ret);
  line("append-to-request-headers", u8at(0) ? u8at(1) : 99);
  dump_entries(h);
  drop_fields(h);
  req_consume(req, ret);
  int32_t body = i32at(4);
  req_consume(req, ret);
  line("second-consume-is-err", u8at(0));
  drop_incoming_body(body);
  respond(out, 200, fields_new());
}

static void route_echo(int32_t req, int32_t out) {
  req_consume(req, ret);
  int32_t body = i32at(4);
  incoming_body_stream(body, ret);
  int32_t stream = i32at(4);
  incoming_body_stream(body, ret);
  int32_t second_stream_is_err = u8at(0);
  read_all(stream);
  drop_input(stream);
  int32_t trailers = incoming_body_finish(body);
  int32_t p = trailers_subscribe(trailers);
  pollable_block(p);
  drop_pollable(p);
  trailers_get(trailers, ret);
  int32_t headers = fields_new();
#ifdef RC_2023_11_10
  // option tag @0, result @8, option<trailers> tag @16, handle @20
  if (u8at(0) && !u8at(8) && u8at(16)) {
    int32_t t = i32at(20);
#else
  // option tag @0, outer result @8, inner result @16, option<trailers> tag @24, handle @28
  if (u8at(0) && !u8at(8) && !u8at(16) && u8at(24)) {
    int32_t t = i32at(28);
#endif
    fields_get(t, "x-checksum", 10, ret);
    if (i32at(4) > 0) {
      int32_t *v = (int32_t *)i32at(0);
      fields_append(headers, "x-trailer-checksum", 18, (void *)v[0], v[1], ret);
    }
    drop_fields(t);
  }
  drop_trailers(trailers);
  append(headers, "x-second-stream-is-err", second_stream_is_err ? "1" : "0");
  respond(out, 200, headers);
}

static void route_fields(int32_t out) {
  int32_t forbidden[8] = {(int32_t)"x-a", 3, (int32_t)"1", 1, (int32_t)"Host", 4, (int32_t)"example.com", 11};
  fields_from_list(forbidden, 2, ret);
  line("from-list-forbidden", u8at(0) ? u8at(4) : 99);
  int32_t bad_name[4] = {(int32_t)"bad name", 8, (int32_t)"v", 1};
  fields_from_list(bad_name, 1, ret);
  line("from-list-bad-name", u8at(0) ? u8at(4) : 99);
  int32_t bad_value[4] = {(int32_t)"x-v", 3, (int32_t)"a\nb", 3};
  fields_from_list(bad_value, 1, ret);
  line("from-list-bad-value", u8at(0) ? u8at(4) : 99);
  int32_t good[4] = {(int32_t)"X-Listed", 8, (int32_t)"yes", 3};
  fields_from_list(good, 1, ret);
  int32_t f = i32at(4);
  append(f, "x-a", "1");
  append(f, "X-A", "2");
  int32_t values[4] = {(int32_t)"3", 1, (int32_t)"4", 1};
  fields_set(f, "x-b", 3, values, 2, ret);
  line("set-ok", u8at(0));
  fields_get(f, "X-A", 3, ret);
  line("get-x-a-count", i32at(4));
  line("has-x-b", fields_has(f, "x-b", 3));
  fields_delete(f, "x-b", 3, ret);
  line("has-x-b-after-delete", fields_has(f, "x-b", 3));
  fields_set(f, "connection", 10, values, 1, ret);
  line("set-connection", u8at(0) ? u8at(1) : 99);
  fields_delete(f, "transfer-encoding", 17, ret);
  line("delete-transfer-encoding", u8at(0) ? u8at(1) : 99);
  int32_t c = fields_clone(f);
  append(c, "x-clone-only", "1");
  line("clone-change-shows-in-original", fields_has(f, "x-clone-only", 12));
  drop_fields(c);
  dump_entries(f);
  // the response takes f: its headers are what the client gets
  respond(out, 200, f);
}

static void route_status(int32_t out, str path) {
  int32_t resp = response_new(fields_new());
  int32_t code = (int32_t)number((str){path.p + 8, path.n - 8});
  int32_t rejected = response_set_status(resp, code);
  line("rejected", rejected);
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  write_all(stream, text, text_len);
  drop_output(stream);
  body_finish(body, 0, 0, ret);
}

// A response declaring content-length `declared` whose body is `n` bytes of 'x'.
static void route_length(int32_t out, const char *declared, size_t n) {
  int32_t h = fields_new();
  append(h, "content-length", declared);
  int32_t resp = response_new(h);
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  for (size_t i = 0; i < n; i++) text[i] = 'x';
  write_all(stream, text, n);
  drop_output(stream);
  // finish fails (the test sees the aborted body); over-length already failed the write
  body_finish(body, 0, 0, ret);
}

static void route_trailers(int32_t out) {
  int32_t resp = response_new(fields_new());
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  puts_("body");
  write_all(stream, text, text_len);
  drop_output(stream);
  int32_t t = fields_new();
  append(t, "x-t", "done");
  body_finish(body, 1, t, ret);
}

static void route_drop_body(int32_t out) {
  int32_t resp = response_new(fields_new());
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  puts_("partial");
  write_all(stream, text, text_len);
  drop_output(stream);
  drop_outgoing_body(body);
}

static void route_trap_after(int32_t out) {
  int32_t resp = response_new(fields_new());
  int32_t body;
  int32_t stream = send_head(out, resp, &body);
  puts_("partial");
  write_all(stream, text, text_len);
  __builtin_trap();
}

static void route_error(int32_t out) {
  // err(internal-error(some("boom"))): error-code disc 38, option tag 1, string ptr/len
  outparam_set(out, 1, 38, 1, (int64_t)(int32_t)"boom", 4, 0, 0, 0);
}

// An outbound request described by the incoming request's x-* headers (x-body is sent with its
// content-length unless x-chunked is there too); the upstream's status,
// x-upstream header and body come back, or "error=<error-code disc>".
static void route_outbound(int32_t req, int32_t out) {
  str scheme = header(req, "x-scheme"), authority = header(req, "x-authority"), path = header(req, "x-path");
  str method = header(req, "x-method"), send = header(req, "x-body"), between = header(req, "x-between-bytes-ms");
  int32_t h = fields_new();
  append(h, "x-from", "guest");
  if (send.n && !header(req, "x-chunked").n) {
    char n[12]; int32_t k = 0; uint32_t v = (uint32_t)send.n; char tmp[12]; int32_t t = 0;
    do { tmp[t++] = '0' + v % 10; v /= 10; } while (v);
    while (t) n[k++] = tmp[--t];
    fields_append(h, "content-length", 14, n, k, ret);
  }
  int32_t r = request_new(h);
  if (method.n) request_set_method(r, 9, method.p, method.n);
  if (scheme.n) request_set_scheme(r, 1, scheme.n == 5 ? 1 : 0, 0, 0);
  if (authority.n) request_set_authority(r, 1, authority.p, authority.n);
  request_set_path(r, 1, path.p, path.n);
  int32_t body = -1;
  if (send.n) {
    request_body(r, ret);
    body = i32at(4);
  }
  int32_t opts = 0;
  if (between.n) {
    opts = options_new();
    options_between_bytes(opts, 1, (int64_t)number(between) * 1000000);
  }
  outgoing_handle(r, opts ? 1 : 0, opts, ret);
  if (u8at(0)) {
    line("handle-error", u8at(8));
    respond(out, 503, fields_new());
    return;
  }
  int32_t future = i32at(8);
  if (body >= 0) {
    body_write(body, ret);
    int32_t stream = i32at(4);
    write_all(stream, (const uint8_t *)send.p, send.n);
    drop_output(stream);
    body_finish(body, 0, 0, ret);
  }
  int32_t p = future_subscribe(future);
  pollable_block(p);
  drop_pollable(p);
  future_get(future, ret);
  drop_future(future);
  if (u8at(16)) {
    line("error", u8at(24));
    respond(out, 502, fields_new());
    return;
  }
  int32_t response = i32at(24);
  int32_t status = incoming_status(response);
  int32_t upstream_headers = incoming_headers(response);
  int32_t headers = fields_new();
  fields_get(upstream_headers, "x-upstream", 10, ret);
  if (i32at(4) > 0) {
    int32_t *v = (int32_t *)i32at(0);
    fields_append(headers, "x-upstream", 10, (void *)v[0], v[1], ret);
  }
  drop_fields(upstream_headers);
  incoming_consume(response, ret);
  int32_t upstream_body = i32at(4);
  incoming_body_stream(upstream_body, ret);
  int32_t stream = i32at(4);
  read_all(stream);
  drop_input(stream);
  drop_incoming_body(upstream_body);
  drop_incoming_response(response);
  respond(out, status, headers);
}

__attribute__((export_name("wasi:http/incoming-handler" V "#handle")))
void handle(int32_t req, int32_t out) {
  req_path(req, ret);
  str path = {(const char *)i32at(4), i32at(8)};
  const uint8_t *p = (const uint8_t *)path.p;
  if (starts(p, path.n, "/info")) route_info(req, out, path);
  else if (starts(p, path.n, "/echo")) route_echo(req, out);
  else if (starts(p, path.n, "/fields")) route_fields(out);
  else if (starts(p, path.n, "/status/")) route_status(out, path);
  else if (starts(p, path.n, "/short")) route_length(out, "10", 5);
  else if (starts(p, path.n, "/over")) route_length(out, "3", 5);
  else if (starts(p, path.n, "/trailers")) route_trailers(out);
  else if (starts(p, path.n, "/drop-body")) route_drop_body(out);
  else if (starts(p, path.n, "/trap-after")) route_trap_after(out);
  else if (starts(p, path.n, "/trap")) __builtin_trap();
  else if (starts(p, path.n, "/error")) route_error(out);
  else if (starts(p, path.n, "/outbound")) route_outbound(req, out);
  else if (starts(p, path.n, "/none")) drop_outparam(out);
  else respond(out, 404, fields_new());
  drop_req(req);
}
