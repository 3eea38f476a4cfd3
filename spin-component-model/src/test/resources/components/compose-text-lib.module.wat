;; A dependency without imports (plugged into compose-text-app.wat by compose-text.compose.json),
;; written as the core module a wit-bindgen guest is: it exports test:compose/text@0.1.0 with a
;; string function (greet), a list parameter (sum), a list result (range), a record parameter
;; and result (scale), and a count of the calls this instance served (calls), which shows that
;; each instance of the main component gets its own.
;; embed: compose-text.wit text-lib
;; Build: tools/build-fixtures.sh (jco parse, then tools/embed-new.mjs with the world above:
;; compose-text-lib.core.wasm is componentEmbed's output, compose-text-lib.wasm componentNew's)
(module
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (global $calls (mut i32) (i32.const 0))
  ;; return areas: greet 0..8, range 8..16, scale 16..24; "hello, " at 64
  (data (i32.const 64) "hello, ")
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
  (func $count
    (global.set $calls (i32.add (global.get $calls) (i32.const 1))))
  (func (export "test:compose/text@0.1.0#greet") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32)
    (call $count)
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
    (memory.copy (local.get $out) (i32.const 64) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
    (i32.store (i32.const 0) (local.get $out))
    (i32.store (i32.const 4) (i32.add (local.get $len) (i32.const 7)))
    (i32.const 0))
  (func (export "test:compose/text@0.1.0#sum") (param $ptr i32) (param $len i32) (result i64)
    (local $total i64) (local $i i32)
    (call $count)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $total (i64.add (local.get $total)
          (i64.extend_i32_u (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))
  (func (export "test:compose/text@0.1.0#range") (param $n i32) (result i32)
    (local $out i32) (local $i i32)
    (call $count)
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 8) (local.get $out))
    (i32.store (i32.const 12) (local.get $n))
    (i32.const 8))
  (func (export "test:compose/text@0.1.0#scale") (param $x i32) (param $y i32) (param $k i32) (result i32)
    (call $count)
    (i32.store (i32.const 16) (i32.mul (local.get $x) (local.get $k)))
    (i32.store (i32.const 20) (i32.mul (local.get $y) (local.get $k)))
    (i32.const 16))
  (func (export "test:compose/text@0.1.0#calls") (result i32)
    (global.get $calls))
)