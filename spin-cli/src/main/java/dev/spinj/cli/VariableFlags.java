package dev.spinj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * {@code --variable} values (Spin 3.4+, {@code crates/variables-static/src/source.rs}):
 * {@code key=value}, {@code key=@file} (the file's content), or {@code @file.json} /
 * {@code @file.toml} (a table of string values). Later flags win. The trigger gives them to the
 * guest ahead of every other provider.
 */
final class VariableFlags {
    private VariableFlags() {}

    static Map<String, String> parse(List<String> flags) throws CliException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String flag : flags) {
            if (flag.startsWith("@")) {
                values.putAll(file(Path.of(flag.substring(1))));
                continue;
            }
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new CliException("variables must be in the form 'key=value' or '@file'");
            }
            String value = flag.substring(eq + 1);
            values.put(flag.substring(0, eq), value.startsWith("@") ? read(Path.of(value.substring(1))) : value);
        }
        return values;
    }

    /**
     * As the environment variables the trigger's first provider reads: {@code SPIN_VARIABLE_<KEY>}
     * for a Spin 2+ app, {@code SPIN_CONFIG_<KEY>} for a Spin 1 app.
     */
    static Map<String, String> asEnvironment(Map<String, String> values, boolean spin2App) {
        Map<String, String> env = new LinkedHashMap<>();
        String prefix = spin2App ? "SPIN_VARIABLE_" : "SPIN_CONFIG_";
        values.forEach((key, value) -> env.put(prefix + key.toUpperCase(java.util.Locale.ROOT), value));
        return env;
    }

    private static Map<String, String> file(Path file) throws CliException {
        String name = file.getFileName().toString();
        Map<String, String> values = new LinkedHashMap<>();
        if (name.endsWith(".json")) {
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(read(file));
            } catch (IOException e) {
                throw new CliException("invalid variable file " + file + ": " + e.getMessage());
            }
            if (!json.isObject()) {
                throw new CliException("invalid variable file " + file + ": expected a JSON object of strings");
            }
            for (var field : json.properties()) {
                if (!field.getValue().isTextual()) {
                    throw new CliException("invalid variable file " + file + ": \"" + field.getKey() + "\" is not a string");
                }
                values.put(field.getKey(), field.getValue().asText());
            }
            return values;
        }
        if (name.endsWith(".toml")) {
            TomlParseResult toml = Toml.parse(read(file));
            if (toml.hasErrors()) {
                throw new CliException("invalid variable file " + file + ": " + toml.errors().get(0));
            }
            for (String key : toml.keySet()) {
                if (!(toml.get(List.of(key)) instanceof String value)) {
                    throw new CliException("invalid variable file " + file + ": \"" + key + "\" is not a string");
                }
                values.put(key, value);
            }
            return values;
        }
        throw new CliException("variable files must end in .json or .toml");
    }

    private static String read(Path file) throws CliException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliException("could not read variable file " + file + ": " + e.getMessage());
        }
    }
}
