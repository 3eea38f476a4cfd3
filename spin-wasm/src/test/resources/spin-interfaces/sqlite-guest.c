// Forwards each export of sqlite-guest.wit to its import (see forward.h). Build (from this directory):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o /tmp/sqlite-guest.module.wasm sqlite-guest.c
//   node <spin-component-model/tools>/embed-new.mjs /tmp/sqlite-guest.module.wasm sqlite-guest.wit sqlite-guest
// (writes sqlite-guest.core.wasm, not used, and sqlite-guest.wasm)
#define API "test:sqlite-guest/api#"
#include "forward.h"

#define V2 "fermyon:spin/sqlite@2.0.0"
FWD2(V2, "[static]connection.open", "v2-open", v2_open)
FWD5(V2, "[method]connection.execute", "v2-execute", v2_execute)
DROP(V2, "[resource-drop]connection", "v2-drop", v2_drop)

#define V3 "spin:sqlite/sqlite@3.0.0"
FWD2(V3, "[static]connection.open", "v3-open", v3_open)
FWD5(V3, "[method]connection.execute", "v3-execute", v3_execute)
DROP(V3, "[resource-drop]connection", "v3-drop", v3_drop)
IMPORT(V3, "[method]connection.last-insert-rowid") extern i64 v3_last_insert_rowid_i(i32);
EXPORT("v3-last-insert-rowid") i64 v3_last_insert_rowid(i32 c) { return v3_last_insert_rowid_i(c); }
IMPORT(V3, "[method]connection.changes") extern i64 v3_changes_i(i32);
EXPORT("v3-changes") i64 v3_changes(i32 c) { return v3_changes_i(c); }
