;; Moves more than one 64 KiB chunk through WASI in single calls, to check that the host's chunking
;; (dev.spinj.wasm.wasi.WasiContext#inChunks) transfers everything and hands the guest its iovecs back.
;; Preopen fd 3 holds big.bin; iovecs live at 64, the opened fd at 8, counts at 12, data from 1024.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 8)
  (data (i32.const 16) "big.bin")
  (data (i32.const 32) "copy.bin")

  ;; opens a name at 16 or 32 (length 7 or 8) with the given oflags and rights; -errno on failure
  (func $open (param $name i32) (param $len i32) (param $oflags i32) (param $rights i64) (result i32)
    (local $err i32)
    (local.set $err (call $path_open (i32.const 3) (i32.const 1) (local.get $name) (local.get $len)
      (local.get $oflags) (local.get $rights) (i64.const 0) (i32.const 0) (i32.const 8)))
    (if (result i32) (local.get $err)
      (then (i32.sub (i32.const 0) (local.get $err)))
      (else (i32.load (i32.const 8)))))

  ;; the count moved, or -errno
  (func $result (param $err i32) (result i32)
    (if (result i32) (local.get $err)
      (then (i32.sub (i32.const 0) (local.get $err)))
      (else (i32.load (i32.const 12)))))

  ;; reads big.bin into two iovecs: 150000 bytes at 1024, 100000 bytes at 200000
  (func (export "read") (result i32)
    (local $fd i32)
    (local.set $fd (call $open (i32.const 16) (i32.const 7) (i32.const 0) (i64.const 2)))
    (if (i32.lt_s (local.get $fd) (i32.const 0)) (then (return (local.get $fd))))
    (i32.store (i32.const 64) (i32.const 1024))
    (i32.store (i32.const 68) (i32.const 150000))
    (i32.store (i32.const 72) (i32.const 200000))
    (i32.store (i32.const 76) (i32.const 100000))
    (call $result (call $fd_read (local.get $fd) (i32.const 64) (i32.const 2) (i32.const 12))))

  ;; reads big.bin from $offset into one iovec of 300000 bytes at 1024
  (func (export "pread") (param $offset i64) (result i32)
    (local $fd i32)
    (local.set $fd (call $open (i32.const 16) (i32.const 7) (i32.const 0) (i64.const 2)))
    (if (i32.lt_s (local.get $fd) (i32.const 0)) (then (return (local.get $fd))))
    (i32.store (i32.const 64) (i32.const 1024))
    (i32.store (i32.const 68) (i32.const 300000))
    (call $result (call $fd_pread (local.get $fd) (i32.const 64) (i32.const 1) (local.get $offset) (i32.const 12))))

  ;; creates copy.bin with the $len bytes at 1024
  (func (export "write") (param $len i32) (result i32)
    (local $fd i32)
    (local.set $fd (call $open (i32.const 32) (i32.const 8) (i32.const 1) (i64.const 64)))
    (if (i32.lt_s (local.get $fd) (i32.const 0)) (then (return (local.get $fd))))
    (i32.store (i32.const 64) (i32.const 1024))
    (i32.store (i32.const 68) (local.get $len))
    (call $result (call $fd_write (local.get $fd) (i32.const 64) (i32.const 1) (i32.const 12)))))
