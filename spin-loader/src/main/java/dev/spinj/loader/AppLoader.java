package dev.spinj.loader;

import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.lock.FileUrls;
import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedComponentSource;
import dev.spinj.loader.lock.LockedDependency;
import dev.spinj.loader.lock.LockedTrigger;
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.loader.manifest.Manifest;
import dev.spinj.loader.manifest.Manifest.AppComponentDependency;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.Dependency;
import dev.spinj.loader.manifest.Manifest.LocalDependency;
import dev.spinj.loader.manifest.Manifest.UrlDependency;
import dev.spinj.loader.manifest.Manifest.LocalSource;
import dev.spinj.loader.manifest.Manifest.UrlSource;
import dev.spinj.loader.manifest.ManifestException;
import dev.spinj.loader.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@code spin.toml} into the {@link LockedApp} that triggers run: wasm sources resolved
 * to {@code file:} URLs, {@code files} copied under {@code <workingDir>/assets/<component>/} (or
 * mounted in place), environment and config carried over.
 *
 * <p>The lock's shape follows the Spin version that reads the manifest's format:
 * <ul>
 *   <li>v1 manifests: Spin 1.x's lock (SPEC 5): {@code metadata.trigger = {type, base|address}},
 *       trigger ids {@code trigger--<component>}, HTTP {@code trigger_config =
 *       {component, executor (null when absent, defaults filled), route}}, component metadata
 *       {@code allowed_http_hosts}, {@code key_value_stores}, {@code databases}, {@code ai_models}
 *       (always present) and {@code description}.</li>
 *   <li>v2 manifests: Spin 2.x's lock ({@code spinframework/spin:crates/loader/src/local.rs}):
 *       {@code metadata.triggers.<type>} holds {@code [application.trigger.<type>]} as written
 *       (a missing {@code base} stays missing: triggers default it to {@code /}), plus
 *       {@code metadata.trigger = {type, ...}} when the app has one trigger type; authors;
 *       trigger ids as written or normalised ({@code <component>-<type>-trigger});
 *       {@code trigger_config} = the trigger's table as written plus {@code component} (no
 *       executor key when absent; wagi defaults are the trigger's job); component metadata
 *       {@code allowed_outbound_hosts} (with {@code allowed_http_hosts} translated),
 *       {@code key_value_stores}, {@code databases}, {@code ai_models}, {@code build},
 *       {@code description}, each only when non-empty; {@code config} = the component's
 *       {@code variables}; variables may carry a {@code description}. {@code spin_lock_version}
 *       stays 0: nothing here needs Spin 2's {@code must_understand}.</li>
 * </ul>
 *
 * <p>URL sources ({@code {url, digest}}) are downloaded and verified through
 * {@link ComponentDownloads}; the lock points at the verified file in its cache.
 */
public final class AppLoader {

    /**
     * @param directMounts mount {@code files} directories in place instead of copying
     * @param extraEnv     {@code --env} pairs added to every component's environment
     * @param downloads    where {@code { url, digest }} sources are fetched into
     */
    public record Options(boolean directMounts, Map<String, String> extraEnv, ComponentDownloads downloads,
            String profile) {
        public Options {
            extraEnv = Map.copyOf(extraEnv);
        }

        /** Downloads go to the user's cache ({@link ComponentDownloads#inUserCache}); no profile. */
        public Options(boolean directMounts, Map<String, String> extraEnv) {
            this(directMounts, extraEnv, ComponentDownloads.inUserCache(System.getenv()), null);
        }

        /** These options with a Spin 4 {@code --profile} (null for the default). */
        public Options withProfile(String name) {
            return new Options(directMounts, extraEnv, downloads, name);
        }
    }

    /** Spin's feature name for {@code http://<component>.spin.internal} requests. */
    public static final String SERVICE_CHAINING = "local_service_chaining";

    private AppLoader() {}

    public static LockedApp load(Path manifestFile, Path workingDir, Options options)
            throws ManifestException, AppLoadException {
        Path file = manifestFile.toAbsolutePath().normalize();
        Manifest manifest = ManifestParser.parse(file, options.profile());
        Path appDir = file.getParent();
        List<LockedComponent> components = new ArrayList<>();
        for (Component component : manifest.components()) {
            try {
                components.add(component(manifest, component, appDir, workingDir, options));
            } catch (IOException e) {
                throw new AppLoadException("Failed to load component `" + component.id() + "`", e);
            }
        }
        // Spin 2+: an app whose components may call others over *.spin.internal needs a host
        // that serves those requests, and says so in a way older hosts must understand.
        boolean chaining = manifest.components().stream()
                .flatMap(c -> c.allowedOutboundHosts().stream())
                .anyMatch(AppLoader::isServiceChainingHost);
        Map<String, Object> hostRequirements = chaining ? Map.of(SERVICE_CHAINING, "required") : Map.of();
        List<String> mustUnderstand = chaining ? List.of("host_requirements") : List.of();
        return new LockedApp(chaining ? 1 : 0, mustUnderstand, metadata(manifest, file), hostRequirements,
                variables(manifest), triggers(manifest), components);
    }

    /** {@code http://<component>.spin.internal}, {@code http://*.spin.internal} and the like. */
    private static boolean isServiceChainingHost(String allowed) {
        int scheme = allowed.indexOf("://");
        String authority = scheme < 0 ? allowed : allowed.substring(scheme + 3);
        int colon = authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        return host.endsWith(".spin.internal");
    }

