;; {{project-name}}: a Spin 1.x HTTP component written by hand in WebAssembly text.
;;
;; It speaks the wit-bindgen 0.2 ABI that the Spin 1.x SDKs (Go, Rust <= 1.3) generate:
;;   canonical_abi_realloc(old_ptr, old_len, align, new_len) -> ptr
;;   canonical_abi_free(ptr, len, align)
;;   handle-http-request(method, uri ptr/len, headers ptr/len, params ptr/len,
;;                       body tag, body ptr/len) -> pointer to a 28-byte return area:
;;     +0 status (u16) | +4 headers present (u8), +8 ptr, +12 count
;;                     | +16 body present (u8), +20 ptr, +24 length
;; Each instance serves one request and is then dropped, so a bump allocator that never
;; frees is enough.
(module
  (memory (export "memory") 1)

  ;; the first free byte; everything below holds the constants and the return area
  (global $heap (mut i32) (i32.const 1024))

  (data (i32.const 16) "content-type")                ;; 12 bytes
  (data (i32.const 32) "text/plain")                  ;; 10 bytes
  (data (i32.const 48) "Hello from WAT!\n")           ;; 16 bytes: the response body
  ;; the one header, as the canonical ABI lays out a (string, string) tuple:
  ;; name ptr 16, name len 12, value ptr 32, value len 10 (little-endian i32s)
  (data (i32.const 64) "\10\00\00\00\0c\00\00\00\20\00\00\00\0a\00\00\00")

  (func (export "canonical_abi_realloc")
        (param $old_ptr i32) (param $old_len i32) (param $align i32) (param $new_len i32)
        (result i32)
    (local $ptr i32)
    (local $i i32)
    (if (i32.eqz (local.get $new_len))
      (then (return (local.get $align))))
    ;; round the bump pointer up to the alignment (a power of two)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_len)))
    ;; grow memory by whole pages until the allocation fits
    (block $fits
      (loop $grow
        (br_if $fits
          (i32.le_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
          (then unreachable))
        (br $grow)))
    ;; realloc keeps the old bytes (up to the new length)
    (block $copied
      (loop $copy
        (br_if $copied (i32.ge_u (local.get $i) (local.get $old_len)))
        (br_if $copied (i32.ge_u (local.get $i) (local.get $new_len)))
        (i32.store8
          (i32.add (local.get $ptr) (local.get $i))
          (i32.load8_u (i32.add (local.get $old_ptr) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (local.get $ptr))

  ;; the host hands back what it no longer needs; a bump allocator keeps it until the instance ends
  (func (export "canonical_abi_free") (param i32 i32 i32))

  (func (export "handle-http-request")
        (param $method i32) (param $uri_ptr i32) (param $uri_len i32)
        (param $headers_ptr i32) (param $headers_len i32)
        (param $params_ptr i32) (param $params_len i32)
        (param $body_tag i32) (param $body_ptr i32) (param $body_len i32)
        (result i32)
    (i32.store16 (i32.const 128) (i32.const 200))
    (i32.store8 (i32.const 132) (i32.const 1))
    (i32.store (i32.const 136) (i32.const 64))
    (i32.store (i32.const 140) (i32.const 1))
    (i32.store8 (i32.const 144) (i32.const 1))
    (i32.store (i32.const 148) (i32.const 48))
    (i32.store (i32.const 152) (i32.const 16))
    (i32.const 128)))
