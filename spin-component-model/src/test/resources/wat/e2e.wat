;; End-to-end component in the shape wit-component emits: an imported interface whose `log`
;; needs memory and realloc (lowered indirectly through the shim table that the fixups module
;; patches), a direct lowering of `add`, lifted exports with post-return and a return pointer,
;; and a nested component re-exporting a function it is instantiated with.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse e2e.wat -o e2e.wasm
(component
  (import "test:e2e/host@0.2.3" (instance $host
    (export "log" (func (param "msg" string)))
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (alias export $host "log" (func $log))
  (alias export $host "add" (func $add))
  (core module $shim
    (table (export "$imports") 1 1 funcref)
    (type $t (func (param i32 i32)))
    (func (export "0") (param i32 i32) local.get 0 local.get 1 i32.const 0 call_indirect (type $t)))
  (core module $main
    (import "host" "log" (func $log (param i32 i32)))
    (import "host" "add" (func $add (param i32 i32) (result i32)))
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
    (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
      local.get $ptr local.get $len call $log
      i32.const 16 local.get $ptr i32.store
      i32.const 20 local.get $len i32.store
      i32.const 16)
    (func (export "cabi_post_greet") (param i32)
      global.get $posts i32.const 1 i32.add global.set $posts)
    (func (export "sum") (param i32 i32) (result i32)
      local.get 0 local.get 1 call $add i32.const 1 i32.add)
    (func (export "post-count") (result i32) global.get $posts))
  (core module $fixups
    (import "" "0" (func (param i32 i32)))
    (import "" "$imports" (table 1 1 funcref))
    (elem (i32.const 0) func 0))
  (core instance $shim_i (instantiate $shim))
  (alias core export $shim_i "0" (core func $log_shim))
  (core func $add_lowered (canon lower (func $add)))
  (core instance $host_args (export "log" (func $log_shim)) (export "add" (func $add_lowered)))
  (core instance $main_i (instantiate $main (with "host" (instance $host_args))))
  (alias core export $main_i "memory" (core memory $mem))
  (alias core export $main_i "cabi_realloc" (core func $realloc))
  (core func $log_lowered (canon lower (func $log) (memory $mem) (realloc $realloc) string-encoding=utf8))
  (alias core export $shim_i "$imports" (core table $tbl))
  (core instance $fix_args (export "0" (func $log_lowered)) (export "$imports" (table $tbl)))
  (core instance (instantiate $fixups (with "" (instance $fix_args))))
  (func $greet (param "name" string) (result string)
    (canon lift (core func $main_i "greet") (memory $mem) (realloc $realloc)
      (post-return (core func $main_i "cabi_post_greet"))))
  (func $sum (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $main_i "sum")))
  (func $posts (result u32) (canon lift (core func $main_i "post-count")))
  (component $inner
    (import "f" (func $f (param "a" u32) (param "b" u32) (result u32)))
    (export "g" (func $f)))
  (instance $inner_i (instantiate $inner (with "f" (func $sum))))
  (alias export $inner_i "g" (func $g))
  (export "greet" (func $greet))
  (export "sum" (func $sum))
  (export "post-count" (func $posts))
  (export "nested-sum" (func $g))
)
