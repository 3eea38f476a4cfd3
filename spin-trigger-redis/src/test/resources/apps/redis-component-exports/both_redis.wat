;; Exports both Redis interfaces, fermyon:spin/inbound-redis and spin:redis/inbound-redis@3.0.0
;; (sync stand-ins: the trigger decides by the names): the trigger must refuse to choose.
;; Build: node <jco>/dist/jco.js parse both_redis.wat -o both_redis.wasm (see ../redis-component)
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (instance $handler (export "handle-message" (func $f)))
  (export "fermyon:spin/inbound-redis" (instance $handler))
  (export "spin:redis/inbound-redis@3.0.0" (instance $handler)))
