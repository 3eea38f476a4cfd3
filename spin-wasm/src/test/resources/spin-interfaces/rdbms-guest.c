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

#define PG4 "spin:postgres/postgres@4.1.0"
CONNECTION(PG4, "pg4", pg4)
IMPORT(PG4, "[constructor]connection-builder") extern i32 pg4_builder_i(i32, i32);
EXPORT("pg4-builder") i32 pg4_builder(i32 p, i32 l) { return pg4_builder_i(p, l); }
FWD3(PG4, "[method]connection-builder.set-ca-root", "pg4-builder-set-ca-root", pg4_builder_set_ca_root)
FWD1(PG4, "[method]connection-builder.build", "pg4-builder-build", pg4_builder_build)
DROP(PG4, "[resource-drop]connection-builder", "pg4-builder-drop", pg4_builder_drop)
