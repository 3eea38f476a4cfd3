// A wasi:http component for the streaming trigger tests, with hand-written bindings to the core
// ABI of wasi:http@0.2.12 (SPEC2 §2.11). handle() dispatches on the request path. Build: ./build.sh
// The allocator, string helpers, text buffer and return area the wasi:http test guests share
// (a bump heap of 4 MiB: enough for what these routes allocate in one request).
#include "guest-common.h"

#define TYPES "wasi:http/types@0.2.12"
#define STREAMS "wasi:io/streams@0.2.12"

IMPORT(TYPES, "[method]incoming-request.method") void req_method(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.path-with-query") void req_path(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.authority") void req_authority(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.headers") int32_t req_headers(int32_t);
IMPORT(TYPES, "[method]incoming-request.consume") void req_consume(int32_t, void *);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_req(int32_t);
IMPORT(TYPES, "[constructor]fields") int32_t fields_new(void);
IMPORT(TYPES, "[method]fields.append") void fields_append(int32_t, const void *, int32_t, const void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.entries") void fields_entries(int32_t, void *);
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
IMPORT(TYPES, "[resource-drop]incoming-body") void drop_incoming_body(int32_t);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void stream_read(int32_t, int64_t, void *);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input(int32_t);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush") void stream_write(int32_t, const void *, int32_t, void *);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output(int32_t);

// Writes n bytes, 4096 per blocking call (the WIT's limit); 1 when the stream failed.
static int write_all(int32_t stream, const uint8_t *data, size_t n) {
  for (size_t off = 0; off < n;) {
    size_t k = n - off > 4096 ? 4096 : n - off;
    stream_write(stream, data + off, (int32_t)k, ret);
    if (u8at(0)) return 1;
    off += k;
  }
  return 0;
}

// Sends the head of a 200 with `headers` and opens its body: *body gets the outgoing-body, the result is its stream.
static int32_t send_head(int32_t out, int32_t headers, int32_t *body) {
  int32_t resp = response_new(headers);
  response_body(resp, ret);
  *body = i32at(4);
  outparam_set(out, 0, resp, 0, 0, 0, 0, 0, 0);
  body_write(*body, ret);
  return i32at(4);
}

static void respond_text(int32_t out) {
  int32_t body;
  int32_t stream = send_head(out, fields_new(), &body);
  write_all(stream, text, text_len);
  drop_output(stream);
  body_finish(body, 0, 0, ret);
}

// What the guest was given: method discriminant, authority, path, then every header.
static void route_info(int32_t req, int32_t out, const char *path, int32_t path_len) {
  req_method(req, ret);
  puts_("method="); put(&"0123456789"[u8at(0)], 1); puts_("\n");
  req_authority(req, ret);
  puts_("authority="); if (u8at(0)) put((void *)i32at(4), i32at(8)); puts_("\n");
  puts_("path="); put(path, path_len); puts_("\n");
  int32_t h = req_headers(req);
  fields_entries(h, ret);
  uint8_t *list = (uint8_t *)i32at(0);
  for (int32_t i = 0; i < i32at(4); i++) {
    int32_t *e = (int32_t *)(list + 16 * i);
    put((void *)e[0], e[1]); puts_(": "); put((void *)e[2], e[3]); puts_("\n");
  }
  drop_fields(h);
  respond_text(out);
}

// The head first, then every request body chunk written back as soon as it is read.
static void route_echo(int32_t req, int32_t out) {
  req_consume(req, ret);
  int32_t in_body = i32at(4);
  incoming_body_stream(in_body, ret);
  int32_t in = i32at(4);
  int32_t body;
  int32_t stream = send_head(out, fields_new(), &body);
  for (;;) {
    stream_read(in, 4096, ret);
    if (u8at(0)) break;  // closed or failed: either way the echo ends
    if (write_all(stream, (const uint8_t *)i32at(4), i32at(8))) break;
  }
  drop_input(in);
  drop_incoming_body(in_body);
  drop_output(stream);
  body_finish(body, 0, 0, ret);
}

// /big/<n>: n bytes of 'x', streamed, with no content-length.
static void route_big(int32_t out, const uint8_t *digits, int32_t n) {
  uint64_t total = 0;
  for (int32_t i = 0; i < n; i++) total = total * 10 + (digits[i] - '0');
  for (size_t i = 0; i < 4096; i++) text[i] = 'x';
  int32_t body;
  int32_t stream = send_head(out, fields_new(), &body);
  for (uint64_t sent = 0; sent < total;) {
    size_t k = total - sent > 4096 ? 4096 : (size_t)(total - sent);
    if (write_all(stream, text, k)) break;
    sent += k;
  }
  drop_output(stream);
  body_finish(body, 0, 0, ret);
}

static void route_trap_after(int32_t out) {
  int32_t body;
  int32_t stream = send_head(out, fields_new(), &body);
  puts_("partial");
  write_all(stream, text, text_len);
  __builtin_trap();
}

static void route_drop_body(int32_t out) {
  int32_t body;
  int32_t stream = send_head(out, fields_new(), &body);
  puts_("partial");
  write_all(stream, text, text_len);
  drop_output(stream);
  drop_outgoing_body(body);
}

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(int32_t req, int32_t out) {
  req_path(req, ret);
  const char *path = (const char *)i32at(4);
  int32_t path_len = i32at(8);
  const uint8_t *p = (const uint8_t *)path;
  if (starts(p, path_len, "/info")) route_info(req, out, path, path_len);
  else if (starts(p, path_len, "/echo")) route_echo(req, out);
  else if (starts(p, path_len, "/big/")) route_big(out, p + 5, path_len - 5);
  else if (starts(p, path_len, "/trap-after")) route_trap_after(out);
  else if (starts(p, path_len, "/trap")) __builtin_trap();
  else if (starts(p, path_len, "/drop-body")) route_drop_body(out);
  // err(internal-error(some("boom"))): error-code disc 38, option tag 1, string ptr/len
  else if (starts(p, path_len, "/error")) outparam_set(out, 1, 38, 1, (int64_t)(int32_t)"boom", 4, 0, 0, 0);
  else if (starts(p, path_len, "/none")) drop_outparam(out);
  else { puts_("no such route"); respond_text(out); }
  drop_req(req);
}
