;; A Spin 2.1-era guest: wasi:io, wasi:clocks and wasi:cli at 0.2.0-rc-2023-11-10 (the shapes
;; of 0.2.0 under the release candidate's names). One export per behaviour the tests call.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse wasi-2023-11-10.wat -o wasi-2023-11-10.wasm
(component
  (import "wasi:io/error@0.2.0-rc-2023-11-10" (instance $error_i
    (export "error" (type $e (sub resource)))))
  (alias export $error_i "error" (type $error))
  (import "wasi:io/poll@0.2.0-rc-2023-11-10" (instance $poll_i
    (export "pollable" (type $p (sub resource)))
    (export "[method]pollable.ready" (func (param "self" (borrow $p)) (result bool)))
    (export "[method]pollable.block" (func (param "self" (borrow $p))))))
  (alias export $poll_i "pollable" (type $pollable))
  (import "wasi:io/streams@0.2.0-rc-2023-11-10" (instance $streams_i
    (alias outer 1 $error (type $e))
    (export "error" (type $err (eq $e)))
    (type $se (variant (case "last-operation-failed" (own $err)) (case "closed")))
    (export "stream-error" (type $stream-error (eq $se)))
    (export "output-stream" (type $os (sub resource)))
    (export "[method]output-stream.blocking-write-and-flush" (func (param "self" (borrow $os)) (param "contents" (list u8)) (result (result (error $stream-error)))))))
  (alias export $streams_i "output-stream" (type $output-stream))
  (import "wasi:clocks/monotonic-clock@0.2.0-rc-2023-11-10" (instance $mono_i
    (alias outer 1 $pollable (type $pl))
    (export "pollable" (type $poll (eq $pl)))
    (type $u64 u64)
    (export "duration" (type $duration (eq $u64)))
    (export "subscribe-duration" (func (param "when" $duration) (result (own $poll))))))
  (import "wasi:cli/stdout@0.2.0-rc-2023-11-10" (instance $stdout_i
    (alias outer 1 $output-stream (type $o))
    (export "output-stream" (type $os (eq $o)))
    (export "get-stdout" (func (result (own $os))))))

  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $bump local.get 2 i32.add i32.const 1 i32.sub
      i32.const 0 local.get 2 i32.sub i32.and
      local.tee $p local.get 3 i32.add global.set $bump
      local.get $p))
  (core instance $libc_i (instantiate $libc))
  (alias core export $libc_i "memory" (core memory $mem))
  (alias core export $libc_i "cabi_realloc" (core func $realloc))

  (alias export $poll_i "[method]pollable.ready" (func $ready))
  (alias export $poll_i "[method]pollable.block" (func $block))
  (alias export $streams_i "[method]output-stream.blocking-write-and-flush" (func $bwf))
  (alias export $mono_i "subscribe-duration" (func $sub_dur))
  (alias export $stdout_i "get-stdout" (func $get_stdout))
  (core func $ready_l (canon lower (func $ready)))
  (core func $block_l (canon lower (func $block)))
  (core func $bwf_l (canon lower (func $bwf) (memory $mem)))
  (core func $sub_dur_l (canon lower (func $sub_dur)))
  (core func $get_stdout_l (canon lower (func $get_stdout)))
  (core func $drop_pollable (canon resource.drop $pollable))
  (core func $drop_output (canon resource.drop $output-stream))

  (core instance $wasi_args
    (export "ready" (func $ready_l))
    (export "block" (func $block_l))
    (export "blocking-write-and-flush" (func $bwf_l))
    (export "subscribe-duration" (func $sub_dur_l))
    (export "get-stdout" (func $get_stdout_l))
    (export "drop-pollable" (func $drop_pollable))
    (export "drop-output" (func $drop_output)))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "wasi" "ready" (func $ready (param i32) (result i32)))
    (import "wasi" "block" (func $block (param i32)))
    (import "wasi" "blocking-write-and-flush" (func $bwf (param i32 i32 i32 i32)))
    (import "wasi" "subscribe-duration" (func $sub_dur (param i64) (result i32)))
    (import "wasi" "get-stdout" (func $get_stdout (result i32)))
    (import "wasi" "drop-pollable" (func $drop_pollable (param i32)))
    (import "wasi" "drop-output" (func $drop_output (param i32)))
    ;; blocking-write-and-flush of the string to stdout: 0 when ok
    (func (export "print") (param $ptr i32) (param $len i32) (result i32)
      (local $s i32)
      (local.set $s (call $get_stdout))
      (call $bwf (local.get $s) (local.get $ptr) (local.get $len) (i32.const 16))
      (call $drop_output (local.get $s))
      (i32.load8_u (i32.const 16)))
    ;; blocks on a timer of $ns, then says whether it is ready
    (func (export "block-on-timer") (param $ns i64) (result i32)
      (local $p i32) (local $r i32)
      (local.set $p (call $sub_dur (local.get $ns)))
      (call $block (local.get $p))
      (local.set $r (call $ready (local.get $p)))
      (call $drop_pollable (local.get $p))
      (local.get $r)))

  (core instance $main_i (instantiate $main
    (with "libc" (instance $libc_i))
    (with "wasi" (instance $wasi_args))))
  (func (export "print") (param "s" string) (result u8) (canon lift (core func $main_i "print") (memory $mem) (realloc $realloc)))
  (func (export "block-on-timer") (param "ns" u64) (result bool) (canon lift (core func $main_i "block-on-timer"))))
