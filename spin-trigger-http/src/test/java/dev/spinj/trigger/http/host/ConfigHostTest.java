package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.config.EnvProviderConfig;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.RuntimeConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfigHostTest {
    @TempDir
    Path appDir;

    private static String config(LockedApp app, Map<String, String> env, HostSettings settings, String flavour,
            String... keys) throws Exception {
        try (HostProbe probe = HostProbe.start(app, env, settings)) {
            return probe.run(flavour, "config", keys);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void templatesResolveFromVariableDefaults(String flavour) throws Exception {
        assertEquals("ok I'm a teapot\nok literal text\nok s3cret\n",
                config(HostProbe.lock(), Map.of(), HostSettings.defaults(), flavour, "message", "plain", "token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void keysOutsideTheComponentConfigAndInvalidKeysAreErrors(String flavour) throws Exception {
        assertEquals("err 3 unknown config path: no config for \"probe-" + flavour + "\".\"missing\"\n"
                        + "err 1 \"Bad-Key\": may contain only lowercase letters, digits, and '_'\n",
                config(HostProbe.lock(), Map.of(), HostSettings.defaults(), flavour, "missing", "Bad-Key"));
    }

    @Test
    void spinConfigEnvironmentVariableOverridesTheDefault() throws Exception {
        assertEquals("ok I'm a kettle\n",
                config(HostProbe.lock(), Map.of("SPIN_CONFIG_OBJECT", "kettle"), HostSettings.defaults(), "a", "message"));
    }

    @Test
    void dotEnvBesideTheManifestIsReadWhenTheEnvironmentHasNoValue() throws Exception {
        Files.writeString(appDir.resolve(".env"), "# test\nSPIN_CONFIG_OBJECT=\"jug\"\nSPIN_CONFIG_GREETING=I'm a\n");
        HostSettings settings = HostSettings.defaults().withAppDir(appDir);
        assertEquals("ok I'm a jug\n", config(HostProbe.lock(), Map.of(), settings, "b", "message"));
        assertEquals("ok I'm a pot\n", config(HostProbe.lock(), Map.of("SPIN_CONFIG_OBJECT", "pot"), settings, "b", "message"));
    }

    @Test
    void spin2LocksReadSpinVariableInsteadOfSpinConfig() throws Exception {
        LockedApp v1 = HostProbe.lock();
        Map<String, Object> metadata = new HashMap<>(v1.metadata());
        metadata.put("triggers", Map.of("http", Map.of()));
        LockedApp v2 = new LockedApp(0, metadata, v1.variables(), v1.triggers(), v1.components());
        Map<String, String> env = Map.of("SPIN_VARIABLE_OBJECT", "mug", "SPIN_CONFIG_GREETING", "ignored");
        assertEquals("ok I'm a mug\n", config(v2, env, HostSettings.defaults(), "a", "message"));
    }

    @Test
    void runtimeConfigEnvProviderComesAfterTheBuiltInOne() throws Exception {
        Files.writeString(appDir.resolve("extra.env"), "MYAPP_OBJECT=flask\n");
        RuntimeConfig config = new RuntimeConfig(null, null, Map.of(), Map.of(),
                List.of(new EnvProviderConfig("MYAPP", appDir.resolve("extra.env"))));
        assertEquals("ok I'm a flask\n", config(HostProbe.lock(), Map.of(), HostSettings.defaults().withRuntimeConfig(config),
                "a", "message"));
    }

    @Test
    void requiredVariableThatResolvesNowhereFailsStartupNamingIt() throws Exception {
        LockedApp app = withVariable(HostProbe.lock(), "api_key", new LockedVariable(null, true), "{{ api_key }}");
        RuntimeConfigException e = assertThrows(RuntimeConfigException.class,
                () -> WasmApp.builder(app).build());
        assertEquals("Variable \"api_key\" is required but has no value: no provider resolved required variable \"api_key\"",
                e.getMessage());
    }

    @Test
    void requiredSecretFromTheEnvironmentResolves() throws Exception {
        LockedApp app = withVariable(HostProbe.lock(), "api_key", new LockedVariable(null, true), "key={{ api_key }}");
        assertEquals("ok key=hunter2\n", config(app, Map.of("SPIN_CONFIG_API_KEY", "hunter2"), HostSettings.defaults(),
                "b", "extra"));
    }

    @Test
    void templateNamingAnUndeclaredVariableFailsStartup() throws Exception {
        LockedApp app = withVariable(HostProbe.lock(), "declared", new LockedVariable("x", null), "{{ undeclared }}");
        RuntimeConfigException e = assertThrows(RuntimeConfigException.class,
                () -> WasmApp.builder(app).build());
        assertEquals("Component probe-a: invalid config \"extra\": no variable for \"undeclared\"", e.getMessage());
    }

    /** Adds an app variable and a component config key {@code extra} with {@code template}. */
    private static LockedApp withVariable(LockedApp app, String name, LockedVariable variable, String template) {
        Map<String, LockedVariable> variables = new TreeMap<>(app.variables());
        variables.put(name, variable);
        LockedApp withComponents = HostProbe.withComponents(app, c -> {
            Map<String, String> config = new TreeMap<>(c.config());
            config.put("extra", template);
            return new LockedComponent(c.id(), c.metadata(), c.source(), c.env(), c.files(), config);
        });
        return new LockedApp(0, app.metadata(), variables, withComponents.triggers(), withComponents.components());
    }
}
