import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Figures as key=value lines, written by a run and read back for the table. */
final class Results {
    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, Object value) {
        values.put(key, String.valueOf(value).replace('\n', ' '));
    }

    void write(Path file) throws IOException {
        var text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
    }

    static Map<String, String> read(Path file) throws IOException {
        var map = new LinkedHashMap<String, String>();
        for (var line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }
}
