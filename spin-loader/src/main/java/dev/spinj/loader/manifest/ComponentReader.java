package dev.spinj.loader.manifest;

import dev.spinj.loader.manifest.Manifest.Build;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.FileMount;
import dev.spinj.loader.manifest.Manifest.FilePattern;
import dev.spinj.loader.manifest.Manifest.FilePlacement;
import dev.spinj.loader.manifest.Manifest.LocalSource;
import dev.spinj.loader.manifest.Manifest.Profile;
import dev.spinj.loader.manifest.Manifest.Source;
import dev.spinj.loader.manifest.Manifest.UrlSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one component table. v1 and v2 share most fields; v1 adds {@code id}, {@code trigger}
 * (read by {@link V1Compat}) and {@code config}, v2 adds {@code variables} (v1's config under a
 * new name) and {@code allowed_outbound_hosts}.
 */
final class ComponentReader {
    private static final List<String> COMMON_KEYS = List.of(
            "source", "description", "files", "exclude_files", "allowed_http_hosts", "key_value_stores",
            "sqlite_databases", "ai_models", "environment", "build");

    private ComponentReader() {}

    static Component read(String id, TomlFields table, int version) {
        List<String> allowed = new ArrayList<>(COMMON_KEYS);
        allowed.addAll(version == 1
                ? List.of("id", "trigger", "config")
                : List.of("variables", "allowed_outbound_hosts", "targets", "tool", "dependencies_inherit_configuration",
                        "dependencies", "profile"));
        table.denyUnknown(allowed);
        if (version == 2) {
            checkOpaqueKeys(table);
        }

        List<String> httpHosts = table.stringList("allowed_http_hosts");
        AllowedHttpHosts.problem(httpHosts).ifPresent(message -> {
            throw new InvalidManifestException(message);
        });
        List<String> outboundHosts = new ArrayList<>(table.stringList("allowed_outbound_hosts"));
        if (outboundHosts.contains(AllowedHttpHosts.ALLOW_ALL)) {
            throw table.error("allowed_outbound_hosts", "'insecure:allow-all' is not allowed - use '*://*:*' instead"
                    + " if you really want to allow all outbound traffic'");
        }
        for (String host : outboundHosts) {
            // A template such as "{{ origin }}" is checked once variables resolve it, as Spin does.
            if (!host.contains("://") && !host.contains("{{")) {
                throw table.error("allowed_outbound_hosts",
                        "\"" + host + "\" does not contain a scheme (e.g., 'http://' or '*://')");
            }
        }
        if (version == 2) {
            outboundHosts.addAll(AllowedHttpHosts.toOutboundHosts(httpHosts));
        }
        String configKey = version == 1 ? "config" : "variables";
        Map<String, String> config = table.stringMap(configKey);
        for (String key : config.keySet()) {
            Optional<String> problem = version == 1
                    ? Identifiers.configKeyProblem(key).map(p -> "Invalid config key " + key + ": " + p)
                    : Identifiers.lowerSnakeProblem(key);
            problem.ifPresent(p -> {
                throw table.error(configKey, p);
            });
        }
        return new Component(
                id,
                table.optionalString("description"),
                source(table, version),
                files(table),
                table.stringList("exclude_files"),
                httpHosts,
                outboundHosts,
                labels(table, "key_value_stores", "store"),
                labels(table, "sqlite_databases", "database"),
                table.stringList("ai_models"),
                table.stringMap("environment"),
                config,
                build(table),
                version == 1 ? Map.of() : Dependencies.read(id, table));
    }

    /** The v2 keys Spin reads only for {@code spin build}/deploy checks or plugins: validated, not used. */
    static void checkOpaqueKeys(TomlFields table) {
        Targets.check(table);
        TomlFields tools = table.optionalTable("tool");
        if (tools != null) {
            tools.keys().forEach(tools::requiredTable);
        }
    }

