package io.opsline.monitoring.internal.nagios;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses performance data as the Nagios plugin guidelines define it: space-separated
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, a label quoted with single quotes
 * when it holds spaces or '=' (a quote inside written twice). Real plugins bend the rules, so a
 * malformed item is skipped with a reason and the rest are still read; parsing never fails.
 */
public final class PerfData {

    private static final Pattern VALUE = Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)(.*)");
    private static final Pattern UNIT = Pattern.compile("[a-zA-Z%]{0,3}");

    /** The values read and, for every item that could not be read, why. */
    public record Parsed(List<PerfDatum> data, List<String> problems) {
    }

    private PerfData() {
    }

    public static Parsed parse(String text) {
        var data = new ArrayList<PerfDatum>();
        var problems = new ArrayList<String>();
        if (text == null) {
            return new Parsed(data, problems);
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            var label = new StringBuilder();
            if (text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            label.append('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    label.append(c);
                    i++;
                }
                if (!closed) {
                    problems.add("'" + label + ": the label's quote is not closed");
                    break;
                }
            } else {
                while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                    label.append(text.charAt(i++));
                }
            }
            int itemEnd = i;
            while (itemEnd < n && !Character.isWhitespace(text.charAt(itemEnd))) {
                itemEnd++;
            }
            var rest = text.substring(i, itemEnd);
            i = itemEnd;
            var item = label + rest;
            if (label.isEmpty()) {
                problems.add("'" + item + "': no label");
            } else if (!rest.startsWith("=")) {
                problems.add("'" + item + "': no '=' after the label");
            } else {
                try {
                    data.add(datum(label.toString(), rest.substring(1)));
                } catch (IllegalArgumentException e) {
                    problems.add("'" + item + "': " + e.getMessage());
                }
            }
        }
        return new Parsed(List.copyOf(data), List.copyOf(problems));
    }

    private static PerfDatum datum(String label, String fields) {
        var parts = fields.split(";", -1);
        if (parts.length > 5) {
            throw new IllegalArgumentException("more than five ';'-separated fields");
        }
        Double value;
        String unit;
        if (parts[0].equals("U")) {
            value = null;
            unit = "";
        } else {
            var m = VALUE.matcher(parts[0]);
            if (!m.matches()) {
                throw new IllegalArgumentException("the value '" + parts[0] + "' is not a number");
            }
            value = Double.valueOf(m.group(1));
            unit = m.group(2);
            if (!UNIT.matcher(unit).matches()) {
                throw new IllegalArgumentException("'" + unit + "' is not a unit of measure");
            }
        }
        return new PerfDatum(label, value, unit, range(parts, 1), range(parts, 2), number(parts, 3),
                number(parts, 4));
    }

    private static ThresholdRange range(String[] parts, int index) {
        return index < parts.length && !parts[index].isBlank() ? ThresholdRange.parse(parts[index]) : null;
    }

    private static Double number(String[] parts, int index) {
        if (index >= parts.length || parts[index].isBlank()) {
            return null;
        }
        var m = VALUE.matcher(parts[index]);
        // Some plugins repeat the unit on min and max ("0MB"); the number is what counts.
        if (!m.matches() || !UNIT.matcher(m.group(2)).matches()) {
            throw new IllegalArgumentException("'" + parts[index] + "' is not a number");
        }
        return Double.valueOf(m.group(1));
    }
}
