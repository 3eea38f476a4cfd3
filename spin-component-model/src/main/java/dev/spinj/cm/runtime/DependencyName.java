package dev.spinj.cm.runtime;

/**
 * The name a dependency is declared under, matched against a component's import names the way
 * Spin's composer does ({@code crates/compose} {@code matches_import}): a plain name
 * ({@code foo-bar}) matches the equal plain import; {@code ns:pkg} matches every
 * {@code ns:pkg/*} import; {@code ns:pkg/iface} matches that interface with or without a
 * version; a version, when the name has one, must equal the import's exactly.
 */
record DependencyName(String packageName, String interfaceName, String version, String plain) {

    static DependencyName parse(String name) {
        if (name.indexOf(':') < 0) {
            return new DependencyName(null, null, null, name);
        }
        int at = name.indexOf('@');
        String version = at < 0 ? null : name.substring(at + 1);
        String path = at < 0 ? name : name.substring(0, at);
        int slash = path.indexOf('/');
        return slash < 0
                ? new DependencyName(path, null, version, null)
                : new DependencyName(path.substring(0, slash), path.substring(slash + 1), version, null);
    }

    /** Whether this name satisfies the import {@code importName}. */
    boolean matches(String importName) {
        // an import is an interface when its name has a package part (as Spin's ImportName reads it)
        boolean importIsInterface = importName.indexOf(':') >= 0 || importName.indexOf('/') >= 0;
        if (plain != null || !importIsInterface) {
            return plain != null && !importIsInterface && plain.equals(importName);
        }
        int slash = importName.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String rest = importName.substring(slash + 1);
        int at = rest.indexOf('@');
        String importInterface = at < 0 ? rest : rest.substring(0, at);
        String importVersion = at < 0 ? null : rest.substring(at + 1);
        return packageName.equals(importName.substring(0, slash))
                && (interfaceName == null || interfaceName.equals(importInterface))
                && (version == null || version.equals(importVersion));
    }
}
