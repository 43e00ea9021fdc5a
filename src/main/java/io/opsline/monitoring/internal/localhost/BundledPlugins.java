package io.opsline.monitoring.internal.localhost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.opsline.platform.PlatformProperties;

/**
 * The Nagios-compatible plugins that come with Opsline (today {@value #MEMORY}, as Debian's
 * monitoring-plugins have no memory check), installed at start-up into {@code plugins} in the
 * data directory, one of the plugin directories by default. An installed copy that differs from
 * the bundled one (an older version, or edited) is replaced: to change one, copy it under
 * another name.
 */
@Component
class BundledPlugins {

    static final String MEMORY = "check_memory";
    private static final List<String> NAMES = List.of(MEMORY);
    private static final Logger log = LoggerFactory.getLogger(BundledPlugins.class);

    private final Path directory;

    BundledPlugins(PlatformProperties platform) {
        this.directory = platform.dataDir().resolve("plugins");
    }

    /** Writes every bundled plugin that is missing or differs; one that cannot be written is logged and skipped. */
    void install() {
        for (var name : NAMES) {
            var target = directory.resolve(name);
            try {
                var content = bundled(name);
                if (Files.isRegularFile(target) && Files.isExecutable(target)
                        && Arrays.equals(Files.readAllBytes(target), content)) {
                    continue;
                }
                Files.createDirectories(directory);
                // Written beside it and moved over it, so a check running it meanwhile never sees half a file.
                var temp = Files.createTempFile(directory, "." + name + "-", ".tmp");
                try {
                    Files.write(temp, content);
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
                log.info("Installed the bundled plugin {} in {}", name, directory.toAbsolutePath().normalize());
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("Could not install the bundled plugin {} in {}: {}; checks that use it will be UNKNOWN", name,
                        directory.toAbsolutePath().normalize(), e.toString());
            }
        }
    }

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = BundledPlugins.class.getResourceAsStream("/monitoring/plugins/" + name)) {
            if (in == null) {
                throw new IOException("the bundled plugin " + name + " is missing from the application");
            }
            return in.readAllBytes();
        }
    }
}
