;; A nested component receives a host resource type and a host function making one, and drops
;; the own handle it gets: the host's destructor must run.
;; Build: npx --yes @bytecodealliance/jco@1.35.0 parse nested-host-resource.wat -o nested-host-resource.wasm
(component
  (import "test:nest/host" (instance $host
    (export "blob" (type $blob (sub resource)))
    (export "make" (func (result (own $blob))))))
  (alias export $host "blob" (type $blob))
  (alias export $host "make" (func $make))
  (component $inner
    (import "blob" (type $b (sub resource)))
    (import "make" (func $make (result (own $b))))
    (core func $make-core (canon lower (func $make)))
    (core func $drop (canon resource.drop $b))
    (core module $m
      (import "x" "make" (func $make (result i32)))
      (import "x" "drop" (func $drop (param i32)))
      (func (export "churn") (call $drop (call $make))))
    (core instance $i (instantiate $m
      (with "x" (instance (export "make" (func $make-core)) (export "drop" (func $drop))))))
    (func (export "churn") (canon lift (core func $i "churn"))))
  (instance $in (instantiate $inner (with "blob" (type $blob)) (with "make" (func $make))))
  (alias export $in "churn" (func $churn))
  (export "churn" (func $churn))
)
