;; Invalid on purpose: lifts a core function (i32) -> () as func(s: u64) -> u32.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse bad-core-type.wat -o bad-core-type.wasm
(component
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" u64) (result u32) (canon lift (core func $i "f")))
)
