;; A component in the shape wit-component emits, reduced: an imported interface with a
;; resource, a main core module, a shim/fixups pair, canon lower/lift, resource intrinsics,
;; an inline-export instance, a nested component and exports with versioned names.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse shapes.wat -o shapes.wasm
(component
  (type $point (record (field "x" s32) (field "y" s32)))
  (import "test:shapes/host@0.2.3" (instance $host
    (export "stream" (type $stream (sub resource)))
    (type $p (record (field "x" s32) (field "y" s32)))
    (export "point" (type $pt (eq $p)))
    (export "log" (func (param "msg" string)))
    (export "[method]stream.write" (func (param "self" (borrow $stream)) (param "bytes" (list u8)) (result u64)))
  ))
  (alias export $host "log" (func $log))
  (alias export $host "stream" (type $stream))
  (core module $shim
    (table (export "$imports") 1 1 funcref)
    (type $t (func (param i32 i32)))
    (func (export "0") (param i32 i32) local.get 0 local.get 1 i32.const 0 call_indirect (type $t))
  )
  (core module $main
    (import "host" "log" (func $log (param i32 i32)))
    (import "[export]test:shapes/things" "[resource-new]thing" (func $new (param i32) (result i32)))
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $bump
      local.set $p
      global.get $bump
      local.get 3
      i32.add
      global.set $bump
      local.get $p)
    (func (export "test:shapes/things#make") (param i32) (result i32)
      local.get 0 call $new)
    (func (export "test:shapes/things#[dtor]thing") (param i32))
    (func (export "add") (param i32 i32 i32 i32) (result i32)
      i32.const 2000
      local.get 0 local.get 2 i32.add
      i32.store
      i32.const 2004
      local.get 1 local.get 3 i32.add
      i32.store
      i32.const 2000)
    (func (export "cabi_post_add") (param i32))
  )
  (core module $fixups
    (import "" "0" (func (param i32 i32)))
    (import "" "$imports" (table 1 1 funcref))
    (elem (i32.const 0) func 0)
  )
  (core instance $shim_i (instantiate $shim))
  (alias core export $shim_i "0" (core func $log_shim))
  (core instance $host_args (export "log" (func $log_shim)))
  (core module $dtors (func (export "thing") (param i32)))
  (core instance $dtors_i (instantiate $dtors))
  (type $thing (resource (rep i32) (dtor (core func $dtors_i "thing"))))
  (core func $thing_new (canon resource.new $thing))
  (core func $thing_rep (canon resource.rep $thing))
  (core func $thing_drop (canon resource.drop $thing))
  (core instance $export_args (export "[resource-new]thing" (func $thing_new)))
  (core instance $main_i (instantiate $main
    (with "host" (instance $host_args))
    (with "[export]test:shapes/things" (instance $export_args))))
  (alias core export $main_i "memory" (core memory $mem))
  (alias core export $main_i "cabi_realloc" (core func $realloc))
  (core func $log_lowered (canon lower (func $log) (memory $mem) (realloc $realloc) string-encoding=utf8))
  (alias core export $shim_i "$imports" (core table $tbl))
  (core instance $fix_args (export "0" (func $log_lowered)) (export "$imports" (table $tbl)))
  (core instance (instantiate $fixups (with "" (instance $fix_args))))
  (type $make_t (func (param "n" u32) (result (own $thing))))
  (func $make (type $make_t) (canon lift (core func $main_i "test:shapes/things#make")))
  (type $add_t (func (param "a" $point) (param "b" $point) (result $point)))
  (func $add (type $add_t) (canon lift (core func $main_i "add") (memory $mem) (post-return (core func $main_i "cabi_post_add"))))
  (func $twice (param "n" u32) (result u32) (canon lift (core func $main_i "test:shapes/things#make")))
  (component $inner
    (import "f" (func $f (param "n" u32) (result u32)))
    (alias outer 1 $point (type $outer_point))
    (export "g" (func $f))
  )
  (instance $inner_i (instantiate $inner (with "f" (func $twice))))
  (alias export $inner_i "g" (func $g))
  (instance $things (export "thing" (type $thing)) (export "make" (func $make)))
  (export "test:shapes/things@0.1.0" (instance $things))
  (instance $math (export "point" (type $point)) (export "add" (func $add)))
  (export "test:shapes/math" (instance $math))
  (export "twice" (func $g))
)
