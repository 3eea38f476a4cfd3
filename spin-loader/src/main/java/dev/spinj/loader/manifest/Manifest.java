package dev.spinj.loader.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application manifest, normalised to a single (v2-shaped) model whichever version the
 * file was written in. Maps keep manifest order; {@link #version()} records the source format
 * because the lock shape written for it differs (Spin 1.x vs 2.x conventions).
 *
 * @param version         1 or 2: the {@code spin.toml} format the app was read from
 * @param app             name, version, description, authors
 * @param variables       application variables by name
 * @param triggerSettings app-level settings per trigger type, e.g. {@code http -> {base: "/"}}
 * @param triggers        one entry per trigger, in manifest order, ids already assigned
 * @param components      components in manifest order, ids unique
 */
public record Manifest(
        int version,
        AppInfo app,
        Map<String, Variable> variables,
        Map<String, Map<String, Object>> triggerSettings,
        List<Trigger> triggers,
        List<Component> components) {

    public Manifest {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        triggerSettings = Collections.unmodifiableMap(new LinkedHashMap<>(triggerSettings));
        triggers = List.copyOf(triggers);
        components = List.copyOf(components);
    }

    /** @param version may be null in v2 manifests; @param description may be null. */
    public record AppInfo(String name, String version, String description, List<String> authors) {
        public AppInfo {
            authors = List.copyOf(authors);
        }
    }

    /** An application variable: {@code defaultValue} is null exactly when it is required. */
    public record Variable(String defaultValue, boolean required, boolean secret, String description) {}

    /**
     * A trigger: its type ({@code http}, {@code redis} or a plugin's), the component it runs and
     * the rest of its settings as plain values (String, Long, Double, Boolean, List, Map), e.g.
     * {@code route} and {@code executor}.
     */
    public record Trigger(String type, String id, String component, Map<String, Object> config) {}

    /**
     * One component. Lists and maps are empty, never null; description and build may be null.
     * {@code allowedOutboundHosts} exists in v2 only and already includes the deprecated
     * {@code allowedHttpHosts}, translated as Spin 2 does; {@code config} is v1's
     * {@code [component.config]} or v2's {@code variables}.
     */
    public record Component(
            String id,
            String description,
            Source source,
            List<FileMount> files,
            List<String> excludeFiles,
            List<String> allowedHttpHosts,
            List<String> allowedOutboundHosts,
            List<String> keyValueStores,
            List<String> sqliteDatabases,
            List<String> aiModels,
            Map<String, String> environment,
            Map<String, String> config,
            Build build,
            Map<String, Dependency> dependencies) {

        public Component {
            dependencies = Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
        }

        /** This component with a profile's overrides applied (Spin 4 {@code apply_profile_overrides}). */
        Component withProfile(Profile profile) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.putAll(profile.environment());
            Map<String, Dependency> deps = new LinkedHashMap<>(dependencies);
            deps.putAll(profile.dependencies());
            Build profileBuild = profile.buildCommands() == null ? build
                    : new Build(profile.buildCommands(), profile.buildCommandIsList(),
                            build == null ? null : build.workdir(), build == null ? List.of() : build.watch());
            return new Component(id, description, profile.source() == null ? source : profile.source(), files,
                    excludeFiles, allowedHttpHosts, allowedOutboundHosts, keyValueStores, sqliteDatabases, aiModels,
                    env, config, profileBuild, deps);
        }
    }

    /**
     * {@code [component.<id>.profile.<name>]}: what {@code --profile <name>} changes. Null
     * source/buildCommands leave the component's own.
     */
    record Profile(Source source, Map<String, String> environment, Map<String, Dependency> dependencies,
            List<String> buildCommands, boolean buildCommandIsList) {}

    /**
     * One {@code [component.<id>.dependencies]} entry.
     *
     * @param name    the import it satisfies: plain kebab, or {@code ns:pkg[/iface][@ver]}
     * @param source  where its wasm comes from
     * @param export  the export to use instead of the import's own name, or null
     * @param inherit {@code null} = all configuration; otherwise the capability sets let through
     */
    public record Dependency(String name, DependencySource source, String export, List<String> inherit) {}

    /** Where a dependency comes from. */
    public sealed interface DependencySource permits LocalDependency, UrlDependency, RegistryDependency,
            AppComponentDependency {}

    /** {@code { path = "x.wasm" }}, relative to the manifest directory. */
    public record LocalDependency(String path) implements DependencySource {}

    /** {@code { url, digest }}. */
    public record UrlDependency(String url, String digest) implements DependencySource {}

    /** A registry package: {@code "<version>"} or {@code { version, registry?, package? }}. */
    public record RegistryDependency(String version, String registry, String packageName) implements DependencySource {}

    /** {@code { component = "<app component id>" }} (Spin 3.5+). */
    public record AppComponentDependency(String component) implements DependencySource {}

    /** Where a component's wasm comes from. */
    public sealed interface Source permits LocalSource, UrlSource {}

    /** A path as written in the manifest, relative to the manifest directory unless absolute. */
    public record LocalSource(String path) implements Source {}

    /** A module to download; {@code digest} is {@code sha256:<hex>}. */
    public record UrlSource(String url, String digest) implements Source {}

    /** One {@code files} entry. */
    public sealed interface FileMount permits FilePattern, FilePlacement {}

    /** A glob (or plain path) relative to the manifest directory, mounted at the same relative path. */
    public record FilePattern(String glob) implements FileMount {}

    /** A file or directory mounted at an absolute guest path. */
    public record FilePlacement(String source, String destination) implements FileMount {}

    /**
     * {@code [component.build]}: used by {@code spin build}/{@code watch}, carried into v2 locks.
     *
     * @param commands      run in order; one entry when {@code command} is a string
     * @param commandIsList whether the manifest wrote {@code command} as a list (the lock keeps its form)
     */
    public record Build(List<String> commands, boolean commandIsList, String workdir, List<String> watch) {
        public Build {
            commands = List.copyOf(commands);
            watch = List.copyOf(watch);
        }

        /** {@code command} as written: a string, or a list of strings. */
        public Object commandAsWritten() {
            return commandIsList ? commands : commands.get(0);
        }
    }
}
