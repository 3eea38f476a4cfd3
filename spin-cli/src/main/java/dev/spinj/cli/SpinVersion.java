package dev.spinj.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code spin --version}: the spinj version and the Spin version whose contract it follows. */
final class SpinVersion implements IVersionProvider {
    static final String SPIN_COMPATIBLE = "1.5.1";

    @Override
    public String[] getVersion() {
        String own = SpinVersion.class.getPackage().getImplementationVersion();
        return new String[] {"spin " + SPIN_COMPATIBLE + " (spinj " + (own == null ? "dev" : own) + ")"};
    }
}
