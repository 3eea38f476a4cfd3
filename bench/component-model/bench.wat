;; The benchmark component: no imports, one memory, a bump allocator that post-return resets.
;; `echo-string` and `echo-bytes` hand their argument straight back, so a call copies the value
;; into guest memory (realloc + write) and out again (read): the canonical ABI's cost each way.
;; Build: spin-component-model/tools/node_modules/.bin/jco parse bench/component-model/bench.wat -o bench/component-model/bench.wasm
(component
  (core module $m
    (memory (export "memory") 3)
    (global $bump (mut i32) (i32.const 16))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      global.get $bump local.get $align i32.add i32.const 1 i32.sub
      i32.const 0 local.get $align i32.sub i32.and
      local.set $p
      local.get $p local.get $size i32.add global.set $bump
      local.get $p)
    ;; (ptr, len) in, the same (ptr, len) out through the return area at 0
    (func (export "echo") (param i32 i32) (result i32)
      i32.const 0 local.get 0 i32.store
      i32.const 0 local.get 1 i32.store offset=4
      i32.const 0)
    (func (export "cabi_post_echo") (param i32)
      i32.const 16 global.set $bump)
    (func (export "noop")))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (alias core export $i "echo" (core func $echo))
  (alias core export $i "cabi_post_echo" (core func $post))
  (alias core export $i "noop" (core func $noop))
  (func $echo-string (param "s" string) (result string)
    (canon lift (core func $echo) (memory $mem) (realloc $realloc) (post-return $post) string-encoding=utf8))
  (func $echo-bytes (param "b" (list u8)) (result (list u8))
    (canon lift (core func $echo) (memory $mem) (realloc $realloc) (post-return $post)))
  (func $noop-lifted (canon lift (core func $noop)))
  (instance $api
    (export "echo-string" (func $echo-string))
    (export "echo-bytes" (func $echo-bytes))
    (export "noop" (func $noop-lifted)))
  (export "test:bench/api" (instance $api)))
