;; The smallest component: one lifted function without memory.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse minimal.wat -o minimal.wasm
(component
  (core module $m (func (export "answer") (result i32) i32.const 42))
  (core instance $i (instantiate $m))
  (func (export "answer") (result u32) (canon lift (core func $i "answer")))
)
