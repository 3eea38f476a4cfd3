;; A module declaring 4 GiB of initial memory (65536 pages): refused at startup, never instantiated.
(module
  (memory (export "memory") 65536)
  (func (export "handle-http-request") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
