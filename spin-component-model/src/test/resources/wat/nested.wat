;; A nested component receives the parent's resource type as a type import and drops an own
;; handle of it: the parent's destructor must run.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse nested.wat -o nested.wasm
(component
  (core module $p
    (global $drops (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func (export "dtor") (param i32)
      global.get $drops i32.const 1 i32.add global.set $drops
      local.get 0 global.set $last)
    (func (export "drops") (result i32) global.get $drops)
    (func (export "last") (result i32) global.get $last))
  (core instance $pi (instantiate $p))
  (type $thing (resource (rep i32) (dtor (core func $pi "dtor"))))
  (core func $new (canon resource.new $thing))
  (core module $mk
    (import "" "new" (func $new (param i32) (result i32)))
    (func (export "make") (param i32) (result i32) local.get 0 call $new))
  (core instance $new_args (export "new" (func $new)))
  (core instance $mki (instantiate $mk (with "" (instance $new_args))))
  (func $make (param "v" u32) (result (own $thing)) (canon lift (core func $mki "make")))
  (func $drops (result u32) (canon lift (core func $pi "drops")))
  (func $last (result u32) (canon lift (core func $pi "last")))
  (component $consumer
    (import "thing" (type $t (sub resource)))
    (core func $drop (canon resource.drop $t))
    (core module $c
      (import "" "drop" (func $drop (param i32)))
      (func (export "eat") (param i32) local.get 0 call $drop))
    (core instance $drop_args (export "drop" (func $drop)))
    (core instance $ci (instantiate $c (with "" (instance $drop_args))))
    (func (export "eat") (param "t" (own $t)) (canon lift (core func $ci "eat"))))
  (instance $cons (instantiate $consumer (with "thing" (type $thing))))
  (alias export $cons "eat" (func $eat))
  (instance $api
    (export "thing" (type $thing))
    (export "make" (func $make))
    (export "eat" (func $eat))
    (export "drops" (func $drops))
    (export "last" (func $last)))
  (export "test:nest/api" (instance $api))
)
