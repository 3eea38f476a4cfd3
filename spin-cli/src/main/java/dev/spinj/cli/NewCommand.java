package dev.spinj.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spin new}: writes a new application from one of the bundled templates. */
@Command(name = "new", description = "Scaffold a new application from a template.", mixinStandardHelpOptions = true)
final class NewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "[TEMPLATE_ID] [NAME]", arity = "0..2",
            description = "The template to use (unless given with -t) and the name of the new application.")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-t", "--template"}, paramLabel = "<TEMPLATE_ID>", description = "The template to use (see `spin templates list`).")
    String templateId;

    @Option(names = {"-o", "--output"}, paramLabel = "<OUTPUT_PATH>", description = "The directory to write to (default: ./<NAME>).")
    Path output;

    @Option(names = "--value", paramLabel = "<NAME=VALUE>", description = "A template parameter's value (repeatable).")
    List<String> valueArgs = new ArrayList<>();

    @Option(names = "--accept-defaults", description = "Use the default for every parameter not given with --value, without asking.")
    boolean acceptDefaults;

    @Override
    public Integer call() throws CliException, IOException {
        TemplateCatalog catalog = TemplateCatalog.bundled();
        List<String> args = new ArrayList<>(positional);
        // the console exists only when stdin and stdout are terminals: otherwise nobody can answer
        Console console = System.console();
        String id = templateId != null ? templateId : args.isEmpty() ? ask(console, "Pick a template", null) : args.remove(0);
        if (id == null) {
            throw new CliException("No template given; run `spin new <TEMPLATE_ID> <NAME>` with one of: " + ids(catalog));
        }
        Template template = catalog.find(id).orElseThrow(() -> new CliException(
                "Unknown template '" + id + "'; run `spin templates list` to see the available ones (" + ids(catalog) + ")"));
        if (args.size() > 1) {
            throw new CliException("Unexpected argument '" + args.get(1) + "'; run `spin new [TEMPLATE_ID] [NAME]`");
        }
        Map<String, String> values = parseValues(valueArgs);
        String name = args.isEmpty() ? values.get(Template.PROJECT_NAME) : args.get(0);
        if (name == null) {
            name = ask(console, "Enter a name for your new application", null);
        }
        if (name == null || name.isBlank()) {
            throw new CliException("No application name given; run `spin new " + id + " <NAME>`");
        }
        values.put(Template.PROJECT_NAME, name);
        for (Template.Parameter parameter : template.parameters()) {
            if (!values.containsKey(parameter.name())) {
                String answer = acceptDefaults ? null : ask(console, parameter.prompt(), parameter.defaultValue());
                values.put(parameter.name(), answer == null ? parameter.defaultValue() : answer);
            }
        }
        Path directory = (output != null ? output : Path.of(name)).toAbsolutePath().normalize();
        if (Files.exists(directory) && !isEmptyDirectory(directory)) {
            throw new CliException("Cannot create the application in " + directory + ": it already exists and is not empty; "
                    + "choose another name or --output directory");
        }
        template.writeTo(directory, values);
        System.out.println("Created " + name + " from template " + id + " in " + directory);
        System.out.println("Build and run it with: cd " + Path.of("").toAbsolutePath().relativize(directory) + " && spin build --up");
        return 0;
    }

    /** Asks on the terminal; null when there is none (use the default) or the answer is empty. */
    private static String ask(Console console, String prompt, String defaultValue) {
        if (console == null) {
            return null;
        }
        String line = console.readLine("%s%s: ", prompt, defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]");
        return line == null || line.isBlank() ? null : line.strip();
    }

    private static Map<String, String> parseValues(List<String> pairs) throws CliException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliException("Invalid value '" + pair + "' for '--value <NAME=VALUE>'; write it as name=value");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String ids(TemplateCatalog catalog) {
        return String.join(", ", catalog.templates().stream().map(Template::id).toList());
    }
}
