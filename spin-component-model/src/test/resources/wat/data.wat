;; Strings and byte lists through real guest memory: a UTF-16 guest (string-encoding=utf16 on
;; both its lowered import and its lifted export) and list<u8> in both directions, results
;; through return pointers, imports lowered indirectly through the shim/fixups tables.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse data.wat -o data.wasm
(component
  (import "test:data/host@0.1.0" (instance $host
    (export "reverse" (func (param "bytes" (list u8)) (result (list u8))))
    (export "shout" (func (param "s" string) (result string)))))
  (alias export $host "reverse" (func $reverse))
  (alias export $host "shout" (func $shout))
  (core module $shim
    (table (export "$imports") 2 2 funcref)
    (type $t (func (param i32 i32 i32)))
    (func (export "0") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 i32.const 0 call_indirect (type $t))
    (func (export "1") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 i32.const 1 call_indirect (type $t)))
  (core module $main
    (import "host" "reverse" (func $reverse (param i32 i32 i32)))
    (import "host" "shout" (func $shout (param i32 i32 i32)))
    (memory (export "memory") 4)
    (global $bump (mut i32) (i32.const 1024))
    (global $allocs (mut i32) (i32.const 0))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $allocs i32.const 1 i32.add global.set $allocs
      global.get $bump local.get 2 i32.add i32.const 1 i32.sub
      i32.const 0 local.get 2 i32.sub i32.and
      local.set $p
      local.get $p local.get 3 i32.add global.set $bump
      local.get 0 if local.get $p local.get 0 local.get 1 memory.copy end
      local.get $p)
    (func (export "echo-bytes") (param i32 i32) (result i32)
      local.get 0 local.get 1 i32.const 32 call $reverse
      i32.const 32)
    (func (export "shout16") (param i32 i32) (result i32)
      local.get 0 local.get 1 i32.const 48 call $shout
      i32.const 48)
    (func (export "allocs") (result i32) global.get $allocs))
  (core module $fixups
    (import "" "0" (func (param i32 i32 i32)))
    (import "" "1" (func (param i32 i32 i32)))
    (import "" "$imports" (table 2 2 funcref))
    (elem (i32.const 0) func 0 1))
  (core instance $shim_i (instantiate $shim))
  (alias core export $shim_i "0" (core func $reverse_shim))
  (alias core export $shim_i "1" (core func $shout_shim))
  (core instance $host_args (export "reverse" (func $reverse_shim)) (export "shout" (func $shout_shim)))
  (core instance $main_i (instantiate $main (with "host" (instance $host_args))))
  (alias core export $main_i "memory" (core memory $mem))
  (alias core export $main_i "cabi_realloc" (core func $realloc))
  (core func $reverse_l (canon lower (func $reverse) (memory $mem) (realloc $realloc)))
  (core func $shout_l (canon lower (func $shout) (memory $mem) (realloc $realloc) string-encoding=utf16))
  (alias core export $shim_i "$imports" (core table $tbl))
  (core instance $fix_args (export "0" (func $reverse_l)) (export "1" (func $shout_l)) (export "$imports" (table $tbl)))
  (core instance (instantiate $fixups (with "" (instance $fix_args))))
  (func (export "echo-bytes") (param "b" (list u8)) (result (list u8))
    (canon lift (core func $main_i "echo-bytes") (memory $mem) (realloc $realloc)))
  (func (export "shout16") (param "s" string) (result string)
    (canon lift (core func $main_i "shout16") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "allocs") (result u32) (canon lift (core func $main_i "allocs")))
)
