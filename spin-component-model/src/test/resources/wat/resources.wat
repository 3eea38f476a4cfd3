;; Resources across the boundary: a host resource `counter` created, borrowed, moved and
;; dropped by the guest and by the host, and a guest resource `thing` whose destructor is
;; reached through the shim table (as wit-component does for exported resources' dtors).
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse resources.wat -o resources.wasm
(component
  (import "test:res/host@1.0.0" (instance $host
    (export "counter" (type $c (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own $c))))
    (export "[method]counter.next" (func (param "self" (borrow $c)) (result u32)))
    (export "consume" (func (param "c" (own $c)) (result u32)))))
  (alias export $host "counter" (type $counter))
  (alias export $host "[constructor]counter" (func $ctor))
  (alias export $host "[method]counter.next" (func $next))
  (alias export $host "consume" (func $consume))
  (core module $shim
    (table (export "$imports") 1 1 funcref)
    (type $d (func (param i32)))
    (func (export "0") (param i32) local.get 0 i32.const 0 call_indirect (type $d)))
  (core instance $shim_i (instantiate $shim))
  (alias core export $shim_i "0" (core func $thing_dtor_shim))
  (type $thing (resource (rep i32) (dtor (core func $thing_dtor_shim))))
  (core func $ctor_l (canon lower (func $ctor)))
  (core func $next_l (canon lower (func $next)))
  (core func $consume_l (canon lower (func $consume)))
  (core func $counter_drop (canon resource.drop $counter))
  (core func $thing_new (canon resource.new $thing))
  (core func $thing_drop (canon resource.drop $thing))
  (core instance $host_args
    (export "[constructor]counter" (func $ctor_l))
    (export "[method]counter.next" (func $next_l))
    (export "consume" (func $consume_l))
    (export "[resource-drop]counter" (func $counter_drop)))
  (core instance $export_args
    (export "[resource-new]thing" (func $thing_new))
    (export "[resource-drop]thing" (func $thing_drop)))
  (core module $main
    (import "host" "[constructor]counter" (func $ctor (param i32) (result i32)))
    (import "host" "[method]counter.next" (func $next (param i32) (result i32)))
    (import "host" "consume" (func $consume (param i32) (result i32)))
    (import "host" "[resource-drop]counter" (func $drop (param i32)))
    (import "[export]things" "[resource-new]thing" (func $thing_new (param i32) (result i32)))
    (import "[export]things" "[resource-drop]thing" (func $thing_drop (param i32)))
    (global $drops (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func (export "run") (result i32) (local $h i32) (local $v i32)
      i32.const 10 call $ctor local.set $h
      local.get $h call $next drop
      local.get $h call $next local.set $v
      local.get $h call $drop
      local.get $v)
    (func (export "hand-over") (result i32)
      i32.const 5 call $ctor call $consume)
    (func (export "keep") (result i32) i32.const 7 call $ctor)
    (func (export "take") (param $h i32) (result i32) (local $v i32)
      local.get $h call $next local.set $v
      local.get $h call $drop
      local.get $v)
    (func (export "peek-leaky") (param $h i32) (result i32)
      local.get $h call $next)
    (func (export "double-drop") (param $h i32)
      local.get $h call $drop
      local.get $h call $drop)
    (func (export "make-thing") (param i32) (result i32) local.get 0 call $thing_new)
    (func (export "thing-value") (param i32) (result i32) local.get 0)
    (func (export "drop-thing") (param i32) local.get 0 call $thing_drop)
    (func (export "thing-dtor") (param i32)
      global.get $drops i32.const 1 i32.add global.set $drops
      local.get 0 global.set $last)
    (func (export "thing-drops") (result i32) global.get $drops)
    (func (export "last-dropped") (result i32) global.get $last))
  (core instance $main_i (instantiate $main
    (with "host" (instance $host_args))
    (with "[export]things" (instance $export_args))))
  (core module $fixups
    (import "" "0" (func (param i32)))
    (import "" "$imports" (table 1 1 funcref))
    (elem (i32.const 0) func 0))
  (alias core export $main_i "thing-dtor" (core func $thing_dtor))
  (alias core export $shim_i "$imports" (core table $tbl))
  (core instance $fix_args (export "0" (func $thing_dtor)) (export "$imports" (table $tbl)))
  (core instance (instantiate $fixups (with "" (instance $fix_args))))
  (func $run (result u32) (canon lift (core func $main_i "run")))
  (func $hand_over (result u32) (canon lift (core func $main_i "hand-over")))
  (func $keep (result (own $counter)) (canon lift (core func $main_i "keep")))
  (func $take (param "c" (own $counter)) (result u32) (canon lift (core func $main_i "take")))
  (func $peek (param "c" (borrow $counter)) (result u32) (canon lift (core func $main_i "take")))
  (func $peek_leaky (param "c" (borrow $counter)) (result u32) (canon lift (core func $main_i "peek-leaky")))
  (func $double_drop (param "c" (own $counter)) (canon lift (core func $main_i "double-drop")))
  (func $make_thing (param "v" u32) (result (own $thing)) (canon lift (core func $main_i "make-thing")))
  (func $thing_value (param "t" (borrow $thing)) (result u32) (canon lift (core func $main_i "thing-value")))
  (func $drop_thing (param "t" (own $thing)) (canon lift (core func $main_i "drop-thing")))
  (func $thing_drops (result u32) (canon lift (core func $main_i "thing-drops")))
  (func $last_dropped (result u32) (canon lift (core func $main_i "last-dropped")))
  (instance $things
    (export "thing" (type $thing))
    (export "make-thing" (func $make_thing))
    (export "thing-value" (func $thing_value))
    (export "drop-thing" (func $drop_thing))
    (export "thing-drops" (func $thing_drops))
    (export "last-dropped" (func $last_dropped)))
  (export "test:res/things" (instance $things))
  (export "run" (func $run))
  (export "hand-over" (func $hand_over))
  (export "keep" (func $keep))
  (export "take" (func $take))
  (export "peek" (func $peek))
  (export "peek-leaky" (func $peek_leaky))
  (export "double-drop" (func $double_drop))
)
