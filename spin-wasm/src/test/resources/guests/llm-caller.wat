;; A Spin 1.5 (wit-bindgen 0.8, canonical flavour) guest of fermyon:spin/llm: the test writes
;; the model, prompt or texts into memory and calls an export; each returns the result area.
(module
  (import "fermyon:spin/llm" "infer"
    (func $infer (param i32 i32 i32 i32 i32 i32 f32 i32 f32 i32 f32 i32)))
  (import "fermyon:spin/llm" "generate-embeddings" (func $embed (param i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))
  ;; a bump allocator: enough for a guest that lives for one call
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; params none: infer(model, prompt, none); some: max-tokens 7, repeat-penalty 1.5, last-n 8,
  ;; temperature 0.25, top-k 1, top-p 0.5
  (func (export "infer") (param $model i32) (param $model_len i32) (param $prompt i32) (param $prompt_len i32)
        (param $some i32) (result i32)
    (call $infer (local.get $model) (local.get $model_len) (local.get $prompt) (local.get $prompt_len)
      (local.get $some) (i32.const 7) (f32.const 1.5) (i32.const 8) (f32.const 0.25) (i32.const 1) (f32.const 0.5)
      (i32.const 1024))
    (i32.const 1024))
  (func (export "embed") (param i32 i32 i32 i32) (result i32)
    (call $embed (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 1024))
    (i32.const 1024)))
