// A Spin 2.0-era wasi:http component for ReleaseCandidate20231018Test: hand-written bindings to
// the core ABI of wasi:http and wasi:io at 0.2.0-rc-2023-10-18 (guest-2023-10-18.wit). handle()
// dispatches on the request path. Build: ./build.sh
#include "guest-common.h"

#define V "@0.2.0-rc-2023-10-18"
#define TYPES "wasi:http/types" V
#define STREAMS "wasi:io/streams" V
#define POLL "wasi:io/poll" V

IMPORT(TYPES, "[constructor]fields") int32_t fields_new(void *, int32_t);
IMPORT(TYPES, "[method]fields.get") void fields_get(int32_t, const void *, int32_t, void *);
IMPORT(TYPES, "[method]fields.set") void fields_set(int32_t, const void *, int32_t, void *, int32_t);
IMPORT(TYPES, "[resource-drop]fields") void drop_fields(int32_t);
IMPORT(TYPES, "[method]incoming-request.path-with-query") void req_path(int32_t, void *);
IMPORT(TYPES, "[method]incoming-request.headers") int32_t req_headers(int32_t);
IMPORT(TYPES, "[method]incoming-request.consume") void req_consume(int32_t, void *);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_req(int32_t);
IMPORT(TYPES, "[constructor]outgoing-request") int32_t request_new(int32_t, const void *, int32_t, int32_t, const void *, int32_t,
    int32_t, int32_t, const void *, int32_t, int32_t, const void *, int32_t, int32_t);
IMPORT(TYPES, "[method]outgoing-request.write") void request_write(int32_t, void *);
IMPORT(TYPES, "[static]response-outparam.set") void outparam_set(int32_t, int32_t, int32_t, int32_t, int32_t);
IMPORT(TYPES, "[method]incoming-response.status") int32_t incoming_status(int32_t);
IMPORT(TYPES, "[method]incoming-response.consume") void incoming_consume(int32_t, void *);
IMPORT(TYPES, "[resource-drop]incoming-response") void drop_incoming_response(int32_t);
IMPORT(TYPES, "[method]incoming-body.stream") void incoming_body_stream(int32_t, void *);
IMPORT(TYPES, "[static]incoming-body.finish") int32_t incoming_body_finish(int32_t);
IMPORT(TYPES, "[resource-drop]incoming-body") void drop_incoming_body(int32_t);
IMPORT(TYPES, "[method]future-trailers.subscribe") int32_t trailers_subscribe(int32_t);
IMPORT(TYPES, "[method]future-trailers.get") void trailers_get(int32_t, void *);
IMPORT(TYPES, "[resource-drop]future-trailers") void drop_trailers(int32_t);
IMPORT(TYPES, "[constructor]outgoing-response") int32_t response_new(int32_t, int32_t);
IMPORT(TYPES, "[method]outgoing-response.write") void response_write(int32_t, void *);
IMPORT(TYPES, "[method]outgoing-body.write") void body_write(int32_t, void *);
IMPORT(TYPES, "[static]outgoing-body.finish") void body_finish(int32_t, int32_t, int32_t);
IMPORT(TYPES, "[method]future-incoming-response.subscribe") int32_t future_subscribe(int32_t);
IMPORT(TYPES, "[method]future-incoming-response.get") void future_get(int32_t, void *);
IMPORT(TYPES, "[resource-drop]future-incoming-response") void drop_future(int32_t);
IMPORT("wasi:http/outgoing-handler" V, "handle") void outgoing_handle(int32_t, int32_t, int32_t, int32_t, int32_t, int32_t,
    int32_t, int32_t, void *);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void stream_read(int32_t, int64_t, void *);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input(int32_t);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush") void stream_write(int32_t, const void *, int32_t, void *);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output(int32_t);
IMPORT(POLL, "poll-one") void poll_one(int32_t);
IMPORT(POLL, "[resource-drop]pollable") void drop_pollable(int32_t);

static void wait_for(int32_t pollable) {
  poll_one(pollable);
  drop_pollable(pollable);
}

static void read_all(int32_t stream) {
  for (;;) {
    stream_read(stream, 65536, ret);
    if (u8at(0)) return;
    put((void *)i32at(4), i32at(8));
  }
}

