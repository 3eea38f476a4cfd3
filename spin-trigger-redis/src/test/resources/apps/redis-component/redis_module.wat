;; The Redis test guest in the shape Rust spin-sdk 2.x-5.x builds ship: a core module whose
;; component-type section (added by jco's componentEmbed) declares the redis-trigger world of
;; spin-redis.wit, writing to stdout through preview1 fd_write as Rust's std does. Same payload
;; words as redis_component.wat: "trap" traps, "loop" spins, "fail" is err(error), "go-o" is
;; err(success), anything else ok; the payload is written to stdout first.
;; Build (embed-new.mjs also writes /tmp/redis_module.wasm, a componentNew of it, not used here):
;;   node <jco>/dist/jco.js parse redis_module.wat -o /tmp/redis_module.plain.wasm &&
;;   node <tools>/embed-new.mjs /tmp/redis_module.plain.wasm spin-redis.wit /tmp/redis_module redis-trigger &&
;;   cp /tmp/redis_module.core.wasm .
;; (<tools> = spin-component-model/tools after npm ci there, <jco> = <tools>/node_modules/@bytecodealliance/jco, jco 1.35.0)
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 17)
  (global $bump (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    ;; align up to the requested alignment, then bump
    global.get $bump local.get 2 i32.add i32.const 1 i32.sub
    i32.const 0 local.get 2 i32.sub i32.and
    local.tee $p local.get 3 i32.add global.set $bump
    local.get $p)
  ;; 16..23: the iovec; 24: bytes written; 32..33: handle-message's result<_, error>
  (func (export "fermyon:spin/inbound-redis#handle-message") (param $ptr i32) (param $len i32) (result i32)
    (local $word i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
    (if (i32.ge_u (local.get $len) (i32.const 4))
      (then (local.set $word (i32.load (local.get $ptr)))))
    (if (i32.eq (local.get $word) (i32.const 0x70617274)) ;; "trap"
      (then unreachable))
    (if (i32.eq (local.get $word) (i32.const 0x706f6f6c)) ;; "loop"
      (then (loop $forever (br $forever))))
    (i32.store8 (i32.const 32) (i32.const 1))
    (if (i32.eq (local.get $word) (i32.const 0x6c696166)) ;; "fail": err(error)
      (then (i32.store8 (i32.const 33) (i32.const 1)) (return (i32.const 32))))
    (if (i32.eq (local.get $word) (i32.const 0x6f2d6f67)) ;; "go-o": err(success)
      (then (i32.store8 (i32.const 33) (i32.const 0)) (return (i32.const 32))))
    (i32.store8 (i32.const 32) (i32.const 0))
    (i32.const 32)))
