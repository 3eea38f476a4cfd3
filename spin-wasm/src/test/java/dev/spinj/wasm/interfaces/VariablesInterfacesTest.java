package dev.spinj.wasm.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.HostServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kv-guest.c's variables and wasi:config calls on {@link SpinInterfaces}: the component's {@code variables} table. */
@Timeout(60)
class VariablesInterfacesTest {
    private HostServices services;
    private SpinGuest guest;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("greeting", "hello {{ who }}");
        variables.put("plain", "static");
        LockedComponent component = new LockedComponent("vars", Map.of(), null, Map.of(), List.of(), variables);
        LockedApp app = new LockedApp(0, Map.of("name", "vars-test"), Map.of("who", new LockedVariable("world", null)),
                List.of(), List.of(component));
        services = HostServices.create(app, Map.of(), HostSettings.defaults());
        guest = new SpinGuest("kv-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private Object call(String function, Object... args) {
        try (var i = guest.instantiate()) {
            return i.call(function, args);
        }
    }

    @Test
    void aVariableOfTheComponentResolvesItsTemplate() {
        assertEquals(ResultValue.ok("hello world"), call("variables-get", "greeting"));
    }

    @Test
    void aNameTheComponentDoesNotHaveIsUndefined() {
        assertEquals(ResultValue.err(new VariantValue("undefined", "no variable for \"vars\".\"missing\"")),
                call("variables-get", "missing"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must not be empty",
        "Greeting|invalid character 'G'. Variable names may contain only lower-case letters, numbers, and underscores.",
        "a-b|invalid character '-'. Variable names may contain only lower-case letters, numbers, and underscores.",
        "1abc|must start with a lowercase ASCII letter",
        "abc_|must end with a lowercase ASCII letter or digit",
        "a__b|must not contain multiple consecutive underscores",
    })
    void anInvalidNameIsInvalidNameWithSpinsReason(String name, String reason) {
        assertEquals(ResultValue.err(new VariantValue("invalid-name", "\"" + name + "\": " + reason)), call("variables-get", name));
    }

    @Test
    void configGetOfAVariableIsSomeValue() {
        assertEquals(ResultValue.ok(Optional.of("hello world")), call("config-get", "greeting"));
    }

    @Test
    void configGetOfAnUndefinedOrInvalidNameIsNone() {
        assertEquals(ResultValue.ok(Optional.empty()), call("config-get", "missing"));
        assertEquals(ResultValue.ok(Optional.empty()), call("config-get", "Not-Valid"));
    }

    @Test
    void configGetAllResolvesEveryVariableOfTheComponent() {
        assertEquals(ResultValue.ok(List.of(List.of("greeting", "hello world"), List.of("plain", "static"))),
                call("config-get-all"));
    }
}
