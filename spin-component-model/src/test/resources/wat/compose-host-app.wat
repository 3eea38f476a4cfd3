;; A main component whose dependency imports from the host: it imports test:cguest/api, which
;; components/cguest.wasm (C, with post-return) exports while importing test:cguest/host (log,
;; config) from the host. The main component imports test:cguest/host too, from the same host:
;; shout logs "shout" itself, then calls reverse (which logs its argument through the host);
;; setting calls lookup (which asks the host's config). Used by DependencyTest.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse compose-host-app.wat -o compose-host-app.wasm
(component
  (import "test:cguest/host" (instance $host
    (export "log" (func (param "msg" string)))))
  (import "test:cguest/api" (instance $api
    (export "reverse" (func (param "s" string) (result string)))
    (export "lookup" (func (param "key" string) (result string)))))
  (core module $state
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (data (i32.const 64) "shout")
    (func (export "cabi_realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (local.get $p))
  )
  (core instance $s (instantiate $state))
  (alias core export $s "memory" (core memory $mem))
  (alias core export $s "cabi_realloc" (core func $realloc))
  (core func $log (canon lower (func $host "log") (memory $mem)))
  (core func $reverse (canon lower (func $api "reverse") (memory $mem) (realloc $realloc)))
  (core func $lookup (canon lower (func $api "lookup") (memory $mem) (realloc $realloc)))
  (core module $m
    (import "host" "log" (func $log (param i32 i32)))
    (import "api" "reverse" (func $reverse (param i32 i32 i32)))
    (import "api" "lookup" (func $lookup (param i32 i32 i32)))
    (func (export "shout") (param $ptr i32) (param $len i32) (result i32)
      (call $log (i32.const 64) (i32.const 5))
      (call $reverse (local.get $ptr) (local.get $len) (i32.const 0))
      (i32.const 0))
    (func (export "setting") (param $ptr i32) (param $len i32) (result i32)
      (call $lookup (local.get $ptr) (local.get $len) (i32.const 8))
      (i32.const 8))
  )
  (core instance $i (instantiate $m
    (with "host" (instance (export "log" (func $log))))
    (with "api" (instance (export "reverse" (func $reverse)) (export "lookup" (func $lookup))))))
  (func (export "shout") (param "s" string) (result string)
    (canon lift (core func $i "shout") (memory $mem) (realloc $realloc)))
  (func (export "setting") (param "key" string) (result string)
    (canon lift (core func $i "setting") (memory $mem) (realloc $realloc)))
)
