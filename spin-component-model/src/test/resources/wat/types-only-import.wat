;; Imports an interface that carries only types (as wit-component imports
;; `fermyon:spin/redis-types` for a Redis handler's error enum) and exports nothing.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse types-only-import.wat -o types-only-import.wasm
(component
  (import "test:types/defs" (instance
    (type $e (enum "success" "error"))
    (export "error" (type (eq $e))))))
