package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.types.InstanceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Linking a component with dependencies ({@link Linker#link(Component, String, List)}): the
 * compose-text and compose-counter fixtures (their calls are also checked against jco by
 * {@link JcoDifferentialTest}), and the link errors, in Spin's words.
 */
class DependencyTest {
    private static final String TEXT = "test:compose/text@0.1.0";
    private static final String APP = "test:compose/app@0.1.0#";
    private static final String RUN = "test:compose/run@0.1.0#";
    private static final String RESOLVING = "failed to resolve dependencies for component \"app\"";

    private final Linker linker = new Linker();

    private static Component part(String name) throws IOException {
        return ComponentParser.parse(Files.readAllBytes(JcoDifferentialTest.dir().resolve(name + ".wasm")));
    }

    private LinkedComponent textLib() throws IOException {
        return linker.link(part("compose-text-lib"), "text-lib");
    }

    private LinkedComponent counterLib() throws IOException {
        return linker.link(part("compose-counter-lib"), "counter-lib");
    }

    /** The messages of the link error and its causes, as Spin prints them under {@code Caused by:}. */
    private List<String> linkTextApp(Dependency... dependencies) {
        Throwable e = assertThrows(LinkException.class,
                () -> linker.link(part("compose-text-app"), "app", List.of(dependencies)));
        List<String> chain = new ArrayList<>();
        for (; e != null; e = e.getCause()) {
            chain.add(e.getMessage());
        }
        return chain;
    }

    @Test
    void stringsListsAndRecordsAreCopiedBetweenTheTwoComponents() throws IOException {
        ComponentInstance app = linker.link(part("compose-text-app"), "app",
                List.of(new Dependency("test:compose/text", textLib(), null))).instantiate();

        assertEquals("hello, wörld 😀", app.call(APP + "welcome", "wörld 😀"));
        assertEquals(4294967298L, app.call(APP + "total", List.of(1L, 2L, 4294967295L)));
        assertEquals(List.of(0L, 1L, 2L), app.call(APP + "count-up", 3L));
        assertEquals(List.of(-6, 21), app.call(APP + "grow", -2, 7));
    }

    @Test
    void aCoreModuleWithAComponentTypeSectionTakesDependenciesToo() throws IOException {
        byte[] app = Files.readAllBytes(JcoDifferentialTest.dir().resolve("compose-text-app.core.wasm"));
        LinkedCoreModule linked = linker.linkCoreModule(app, "app", List.of(new Dependency(TEXT, textLib(), null)));

        assertEquals("hello, core", linked.instantiate().call(APP + "welcome", "core"));
        assertEquals(0L, linked.instantiate().call(APP + "library-calls"));
    }

    @Test
    void eachInstanceOfTheMainComponentGetsAFreshDependencyInstance() throws IOException {
        LinkedComponent linked = linker.link(part("compose-text-app"), "app", List.of(new Dependency(TEXT, textLib(), null)));
        ComponentInstance first = linked.instantiate();
        first.call(APP + "welcome", "a");
        first.call(APP + "welcome", "b");

        ComponentInstance second = linked.instantiate();

        assertEquals(2L, first.call(APP + "library-calls"));
        assertEquals(0L, second.call(APP + "library-calls"));
    }

    @Test
    void droppingTheLastHandleRunsTheDestructorInTheDependency() throws IOException {
        ComponentInstance app = linker.link(part("compose-counter-app"), "app",
                List.of(new Dependency("test:compose", counterLib(), null))).instantiate();

        assertEquals(10L, app.call(RUN + "lifecycle", 5L));

        assertEquals(1L, app.call(RUN + "drops"));
        assertEquals(10L, app.call(RUN + "last-dropped"));
    }

    @Test
    void theDependencysOwnImportsAndTheRestOfTheMainComponentsComeFromTheHost() throws IOException {
        Component cguest = part("cguest");
        List<String> logged = new ArrayList<>();
        linker.instance("test:cguest/host", HostInstance.implementing((InstanceType) cguest.type().imports().get("test:cguest/host"))
                .function("log", args -> {
                    logged.add((String) args[0]);
                    return null;
                })
                .function("config", args -> args[0].equals("mode") ? Optional.of("fast") : Optional.empty())
                .build());
        Component app;
        try (InputStream in = getClass().getResourceAsStream("/wat/compose-host-app.wasm")) {
            app = ComponentParser.parse(in.readAllBytes());
        }
        ComponentInstance instance = linker.link(app, "app",
                List.of(new Dependency("test:cguest/api", linker.link(cguest, "cguest"), null))).instantiate();

        assertEquals("olleh", instance.call("shout", "hello"));
        assertEquals("fast", instance.call("setting", "mode"));
        assertEquals("(unset)", instance.call("setting", "speed"));
        assertEquals(List.of("shout", "hello"), logged);
    }

    @Test
    void aPlainImportNameTakesTheExportTheDependencyNames() throws IOException {
        Component app;
        try (InputStream in = getClass().getResourceAsStream("/wat/compose-plain-app.wasm")) {
            app = ComponentParser.parse(in.readAllBytes());
        }
        ComponentInstance instance = linker.link(app, "app",
                List.of(new Dependency("counters", counterLib(), "test:compose/counters@0.1.0"))).instantiate();

        assertEquals(0L, instance.call("drops"));
    }

    @Test
    void aDependencyMatchingNoImportIsRefused() throws IOException {
        assertEquals(List.of(RESOLVING, "dependency 'test:compose/text@0.2.0' doesn't match any imports of component 'app'"),
                linkTextApp(new Dependency("test:compose/text@0.2.0", textLib(), null)));
    }

    @Test
    void anImportTwoDependenciesMatchIsAConflict() throws IOException {
        assertEquals(List.of(RESOLVING, "component 'app' has dependency conflicts: import 'test:compose/text@0.1.0' satisfied"
                + " by dependencies: 'test:compose, test:compose/text@0.1.0'"),
                linkTextApp(new Dependency("test:compose", textLib(), null), new Dependency(TEXT, textLib(), null)));
    }

    @Test
    void aMissingExportNamesTheExportAndTheImport() throws IOException {
        assertEquals(List.of(RESOLVING, "dependency 'test:compose/text@0.1.0' doesn't export 'test:compose/words@0.1.0' to"
                + " satisfy import 'test:compose/text@0.1.0'"),
                linkTextApp(new Dependency(TEXT, textLib(), "test:compose/words@0.1.0")));
    }

    @Test
    void anExportOfAnotherTypeNamesBothAndWhatDiffers() throws IOException {
        assertEquals(List.of(RESOLVING, "an error occurred when preparing dependencies",
                "dependency 'test:compose/text@0.1.0' exports 'test:compose/counters@0.1.0' which is not compatible with import"
                        + " 'test:compose/text@0.1.0'",
                "missing export `point` (expected type record { x: s32, y: s32 })"),
                linkTextApp(new Dependency(TEXT, counterLib(), "test:compose/counters@0.1.0")));
    }
}
