;; A component exercising wasi:io streams over channels the test supplies: it imports
;; wasi:io/{error,poll,streams}@0.2.0 and a test interface spinj:test/channels whose `source` and
;; `sink` hand out an input-stream and an output-stream on the test's ByteSource/ByteSink. One
;; export per behaviour the tests call.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse wasi-streams.wat -o wasi-streams.wasm
(component
  (import "wasi:io/error@0.2.0" (instance $error_i
    (export "error" (type $e (sub resource)))
    (export "[method]error.to-debug-string" (func (param "self" (borrow $e)) (result string)))))
  (alias export $error_i "error" (type $error))
  (import "wasi:io/poll@0.2.0" (instance $poll_i
    (export "pollable" (type $p (sub resource)))
    (export "[method]pollable.ready" (func (param "self" (borrow $p)) (result bool)))
    (export "[method]pollable.block" (func (param "self" (borrow $p))))
    (export "poll" (func (param "in" (list (borrow $p))) (result (list u32))))))
  (alias export $poll_i "pollable" (type $pollable))
  (import "wasi:io/streams@0.2.0" (instance $streams_i
    (alias outer 1 $error (type $e))
    (export "error" (type $err (eq $e)))
    (alias outer 1 $pollable (type $pl))
    (export "pollable" (type $poll (eq $pl)))
    (type $se (variant (case "last-operation-failed" (own $err)) (case "closed")))
    (export "stream-error" (type $stream-error (eq $se)))
    (export "output-stream" (type $os (sub resource)))
    (export "input-stream" (type $is (sub resource)))
    (export "[method]input-stream.subscribe" (func (param "self" (borrow $is)) (result (own $poll))))
    (export "[method]output-stream.subscribe" (func (param "self" (borrow $os)) (result (own $poll))))))
  (alias export $streams_i "output-stream" (type $output-stream))
  (alias export $streams_i "input-stream" (type $input-stream))
  (import "spinj:test/channels" (instance $channels_i
    (alias outer 1 $input-stream (type $i))
    (export "input-stream" (type $is (eq $i)))
    (alias outer 1 $output-stream (type $o))
    (export "output-stream" (type $os (eq $o)))
    (export "source" (func (result (own $is))))
    (export "sink" (func (result (own $os))))))

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

  (alias export $streams_i "[method]input-stream.subscribe" (func $is_subscribe))
  (alias export $streams_i "[method]output-stream.subscribe" (func $os_subscribe))
  (alias export $channels_i "source" (func $source))
  (alias export $channels_i "sink" (func $sink))
  (core func $is_subscribe_l (canon lower (func $is_subscribe)))
  (core func $os_subscribe_l (canon lower (func $os_subscribe)))
  (core func $source_l (canon lower (func $source)))
  (core func $sink_l (canon lower (func $sink)))
  (core func $drop_input (canon resource.drop $input-stream))
  (core func $drop_output (canon resource.drop $output-stream))

  (core instance $wasi_args
    (export "input-subscribe" (func $is_subscribe_l))
    (export "output-subscribe" (func $os_subscribe_l))
    (export "source" (func $source_l))
    (export "sink" (func $sink_l))
    (export "drop-input" (func $drop_input))
    (export "drop-output" (func $drop_output)))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "wasi" "input-subscribe" (func $input_subscribe (param i32) (result i32)))
    (import "wasi" "output-subscribe" (func $output_subscribe (param i32) (result i32)))
    (import "wasi" "source" (func $source (result i32)))
    (import "wasi" "sink" (func $sink (result i32)))
    (import "wasi" "drop-input" (func $drop_input (param i32)))
    (import "wasi" "drop-output" (func $drop_output (param i32)))

    ;; takes the source and the sink, subscribes to both, and traps holding all four
    (func (export "hold-and-trap")
      (drop (call $input_subscribe (call $source)))
      (drop (call $output_subscribe (call $sink)))
      unreachable)
    ;; takes the source and keeps it: its handle
    (func (export "take-source") (result i32)
      (call $source))
    ;; takes the source and drops it
    (func (export "drop-source")
      (call $drop_input (call $source)))
    ;; takes the sink and drops it
    (func (export "drop-sink")
      (call $drop_output (call $sink))))

  (core instance $main_i (instantiate $main
    (with "libc" (instance $libc_i))
    (with "wasi" (instance $wasi_args))))
  (func (export "hold-and-trap") (canon lift (core func $main_i "hold-and-trap")))
  (func (export "take-source") (result u32) (canon lift (core func $main_i "take-source")))
  (func (export "drop-source") (canon lift (core func $main_i "drop-source")))
  (func (export "drop-sink") (canon lift (core func $main_i "drop-sink"))))