// A response with `headers` (borrowed by the constructor, then dropped) and text[] as its body.
static void respond(int32_t out, int32_t status, int32_t headers) {
  int32_t resp = response_new(status, headers);
  drop_fields(headers);
  response_write(resp, ret);
  int32_t body = i32at(4);
  outparam_set(out, 0, resp, 0, 0);
  body_write(body, ret);
  int32_t stream = i32at(4);
  for (size_t off = 0; off < text_len; off += 4096) {
    size_t k = text_len - off > 4096 ? 4096 : text_len - off;
    stream_write(stream, text + off, (int32_t)k, ret);
  }
  drop_output(stream);
  body_finish(body, 0, 0);
}

static int32_t one_header(const char *name, const void *value, int32_t n) {
  int32_t entry[4] = {(int32_t)name, (int32_t)len(name), (int32_t)value, n};
  return fields_new(entry, 1);
}

static void route_echo(int32_t req, int32_t out) {
  req_consume(req, ret);
  int32_t body = i32at(4);
  incoming_body_stream(body, ret);
  int32_t stream = i32at(4);
  read_all(stream);
  drop_input(stream);
  int32_t trailers = incoming_body_finish(body);
  wait_for(trailers_subscribe(trailers));
  trailers_get(trailers, ret);
  drop_trailers(trailers);
  // option tag @0, result tag @4, trailers handle @8: absent trailers come as an empty fields
  int32_t t = i32at(8);
  fields_get(t, "x-checksum", 10, ret);
  int32_t headers = i32at(4) > 0 ? one_header("x-trailer-checksum", (void *)((int32_t *)i32at(0))[0], ((int32_t *)i32at(0))[1])
                                 : fields_new(0, 0);
  drop_fields(t);
  respond(out, 200, headers);
}

static void route_immutable(int32_t req) {
  int32_t h = req_headers(req);
  int32_t value[2] = {(int32_t)"1", 1};
  fields_set(h, "x-new", 5, value, 1);
}

static void route_short(int32_t out) {
  int32_t resp = response_new(200, one_header("content-length", "5", 1));
  response_write(resp, ret);
  int32_t body = i32at(4);
  outparam_set(out, 0, resp, 0, 0);
  body_write(body, ret);
  int32_t stream = i32at(4);
  stream_write(stream, "ab", 2, ret);
  drop_output(stream);
  body_finish(body, 0, 0);
}

// GET <path> with no scheme and no authority (a request to the app itself) or to example.com over
// HTTP, between-bytes timeout 1000 ms; answers with the upstream's status and body, or 502 and the
// error's text.
static void route_outbound(int32_t out, const char *path, const char *authority) {
  int32_t headers = fields_new(0, 0);
  int32_t has_authority = authority != 0;
  int32_t request = request_new(0, 0, 0, 1, path, (int32_t)len(path), has_authority, 0, 0, 0,
      has_authority, authority, has_authority ? (int32_t)len(authority) : 0, headers);
  drop_fields(headers);
  outgoing_handle(request, 1, 0, 0, 0, 0, 1, 1000, ret);
  if (u8at(0)) {
    puts_("handle-error");
    respond(out, 503, fields_new(0, 0));
    return;
  }
  int32_t future = i32at(4);
  wait_for(future_subscribe(future));
  future_get(future, ret);
  drop_future(future);
  // option tag @0, outer result @4, inner result @8, response @12 or error case @12 + string @16/@20
  if (u8at(8)) {
    put((void *)i32at(16), i32at(20));
    respond(out, 502, fields_new(0, 0));
    return;
  }
  int32_t response = i32at(12);
  int32_t status = incoming_status(response);
  incoming_consume(response, ret);
  int32_t body = i32at(4);
  incoming_body_stream(body, ret);
  int32_t stream = i32at(4);
  read_all(stream);
  drop_input(stream);
  drop_incoming_body(body);
  drop_incoming_response(response);
  respond(out, status, fields_new(0, 0));
}

__attribute__((export_name("wasi:http/incoming-handler" V "#handle")))
void handle(int32_t req, int32_t out) {
  req_path(req, ret);
  const uint8_t *p = (const uint8_t *)i32at(4);
  size_t n = i32at(8);
  if (starts(p, n, "/echo")) route_echo(req, out);
  else if (starts(p, n, "/immutable")) route_immutable(req);
  else if (starts(p, n, "/short")) route_short(out);
  else if (starts(p, n, "/self")) route_outbound(out, "/hello", 0);
  else if (starts(p, n, "/denied")) route_outbound(out, "/", "example.com");
  drop_req(req);
}
