;; Core module for WitComponentTest (made a component by wit-component); see embed.mjs for the build commands.
(module
  (import "test:embed/host" "log" (func $log (param i32 i32)))
  (import "test:embed/host" "[constructor]counter" (func $ctor (param i32) (result i32)))
  (import "test:embed/host" "[method]counter.next" (func $next (param i32) (result i32)))
  (import "test:embed/host" "[resource-drop]counter" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (global $posts (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    global.get $bump local.get 2 i32.add i32.const 1 i32.sub
    i32.const 0 local.get 2 i32.sub i32.and
    local.set $p
    local.get $p local.get 3 i32.add global.set $bump
    local.get 0 if local.get $p local.get 0 local.get 1 memory.copy end
    local.get $p)
  ;; greet(name) logs the name, counts with a host counter (start 40, two steps) and
  ;; returns the name: the result pair is written at 16
  (func (export "test:embed/api#greet") (param $ptr i32) (param $len i32) (result i32) (local $c i32)
    local.get $ptr local.get $len call $log
    i32.const 40 call $ctor local.set $c
    local.get $c call $next drop
    local.get $c call $next drop
    local.get $c call $drop
    i32.const 16 local.get $ptr i32.store
    i32.const 20 local.get $len i32.store
    i32.const 16)
  (func (export "cabi_post_test:embed/api#greet") (param i32)
    global.get $posts i32.const 1 i32.add global.set $posts)
)