    private static Map<String, Object> metadata(Manifest manifest, Path file) {
        Map<String, Object> metadata = new TreeMap<>();
        Manifest.AppInfo app = manifest.app();
        metadata.put("name", app.name());
        putIfPresent(metadata, "version", app.version());
        putIfPresent(metadata, "description", app.description());
        metadata.put("origin", FileUrls.of(file));
        if (manifest.version() == 1) {
            manifest.triggerSettings().forEach((type, settings) -> metadata.put("trigger", withType(type, settings)));
            return metadata;
        }
        if (!app.authors().isEmpty()) {
            metadata.put("authors", app.authors());
        }
        metadata.put("triggers", manifest.triggerSettings());
        List<String> types = manifest.triggers().stream().map(Manifest.Trigger::type).distinct().toList();
        if (types.size() == 1) {
            String type = types.get(0);
            metadata.put("trigger", withType(type, manifest.triggerSettings().getOrDefault(type, Map.of())));
        }
        return metadata;
    }

    private static Map<String, Object> withType(String type, Map<String, Object> settings) {
        Map<String, Object> trigger = new TreeMap<>(settings);
        trigger.put("type", type);
        return trigger;
    }

    private static Map<String, LockedVariable> variables(Manifest manifest) {
        Map<String, LockedVariable> variables = new TreeMap<>();
        manifest.variables().forEach((name, v) -> variables.put(name,
                new LockedVariable(v.description(), v.defaultValue(), v.secret() ? Boolean.TRUE : null)));
        return variables;
    }

    private static List<LockedTrigger> triggers(Manifest manifest) {
        return manifest.triggers().stream().map(trigger -> {
            // TreeMap rather than HashMap: the executor may be null, and keys come out sorted.
            Map<String, Object> config = new TreeMap<>(trigger.config());
            if (trigger.component() != null) { // a static_response trigger has none
                config.put("component", trigger.component());
            }
            return new LockedTrigger(trigger.id(), trigger.type(), LockFiles.tree(config));
        }).toList();
    }

    private static LockedComponent component(Manifest manifest, Component component, Path appDir, Path workingDir,
            Options options) throws IOException {
        int version = manifest.version();
        Map<String, String> env = new TreeMap<>(component.environment());
        env.putAll(options.extraEnv());
        List<ContentPath> files = List.of();
        if (!component.files().isEmpty()) {
            files = options.directMounts()
                    ? ComponentFiles.direct(component, appDir)
                    : ComponentFiles.copy(component, appDir,
                            workingDir.toAbsolutePath().normalize().resolve("assets").resolve(component.id()));
        }
        return new LockedComponent(component.id(), componentMetadata(version, component),
                source(component, appDir, options.downloads()),
                env, files, new TreeMap<>(component.config()),
                dependencies(manifest, component, appDir, options.downloads()), Map.of());
    }

    private static Map<String, LockedDependency> dependencies(Manifest manifest, Component component, Path appDir,
            ComponentDownloads downloads) throws IOException {
        Map<String, LockedDependency> locked = new TreeMap<>();
        for (Dependency dependency : component.dependencies().values()) {
            ContentRef content;
            if (dependency.source() instanceof LocalDependency local) {
                content = ContentRef.ofPath(existingWasm(appDir.resolve(local.path()).normalize()));
            } else if (dependency.source() instanceof UrlDependency url) {
                content = ContentRef.ofPath(downloads.fetch(url.url(), url.digest()));
            } else if (dependency.source() instanceof AppComponentDependency ref) {
                Component other = manifest.components().stream().filter(c -> c.id().equals(ref.component()))
                        .findFirst()
                        .orElseThrow(() -> new IOException("dependency \"" + dependency.name()
                                + "\" refers to component \"" + ref.component() + "\", which is not in the application"));
                content = source(other, appDir, downloads).content();
            } else {
                throw new IOException("dependency \"" + dependency.name()
                        + "\" comes from a registry; registry dependencies are not supported by spinj");
            }
            locked.put(dependency.name(), LockedDependency.of(
                    new LockedComponentSource(LockedComponentSource.WASM, content), dependency.export(),
                    dependency.inherit()));
        }
        return locked;
    }

    private static Path existingWasm(Path wasm) throws IOException {
        if (!Files.isRegularFile(wasm)) {
            throw new IOException("Wasm source file \"" + wasm + "\" does not exist");
        }
        return wasm;
    }

    private static LockedComponentSource source(Component component, Path appDir, ComponentDownloads downloads)
            throws IOException {
        ContentRef content;
        if (component.source() instanceof LocalSource local) {
            content = ContentRef.ofPath(existingWasm(appDir.resolve(local.path()).normalize()));
        } else {
            UrlSource url = (UrlSource) component.source();
            content = ContentRef.ofPath(downloads.fetch(url.url(), url.digest()));
        }
        return new LockedComponentSource(LockedComponentSource.WASM, content);
    }

    private static Map<String, Object> componentMetadata(int version, Component component) {
        Map<String, Object> metadata = new TreeMap<>();
        putIfPresent(metadata, "description", component.description());
        if (version == 1) {
            metadata.put("allowed_http_hosts", component.allowedHttpHosts());
            metadata.put("key_value_stores", component.keyValueStores());
            metadata.put("databases", component.sqliteDatabases());
            metadata.put("ai_models", component.aiModels());
            return metadata;
        }
        putIfNotEmpty(metadata, "allowed_outbound_hosts", component.allowedOutboundHosts());
        putIfNotEmpty(metadata, "key_value_stores", component.keyValueStores());
        putIfNotEmpty(metadata, "databases", component.sqliteDatabases());
        putIfNotEmpty(metadata, "ai_models", component.aiModels());
        if (component.build() != null) {
            Map<String, Object> build = new TreeMap<>();
            build.put("command", component.build().commandAsWritten());
            putIfPresent(build, "workdir", component.build().workdir());
            putIfNotEmpty(build, "watch", component.build().watch());
            metadata.put("build", build);
        }
        return metadata;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, List<String> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }
}
