;; Core module for ComponentTypeSectionTest; see embed.mjs for the build commands.
(module
  (import "test:embed/host" "log" (func (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024)
  (func (export "test:embed/api#greet") (param i32 i32) (result i32) i32.const 16)
)
