;; A component that exports nothing: no HTTP handler for Spin to find (SPEC2 1.4).
;; Build: spin-component-model/tools/node_modules/.bin/jco parse empty.wat -o empty.wasm
(component)
