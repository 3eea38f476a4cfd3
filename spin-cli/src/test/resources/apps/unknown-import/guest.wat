;; A Spin HTTP guest that imports a host function no Spin provides: the runtime must refuse
;; it at startup, naming the import, instead of failing on the first request.
(module
  (import "wasi_experimental_http" "req" (func $req (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32))
  (func (export "handle-http-request")
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (drop (call $req (i32.const 0) (i32.const 0)))
    (i32.const 0)))
