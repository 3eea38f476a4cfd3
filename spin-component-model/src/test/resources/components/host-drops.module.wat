;; A core module made by wit-bindgen for a world importing a host resource: it constructs a
;; handle, calls a method through a borrow, and drops it with the `[resource-drop]thing` import
;; that componentNew turns into canon resource.drop; `consume` is handed an own handle by its
;; caller, as wasi:http/incoming-handler#handle is.
;; embed: host-drops.wit host-drops
;; Build: tools/build-fixtures.sh (jco parse, then tools/embed-new.mjs with the world above:
;; host-drops.core.wasm is componentEmbed's output, host-drops.wasm componentNew's)
(module
  (import "test:drops/host@0.1.0" "[constructor]thing" (func $new (param i32) (result i32)))
  (import "test:drops/host@0.1.0" "[method]thing.value" (func $value (param i32) (result i32)))
  (import "test:drops/host@0.1.0" "[resource-drop]thing" (func $drop (param i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  (func (export "test:drops/api@0.1.0#use-and-drop") (param $n i32) (result i32)
    (local $h i32) (local $v i32)
    (local.set $h (call $new (local.get $n)))
    (local.set $v (call $value (local.get $h)))
    (call $drop (local.get $h))
    (local.get $v))
  (func (export "test:drops/api@0.1.0#drop-twice") (param $n i32)
    (local $h i32)
    (local.set $h (call $new (local.get $n)))
    (call $drop (local.get $h))
    (call $drop (local.get $h)))
  (func (export "test:drops/api@0.1.0#consume") (param $h i32) (result i32)
    (local $v i32)
    (local.set $v (call $value (local.get $h)))
    (call $drop (local.get $h))
    (local.get $v)))
