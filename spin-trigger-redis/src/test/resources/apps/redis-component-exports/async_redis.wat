;; Stands in for a Spin 4 guest: it exports spin:redis/inbound-redis@3.0.0, which the trigger
;; recognises by name alone. (The real handle-message is an async func, which spinj's parser
;; does not read yet; this one is a sync stand-in so the trigger's own check is reached.)
;; Build: node <jco>/dist/jco.js parse async_redis.wat -o async_redis.wasm (see ../redis-component)
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (instance $handler (export "handle-message" (func $f)))
  (export "spin:redis/inbound-redis@3.0.0" (instance $handler)))
