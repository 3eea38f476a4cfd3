package dev.spinj.cm.abi;

import com.dylibso.chicory.runtime.TrapException;

/**
 * A trap the canonical ABI raises because the guest broke one of its rules. Extends Chicory's
 * TrapException so it unwinds guest code like any other trap.
 */
public final class CanonicalAbiTrap extends TrapException {
    private static final long serialVersionUID = 1L;

    public CanonicalAbiTrap(String function, String rule) {
        super("canonical ABI trap in `" + function + "`: " + rule);
    }
}
