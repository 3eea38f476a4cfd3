;; The main component of the compose-text composition (compose-text.compose.json), written as
;; the core module a wit-bindgen guest is: it imports test:compose/text@0.1.0, which compose-text-lib
;; exports, and exports test:compose/app@0.1.0, whose functions call the import through this module's own
;; memory, so every string, list and record is copied from one component's memory into the
;; other's and back. The exports use no type of the import (grow answers a tuple), so that the
;; composition can re-export them.
;; embed: compose-text.wit text-app
;; Build: tools/build-fixtures.sh (jco parse, then tools/embed-new.mjs with the world above:
;; compose-text-app.core.wasm is componentEmbed's output, compose-text-app.wasm componentNew's)
(module
  (import "test:compose/text@0.1.0" "greet" (func $greet (param i32 i32 i32)))
  (import "test:compose/text@0.1.0" "sum" (func $sum (param i32 i32) (result i64)))
  (import "test:compose/text@0.1.0" "range" (func $range (param i32 i32)))
  (import "test:compose/text@0.1.0" "scale" (func $scale (param i32 i32 i32 i32)))
  (import "test:compose/text@0.1.0" "calls" (func $calls (result i32)))
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
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
  ;; return areas: welcome 0..8, count-up 8..16, grow 16..24
  (func (export "test:compose/app@0.1.0#welcome") (param $ptr i32) (param $len i32) (result i32)
    (call $greet (local.get $ptr) (local.get $len) (i32.const 0))
    (i32.const 0))
  (func (export "test:compose/app@0.1.0#total") (param $ptr i32) (param $len i32) (result i64)
    (call $sum (local.get $ptr) (local.get $len)))
  (func (export "test:compose/app@0.1.0#count-up") (param $n i32) (result i32)
    (call $range (local.get $n) (i32.const 8))
    (i32.const 8))
  (func (export "test:compose/app@0.1.0#grow") (param $x i32) (param $y i32) (result i32)
    (call $scale (local.get $x) (local.get $y) (i32.const 3) (i32.const 16))
    (i32.const 16))
  (func (export "test:compose/app@0.1.0#library-calls") (result i32)
    (call $calls))
)
