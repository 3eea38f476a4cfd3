package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spinj.cm.binary.Component;
import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.binary.ComponentTypeSection;
import dev.spinj.cm.types.ComponentType;
import dev.spinj.cm.types.ExternType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.Subtyping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * spinj against jco: every fixture in {@code components/} is linked with a host scripted from
 * its {@code <name>.calls.json} exactly as tools/reference.mjs scripts jco's, every call runs on
 * one instance (a fresh one after a trap), and each call's outcome and host calls must equal
 * jco's golden {@code <name>.expected.json}, or the calls file's {@code spec} where jco departs
 * from the canonical ABI (tools/README.md). Trap messages differ by design: only "trapped" is
 * compared.
 */
class JcoDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TestFactory
    Stream<DynamicNode> everyFixtureCallMatchesJco() throws IOException {
        List<DynamicNode> fixtures = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path calls : files.filter(p -> p.toString().endsWith(".calls.json")).sorted().toList()) {
                String name = calls.getFileName().toString().replace(".calls.json", "");
                fixtures.add(DynamicContainer.dynamicContainer(name, fixture(name)));
            }
        }
        assertTrue(fixtures.size() >= 10, "fixtures found: " + fixtures.size());
        return fixtures.stream();
    }

    private static Stream<DynamicNode> fixture(String name) throws IOException {
        JsonNode spec = read(name + ".calls.json");
        JsonNode expected = read(name + ".expected.json");
        if (expected.has("rejected")) {
            return Stream.of(rejectedByJco(name, spec, expected));
        }
        Stream<DynamicNode> whole = outcomes(name, expected,
                () -> run(ComponentParser.parse(Files.readAllBytes(dir().resolve(name + ".wasm"))), name, spec));
        if (!Files.exists(dir().resolve(name + ".compose.json"))) {
            return whole;
        }
        // jco ran the composition tools/compose-wat.mjs wrote; spinj runs it and, linked from its
        // parts (dependencies made from a core module also as that core module), must match too
        List<DynamicNode> ways = new ArrayList<>(List.of(DynamicContainer.dynamicContainer("composed " + name + ".wasm", whole),
                DynamicContainer.dynamicContainer("parts linked as dependencies", outcomes(name, expected,
                        () -> runLinkedParts(name, spec, false)))));
        if (hasCoreModulePart(name)) {
            ways.add(DynamicContainer.dynamicContainer("parts linked as dependencies, core modules as such", outcomes(name,
                    expected, () -> runLinkedParts(name, spec, true))));
        }
        return ways.stream();
    }

    private static boolean hasCoreModulePart(String name) throws IOException {
        JsonNode composition = read(name + ".compose.json");
        boolean any = Files.exists(coreModuleOf(composition.get("main").asText()));
        for (JsonNode d : composition.get("dependencies")) {
            any |= Files.exists(coreModuleOf(d.get("component").asText()));
        }
        return any;
    }

    /** The fixture's calls file run by {@code runner}, one test per call compared with jco's outcome. */
    private static Stream<DynamicNode> outcomes(String name, JsonNode expected, Callable<List<JsonNode>> runner) {
        List<JsonNode> actual;
        try {
            actual = runner.call();
        } catch (Exception | AssertionError e) {
            return Stream.of(DynamicTest.dynamicTest("links and runs", () -> {
                throw new AssertionError(name + ": spinj could not run the fixture", e);
            }));
        }
        List<DynamicNode> tests = new ArrayList<>();
        Iterator<JsonNode> want = expected.get("calls").iterator();
        for (int i = 0; i < actual.size(); i++) {
            JsonNode got = actual.get(i);
            JsonNode jco = want.next();
            tests.add(DynamicTest.dynamicTest(i + ": " + got.get("export").asText() + " " + got.get("args"),
                    () -> assertEquals(comparable(expectedOutcome(jco)).toPrettyString(), comparable(got).toPrettyString())));
        }
        return tests.stream();
    }

    /**
     * versions imports wasi:io/streams, wasi:io/error and wasi:cli/* at @0.2.3 and @0.2.12: one
     * host instance per interface, registered under the first version, serves both (the calls
     * themselves are checked against jco above).
     */
    @Test
    void bothPatchVersionsBindOneHostInstance() throws IOException {
        Component versions = ComponentParser.parse(Files.readAllBytes(dir().resolve("versions.wasm")));
        List<String> imports = versions.imports().stream().map(i -> i.name().name()).toList();
        assertTrue(imports.containsAll(List.of("wasi:io/streams@0.2.3", "wasi:io/streams@0.2.12")), imports.toString());
        JcoHost host = new JcoHost(read("versions.calls.json").path("host"), new JcoValues());
        host.linker(versions).link(versions, "versions").instantiate();
        assertEquals(List.of("wasi:io/error@0.2.3", "wasi:io/streams@0.2.3", "wasi:cli/stdout@0.2.3", "wasi:cli/stderr@0.2.12"),
                host.registered());
    }

    /**
     * The core modules with {@code component-type} sections (componentEmbed's output) declare
     * the world of the components made from them: the decoded world must match the component's
     * exports, and for cguest (no preview1 adapter) its imports too.
     */
    @TestFactory
    Stream<DynamicTest> coreModuleWorldMatchesItsComponent() {
        return Stream.of("cguest", "cwasi").map(name -> DynamicTest.dynamicTest(name, () -> {
            ComponentType world = ComponentTypeSection.read(Files.readAllBytes(dir().resolve(name + ".core.wasm"))).get(0).world();
            ComponentType component = ComponentParser.parse(Files.readAllBytes(dir().resolve(name + ".wasm"))).type();
            assertSame(world.exports(), component.exports());
            if (name.equals("cguest")) {
                assertSame(world.imports(), component.imports());
            } else {
                assertEquals(Map.of(), world.imports(), "cwasi's world imports nothing: getenv goes through preview1");
            }
        }));
    }

    private static void assertSame(Map<String, ExternType> world, Map<String, ExternType> component) {
        assertEquals(world.keySet(), component.keySet());
        world.forEach((name, type) -> {
            assertEquals(Optional.empty(), new Subtyping().mismatch(type, component.get(name)), name);
            assertEquals(Optional.empty(), new Subtyping().mismatch(component.get(name), type), name);
        });
    }

    /**
     * cguest.core.wasm is cguest.wasm before componentNew (a core module with a component-type
     * section, no adapter needed): run directly, it must give jco's outcome for the component,
     * host calls included.
     */
    @TestFactory
    Stream<DynamicTest> coreModuleGivesItsComponentsResults() throws IOException {
        JsonNode spec = read("cguest.calls.json");
        byte[] core = Files.readAllBytes(dir().resolve("cguest.core.wasm"));
        ComponentType world = ComponentTypeSection.read(core).get(0).world();
        List<JsonNode> actual = run(world.imports(), linker -> linker.linkCoreModule(core, "cguest.core")::instantiate, spec);
        Iterator<JsonNode> want = read("cguest.expected.json").get("calls").iterator();
        return actual.stream().map(got -> {
            JsonNode jco = want.next();
            return DynamicTest.dynamicTest(got.get("export").asText() + " " + got.get("args"),
                    () -> assertEquals(comparable(expectedOutcome(jco)).toPrettyString(), comparable(got).toPrettyString()));
        });
    }

    /**
     * cwasi.core.wasm still imports wasi_snapshot_preview1 (getenv), served here by Chicory's
     * preview1 with the environment the calls file gives the component's host: its results must
     * be jco's for cwasi.wasm (its host calls are preview1 calls, so only results compare).
     */
    @TestFactory
    Stream<DynamicTest> aCoreModuleImportingPreview1GivesItsComponentsResults() throws IOException {
        JsonNode spec = read("cwasi.calls.json");
        byte[] core = Files.readAllBytes(dir().resolve("cwasi.core.wasm"));
        ComponentType world = ComponentTypeSection.read(core).get(0).world();
        Supplier<ImportFunction[]> preview1 = () -> {
            WasiOptions.Builder options = WasiOptions.builder();
            spec.path("host").path("wasi:cli/environment@0.2.12#get-environment").path("returns")
                    .forEach(pair -> options.withEnvironment(pair.get(0).asText(), pair.get(1).asText()));
            return WasiPreview1.builder().withOptions(options.build()).build().toHostFunctions();
        };
        List<JsonNode> actual = run(world.imports(),
                linker -> linker.coreImports("wasi_snapshot_preview1", preview1).linkCoreModule(core, "cwasi.core")::instantiate, spec);
        Iterator<JsonNode> want = read("cwasi.expected.json").get("calls").iterator();
        return actual.stream().map(got -> {
            JsonNode jco = want.next();
            return DynamicTest.dynamicTest(got.get("export").asText() + " " + got.get("args"), () -> assertEquals(
                    comparable(jco).get("result").toPrettyString(), String.valueOf(comparable(got).get("result"))));
        });
    }

    @Test
    void aCoreModuleImportNothingProvidesFailsLinkingNamingIt() throws IOException {
        byte[] core = Files.readAllBytes(dir().resolve("cwasi.core.wasm"));
        LinkException e = assertThrows(LinkException.class, () -> new Linker().linkCoreModule(core, "cwasi.core"));
        assertEquals("core module `cwasi.core` imports `wasi_snapshot_preview1.environ_get`, which is neither a function nor"
                + " a resource drop of its world `test:cwasi/cwasi` nor provided by Linker.coreImports (core modules may not"
                + " define resources yet)", e.getMessage());
    }

    /**
     * flags40 has 40 flags: jco's validator rejects more than 32 (the current spec's limit), while
     * spinj, like wasmtime and wasm-tools, still accepts the older form and lays it out as two u32
     * words. A known, deliberate departure: the echo must round-trip.
     */
    private static DynamicNode rejectedByJco(String name, JsonNode spec, JsonNode expected) {
        return DynamicTest.dynamicTest("jco rejects (" + expected.get("rejected").asText() + "); spinj runs it", () -> {
            List<JsonNode> actual = run(ComponentParser.parse(Files.readAllBytes(dir().resolve(name + ".wasm"))), name, spec);
            for (JsonNode call : actual) {
                assertEquals(call.get("args").get(0), call.get("result"), call.toString());
            }
        });
    }

    /** Runs every call of the calls file on spinj; the outcome JSON of each, as reference.mjs writes it. */
    static List<JsonNode> run(Component component, String name, JsonNode spec) {
        Map<String, ExternType> imports = new LinkedHashMap<>();
        component.imports().forEach(i -> imports.put(i.name().name(), i.type()));
        return run(imports, linker -> linker.link(component, name)::instantiate, spec);
    }

    /**
     * A composition's parts ({@code <name>.compose.json}, see tools/compose-wat.mjs) linked with
     * {@link Linker#link(Component, String, List)}: each dependency by its name and export; with
     * {@code coreModules}, a part built from a core module ({@code <part>.core.wasm} beside it),
     * the main one or a dependency, is linked as that core module.
     */
    private static List<JsonNode> runLinkedParts(String name, JsonNode spec, boolean coreModules) throws IOException {
        JsonNode composition = read(name + ".compose.json");
        return run(Map.of(), linker -> {
            List<Dependency> plugged = new ArrayList<>();
            for (JsonNode d : composition.get("dependencies")) {
                String dependencyName = d.get("name").asText();
                String export = d.hasNonNull("export") ? d.get("export").asText() : null;
                plugged.add(new Dependency(dependencyName, part(linker, d.get("component").asText(), coreModules, List.of()),
                        export));
            }
            return part(linker, composition.get("main").asText(), coreModules, plugged)::instantiate;
        }, spec);
    }

    private static LinkedGuest part(Linker linker, String wasm, boolean coreModule, List<Dependency> dependencies) {
        try {
            Path core = coreModuleOf(wasm);
            if (coreModule && Files.exists(core)) {
                return linker.linkCoreModule(Files.readAllBytes(core), core.getFileName().toString(), dependencies);
            }
            return linker.link(ComponentParser.parse(Files.readAllBytes(dir().resolve(wasm))), wasm, dependencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the core module a fixture component was made from would be. */
    private static Path coreModuleOf(String wasm) {
        return dir().resolve(wasm.replace(".wasm", ".core.wasm"));
    }

    /** The same for whatever {@code link} makes of a linker providing {@code imports}. */
    static List<JsonNode> run(Map<String, ExternType> imports, Function<Linker, Supplier<ComponentInstance>> link, JsonNode spec) {
        JcoValues values = new JcoValues();
        JcoHost host = new JcoHost(spec.path("host"), values);
        Supplier<ComponentInstance> linked = link.apply(host.linker(imports));
        ComponentInstance instance = linked.get();
        nameExportedResources(instance.exports(), values);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : spec.get("calls")) {
            String export = c.get("export").asText();
            JsonNode args = c.path("args");
            ObjectNode entry = JSON.objectNode().put("export", export);
            entry.set("args", args);
            List<JsonNode> hostCalls = host.record();
            try {
                entry.set("result", call(instance, export, args, values));
            } catch (ChicoryException trap) {
                entry.put("trap", String.valueOf(trap.getMessage()));
                instance = linked.get(); // a trapped instance may not be entered again
                values.newInstance();
            }
            entry.set("host-calls", JSON.arrayNode().addAll(hostCalls));
            out.add(entry);
        }
        return out;
    }

    private static JsonNode call(ComponentInstance instance, String export, JsonNode args, JcoValues values) {
        int hash = export.indexOf('#');
        String fn = export.substring(hash + 1);
        if (fn.startsWith("[resource-drop]")) {
            String resource = export.substring(0, hash + 1) + fn.substring("[resource-drop]".length());
            instance.dropResource(resource, values.resourceToJava(null, args.get(0)));
            values.released(args.get(0));
            return JSON.nullNode();
        }
        FuncType type = instance.function(export).type();
        Object[] javaArgs = new Object[type.params().size()];
        assertEquals(javaArgs.length, args.size(), export + " arguments");
        for (int i = 0; i < javaArgs.length; i++) {
            javaArgs[i] = values.toJava(type.params().get(i).type(), args.get(i));
        }
        Object result = instance.call(export, javaArgs);
        return type.result() == null ? JSON.nullNode() : values.toJson(type.result(), result);
    }

    private static void nameExportedResources(Map<String, Object> exports, JcoValues values) {
        exports.forEach((iface, item) -> {
            if (item instanceof Map<?, ?> m) {
                m.forEach((n, v) -> {
                    if (v instanceof ResourceType r) {
                        values.nameResource(r, iface + "#" + n, false);
                    }
                });
            }
        });
    }

    /**
     * jco's outcome, or the specification's where the calls file gives one. Under {@code spec},
     * host calls jco made with an object the host never created ({@code "id": null}: a handle jco
     * did not check) and everything after are dropped, since the specification traps there.
     */
    private static JsonNode expectedOutcome(JsonNode jco) {
        ObjectNode e = jco.deepCopy();
        JsonNode spec = e.remove("spec");
        if (spec == null) {
            return e;
        }
        e.remove("result");
        e.remove("trap");
        e.setAll((ObjectNode) spec);
        ArrayNode calls = JSON.arrayNode();
        for (JsonNode call : e.get("host-calls")) {
            if (call.toString().contains("\"id\":null")) {
                break;
            }
            calls.add(call);
        }
        e.set("host-calls", calls);
        return e;
    }

    /** Trap messages are each engine's own (only trapping compares); numbers compare by value; keys in one order. */
    private static JsonNode comparable(JsonNode outcome) {
        ObjectNode o = JSON.objectNode();
        for (String key : List.of("export", "args", "result", "trap", "host-calls")) {
            if (outcome.has(key)) {
                o.set(key, key.equals("trap") ? JSON.booleanNode(true) : numbersByValue(outcome.get(key)));
            }
        }
        return o;
    }

    private static JsonNode numbersByValue(JsonNode n) {
        if (n.isNumber()) {
            return JSON.numberNode(n.decimalValue().stripTrailingZeros());
        }
        if (n.isArray()) {
            ArrayNode a = JSON.arrayNode();
            n.forEach(x -> a.add(numbersByValue(x)));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = JSON.objectNode();
            n.fields().forEachRemaining(f -> o.set(f.getKey(), numbersByValue(f.getValue())));
            return o;
        }
        return n;
    }

    static Path dir() {
        try {
            return Path.of(JcoDifferentialTest.class.getResource("/components").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String file) throws IOException {
        return MAPPER.readTree(dir().resolve(file).toFile());
    }
}
