;; Test guest for the spinj Redis trigger as a Spin 2+ component: it exports
;; fermyon:spin/inbound-redis (unversioned, SPEC2 §1.5) and its handle-message writes the
;; payload to wasi:cli stdout, then answers by the payload's first four bytes:
;;   "trap"  traps (unreachable)
;;   "loop"  spins forever (for the message deadline)
;;   "fail"  returns err(error)
;;   "go-o"  returns err(success), as the Go SDK does on success
;;   else    returns ok
;; The error enum is the component's own type here; wit-component would take it from an import
;; of fermyon:spin/redis-types, which changes nothing the host sees of the export.
;; Build: node <jco>/dist/jco.js parse redis_component.wat -o redis_component.wasm
;; (<jco> = spin-component-model/tools/node_modules/@bytecodealliance/jco, jco 1.35.0)
(component
  (import "wasi:io/error@0.2.0" (instance $error_i
    (export "error" (type (sub resource)))))
  (alias export $error_i "error" (type $io-error))
  (import "wasi:io/streams@0.2.0" (instance $streams_i
    (alias outer 1 $io-error (type $e))
    (export "error" (type $err (eq $e)))
    (type $se (variant (case "last-operation-failed" (own $err)) (case "closed")))
    (export "stream-error" (type $stream-error (eq $se)))
    (export "output-stream" (type $os (sub resource)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $os)) (param "contents" (list u8)) (result (result (error $stream-error)))))))
  (alias export $streams_i "output-stream" (type $output-stream))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout_i
    (alias outer 1 $output-stream (type $o))
    (export "output-stream" (type $os (eq $o)))
    (export "get-stdout" (func (result (own $os))))))

  ;; memory and cabi_realloc in a module of their own, so the lowered imports can use them
  (core module $libc
    (memory (export "memory") 17)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      ;; align up to the requested alignment, then bump
      global.get $bump local.get 2 i32.add i32.const 1 i32.sub
      i32.const 0 local.get 2 i32.sub i32.and
      local.tee $p local.get 3 i32.add global.set $bump
      local.get $p))
  (core instance $libc_i (instantiate $libc))
  (alias core export $libc_i "memory" (core memory $mem))
  (alias core export $libc_i "cabi_realloc" (core func $realloc))

  (alias export $stdout_i "get-stdout" (func $get_stdout))
  (alias export $streams_i "[method]output-stream.blocking-write-and-flush" (func $bwf))
  (core func $get_stdout_l (canon lower (func $get_stdout)))
  (core func $bwf_l (canon lower (func $bwf) (memory $mem)))
  (core func $drop_stream (canon resource.drop $output-stream))
  (core instance $wasi_args
    (export "get-stdout" (func $get_stdout_l))
    (export "blocking-write-and-flush" (func $bwf_l))
    (export "drop-stream" (func $drop_stream)))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "wasi" "get-stdout" (func $get_stdout (result i32)))
    (import "wasi" "blocking-write-and-flush" (func $bwf (param i32 i32 i32 i32)))
    (import "wasi" "drop-stream" (func $drop_stream (param i32)))
    ;; 16..31: the write's result; 32..33: handle-message's result<_, error>
    (func (export "handle-message") (param $ptr i32) (param $len i32) (result i32)
      (local $s i32) (local $word i32)
      (local.set $s (call $get_stdout))
      (call $bwf (local.get $s) (local.get $ptr) (local.get $len) (i32.const 16))
      (call $drop_stream (local.get $s))
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
  (core instance $main_i (instantiate $main
    (with "libc" (instance $libc_i))
    (with "wasi" (instance $wasi_args))))

  (type $error (enum "success" "error"))
  (func $handle (param "message" (list u8)) (result (result (error $error)))
    (canon lift (core func $main_i "handle-message") (memory $mem) (realloc $realloc)))

  ;; the exported instance must name the types its function uses, so it comes from a
  ;; component that exports both (the shape wit-component emits)
  (component $shim
    (type $enum (enum "success" "error"))
    (import "import-type-error" (type $imported (eq $enum)))
    (import "import-func-handle-message" (func $f (param "message" (list u8)) (result (result (error $imported)))))
    (export $exported "error" (type $imported))
    (export "handle-message" (func $f) (func (param "message" (list u8)) (result (result (error $exported))))))
  (instance $inbound (instantiate $shim
    (with "import-type-error" (type $error))
    (with "import-func-handle-message" (func $handle))))
  (export "fermyon:spin/inbound-redis" (instance $inbound))
)
