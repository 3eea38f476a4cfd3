// Forwards each export of outbound-guest.wit to its import (see forward.h). Build (from this directory):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o /tmp/outbound-guest.module.wasm outbound-guest.c
//   node <spin-component-model/tools>/embed-new.mjs /tmp/outbound-guest.module.wasm outbound-guest.wit outbound-guest
// (writes outbound-guest.core.wasm, not used, and outbound-guest.wasm)
#define API "test:outbound-guest/api#"
#include "forward.h"

#define REDIS "fermyon:spin/redis@2.0.0"
FWD2(REDIS, "[static]connection.open", "redis-open", redis_open)
FWD5(REDIS, "[method]connection.publish", "redis-publish", redis_publish)
FWD3(REDIS, "[method]connection.get", "redis-get", redis_get)
FWD5(REDIS, "[method]connection.set", "redis-set", redis_set)
FWD3(REDIS, "[method]connection.incr", "redis-incr", redis_incr)
FWD3(REDIS, "[method]connection.del", "redis-del", redis_del)
FWD5(REDIS, "[method]connection.sadd", "redis-sadd", redis_sadd)
FWD3(REDIS, "[method]connection.smembers", "redis-smembers", redis_smembers)
FWD5(REDIS, "[method]connection.srem", "redis-srem", redis_srem)
FWD5(REDIS, "[method]connection.execute", "redis-execute", redis_execute)
DROP(REDIS, "[resource-drop]connection", "redis-drop", redis_drop)

#define MQTT "fermyon:spin/mqtt@2.0.0"
IMPORT(MQTT, "[static]connection.open") extern void mqtt_open_i(i32, i32, i32, i32, i32, i32, i64, uint8_t *);
EXPORT("mqtt-open") uint8_t *mqtt_open(i32 ap, i32 al, i32 up, i32 ul, i32 pp, i32 pl, i64 keep_alive) {
    mqtt_open_i(ap, al, up, ul, pp, pl, keep_alive, RET);
    return RET;
}
FWD6(MQTT, "[method]connection.publish", "mqtt-publish", mqtt_publish)
DROP(MQTT, "[resource-drop]connection", "mqtt-drop", mqtt_drop)

#define LLM "fermyon:spin/llm@2.0.0"
// option<inferencing-params> flattens to its tag and the record's six fields, floats as f32
IMPORT(LLM, "infer") extern void infer_i(i32, i32, i32, i32, i32, i32, float, i32, float, i32, float, uint8_t *);
EXPORT("infer") uint8_t *infer(i32 mp, i32 ml, i32 pp, i32 pl, i32 some, i32 max_tokens, float repeat_penalty,
                               i32 last_n, float temperature, i32 top_k, float top_p) {
    infer_i(mp, ml, pp, pl, some, max_tokens, repeat_penalty, last_n, temperature, top_k, top_p, RET);
    return RET;
}
FWD4(LLM, "generate-embeddings", "generate-embeddings", generate_embeddings)
