package dev.spinj.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes like {@code 256MiB}, {@code 64m}, {@code 32KiB} or plain bytes; units are powers of 1024. */
final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new TypeConversionException("'" + text + "' is not a size (e.g. 256MiB, 64m, 1048576)");
        }
        long number = Long.parseLong(t.substring(0, split));
        long unit = switch (t.substring(split).trim()) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw new TypeConversionException("'" + text + "' has an unknown unit (use B, KiB, MiB or GiB)");
        };
        return Math.multiplyExact(number, unit);
    }
}
