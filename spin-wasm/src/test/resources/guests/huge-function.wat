;; A module with one function too big for a JVM method: the placeholder below is replaced by the test with
;; thousands of `i32.const 3 i32.add`, so $huge returns its argument plus 3 per repetition.
(module
  (func $small (export "small") (result i32)
    i32.const 7)
  (func $huge (export "huge") (param i32) (result i32)
    local.get 0
    HUGE_BODY))
