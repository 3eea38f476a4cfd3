package dev.spinj.loader.manifest;

import dev.spinj.loader.manifest.Manifest.AppComponentDependency;
import dev.spinj.loader.manifest.Manifest.Dependency;
import dev.spinj.loader.manifest.Manifest.DependencySource;
import dev.spinj.loader.manifest.Manifest.LocalDependency;
import dev.spinj.loader.manifest.Manifest.RegistryDependency;
import dev.spinj.loader.manifest.Manifest.UrlDependency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;

/**
 * {@code [component.<id>.dependencies]} (Spin 3.0+, {@code schema/v2.rs}): each name is a plain
 * kebab name or {@code ns:pkg[/iface][@version]}; each value a version requirement (registry) or
 * a table naming a registry package, a {@code path}, a {@code url} + {@code digest} or another
 * {@code component} of the app. Problems are wrapped as Spin wraps them:
 * {@code component "<id>" has invalid dependencies}.
 */
final class Dependencies {
    private static final Pattern PACKAGE_NAME =
            Pattern.compile("([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)(?:/([a-z][a-z0-9-]*))?(?:@(.+))?");
    private static final List<String> KEYS = List.of(
            "version", "registry", "package", "path", "url", "digest", "component", "export", "inherit_configuration");

    private Dependencies() {}

    /** The dependencies of a component (or of one of its profiles), in manifest order. */
    static Map<String, Dependency> read(String ownerId, TomlFields owner) {
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        TomlFields table = owner.optionalTable("dependencies");
        if (table == null) {
            return dependencies;
        }
        boolean inheritAll = owner.optionalBoolean("dependencies_inherit_configuration");
        try {
            for (String name : table.keys()) {
                dependencies.put(name, dependency(table, name, inheritAll));
            }
        } catch (InvalidManifestException problem) {
            throw new InvalidManifestException("component \"" + ownerId + "\" has invalid dependencies", problem);
        }
        return dependencies;
    }

    private static Dependency dependency(TomlFields table, String name, boolean inheritAll) {
        Matcher packageName = PACKAGE_NAME.matcher(name);
        boolean isPackage = packageName.matches();
        if (!isPackage && Identifiers.kebabProblem(name).isPresent()) {
            throw table.error(name, "invalid dependency name \"" + name + "\": expected a kebab-case name or"
                    + " `namespace:package[/interface][@version]`");
        }
        if (table.raw(name) instanceof String version) {
            if (!isPackage) {
                throw table.error(name, "dependency \"" + name + "\" must specify a package name");
            }
            return new Dependency(name, new RegistryDependency(version, null, null), null, inheritAll ? null : List.of());
        }
        TomlFields spec = table.requiredTable(name);
        spec.denyUnknown(KEYS);
        String export = spec.optionalString("export");
        if (export != null && isPackage && packageName.group(3) == null) {
            throw table.error(name, "using an export to satisfy the package dependency \"" + name
                    + "\" is not currently permitted");
        }
        if (inheritAll && spec.has("inherit_configuration")) {
            throw table.error(name, "`dependencies_inherit_configuration` cannot be combined with a dependency's"
                    + " `inherit_configuration`");
        }
        return new Dependency(name, source(spec, name, isPackage), export, inheritAll ? null : inherit(spec));
    }

    private static DependencySource source(TomlFields spec, String name, boolean isPackage) {
        if (spec.has("path")) {
            return new LocalDependency(spec.requiredString("path"));
        }
        if (spec.has("url")) {
            return new UrlDependency(spec.requiredString("url"), spec.requiredString("digest"));
        }
        if (spec.has("component")) {
            String component = spec.requiredString("component");
            Identifiers.kebabProblem(component).ifPresent(p -> {
                throw spec.error("component", p);
            });
            return new AppComponentDependency(component);
        }
        String packageName = spec.optionalString("package");
        if (packageName == null && !isPackage) {
            throw spec.error("package", "dependency \"" + name + "\" must specify a package name");
        }
        return new RegistryDependency(spec.requiredString("version"), spec.optionalString("registry"), packageName);
    }

    /** {@code inherit_configuration}: true = everything (null), false/absent = nothing, a list = those sets. */
    private static List<String> inherit(TomlFields spec) {
        Object value = spec.raw("inherit_configuration");
        if (value instanceof TomlArray) {
            return spec.stringList("inherit_configuration");
        }
        return spec.optionalBoolean("inherit_configuration") ? null : List.of();
    }
}
