;; Strings in utf8 through canon lift/lower with memory, realloc and post-return, and host
;; imports lowered through the shim/fixup table pattern wit-component emits (the lowered
;; functions need the main module's memory and realloc, which exist only after it is
;; instantiated).
;;   echo         returns its argument through a return pointer; post-return then clobbers the
;;                returned bytes and counts, so lifting after post-return shows up as garbage
;;   relay        calls host.log(s), then returns host.greeting() (host -> guest via realloc)
;;   concat       two string params, result built in guest memory
;;   bad-pointer  returns a string pointer past the end of memory: trap
;;   bad-encoding returns bytes that are not utf8 (C3 28): trap per the spec
;;   log-bad-pointer passes an out-of-bounds string to host.log: trap
;; strings-utf16.wat is this file with string-encoding=utf16 on every canon option, lengths in
;; code units, and a lone surrogate for bad-encoding.
;; Build: tools/build-fixtures.sh (jco parse strings-utf8.wat -o strings-utf8.wasm)
(component
  (import "test:strings/host" (instance $host
    (export "log" (func (param "msg" string)))
    (export "greeting" (func (result string)))
  ))
  (core module $shim
    (type $log (func (param i32 i32)))
    (type $greeting (func (param i32)))
    (table (export "$imports") 2 2 funcref)
    (func (export "log") (param i32 i32)
      (call_indirect (type $log) (local.get 0) (local.get 1) (i32.const 0)))
    (func (export "greeting") (param i32)
      (call_indirect (type $greeting) (local.get 0) (i32.const 1)))
  )
  (core instance $shim-i (instantiate $shim))
  (core module $m
    (import "host" "log" (func $log (param i32 i32)))
    (import "host" "greeting" (func $greeting (param i32)))
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (global $post-returns (mut i32) (i32.const 0))
    ;; bump allocator; copies the old block on growth
    (func $realloc (export "cabi_realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (if (i32.gt_u (global.get $bump) (i32.shl (memory.size) (i32.const 16)))
        (then (if (i32.eq (i32.const -1)
                    (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $bump) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))
                (then unreachable))))
      (if (local.get $old)
        (then (memory.copy (local.get $p) (local.get $old)
                (select (local.get $old-size) (local.get $size) (i32.lt_u (local.get $old-size) (local.get $size))))))
      (local.get $p))
    ;; results go through a return area at 16: [ptr, len]
    (func $ret (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 16) (local.get $ptr))
      (i32.store (i32.const 20) (local.get $len))
      (i32.const 16))
    (func (export "echo") (param i32 i32) (result i32)
      (call $ret (local.get 0) (local.get 1)))
    ;; post-return of echo: clobber the returned string and count the call
    (func (export "cabi_post_echo") (param $area i32)
      (memory.fill (i32.load (local.get $area)) (i32.const 0x21) (i32.load offset=4 (local.get $area)))
      (global.set $post-returns (i32.add (global.get $post-returns) (i32.const 1))))
    (func (export "post-return-count") (result i32) (global.get $post-returns))
    (func (export "relay") (param i32 i32) (result i32)
      (call $log (local.get 0) (local.get 1))
      (call $greeting (i32.const 32))
      (call $ret (i32.load (i32.const 32)) (i32.load (i32.const 36))))
    (func (export "concat") (param $a i32) (param $alen i32) (param $b i32) (param $blen i32) (result i32)
      (local $p i32)
      (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $alen) (local.get $blen))))
      (memory.copy (local.get $p) (local.get $a) (local.get $alen))
      (memory.copy (i32.add (local.get $p) (local.get $alen)) (local.get $b) (local.get $blen))
      (call $ret (local.get $p) (i32.add (local.get $alen) (local.get $blen))))
    (func (export "bad-pointer") (result i32)
      (call $ret (i32.const 65530) (i32.const 100)))
    (func (export "bad-encoding") (result i32)
      (i32.store16 (i32.const 48) (i32.const 0x28C3))
      (call $ret (i32.const 48) (i32.const 2)))
    (func (export "log-bad-pointer")
      (call $log (i32.const 65000) (i32.const 1000)))
  )
  (core instance $i (instantiate $m (with "host" (instance $shim-i))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (core func $lower-log (canon lower (func $host "log") (memory $mem) string-encoding=utf8))
  (core func $lower-greeting (canon lower (func $host "greeting") (memory $mem) (realloc $realloc) string-encoding=utf8))
  (core module $fixup
    (import "" "$imports" (table 2 2 funcref))
    (import "" "0" (func $f0 (param i32 i32)))
    (import "" "1" (func $f1 (param i32)))
    (elem (i32.const 0) func $f0 $f1)
  )
  (core instance (instantiate $fixup (with "" (instance
    (export "$imports" (table $shim-i "$imports"))
    (export "0" (func $lower-log))
    (export "1" (func $lower-greeting))
  ))))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=utf8
      (post-return (core func $i "cabi_post_echo"))))
  (func $relay (param "s" string) (result string)
    (canon lift (core func $i "relay") (memory $mem) (realloc $realloc) string-encoding=utf8))
  (func $concat (param "a" string) (param "b" string) (result string)
    (canon lift (core func $i "concat") (memory $mem) (realloc $realloc) string-encoding=utf8))
  (func $post-return-count (result u32) (canon lift (core func $i "post-return-count")))
  (func $bad-pointer (result string)
    (canon lift (core func $i "bad-pointer") (memory $mem) string-encoding=utf8))
  (func $bad-encoding (result string)
    (canon lift (core func $i "bad-encoding") (memory $mem) string-encoding=utf8))
  (func $log-bad-pointer (canon lift (core func $i "log-bad-pointer")))
  (instance $api
    (export "echo" (func $echo))
    (export "relay" (func $relay))
    (export "concat" (func $concat))
    (export "post-return-count" (func $post-return-count))
    (export "bad-pointer" (func $bad-pointer))
    (export "bad-encoding" (func $bad-encoding))
    (export "log-bad-pointer" (func $log-bad-pointer))
  )
  (export "test:strings/api" (instance $api))
)
