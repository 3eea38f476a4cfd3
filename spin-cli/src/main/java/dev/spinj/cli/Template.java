package dev.spinj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One application template shipped in the jar under {@code templates/<id>/}: its
 * {@code content/} files, written out with {@code {{ name }}} and {@code {{ name | filter }}}
 * replaced (filters: {@code kebab_case}, {@code snake_case}), the way Spin's templates read.
 *
 * @param files      paths under {@code content/}, '/'-separated
 * @param parameters what {@code spin new} asks for besides {@code project-name}, in order
 */
record Template(String id, String description, List<String> files, List<Parameter> parameters) {
    static final String PROJECT_NAME = "project-name";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9-]*)\\s*(?:\\|\\s*([a-z_]+)\\s*)?}}");

    /** @param defaultValue what {@code --accept-defaults} (or a non-interactive run) uses */
    record Parameter(String name, String prompt, String defaultValue) {}

    /** Writes the rendered files under {@code directory}, which must not exist yet or be empty. */
    void writeTo(Path directory, Map<String, String> values) throws IOException, CliException {
        for (String file : files) {
            String resource = "/templates/" + id + "/content/" + file;
            String text;
            try (InputStream in = Template.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("template file " + resource + " is missing from the jar");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, render(text, values, file));
        }
    }

    private String render(String text, Map<String, String> values, String file) throws CliException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new CliException("Template " + id + " uses {{" + m.group(1) + "}} in " + file
                        + " but defines no such parameter; pass it with --value " + m.group(1) + "=<VALUE>");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(filter(m.group(2), value, file)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String filter(String name, String value, String file) throws CliException {
        if (name == null) {
            return value;
        }
        String words = value.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return switch (name) {
            case "kebab_case" -> words.replace(' ', '-');
            case "snake_case" -> words.replace(' ', '_');
            default -> throw new CliException("Template " + id + " uses the unknown filter '" + name + "' in " + file
                    + " (known: kebab_case, snake_case)");
        };
    }
}
