package io.opsline.monitoring.internal.nagios;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A unit of measure of performance data and how a value in it becomes one in its base unit:
 * times in seconds, sizes in bytes. Prefixes are read as Icinga 2 reads them: {@code kB}, {@code KB}
 * and {@code MB} are powers of 1000, {@code KiB} and {@code MiB} powers of 1024. Any other unit
 * ({@code %}, {@code c}, none, or one no guideline names) is its own base.
 *
 * @param factor how many base units one of this unit is
 */
public record UnitOfMeasure(String symbol, String base, BigDecimal factor) {

    private static final Map<String, UnitOfMeasure> SCALED = new HashMap<>();

    static {
        scaled("ms", "s", new BigDecimal("1e-3"));
        scaled("us", "s", new BigDecimal("1e-6"));
        scaled("ns", "s", new BigDecimal("1e-9"));
        var kilo = BigDecimal.valueOf(1000);
        var kibi = BigDecimal.valueOf(1024);
        String[] decimal = {"KB", "MB", "GB", "TB", "PB"};
        String[] binary = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        for (int i = 0; i < decimal.length; i++) {
            scaled(decimal[i], "B", kilo.pow(i + 1));
            scaled(binary[i], "B", kibi.pow(i + 1));
        }
        scaled("kB", "B", kilo);
    }

    private static void scaled(String symbol, String base, BigDecimal factor) {
        SCALED.put(symbol, new UnitOfMeasure(symbol, base, factor));
    }

    /** The unit written as {@code symbol} (case matters: {@code MB} is not {@code mb}). */
    public static UnitOfMeasure of(String symbol) {
        var known = SCALED.get(symbol);
        return known != null ? known : new UnitOfMeasure(symbol, symbol, BigDecimal.ONE);
    }

    public boolean isBase() {
        return symbol.equals(base);
    }

    /** A value in this unit, in the base unit; computed in decimal, so 250 ms are exactly 0.25 s. */
    public double toBase(double value) {
        return isBase() ? value : BigDecimal.valueOf(value).multiply(factor).doubleValue();
    }

    /** A threshold set in this unit, in the base unit; null stays null. */
    public ThresholdRange toBase(ThresholdRange range) {
        return range == null || isBase() ? range : range.times(factor);
    }
}
