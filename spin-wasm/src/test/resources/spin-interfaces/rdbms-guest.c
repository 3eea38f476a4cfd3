// Forwards each export of rdbms-guest.wit to its import (see forward.h). Build (from this directory):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o /tmp/rdbms-guest.module.wasm rdbms-guest.c
//   node <spin-component-model/tools>/embed-new.mjs /tmp/rdbms-guest.module.wasm rdbms-guest.wit rdbms-guest
// (writes rdbms-guest.core.wasm, not used, and rdbms-guest.wasm)
#define API "test:rdbms-guest/api#"
#include "forward.h"

#define CONNECTION(mod, prefix, fn)                                                \
    FWD2(mod, "[static]connection.open", prefix "-open", fn##_open)                \
    FWD5(mod, "[method]connection.query", prefix "-query", fn##_query)             \
    FWD5(mod, "[method]connection.execute", prefix "-execute", fn##_execute)       \
    DROP(mod, "[resource-drop]connection", prefix "-drop", fn##_drop)

CONNECTION("fermyon:spin/postgres@2.0.0", "pg2", pg2)
CONNECTION("fermyon:spin/mysql@2.0.0", "mysql2", mysql2)
CONNECTION("spin:postgres/postgres@3.0.0", "pg3", pg3)
