;; Calls spin-config.get-config (or its canonical twin, by the import module given to
;; WatGuests) with a key the test wrote into memory; returns the address of the result area.
(module
  (import "IMPORT_MODULE" "get-config" (func $get (param i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))
  ;; a bump allocator: enough for a guest that lives for one call
  (func (export "REALLOC") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "get") (param i32 i32) (result i32)
    (call $get (local.get 0) (local.get 1) (i32.const 1024))
    (i32.const 1024)))
