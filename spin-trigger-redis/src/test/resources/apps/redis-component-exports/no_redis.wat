;; A component with no Redis export (only a function named hello): the trigger must refuse it.
;; Build: node <jco>/dist/jco.js parse no_redis.wat -o no_redis.wasm (see ../redis-component)
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (export "hello" (func $f)))
