package dev.spinj.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spin templates}: the templates {@code spin new} can use (only the bundled ones). */
@Command(name = "templates", description = "Commands for working with the templates `spin new` uses.",
        mixinStandardHelpOptions = true)
final class TemplatesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", description = "List the installed templates.", mixinStandardHelpOptions = true)
    void list() {
        print(TemplateCatalog.bundled(), System.out);
    }

    static void print(TemplateCatalog catalog, PrintStream out) {
        int width = "Name".length();
        for (Template t : catalog.templates()) {
            width = Math.max(width, t.id().length());
        }
        String row = "%-" + width + "s  %s%n";
        out.printf(row, "Name", "Description");
        out.printf(row, "-".repeat(width), "-".repeat("Description".length()));
        for (Template t : catalog.templates()) {
            out.printf(row, t.id(), t.description());
        }
        out.flush();
    }
}
