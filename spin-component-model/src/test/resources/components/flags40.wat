;; A flags type with 40 members (two i32s flat). The component model once allowed any number
;; of flags; validators now reject more than 32 unless a feature is enabled (wasm-tools since
;; 2024: "cannot have more than 32 flags"), and so does jco: the expected output is a
;; rejection. spinj must reject it too, with an error naming the type and the limit.
;; Build: tools/build-fixtures.sh (jco parse flags40.wat -o flags40.wasm; parsing does not validate)
(component
  (type $forty' (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9" "f10" "f11" "f12" "f13" "f14" "f15" "f16" "f17" "f18" "f19" "f20" "f21" "f22" "f23" "f24" "f25" "f26" "f27" "f28" "f29" "f30" "f31" "f32" "f33" "f34" "f35" "f36" "f37" "f38" "f39"))
  (export $forty "forty" (type $forty'))
  (core module $m
    (memory (export "memory") 1)
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (func $echo (param "f" $forty) (result $forty) (canon lift (core func $i "echo") (memory $mem)))
  (instance $api (export "forty" (type $forty)) (export "echo" (func $echo)))
  (export "test:flags40/api" (instance $api))
)