    /** {@code [component.<id>.profile.<name>]} tables by profile name. */
    static Map<String, Profile> profiles(TomlFields table) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        TomlFields byName = table.optionalTable("profile");
        if (byName == null) {
            return profiles;
        }
        for (String name : byName.keys()) {
            TomlFields profile = byName.requiredTable(name);
            profile.denyUnknown(List.of("source", "environment", "dependencies", "build"));
            List<String> commands = null;
            boolean commandIsList = false;
            TomlFields build = profile.optionalTable("build");
            if (build != null) {
                build.denyUnknown(List.of("command"));
                commands = commands(build);
                commandIsList = build.raw("command") instanceof org.tomlj.TomlArray;
            }
            profiles.put(name, new Profile(profile.has("source") ? source(profile, 2) : null,
                    profile.stringMap("environment"), Dependencies.read(name, profile), commands, commandIsList));
        }
        return profiles;
    }

    static Source source(TomlFields table, int version) {
        Object raw = table.raw("source");
        if (raw == null) {
            throw table.missing("source");
        }
        if (raw instanceof String path) {
            return new LocalSource(path);
        }
        if (!(raw instanceof org.tomlj.TomlTable)) {
            throw table.error("source", "data did not match any variant of untagged enum RawModuleSource");
        }
        TomlFields url = table.requiredTable("source");
        url.denyUnknown(List.of("url", "digest"));
        UrlSource source = new UrlSource(url.requiredString("url"), url.requiredString("digest"));
        // Spin 1 fetches only over https; Spin 2 also allows http.
        String scheme = URI.create(source.url().replace(" ", "%20")).getScheme();
        if (version == 1 && !"https".equals(scheme)) {
            throw url.error("url", "Invalid URL scheme " + scheme + ": must be HTTPS");
        }
        digestProblem(source.digest()).ifPresent(p -> {
            throw url.error("digest", p);
        });
        return source;
    }

    private static Optional<String> digestProblem(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            return Optional.of("Invalid digest string '" + digest + "': format must be 'sha256:...'");
        }
        if (!digest.substring(0, colon).equals("sha256")) {
            return Optional.of("Invalid digest string '" + digest + "': format must be sha256");
        }
        if (colon == digest.length() - 1) {
            return Optional.of("Invalid digest string '" + digest + "': no digest");
        }
        return Optional.empty();
    }

    private static List<FileMount> files(TomlFields table) {
        List<FileMount> mounts = new ArrayList<>();
        for (Object item : table.list("files")) {
            if (item instanceof String glob) {
                mounts.add(new FilePattern(glob));
            } else if (item instanceof org.tomlj.TomlTable) {
                TomlFields placement = table.nested("files", item, table.position("files"));
                placement.denyUnknown(List.of("source", "destination"));
                mounts.add(new FilePlacement(placement.requiredString("source"), placement.requiredString("destination")));
            } else {
                throw table.error("files", "data did not match any variant of untagged enum RawFileMount");
            }
        }
        return mounts;
    }

    private static List<String> labels(TomlFields table, String key, String kind) {
        List<String> labels = table.stringList(key);
        for (String label : labels) {
            Labels.problem(label).ifPresent(p -> {
                throw table.error(key, "invalid " + kind + " label \"" + label + "\": " + p);
            });
        }
        return labels;
    }

    private static Build build(TomlFields table) {
        TomlFields build = table.optionalTable("build");
        if (build == null) {
            return null;
        }
        build.denyUnknown(List.of("command", "workdir", "watch"));
        return new Build(commands(build), build.raw("command") instanceof org.tomlj.TomlArray,
                build.optionalString("workdir"), build.stringList("watch"));
    }

    /** {@code command}: a string, or (Spin 2+) a list of strings run in order. */
    private static List<String> commands(TomlFields build) {
        if (build.raw("command") instanceof org.tomlj.TomlArray) {
            return build.stringList("command");
        }
        return List.of(build.requiredString("command"));
    }
}
