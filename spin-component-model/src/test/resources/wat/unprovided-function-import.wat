;; Imports an interface with a function that no host provides.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse unprovided-function-import.wat -o unprovided-function-import.wasm
(component
  (import "test:types/calls" (instance
    (type $e (enum "success" "error"))
    (export "error" (type $err (eq $e)))
    (export "get" (func (result $err))))))
