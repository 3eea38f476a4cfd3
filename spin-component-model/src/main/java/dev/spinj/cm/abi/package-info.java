/**
 * The canonical ABI (sync): how component values are flattened into core values and laid out
 * in linear memory, planned once per function ({@link dev.spinj.cm.abi.FunctionAbi}) and run per
 * call against a {@link dev.spinj.cm.abi.CallContext}.
 *
 * <p>Java representation of component values (what host functions receive and return):
 * <table>
 * <caption>value mapping</caption>
 * <tr><th>component type</th><th>Java</th></tr>
 * <tr><td>bool</td><td>Boolean</td></tr>
 * <tr><td>s8, u8, s16, u16, s32</td><td>Integer</td></tr>
 * <tr><td>u32, s64</td><td>Long</td></tr>
 * <tr><td>u64</td><td>Long (two's complement bits: values above 2^63-1 are negative)</td></tr>
 * <tr><td>f32, f64</td><td>Float, Double (NaNs canonicalised on lifting)</td></tr>
 * <tr><td>char</td><td>Integer (a Unicode scalar value)</td></tr>
 * <tr><td>string</td><td>String</td></tr>
 * <tr><td>list&lt;u8&gt;</td><td>byte[]</td></tr>
 * <tr><td>list&lt;T&gt;</td><td>List (unmodifiable when lifted)</td></tr>
 * <tr><td>record</td><td>{@link dev.spinj.cm.abi.RecordValue} (fields in declaration order)</td></tr>
 * <tr><td>tuple</td><td>List</td></tr>
 * <tr><td>variant</td><td>{@link dev.spinj.cm.abi.VariantValue} (label and payload, null without one)</td></tr>
 * <tr><td>enum</td><td>String (the case label)</td></tr>
 * <tr><td>option&lt;T&gt;</td><td>java.util.Optional</td></tr>
 * <tr><td>result&lt;T, E&gt;</td><td>{@link dev.spinj.cm.abi.ResultValue} (Ok or Err; null payload when absent)</td></tr>
 * <tr><td>flags</td><td>Set of the labels that are set</td></tr>
 * <tr><td>own&lt;R&gt;, borrow&lt;R&gt;</td><td>Integer: the resource's representation (rep); handles stay inside the ABI</td></tr>
 * </table>
 *
 * <p>Traps caused by the guest (bad pointers, bad UTF-8, bad handles, broken handle rules) are
 * {@link dev.spinj.cm.abi.CanonicalAbiTrap}s naming the function and the rule. A Java value of
 * the wrong shape given by host code is an IllegalArgumentException.
 */
package dev.spinj.cm.abi;
