// A Spin 3 HTTP component in C without wit-bindgen: the canonical ABI of the few wasi:http
// 0.2.12 functions it calls is written out by hand below (flattened parameters; results that do
// not fit one core value come back through a pointer to a buffer laid out as the canonical ABI
// lays out that type). Answers 200 text/plain "Hello from a C component! You asked for <path>".
// Build: ./build.sh (see README.md).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HTTP "wasi:http/types@0.2.12"
#define STREAMS "wasi:io/streams@0.2.12"
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// option<string>, result<own<T>, header-error> and result<own<T>>: a u8 case, the payload at 4
typedef struct { uint8_t tag; uint32_t a; uint32_t b; } tagged3;
// result<_, error-code>: error-code holds a u64, so it starts at 8
typedef struct { uint8_t tag; uint64_t error_code[5]; } tagged_error_code;
// one entry of list<tuple<field-name, field-value>>: a string and a list<u8>
typedef struct { const char *name; uint32_t name_len; const char *value; uint32_t value_len; } field;

IMPORT(HTTP, "[static]fields.from-list") void fields_from_list(const field *entries, uint32_t count, tagged3 *ret);
IMPORT(HTTP, "[constructor]outgoing-response") int32_t outgoing_response_new(int32_t headers);
IMPORT(HTTP, "[method]outgoing-response.set-status-code") int32_t outgoing_response_set_status_code(int32_t response, int32_t status);
IMPORT(HTTP, "[method]outgoing-response.body") void outgoing_response_body(int32_t response, tagged3 *ret);
IMPORT(HTTP, "[method]outgoing-body.write") void outgoing_body_write(int32_t body, tagged3 *ret);
IMPORT(HTTP, "[static]outgoing-body.finish") void outgoing_body_finish(int32_t body, int32_t has_trailers, int32_t trailers, tagged_error_code *ret);
// result<outgoing-response, error-code> flattens to 8 core values: the case, then the join of
// own<outgoing-response> (i32) with error-code's flattening (i32 case, i32, i64, 4 x i32)
IMPORT(HTTP, "[static]response-outparam.set") void response_outparam_set(int32_t outparam, int32_t is_err,
        int32_t response, int32_t e1, int64_t e2, int32_t e3, int32_t e4, int32_t e5, int32_t e6);
IMPORT(HTTP, "[method]incoming-request.path-with-query") void incoming_request_path_with_query(int32_t request, tagged3 *ret);
IMPORT(HTTP, "[resource-drop]incoming-request") void incoming_request_drop(int32_t request);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush") void output_stream_blocking_write_and_flush(int32_t stream, const void *bytes, uint32_t len, tagged3 *ret);
IMPORT(STREAMS, "[resource-drop]output-stream") void output_stream_drop(int32_t stream);

// The host copies strings and lists it returns (the path) into memory it gets from here.
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void) old_size;
    (void) align; // malloc's 16-byte alignment covers every canonical ABI alignment
    void *p = realloc(old, new_size);
    if (p == NULL && new_size != 0) {
        __builtin_trap();
    }
    return p;
}

static const char GREETING[] = "Hello from a C component! You asked for ";

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle"))) void handle(int32_t request, int32_t outparam) {
    tagged3 path;
    incoming_request_path_with_query(request, &path);
    incoming_request_drop(request);
    const char *path_bytes = path.tag ? (const char *) (uintptr_t) path.a : "/";
    uint32_t path_len = path.tag ? path.b : 1;

    size_t len = sizeof GREETING - 1 + path_len + 1;
    char *text = malloc(len);
    memcpy(text, GREETING, sizeof GREETING - 1);
    memcpy(text + sizeof GREETING - 1, path_bytes, path_len);
    text[len - 1] = '\n';

    static const field headers[] = {{"content-type", 12, "text/plain", 10}};
    tagged3 fields;
    fields_from_list(headers, 1, &fields);
    if (fields.tag != 0) {
        __builtin_trap();
    }
    int32_t response = outgoing_response_new((int32_t) fields.a);
    outgoing_response_set_status_code(response, 200);
    tagged3 body;
    outgoing_response_body(response, &body);
    response_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);

    tagged3 stream;
    outgoing_body_write((int32_t) body.a, &stream);
    // blocking-write-and-flush takes at most 4096 bytes a call
    for (uint32_t off = 0; off < len; off += 4096) {
        uint32_t n = len - off < 4096 ? len - off : 4096;
        tagged3 written;
        output_stream_blocking_write_and_flush((int32_t) stream.a, text + off, n, &written);
        if (written.tag != 0) {
            break; // the client went away: nothing left to tell it
        }
    }
    output_stream_drop((int32_t) stream.a);
    tagged_error_code finished;
    outgoing_body_finish((int32_t) body.a, 0, 0, &finished);
    free(text);
}
