package dev.spinj.cli;

import dev.spinj.loader.manifest.Manifest;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.ManifestException;
import dev.spinj.loader.manifest.ManifestParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the {@code [component.build] command} of components through {@code sh -c}, in manifest
 * order, each in its workdir, with the child's output going straight to ours; stops at the first
 * failure.
 */
final class ComponentBuilder {
    private final Path manifestFile;
    private final Manifest manifest;

    private ComponentBuilder(Path manifestFile, Manifest manifest) {
        this.manifestFile = manifestFile;
        this.manifest = manifest;
    }

    static ComponentBuilder forManifest(Path manifestFile) throws CliException {
        return forManifest(manifestFile, null);
    }

    /** @param profile a {@code --profile} whose build commands replace the defaults, or null */
    static ComponentBuilder forManifest(Path manifestFile, String profile) throws CliException {
        try {
            return new ComponentBuilder(manifestFile, ManifestParser.parse(manifestFile, profile));
        } catch (ManifestException e) {
            throw new CliException(e.getMessage(), e.getCause());
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** The directory a component's build runs in and its {@code watch} globs are relative to. */
    Path workdir(Component component) {
        Path appDir = manifestFile.getParent();
        if (component.build() == null || component.build().workdir() == null) {
            return appDir;
        }
        return appDir.resolve(component.build().workdir()).normalize();
    }

    /** Builds every component, or only {@code ids} when not empty. */
    void build(Collection<String> ids, PrintStream out) throws CliException, ComponentBuildException, InterruptedException {
        Set<String> known = manifest.components().stream().map(Component::id).collect(Collectors.toSet());
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new CliException("Unknown component(s) " + String.join(", ", unknown) + " in " + manifestFile
                    + " (components: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
        for (Component component : manifest.components()) {
            if (ids.isEmpty() || ids.contains(component.id())) {
                build(component, out);
            }
        }
        out.println("Finished building all Spin components");
        out.flush();
    }

    private void build(Component component, PrintStream out) throws ComponentBuildException, InterruptedException {
        if (component.build() == null) {
            out.println("No build command for component " + component.id());
            out.flush();
            return;
        }
        Path workdir = workdir(component);
        // Spin 2+: a list of commands runs in order, stopping at the first that fails.
        for (String command : component.build().commands()) {
            run(component, command, workdir, out);
        }
    }

    private void run(Component component, String command, Path workdir, PrintStream out)
            throws ComponentBuildException, InterruptedException {
        out.println("Building component " + component.id() + " with `" + command + "`");
        if (!workdir.equals(manifestFile.getParent())) {
            out.println("Working directory: \"" + workdir + "\"");
        }
        out.flush();
        int exit;
        try {
            if (!Files.isDirectory(workdir)) {
                throw new IOException("working directory " + workdir + " does not exist; fix `workdir` in " + manifestFile);
            }
            exit = new ProcessBuilder("sh", "-c", command).directory(workdir.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new ComponentBuildException("Build command for component " + component.id() + " could not be started", 1, e);
        }
        if (exit != 0) {
            throw new ComponentBuildException("Build command for component " + component.id() + " failed with exit code " + exit,
                    exit, new CliException("`" + command + "` in " + workdir
                            + " exited with " + exit + "; fix the error above and run `spin build` again"));
        }
    }
}
