/**
 * Spin's own component interfaces (SPEC2 §4) as {@link dev.spinj.cm.runtime.HostInstance}s over
 * the same services the 1.x core-module host imports use, so a value stored or a row written
 * through one ABI is read through the other. {@link dev.spinj.wasm.interfaces.SpinInterfaces} is
 * the entry point: built once per app from its {@link dev.spinj.wasm.host.HostServices}, added to
 * the component linker.
 *
 * <table>
 * <caption>what is provided</caption>
 * <tr><th>interface</th><th>class</th></tr>
 * <tr><td>{@code fermyon:spin/key-value@2.0.0}, {@code wasi:keyvalue/{store,atomics,batch}@0.2.0-draft2}</td>
 *     <td>KeyValueInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/variables@2.0.0}, {@code wasi:config/store@0.2.0-draft-2024-09-27}</td>
 *     <td>VariablesInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/sqlite@2.0.0}, {@code spin:sqlite/sqlite@3.1.0} (sync; serves @3.0.0)</td>
 *     <td>SqliteInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/{postgres,mysql,rdbms-types}@2.0.0}, {@code spin:postgres/postgres@3.0.0},
 *     {@code @4.2.0} (sync; serves @4.0.0, @4.1.0)</td><td>RdbmsInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/redis@2.0.0}</td><td>RedisInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/mqtt@2.0.0}</td><td>MqttInterfaces</td></tr>
 * <tr><td>{@code fermyon:spin/llm@2.0.0}</td><td>LlmInterfaces</td></tr>
 * </table>
 *
 * <p>Not provided: Spin 4's async-only packages ({@code spin:key-value@3.0.0},
 * {@code spin:variables@3.0.0}, {@code spin:mqtt@3.0.0}, {@code spin:mysql@3.0.0},
 * {@code spin:redis@3.0.0}) and the {@code *-async} functions of the others: they need the
 * async canonical ABI (SPEC2 §2.10), which the component runtime does not implement yet.
 *
 * <p>Host resources (stores, buckets, connections) live per instance ({@link
 * dev.spinj.wasm.host.HostContext#state}) and are released when the guest drops its handle or the
 * instance ends; guest calls must therefore run inside the instance's {@code HostContext}.
 */
package dev.spinj.wasm.interfaces;
