;; A Spin 1.x guest of the key-value interface (SPEC 3.4, canonical module names): each export
;; forwards to one import with the strings the test wrote into memory, and returns the address
;; of the import's result area. Compiled at test time (WatGuests).
(module
  (import "fermyon:spin/key-value" "open" (func $open (param i32 i32 i32)))
  (import "fermyon:spin/key-value" "get" (func $get (param i32 i32 i32 i32)))
  (import "fermyon:spin/key-value" "set" (func $set (param i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))
  ;; a bump allocator: enough for a guest that lives for one call
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "open") (param i32 i32) (result i32)
    (call $open (local.get 0) (local.get 1) (i32.const 1024))
    (i32.const 1024))
  (func (export "get") (param i32 i32 i32) (result i32)
    (call $get (local.get 0) (local.get 1) (local.get 2) (i32.const 1024))
    (i32.const 1024))
  (func (export "set") (param i32 i32 i32 i32 i32) (result i32)
    (call $set (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 1024))
    (i32.const 1024)))
