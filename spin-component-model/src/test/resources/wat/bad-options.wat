;; Invalid on purpose: lifts a function taking a string without the memory and realloc options.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse bad-options.wat -o bad-options.wasm
(component
  (core module $m (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" string) (canon lift (core func $i "f")))
)
