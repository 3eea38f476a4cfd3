;; A module whose memory may grow to 4 pages (256 KiB) at most: its instances never need more
;; heap than that, whatever --max-instance-memory allows.
;; Built with: wat2wasm bounded-memory.wat -o bounded-memory.wasm
(module
  (memory (export "memory") 1 4)
  (func (export "handle-http-request") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
