package dev.spinj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The templates shipped in the jar. A jar's resources cannot be listed portably, so
 * {@code templates/catalog.txt} names them and each {@code template.properties} names its files.
 */
final class TemplateCatalog {
    private final List<Template> templates;

    private TemplateCatalog(List<Template> templates) {
        this.templates = templates;
    }

    static TemplateCatalog bundled() {
        List<Template> templates = new ArrayList<>();
        for (String id : read("/templates/catalog.txt").strip().split("\\s+")) {
            templates.add(load(id));
        }
        return new TemplateCatalog(List.copyOf(templates));
    }

    List<Template> templates() {
        return templates;
    }

    Optional<Template> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private static Template load(String id) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(read("/templates/" + id + "/template.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Template.Parameter> parameters = new ArrayList<>();
        for (String name : list(properties.getProperty("parameters", ""))) {
            parameters.add(new Template.Parameter(name, properties.getProperty("parameter." + name + ".prompt", name),
                    properties.getProperty("parameter." + name + ".default", "")));
        }
        return new Template(id, properties.getProperty("description", ""), list(properties.getProperty("files", "")), parameters);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A missing resource is a broken jar, not a user error. */
    private static String read(String resource) {
        try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the spinj jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
