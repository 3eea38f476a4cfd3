// Forwards each export of kv-guest.wit to its import (see forward.h). Build (from this directory):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o /tmp/kv-guest.module.wasm kv-guest.c
//   node <spin-component-model/tools>/embed-new.mjs /tmp/kv-guest.module.wasm kv-guest.wit kv-guest
// (writes kv-guest.core.wasm, not used, and kv-guest.wasm)
#define API "test:kv-guest/api#"
#include "forward.h"

#define KV "fermyon:spin/key-value@2.0.0"
FWD2(KV, "[static]store.open", "kv-open", kv_open)
FWD3(KV, "[method]store.get", "kv-get", kv_get)
FWD5(KV, "[method]store.set", "kv-set", kv_set)
FWD3(KV, "[method]store.delete", "kv-delete", kv_delete)
FWD3(KV, "[method]store.exists", "kv-exists", kv_exists)
FWD1(KV, "[method]store.get-keys", "kv-get-keys", kv_get_keys)
DROP(KV, "[resource-drop]store", "kv-drop", kv_drop)

FWD2("fermyon:spin/variables@2.0.0", "get", "variables-get", variables_get)
#define CONFIG "wasi:config/store@0.2.0-draft-2024-09-27"
FWD2(CONFIG, "get", "config-get", config_get)
IMPORT(CONFIG, "get-all") extern void config_get_all_i(uint8_t *);
EXPORT("config-get-all") uint8_t *config_get_all(void) { config_get_all_i(RET); return RET; }

#define STORE "wasi:keyvalue/store@0.2.0-draft2"
FWD2(STORE, "open", "bucket-open", bucket_open)
FWD3(STORE, "[method]bucket.get", "bucket-get", bucket_get)
FWD5(STORE, "[method]bucket.set", "bucket-set", bucket_set)
FWD3(STORE, "[method]bucket.delete", "bucket-delete", bucket_delete)
FWD3(STORE, "[method]bucket.exists", "bucket-exists", bucket_exists)
FWD4(STORE, "[method]bucket.list-keys", "bucket-list-keys", bucket_list_keys)
DROP(STORE, "[resource-drop]bucket", "bucket-drop", bucket_drop)

#define ATOMICS "wasi:keyvalue/atomics@0.2.0-draft2"
IMPORT(ATOMICS, "increment") extern void increment_i(i32, i32, i32, i64, uint8_t *);
EXPORT("increment") uint8_t *increment(i32 b, i32 kp, i32 kl, i64 delta) { increment_i(b, kp, kl, delta, RET); return RET; }
FWD3(ATOMICS, "[static]cas.new", "cas-new", cas_new)
FWD1(ATOMICS, "[method]cas.current", "cas-current", cas_current)
DROP(ATOMICS, "[resource-drop]cas", "cas-drop", cas_drop)
FWD3(ATOMICS, "swap", "swap", swap)

#define BATCH "wasi:keyvalue/batch@0.2.0-draft2"
FWD3(BATCH, "get-many", "get-many", get_many)
FWD3(BATCH, "set-many", "set-many", set_many)
FWD3(BATCH, "delete-many", "delete-many", delete_many)
