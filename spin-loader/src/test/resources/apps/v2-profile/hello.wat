;; The 8-byte empty module beside this file: wat2wasm hello.wat -o hello.wasm
(module)
