;; A main component importing an instance under a plain name, `counters`, with only some of the
;; functions of test:compose/counters@0.1.0: DependencyTest plugs compose-counter-lib into it
;; with an `export` naming that interface.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse compose-plain-app.wat -o compose-plain-app.wasm
(component
  (import "counters" (instance $counters
    (export "drops" (func (result u32)))))
  (core func $drops (canon lower (func $counters "drops")))
  (core module $m
    (import "counters" "drops" (func $drops (result i32)))
    (func (export "drops") (result i32) (call $drops)))
  (core instance $i (instantiate $m (with "counters" (instance (export "drops" (func $drops))))))
  (func (export "drops") (result u32) (canon lift (core func $i "drops")))
)
