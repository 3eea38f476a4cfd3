package dev.spinj.cli;

import dev.spinj.loader.manifest.Manifest;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.FilePattern;
import dev.spinj.loader.manifest.Manifest.FilePlacement;
import dev.spinj.loader.manifest.Manifest.LocalSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code spin watch}: rebuilds the components whose {@code build.watch} files change and restarts
 * the app ({@code spin up} as a child process).
 *
 * <p>Changes are found by polling ({@link FileSnapshot}) rather than {@code WatchService}: the JDK's
 * service is not recursive (every directory, including ones created later, must be registered),
 * falls back to polling with multi-second delays on macOS, and reports editors' temp-file dances as
 * bursts anyway. Scanning only the globs' literal directories every poll interval is cheap for
 * source trees and behaves the same everywhere.
 */
@Command(name = "watch", description = "Build and run the Spin application, rebuilding and restarting it when files change.")
final class WatchCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 100;

    @Option(names = {"-f", "--from", "--file"}, paramLabel = "<APPLICATION>",
            description = "The application to watch: a spin.toml file or a directory containing one (default: spin.toml).")
    String from;

    @Option(names = {"-d", "--debounce"}, paramLabel = "<MS>", defaultValue = "100",
            description = "Wait this long after the last change before rebuilding (default: ${DEFAULT-VALUE} ms).")
    long debounceMillis;

    @Option(names = "--skip-build", description = "Only restart the app, when its wasm files or mounted files change; never build.")
    boolean skipBuild;

    @Option(names = {"-c", "--clear"}, description = "Clear the screen before each restart.")
    boolean clear;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help information.")
    boolean help;

    @Parameters(paramLabel = "<UP_ARGS>", description = "Arguments for `spin up`, after `--`.")
    List<String> upArgs = new ArrayList<>();

    private final CountDownLatch stopped = new CountDownLatch(1);
    private UpProcess app;

    @Override
    public Integer call() throws CliException, IOException, InterruptedException {
        if (debounceMillis < 0) {
            throw new CliException("Invalid debounce " + debounceMillis + " ms: give a duration of 0 ms or more");
        }
        Path manifest = UpCommand.resolveManifest(from);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> stopped.countDown());
        }
        ComponentBuilder builder = ComponentBuilder.forManifest(manifest);
        List<WatchPattern> patterns = patterns(manifest, builder);
        FileSnapshot baseline = FileSnapshot.take(patterns);
        rebuildAndRestart(manifest, builder, List.of());
        while (!stopped.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            Set<Path> changed = settledChanges(patterns, baseline);
            if (changed.isEmpty()) {
                continue;
            }
            if (changed.contains(manifest)) {
                try {
                    builder = ComponentBuilder.forManifest(manifest);
                    patterns = patterns(manifest, builder);
                    rebuildAndRestart(manifest, builder, List.of());
                } catch (CliException e) {
                    ErrorReporter.report(e, System.err);
                }
            } else {
                rebuildAndRestart(manifest, builder, affectedComponents(patterns, changed));
            }
            // taken after the build, so files the build itself wrote do not trigger another round
            baseline = FileSnapshot.take(patterns);
        }
        if (app != null) {
            app.stop();
        }
        return 0;
    }

    /** The files changed since {@code baseline}, once nothing has changed for the debounce period. */
    private Set<Path> settledChanges(List<WatchPattern> patterns, FileSnapshot baseline) throws InterruptedException {
        FileSnapshot current = FileSnapshot.take(patterns);
        Set<Path> changed = new LinkedHashSet<>(current.changedSince(baseline));
        while (!changed.isEmpty() && !stopped.await(debounceMillis, TimeUnit.MILLISECONDS)) {
            FileSnapshot next = FileSnapshot.take(patterns);
            Set<Path> more = next.changedSince(current);
            if (more.isEmpty()) {
                break;
            }
            changed.addAll(more);
            current = next;
        }
        return changed;
    }

    /** Components to rebuild; empty means all (first start, manifest change). */
    private void rebuildAndRestart(Path manifest, ComponentBuilder builder, List<String> componentIds)
            throws IOException, InterruptedException {
        if (!skipBuild) {
            try {
                builder.build(componentIds, System.out);
            } catch (CliException | ComponentBuildException e) {
                // the old app keeps serving until a build succeeds
                ErrorReporter.report(e, System.err);
                return;
            }
        }
        if (app != null) {
            app.stop();
        }
        if (clear) {
            System.out.print("\033[2J\033[H");
        }
        System.out.flush();
        app = UpProcess.start(manifest, upArgs);
    }

    private List<String> affectedComponents(List<WatchPattern> patterns, Set<Path> changed) {
        Set<String> ids = new LinkedHashSet<>();
        for (WatchPattern pattern : patterns) {
            if (pattern.componentId() != null && changed.stream().anyMatch(pattern::matches)) {
                ids.add(pattern.componentId());
            }
        }
        return List.copyOf(ids);
    }

    /**
     * What to follow: {@code spin.toml}, plus each component's {@code build.watch} globs, or with
     * {@code --skip-build} its local wasm source and mounted files (which restart without a build).
     */
    private List<WatchPattern> patterns(Path manifest, ComponentBuilder builder) {
        Path appDir = manifest.getParent();
        List<WatchPattern> patterns = new ArrayList<>();
        patterns.add(new WatchPattern(null, appDir, manifest.getFileName().toString()));
        Manifest parsed = builder.manifest();
        for (Component component : parsed.components()) {
            if (skipBuild) {
                if (component.source() instanceof LocalSource local) {
                    patterns.add(new WatchPattern(null, appDir, local.path()));
                }
                for (Manifest.FileMount mount : component.files()) {
                    String glob = mount instanceof FilePattern p ? p.glob() : ((FilePlacement) mount).source() + "/**";
                    patterns.add(new WatchPattern(null, appDir, glob));
                }
            } else if (component.build() != null) {
                Path workdir = builder.workdir(component);
                component.build().watch().forEach(glob -> patterns.add(new WatchPattern(component.id(), workdir, glob)));
            }
        }
        return patterns;
    }
}
